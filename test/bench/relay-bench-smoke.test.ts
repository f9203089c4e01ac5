// The Relay Quiz bench, tiny: one game of 4 teams × 4 phones playing every cycle with short
// thinking times, against the source server. Checks that `npm run bench -- --round relay` runs end
// to end and reports every figure, with no unexpected error, no missed update, scores = ledger.
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("relay bench: 1 game × 4 teams × 4 phones (--per-game 16) through every cycle — full report, 0 errors, 0 missed, scores = ledger", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tmc-relay-bench-smoke-"));
  const out = join(dir, "out.json");
  try {
    const proc = Bun.spawn([process.execPath, "test/bench/bench.ts", "--round", "relay", "--games", "1", "--teams", "4", "--per-game", "16", "--think", "50-250", "--server", "src", "--json", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stdout}\n${stderr}`);
    const r = JSON.parse(readFileSync(out, "utf8"));
    expect(r).toMatchObject({ round: "relay", games: 1, teams: 4, members: 4, phones: 16, cycles: 4 });
    for (const key of ["count", "p50Ms", "p99Ms", "maxMs", "results", "errors"]) expect(r.answers).toHaveProperty(key);
    for (const key of ["p50Ms", "p99Ms", "maxMs", "changes", "missed", "phone", "screen", "teacher"]) expect(r.fanout).toHaveProperty(key);
    expect(r.join.errors).toEqual({});
    expect(r.answers.errors).toEqual({});
    expect(r.answers.count).toBe(64);
    // Every team moved through 4 cycles and finished: 4 changes each, seen by every phone and the projector.
    expect(r.fanout.changes).toBe(16);
    expect(r.fanout.phone.count).toBe(64);
    expect(r.fanout.missed).toBe(0);
    expect(r.fanout.unexpectedCloses).toBe(0);
    // What the streams carried while playing, per kind of screen.
    for (const kind of ["phone", "screen", "teacher"]) expect(r.traffic[kind].bytes).toBeGreaterThan(0);
    expect(r.verify).toMatchObject({ teams: 4, finishedTeams: 4, scoreMismatches: 0, ledgerTeams: 4, ledgerMismatches: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
