// The start-up bench, tiny: the release packing only, 2 finished games, 2 starts. Checks that
// `npm run bench -- --startup` runs end to end and reports every figure; the real run is
// `npm run bench -- --startup` (100 games, every packing, 10 starts each).
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("bench --startup: builds, fills the database with finished games, reports size and cold-start times", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tmc-startup-smoke-"));
  const out = join(dir, "out.json");
  try {
    const proc = Bun.spawn([process.execPath, "test/bench/bench.ts", "--startup", "--startup-games", "2", "--startup-runs", "2", "--startup-variants", "release", "--json", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stdout}\n${stderr}`);
    const r = JSON.parse(readFileSync(out, "utf8"));
    expect(r).toMatchObject({ games: 2, runs: 2, database: { participants: 16, answers: 48 } });
    expect(r.variants.map((v: { variant: string }) => v.variant)).toEqual(["release", "floor (Bun.serve)"]);
    const release = r.variants[0];
    expect(release.release).toBe(true);
    expect(release.sizeMb).toBeGreaterThan(50);
    for (const key of ["firstMs", "p50Ms", "p95Ms", "maxMs", "minMs", "rssMb"]) expect(release[key]).toBeGreaterThan(0);
    expect(stdout).toContain("target < 300 ms");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
