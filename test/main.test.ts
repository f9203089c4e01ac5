// Start-up as a teacher sees it: the printed addresses, the port fallback, a clean SIGTERM.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startChild, type Child } from "./support/child-server.ts";

const children: Child[] = [];
afterAll(() => { for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL"); });

describe("start-up", () => {
  test("when the port is taken it moves to the next free one and says so; it prints the LAN addresses", async () => {
    const port = await freePort();
    const blocker = Bun.serve({ port, hostname: "0.0.0.0", fetch: () => new Response("busy") });
    try {
      const child = await startChild(["--data", mkdtempSync(join(tmpdir(), "tmc-main-")), "--port", String(port), "--admin-password", "x"], { preferBinary: false });
      children.push(child);
      expect(child.port).toBeGreaterThan(port);
      expect(child.output()).toContain(`Port ${port} is in use`);
      expect(child.output()).toMatch(/Students open[^\n]*\n\s+http:\/\/\d+\.\d+\.\d+\.\d+:\d+/);
      expect((await fetch(`${child.url}/api/health`)).status).toBe(200);
      child.proc.kill("SIGTERM");
      expect(await child.proc.exited).toBe(0);
    } finally {
      blocker.stop(true);
    }
  }, 30_000);

  test("a second TMC on the same data folder stops with a clear message; the first keeps running", async () => {
    const data = mkdtempSync(join(tmpdir(), "tmc-main-"));
    const first = await startChild(["--data", data, "--port", String(await freePort()), "--admin-password", "x"], { preferBinary: false });
    children.push(first);
    const second = Bun.spawn([process.execPath, join(import.meta.dir, "..", "src", "main.ts"), "--data", data, "--port", String(await freePort()), "--admin-password", "x"], { stdout: "pipe", stderr: "pipe" });
    expect(await second.exited).toBe(1);
    const err = await new Response(second.stderr as ReadableStream).text();
    expect(err).toContain("is TMC already running?");
    expect(err).toContain("--data");
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    first.proc.kill("SIGTERM");
    expect(await first.proc.exited).toBe(0);
  }, 30_000);

  test("a bad flag stops start-up with a clear message", () => {
    const r = Bun.spawnSync([process.execPath, join(import.meta.dir, "..", "src", "main.ts"), "--port", "abc"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.toString()).toContain("must be a whole number");
  });
});
