// The event bench, small: `--event --scale 0.04` (4 Year Game games × 40, 2 Score Steal games of
// 20 teams × 2 in two brackets, 2 relay games × 20 teams × 4 = 400 phones, each from its own
// address, the server's default limits on), 15 s of play and the restart storm, against the
// source server. Checks the whole scenario runs and its JSON has every figure, with no unexpected
// error, no missed update, every stream back after the restart, every score equal to its ledger.
// The real run is `npm run bench -- --event` (10,000 phones).
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("bench --event at scale 0.04: every round type at once, then a restart storm — 0 errors, 0 missed, all streams back, scores = ledger", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tmc-event-smoke-"));
  const out = join(dir, "out.json");
  try {
    const proc = Bun.spawn([process.execPath, "test/bench/bench.ts", "--event", "--scale", "0.04", "--duration", "15", "--steal-every", "7", "--steal-tap", "1", "--think", "200-1000", "--sample-every", "5", "--server", "src", "--json", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stdout}\n${stderr}`);
    const r = JSON.parse(readFileSync(out, "utf8"));
    expect(r).toMatchObject({ scenario: "event", phones: 400, games: 8, sizes: { yg: 160, steal: 80, relay: 160 } });
    expect(r.limits).toMatchObject({ joinPerAddress: "60/1m", answerPerSeat: "200/5m", streamsPerDevice: "24", createPerDevice: "5/1h" });
    for (const k of ["yearGame", "scoreSteal", "relay"]) {
      for (const f of ["count", "p50Ms", "p99Ms", "maxMs"]) {
        expect(r[k].answers).toHaveProperty(f);
        expect(r[k].fanout).toHaveProperty(f);
      }
      expect(r[k].answers.count).toBeGreaterThan(0);
      expect(r[k].fanout.count).toBeGreaterThan(0);
      expect(r[k].answers.errors).toEqual({});
    }
    for (const f of ["p50Ms", "p99Ms", "maxMs"]) expect(r.scoreSteal.open.phone).toHaveProperty(f);
    // Answer p99 by 10 s of play: one window per 10 s of the Year Game's load, each within the run's range.
    expect(r.yearGame.answers.p99By10s).toHaveLength(Math.ceil(r.durationSeconds / 10));
    for (const k of ["yearGame", "relay"]) {
      expect(r[k].answers.p99By10s.length).toBeGreaterThan(0);
      expect(Math.max(...r[k].answers.p99By10s)).toBeLessThanOrEqual(r[k].answers.maxMs);
      expect(Math.max(...r[k].answers.p99By10s)).toBeGreaterThan(0);
    }
    // Year Game and relay fan-out, split into the phones and the projectors (the two together are
    // the fan-out); the Year Game's p99 by 10 s of play too, each window within the run's range.
    for (const k of ["yearGame", "relay"]) {
      expect(r[k].fanout.phones.count + r[k].fanout.projector.count).toBe(r[k].fanout.count);
      expect(Math.max(r[k].fanout.phones.maxMs, r[k].fanout.projector.maxMs)).toBe(r[k].fanout.maxMs);
    }
    expect(r.yearGame.fanout.p99By10s.length).toBeGreaterThan(0);
    expect(Math.max(...r.yearGame.fanout.p99By10s)).toBeLessThanOrEqual(r.yearGame.fanout.maxMs);
    expect(Math.max(...r.yearGame.fanout.p99By10s)).toBeGreaterThan(0);
    // Every phone saw every question; a winner in every bracket of every question.
    expect(r.scoreSteal.questions).toBeGreaterThanOrEqual(2);
    expect(r.scoreSteal.open.phone.count).toBe(r.sizes.steal * r.scoreSteal.questions);
    expect(r.scoreSteal.winners).toBe(`${r.scoreSteal.questions * 4}/${r.scoreSteal.questions * 4}`);
    expect(r.relay.rounds).toBeGreaterThanOrEqual(1);
    expect(r.join.errors).toEqual({});
    expect(r.relay.endErrors).toEqual({});
    expect(r.scoreSteal.teacherErrors).toEqual({});
    expect(r.scoreSteal.problems).toEqual([]);
    expect(r.yearGame.fanout.missed + r.scoreSteal.missed + r.relay.fanout.missed).toBe(0);
    expect(r.streams).toMatchObject({ expected: 416, openAtEnd: 416, serverAtEnd: 416, unexpectedCloses: 0 });
    expect(r.yearGame.findsMatch).toBe(true);
    expect(r.relay.scoresMatchAnswers).toBe(true);
    expect(r.ledger).toEqual({ teams: 8 * 20, mismatches: 0 });
    // The server's own figures: event-loop delay from /api/health, peak RSS, fds.
    expect(r.server.eventLoop.sinceStart.samples).toBeGreaterThan(0);
    expect(r.server.peakRssMb).toBeGreaterThan(0);
    // The sample of most RSS, split (/api/health): the executable's pages and the JS heap lie within it.
    const m = r.server.memoryAtPeak;
    expect(m.rssFileMb).toBeGreaterThan(5);
    expect(m.heapTotalMb).toBeGreaterThan(0);
    expect(m.externalMb).toBeGreaterThan(0);
    expect(m.rssFileMb + m.heapTotalMb + m.externalMb).toBeLessThan(m.rssMb);
    expect(r.server.fdsPeak).toBeGreaterThan(416);
    // The storm: every phone's and projector's stream came back by itself after SIGKILL + restart.
    expect(r.storm.streams).toBe(400 + 8);
    expect(r.storm.back).toBe(r.storm.streams);
    expect(r.storm.fromKill.count).toBe(r.storm.streams);
    for (const t of r.targets) expect(t).toHaveProperty("ok");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 90_000);
