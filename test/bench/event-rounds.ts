// The event bench's rounds over time: the Relay Quiz played again and again (a new round as soon
// as every team of every game has finished the last one), and Score Steal questions opened on a
// fixed beat (one every `everyMs` in each game), both until a deadline. Each collects what the
// round's own classes measure (relay-class.ts, steal-play.ts), round after round.
import type { RelayClass } from "./relay-class.ts";
import type { StealClass } from "./steal-classroom.ts";
import type { QuestionResult, StealPlay } from "./steal-play.ts";
import { dist, Samples, Tally } from "./stats.ts";

export type RelayRun = { rounds: number; phone: Samples; screen: Samples; teacher: Samples; missed: number; changes: number; endErrors: Tally };

/** Plays relay rounds until `deadline` (performance.now()); the round under way when it passes is finished. */
export async function playRelayUntil(room: RelayClass, deadline: number, log: (m: string) => void): Promise<RelayRun> {
  const run: RelayRun = { rounds: 0, phone: new Samples(), screen: new Samples(), teacher: new Samples(), missed: 0, changes: 0, endErrors: new Tally() };
  for (;;) {
    const t0 = performance.now();
    await room.play();
    run.rounds++;
    await room.settle();
    const f = room.fanout();
    for (const k of ["phone", "screen", "teacher"] as const) for (const v of f[k].values()) run[k].push(v);
    run.missed += f.missed;
    run.changes += f.changes;
    log(`relay round ${run.rounds}: every team finished in ${((performance.now() - t0) / 1000).toFixed(1)} s; cycle changes ${f.changes}, fan-out p99 ${dist([...f.phone.values(), ...f.screen.values()]).p99Ms} ms, missed ${f.missed}`);
    if (performance.now() >= deadline) return run;
    // The next round: the teacher ends this one and starts another; the bench forgets the old cycles.
    for (const g of room.games) {
      const r = await room.teacher(g, `/api/games/${g.id}/rounds/${g.sessionId}/end`, { method: "POST" });
      // 409 bad_state: the round had already ended by itself (every team finished).
      if (r.status !== 200 && !(r.status === 409 && /"code":"bad_state"/.test(r.body))) run.endErrors.add(`end:${r.status}:${/"code":"(\w+)"/.exec(r.body)?.[1] ?? r.error ?? ""}`);
      for (const t of g.teams) { t.cycle = 1; t.mapping = null; t.waiting.clear(); t.changes.clear(); }
      for (const p of g.phones) { p.roundAt = 0; p.seenAt = []; }
    }
    await room.startRounds();
  }
}

/** Opens question 1, 2, … in every game at t0, t0 + everyMs, … while the slot is before `deadline` and questions remain. */
export async function playStealUntil(room: StealClass, play: StealPlay, everyMs: number, deadline: number, log: (m: string) => void): Promise<QuestionResult[]> {
  const qs: QuestionResult[] = [];
  const t0 = performance.now();
  for (let pos = 1; pos <= room.questions.length; pos++) {
    const slot = t0 + (pos - 1) * everyMs;
    if (slot >= deadline) break;
    await Bun.sleep(Math.max(0, slot - performance.now()));
    const r = await play.question(pos);
    qs.push(r);
    const open = dist(r.openToPhone.values());
    log(`steal Q${pos}: open → phones p50 ${open.p50Ms} p99 ${open.p99Ms} max ${open.maxMs} ms; answers p99 ${dist(r.answers.values()).p99Ms} ms (${r.answers.length}); winners ${r.winnersOk}/${r.brackets}; missed ${r.openMissed + r.steal.missed}; errors ${JSON.stringify(r.errors.counts)}`);
  }
  return qs;
}
