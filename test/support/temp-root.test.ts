import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { tmpdir } from "node:os";

const ROOT = join(import.meta.dir, "../..");

test("a run's temporary folders live under one folder of the run", () => {
  expect(basename(tmpdir())).toStartWith("tmc-test-run-");
  expect(existsSync(tmpdir())).toBe(true);
});

test("a folder a test leaves behind is gone when its run ends", async () => {
  const run = Bun.spawn([process.execPath, "test", "./test/support/fixtures/temp-root-leaver.ts"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [out, err] = await Promise.all([new Response(run.stdout).text(), new Response(run.stderr).text()]);
  expect(await run.exited).toBe(0);
  const left = /LEFT (\S+)/.exec(out + err)?.[1];
  expect(left).toBeDefined();
  expect(basename(dirname(left!))).toStartWith("tmc-test-run-");
  expect(existsSync(left!)).toBe(false);
  expect(existsSync(dirname(left!))).toBe(false);
});
