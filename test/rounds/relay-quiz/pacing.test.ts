// Pacing and time: teams in their own time or together, finishing order, pause / resume /
// extend / end, and a cycle that runs out by itself.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startRelayRound } from "../../../src/rounds/relay-quiz/start.ts";
import { startServer, type TestServer } from "../../support/server.ts";
import { openSse } from "../../support/sse-client.ts";
import type { Seat } from "../../support/year.ts";
import { gameState, heldBy, makeRelaySets, relayAnswer, seatTeams, startRelay, type Mapping, type RelayBankSet } from "../../support/relay.ts";

let s: TestServer;
let suffix = 0;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

/** Every member of a team answers their questions of `cycle` with the true answers; the last answer's response. */
async function playCycle(seats: Seat[], mapping: Mapping, bank: RelayBankSet[], sessionId: number, cycle: number): Promise<any> {
  let last: any = null;
  for (const seat of seats) {
    for (const q of heldBy(mapping, cycle, seat.participantId)) {
      const set = bank.findIndex((b) => b.set === q.set);
      const res = await relayAnswer(seat, sessionId, bank[set]!.answers[cycle - 1]!, q.questionId);
      last = { status: res.status, ...((await res.json()) as object) };
      if (res.status !== 200) throw new Error(`answer: ${JSON.stringify(last)}`);
    }
  }
  return last;
}

function progress(roundId: number): { team_id: number; cycle: number; deadline: number; paused_remaining_ms: number | null; finish_order: number | null }[] {
  return s.deps.db.$client.query("SELECT team_id, cycle, deadline, paused_remaining_ms, finish_order FROM relay_progress WHERE round_id = ? ORDER BY team_id").all(roundId) as any;
}

