// The load bench, tiny: 40 students in 4 teams, 40 answers/s for 5 s against the source server.
// Checks that the bench runs end to end and its report has every field, with no unexpected
// error and no stream missing an update. The real runs (2,000 students) are `npm run bench`.
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("bench: 40 students, 40 answers/s for 5 s — full report, 0 unexpected errors, 0 missed updates", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tmc-bench-smoke-"));
  const out = join(dir, "out.json");
  try {
    const proc = Bun.spawn([process.execPath, "test/bench/bench.ts", "--students", "40", "--teams", "4", "--rate", "40", "--duration", "5", "--warmup", "1", "--max-seconds", "2", "--max-rounds", "1", "--server", "src", "--json", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stdout}\n${stderr}`);
    const r = JSON.parse(readFileSync(out, "utf8"));
    for (const key of ["students", "rate", "durationSeconds", "join", "submit", "fanout", "server", "baseline", "ratio"]) expect(r).toHaveProperty(key);
    expect(r).toMatchObject({ students: 40, rate: 40, durationSeconds: 5 });
    // The server's default limits are on, each phone sending from its own address, and the report says so.
    expect(r.rateLimits).toBe("on");
    expect(r.limits).toMatchObject({ joinPerAddress: "60/1m", answerPerSeat: "200/5m", answerPerAddress: "600/1m", streamsPerDevice: "24" });
    for (const key of ["seconds", "errors"]) expect(r.join).toHaveProperty(key);
    for (const key of ["count", "throughput", "p50Ms", "p95Ms", "p99Ms", "maxMs", "errors"]) expect(r.submit).toHaveProperty(key);
    for (const key of ["p50Ms", "p99Ms", "maxMs", "missed"]) expect(r.fanout).toHaveProperty(key);
    for (const key of ["peakRssMb", "cpuSeconds"]) expect(r.server).toHaveProperty(key);
    expect(r.baseline.throughput).toBeGreaterThan(0);
    expect(r.ratio).toBeGreaterThan(0);
    // Only already_found / invalid_expression are expected refusals; they are counted apart.
    expect(r.join.errors).toEqual({});
    expect(r.submit.errors).toEqual({});
    expect(r.submit.count).toBeGreaterThan(150);
    expect(r.submit.expected.correct).toBeGreaterThan(0);
    expect(r.fanout.updates).toBeGreaterThan(0);
    expect(r.fanout.missed).toBe(0);
    expect(r.streams.unexpectedCloses).toBe(0);
    expect(r.verify.foundMismatch).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 40_000);
