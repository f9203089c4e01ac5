// The demo bank lives in the compiled binary: its data is bundled and its PNGs are embedded by
// Bun's file imports. A probe compiled with the same flags as `npm run build` (compileFlags) adds the demo
// bank to a fresh folder, outside the source tree, and the pictures come out byte for byte.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_IMAGE_NAMES, demoImageBytes } from "../../src/questions/demo/images.ts";
import { compileFlags } from "../../src/release/targets.ts";

const ROOT = join(import.meta.dir, "..", "..");
const work = mkdtempSync(join(tmpdir(), "tmc-demo-bin-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the demo bank in a compiled binary", () => {
  test("adds 42 questions with their 4 pictures, idempotently, from a binary run outside the repo", () => {
    const args = [...compileFlags("test"), "test/build/demo-probe.ts", "--outfile", join(work, "probe")];
    const build = Bun.spawnSync([process.execPath, ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    expect(build.stderr.toString()).not.toContain("error");
    expect(build.exitCode).toBe(0);
    const run = Bun.spawnSync([join(work, "probe"), join(work, "data"), "en"], { cwd: work, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
    expect(run.stderr.toString()).toBe("");
    const out = JSON.parse(run.stdout.toString()) as { circlePath: string; compiled: boolean; first: unknown; second: unknown; questions: number; images: { sha256: string; size: number }[]; mathml: boolean; problems: number };
    expect(out).toMatchObject({ compiled: true, first: { ok: true, created: 42, updated: 0 }, second: { ok: true, created: 0, updated: 42 }, questions: 42, mathml: true, problems: 0 });
    // the pictures are read from inside the executable, not from the source tree
    expect(out.circlePath.startsWith("/$bunfs/")).toBe(true);
    const expected = DEMO_IMAGE_NAMES.map((n) => new Bun.CryptoHasher("sha256").update(demoImageBytes(n)).digest("hex")).sort();
    expect(out.images.map((i) => i.sha256).sort()).toEqual(expected);
  }, 120_000);
});