describe("Relay Quiz: pacing and time", () => {
  test("per-team pacing: a fast team reaches cycle 2 while a slow one is still in cycle 1; finishing order is commit order, shown on the projector", async () => {
    const g = await seatTeams(s, [2, 2, 2]);
    const bank = makeRelaySets(s.deps.db, `p${++suffix}`);
    const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [300, 300, 300, 300] });
    const maps = g.seats.map((team) => r.mapping.find((m) => m.teamId === team[0]!.teamId)!);
    const t0 = Date.now();
    const moved = await playCycle(g.seats[0]!, maps[0]!, bank, r.sessionId, 1);
    expect(moved.next.cycle).toBe(2);
    let state = await gameState(s, g.gameId);
    expect(state.round.teams.map((t: any) => t.cycle)).toEqual([2, 1, 1]);
    // The fast team's cycle 2 has its full time from now, not what was left of cycle 1.
    const p = progress(r.sessionId);
    expect(p[0]!.deadline).toBeGreaterThanOrEqual(t0 + 300_000);
    expect(p[1]!.deadline).toBe(p[2]!.deadline);
    // Team 2 finishes first, then teams 1 and 3 send their last answers at the same moment.
    for (let k = 1; k <= 4; k++) await playCycle(g.seats[1]!, maps[1]!, bank, r.sessionId, k);
    for (let k = 2; k <= 3; k++) await playCycle(g.seats[0]!, maps[0]!, bank, r.sessionId, k);
    for (let k = 1; k <= 3; k++) await playCycle(g.seats[2]!, maps[2]!, bank, r.sessionId, k);
    // Cycle 4: every answer but one per team, then both last answers together.
    const lastOf = (team: number) => {
      const all = g.seats[team]!.flatMap((seat) => heldBy(maps[team]!, 4, seat.participantId).map((q) => ({ seat, q })));
      return all;
    };
    const one = lastOf(0);
    const three = lastOf(2);
    const send = (x: { seat: Seat; q: { questionId: number; set: string } }) => relayAnswer(x.seat, r.sessionId, bank.find((b) => b.set === x.q.set)!.answers[3]!, x.q.questionId);
    for (const x of [...one.slice(0, -1), ...three.slice(0, -1)]) expect((await send(x)).status).toBe(200);
    const [a, b] = await Promise.all([send(one.at(-1)!), send(three.at(-1)!)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    state = await gameState(s, g.gameId);
    const order = state.round.finishedTeams as number[];
    expect(order[0]).toBe(g.seats[1]![0]!.teamId);
    // Commit order: the team whose last answer was stored first finished first.
    const lastIds = [0, 2].map((t) => ({ team: g.seats[t]![0]!.teamId, id: (s.deps.db.$client.query("SELECT max(id) AS id FROM relay_answers WHERE round_id = ? AND team_id = ?").get(r.sessionId, g.seats[t]![0]!.teamId) as any).id }));
    expect(order.slice(1)).toEqual(lastIds.sort((x, y) => x.id - y.id).map((x) => x.team));
    // Every team finished: the round is over by itself, and the projector shows the order.
    expect(state.round.status).toBe("finished");
    const screen = await (await fetch(`${s.url}/g/${g.gameCode}/screen`, { headers: { "accept-language": "en" } })).text();
    const shown = [...(/<ol class="rq-finish">([\s\S]*?)<\/ol>/.exec(screen)![1]!).matchAll(/data-team-id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(shown).toEqual(order);
  });

  test("together: a team that is done waits; everyone moves on when the last team is done", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `p${++suffix}`);
    const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [300], pacing: "together" });
    const maps = g.seats.map((team) => r.mapping.find((m) => m.teamId === team[0]!.teamId)!);
    await playCycle(g.seats[0]!, maps[0]!, bank, r.sessionId, 1);
    expect((await gameState(s, g.gameId)).round.teams.map((t: any) => t.cycle)).toEqual([1, 1]);
    const phone = await (await g.seats[0]![0]!.client.fetch(`/g/${g.gameCode}/play`, { headers: { "accept-language": "en" } })).text();
    expect(phone).toContain("Waiting for the other teams");
    const last = await playCycle(g.seats[1]!, maps[1]!, bank, r.sessionId, 1);
    expect(last.next.cycle).toBe(2);
    const p = progress(r.sessionId);
    expect(p.map((x) => x.cycle)).toEqual([2, 2]);
    expect(p[0]!.deadline).toBe(p[1]!.deadline);
  });

  test("pause stops every team's clock, resume moves the deadlines by the pause, extend adds to every team's cycle, end closes the round", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `p${++suffix}`);
    const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [300] });
    const call = (action: string, q = "") => fetch(`${s.url}/api/games/${g.gameId}/rounds/${r.sessionId}/${action}${q}`, { method: "POST", headers: s.teacher });
    await playCycle(g.seats[0]!, r.mapping.find((m) => m.teamId === g.seats[0]![0]!.teamId)!, bank, r.sessionId, 1);
    const before = progress(r.sessionId);
    const paused = (await (await call("pause")).json()) as any;
    expect(paused.status).toBe("paused");
    const p1 = progress(r.sessionId);
    for (const [i, x] of p1.entries()) {
      expect(x.paused_remaining_ms).toBeGreaterThan(before[i]!.deadline - Date.now() - 1000);
      expect(x.paused_remaining_ms).toBeLessThanOrEqual(before[i]!.deadline - Date.now() + 1000);
    }
    expect((await relayAnswer(g.seats[1]![0]!, r.sessionId, "2", bank[0]!.ids[0])).status).toBe(403);
    const state = await gameState(s, g.gameId);
    expect(state.round.teams.map((t: any) => t.remainingMs)).toEqual(p1.map((x) => x.paused_remaining_ms));
    await Bun.sleep(300);
    await call("extend", "?seconds=60");
    expect(progress(r.sessionId).map((x) => x.paused_remaining_ms)).toEqual(p1.map((x) => x.paused_remaining_ms! + 60_000));
    const t = Date.now();
    await call("resume");
    const p2 = progress(r.sessionId);
    for (const [i, x] of p2.entries()) {
      expect(x.paused_remaining_ms).toBeNull();
      // The deadline moved by the time spent paused (plus the minute).
      expect(x.deadline - (p1[i]!.paused_remaining_ms! + 60_000)).toBeGreaterThanOrEqual(t - 5);
      expect(x.deadline - (p1[i]!.paused_remaining_ms! + 60_000)).toBeLessThanOrEqual(Date.now() + 5);
    }
    await call("extend", "?seconds=30");
    expect(progress(r.sessionId).map((x) => x.deadline)).toEqual(p2.map((x) => x.deadline + 30_000));
    expect((await relayAnswer(g.seats[1]![0]!, r.sessionId, "2", bank[0]!.ids[0])).status).toBe(200);
    expect(((await (await call("end")).json()) as any).status).toBe("finished");
    expect((await call("pause")).status).toBe(409);
    expect((await relayAnswer(g.seats[1]![1]!, r.sessionId, "3", bank[1]!.ids[0])).status).toBe(403);
  });

  test("a cycle whose time runs out ends by itself: the team moves on at its deadline and every screen is told", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `p${++suffix}`);
    // Started 9.6 s ago with 10 s cycles: cycle 1 ends 400 ms from now.
    const now = Date.now();
    const started = startRelayRound(s.deps.db, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [10, 60, 60, 60] }, now - 9_600);
    if (!started.ok) throw new Error(started.code);
    s.deps.clock.track(started.round);
    s.deps.bus.publish(g.gameId, "round");
    const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream`);
    await screen.waitFor((t) => t.includes(`rq-${started.round.id}-running`), 3000);
    const deadline = progress(started.round.id)[0]!.deadline;
    expect(deadline).toBe(now - 9_600 + 10_000);
    // The projector's track moves to cycle 2 with no action from anyone.
    await screen.waitFor((t) => /<li class="now"><span class="rq-step">2<\/span>/.test(t), 4000);
    screen.close();
    const p = progress(started.round.id);
    expect(p.map((x) => x.cycle)).toEqual([2, 2]);
    // Cycle 2 started at cycle 1's deadline (not when the timer happened to fire).
    expect(p.map((x) => x.deadline)).toEqual([deadline + 60_000, deadline + 60_000]);
    expect((await gameState(s, g.gameId)).round.teams.map((t: any) => t.cycle)).toEqual([2, 2]);
  });
});
