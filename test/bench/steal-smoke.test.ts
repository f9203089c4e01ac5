// The Score Steal bench, tiny: one game of 4 teams × 3 phones in two brackets, and 2 classes of
// 4 teams × 3 phones, 2 questions each, against the source server with its default limits. Checks
// that `--round score-steal` runs end to end and its JSON has every field, with no unexpected
// error, no missed update, one winner per bracket and every score equal to its ledger. The real
// runs (1,000 and 2,000 phones) are `npm run bench -- --round score-steal`.
import { expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

test("bench --round score-steal: 2 shapes × 2 questions — full report, 0 unexpected errors, 0 missed, one winner per bracket, scores = ledger", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tmc-steal-smoke-"));
  const out = join(dir, "out.json");
  try {
    const proc = Bun.spawn([process.execPath, "test/bench/bench.ts", "--round", "score-steal", "--steal-big", "4x3x2", "--steal-classes", "2x4x3", "--steal-questions", "2", "--steal-tap", "1", "--steal-pause", "0.3", "--steal-correct", "0.8", "--server", "src", "--json", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    const [code, stdout, stderr] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`bench exited ${code}:\n${stdout}\n${stderr}`);
    const r = JSON.parse(readFileSync(out, "utf8"));
    expect(r).toMatchObject({ round: "score-steal", rateLimits: "on", questionsPerShape: 2, tapSeconds: 1 });
    // The server's default limits, stated in the report.
    expect(r.limits).toMatchObject({ joinPerAddress: "60/1m", answerPerSeat: "200/5m", answerPerAddress: "600/1m", streamsPerDevice: "24", createPerDevice: "5/1h" });
    expect(Object.keys(r.shapes)).toEqual(["big", "classes"]);
    expect(r.shapes.big).toMatchObject({ games: 1, teams: 4, perTeam: 3, brackets: 2, phones: 12 });
    expect(r.shapes.classes).toMatchObject({ games: 2, teams: 4, perTeam: 3, brackets: 1, phones: 24 });
    for (const s of Object.values(r.shapes) as any[]) {
      for (const k of ["request", "phone", "screen"]) for (const f of ["p50Ms", "p99Ms", "maxMs"]) expect(s.open[k]).toHaveProperty(f);
      for (const k of ["all", "team"]) for (const f of ["count", "p50Ms", "p99Ms", "maxMs"]) expect(s.answers[k]).toHaveProperty(f);
      for (const k of ["fanout", "phone", "screen", "request"]) for (const f of ["p50Ms", "p99Ms", "maxMs"]) expect(s.steal[k]).toHaveProperty(f);
      for (const k of ["peakRssMb", "cpuSeconds", "burstCpuPercent"]) expect(s.server).toHaveProperty(k);
      for (const k of ["loadAvgStart", "loadAvgEnd", "otherCpuPercent"]) expect(s.machine).toHaveProperty(k);
      expect(s.perQuestion).toHaveLength(2);
      // Every phone saw both questions and tapped each once; each team answered once per question.
      expect(s.open.phone.count).toBe(s.phones * 2);
      expect(s.answers.count).toBe(s.phones * 2);
      expect(s.answers.team.count).toBe(s.games * s.teams * 2);
      expect(s.answers.expected["409 team_already_answered"]).toBe(s.games * s.teams * (s.perTeam - 1) * 2);
      expect(s.join.errors).toEqual({});
      expect(s.answers.errors).toEqual({});
      expect(s.teacherErrors).toEqual({});
      expect(s.teamAnswerMismatches).toBe(0);
      expect(s.problems).toEqual([]);
      expect(s.open.missed + s.steal.missed + s.roundPanelMissing).toBe(0);
      expect(s.streams.unexpectedCloses).toBe(0);
      expect(s.streams.openAtEnd).toBe(s.streams.expected);
      expect(s.winners.ok).toBe(s.winners.brackets);
      expect(s.winners.brackets).toBe(s.games * s.brackets * 2);
      // A steal for every bracket with a winner, unless its one rival was shielded (then the points came from nobody).
      expect(s.steal.count + s.steal.fromNobody).toBe(s.winners.brackets - s.winners.noCorrect);
      expect(s.steal.count).toBeGreaterThan(0);
      expect(s.ledger).toEqual({ teams: s.games * s.teams, mismatches: 0 });
    }
    expect(r.targets.length).toBeGreaterThan(0);
    for (const t of r.targets) expect(t).toHaveProperty("ok");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 40_000);
