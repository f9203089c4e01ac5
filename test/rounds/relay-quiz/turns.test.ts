// Whose turn it is, and what a double tap does: answers and hints over HTTP, fired at once.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { read } from "../../../src/db/client.ts";
import { ledgerCheck } from "../../../src/scoring/ledger.ts";
import { Client, startServer, type TestServer } from "../../support/server.ts";
import type { Seat } from "../../support/year.ts";
import { gameState, heldBy, makeRelaySets, relayAnswer, relayHint, seatTeams, startRelay, type Mapping } from "../../support/relay.ts";

let s: TestServer;
let suffix = 0;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

async function json(res: Response): Promise<any> {
  return { status: res.status, ...((await res.json()) as object) };
}

function ledgerAgrees(gameId: number) {
  for (const row of read(s.deps.db, (tx) => ledgerCheck(tx, gameId))) expect(row.score).toBe(row.ledger);
}

async function relayFor(sizes: number[], body: Record<string, unknown> = {}) {
  const g = await seatTeams(s, sizes);
  const bank = makeRelaySets(s.deps.db, `t${++suffix}`);
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], ...body });
  const mappingOf = (team: number): Mapping => r.mapping.find((m) => m.teamId === g.seats[team]![0]!.teamId)!;
  return { g, bank, id: r.sessionId, r, mappingOf };
}

describe("Relay Quiz: turns, double taps, hints", () => {
  test("the rotation for teams of 2, 3, 4 and 5 members covers every question of every set exactly once; a team of 3 shares the extra questions", async () => {
    const { g, mappingOf } = await relayFor([2, 3, 4, 5]);
    for (const [t, size] of [2, 3, 4, 5].entries()) {
      const m = mappingOf(t);
      const seats = g.seats[t]!;
      expect(m.members.map((x) => x.participantId)).toEqual(seats.map((x) => x.participantId)); // join order
      const seen = new Set<number>();
      for (const cycle of m.cycles) {
        expect(cycle.questions).toHaveLength(4);
        for (const q of cycle.questions) {
          expect(q.order).toBe(cycle.cycle);
          expect(seen.has(q.questionId)).toBe(false);
          seen.add(q.questionId);
          expect(q.holders.length).toBe(size === 5 && q.holders.includes(seats[0]!.participantId) ? 2 : 1);
        }
        // everyone works every cycle
        for (const seat of seats) expect(heldBy(m, cycle.cycle, seat.participantId).length).toBeGreaterThanOrEqual(1);
      }
      expect(seen.size).toBe(16);
    }
    // Three members, four sets: the fourth question of each cycle goes A, B, B, C (B keeps the
    // turn it could not take in cycle 3: A answered that chain's previous link).
    const three = mappingOf(1);
    const extra = three.cycles.map((c) => three.members.findIndex((mm) => c.questions.filter((q) => q.holders.includes(mm.participantId)).length === 2));
    expect(extra.map((i) => "ABC"[i])).toEqual(["A", "B", "B", "C"]);
  });

  test("a member answering out of turn is refused (403 not_your_turn), a latecomer too; the answer of a finished round is refused (403 round_closed)", async () => {
    const { g, bank, id, mappingOf } = await relayFor([4, 4]);
    const [A, B] = g.seats[0]!;
    // B tries A's question (P1), and a question of the next cycle.
    expect(await json(await relayAnswer(B!, id, "2", bank[0]!.ids[0]))).toMatchObject({ status: 403, error: { code: "not_your_turn", detail: { reason: "not_held" } } });
    expect(await json(await relayAnswer(A!, id, "3", bank[1]!.ids[1]))).toMatchObject({ status: 403, error: { code: "not_your_turn" } });
    // A student of another team cannot answer this team's question either.
    const other = g.seats[1]![0]!;
    expect(heldBy(mappingOf(1), 1, other.participantId)[0]!.questionId).toBe(bank[0]!.ids[0]);
    // A latecomer holds nothing.
    const late = await new Client(s.url).visit();
    const joined = (await (await late.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "late", teamId: A!.teamId })).json()) as any;
    const lateSeat: Seat = { client: late, participantId: joined.participantId, teamId: A!.teamId, token: joined.token, nickname: "late" };
    expect(await json(await relayAnswer(lateSeat, id, "2"))).toMatchObject({ status: 403, error: { code: "not_your_turn", detail: { reason: "not_in_round" } } });
    // A student of another game is not a participant of this one: answers and hints are refused as such.
    const stranger = (await seatTeams(s, [1])).seats[0]![0]!;
    expect(await json(await relayAnswer(stranger, id, "2"))).toMatchObject({ status: 403, error: { code: "not_participant" } });
    expect(await json(await relayHint(stranger, id, bank[0]!.ids[1]!))).toMatchObject({ status: 403, error: { code: "not_participant" } });
    const latePage = await (await late.fetch(`/g/${g.gameCode}/play`, { headers: { "accept-language": "en" } })).text();
    expect(latePage).toContain("You joined after the relay started");
    expect(latePage).not.toContain("/img/");
    await fetch(`${s.url}/api/games/${g.gameId}/rounds/${id}/end`, { method: "POST", headers: s.teacher });
    expect(await json(await relayAnswer(A!, id, "2"))).toMatchObject({ status: 403, error: { code: "round_closed" } });
  });

  test("two submissions at once for one question credit once; a member sharing the question is refused too (409 already_answered); an empty answer is refused (422)", async () => {
    const { g, id } = await relayFor([5, 4]);
    const [A, , , , E] = g.seats[0]!;
    expect(await json(await relayAnswer(A!, id, "   "))).toMatchObject({ status: 422, error: { code: "invalid_answer" } });
    const taps = await Promise.all([relayAnswer(A!, id, "2"), relayAnswer(A!, id, "2"), relayAnswer(E!, id, "2"), relayAnswer(E!, id, "3"), relayAnswer(A!, id, "2")]);
    const bodies = await Promise.all(taps.map(json));
    expect(bodies.filter((b) => b.status === 200)).toHaveLength(1);
    expect(bodies.filter((b) => b.status === 409 && b.error.code === "already_answered")).toHaveLength(4);
    const rows = s.deps.db.$client.query("SELECT count(*) AS n FROM relay_answers WHERE round_id = ? AND team_id = ?").get(id, A!.teamId) as { n: number };
    expect(rows.n).toBe(1);
    const state = await gameState(s, g.gameId);
    expect(state.teams.find((t: any) => t.id === A!.teamId).score).toBe(bodies.find((b) => b.status === 200).correct ? 100 : 0);
    ledgerAgrees(g.gameId);
  });

  test("a member holding two questions names the one an answer is for", async () => {
    const { g, bank, id } = await relayFor([2, 2]);
    const [A] = g.seats[0]!;
    // A holds P1 and R1.
    expect(await json(await relayAnswer(A!, id, "2"))).toMatchObject({ status: 400, error: { code: "invalid_input", detail: { field: "questionId", reason: "question_required" } } });
    expect(await json(await relayAnswer(A!, id, "5", bank[2]!.ids[0]))).toMatchObject({ status: 200, correct: true, next: { cycle: 1, questionIds: [bank[0]!.ids[0]] } });
    // One open question left: no need to name it.
    expect(await json(await relayAnswer(A!, id, "2"))).toMatchObject({ status: 200, correct: true, next: { cycle: 1, questionIds: [] } });
    expect(await json(await relayAnswer(A!, id, "2"))).toMatchObject({ status: 409, error: { code: "already_answered" } });
  });

  test("hints: none on a first question (409 no_previous_answer); two taps at once charge once; seeing it again is free; the charge stops at a score of 0", async () => {
    const { g, bank, id } = await relayFor([4, 4], { hintPenalty: 150 });
    const [A, B, C, D] = g.seats[0]!;
    expect(await json(await relayHint(A!, id, bank[0]!.ids[0]!))).toMatchObject({ status: 409, error: { code: "no_previous_answer" } });
    // Not yet (Q2 is cycle 2) and not A's.
    expect(await json(await relayHint(B!, id, bank[1]!.ids[1]!))).toMatchObject({ status: 403, error: { code: "not_your_turn" } });
    await relayAnswer(A!, id, "2");
    await relayAnswer(B!, id, "3");
    await relayAnswer(C!, id, "5");
    await relayAnswer(D!, id, "7"); // team score 400; cycle 2: A holds Q2
    const taps = await Promise.all(Array.from({ length: 4 }, () => relayHint(A!, id, bank[1]!.ids[1]!)));
    const bodies = await Promise.all(taps.map(json));
    expect(bodies.every((b) => b.status === 200 && b.previousAnswer === "3")).toBe(true);
    expect(bodies.map((b) => b.charged).sort()).toEqual([0, 0, 0, 150]);
    expect((await gameState(s, g.gameId)).teams.find((t: any) => t.id === A!.teamId).score).toBe(250);
    expect(await json(await relayHint(A!, id, bank[1]!.ids[1]!))).toMatchObject({ status: 200, charged: 0, previousAnswer: "3" });
    // D (P2) and B (R2) buy theirs: 250 → 100 → 0 (the second charges only 100).
    expect(await json(await relayHint(D!, id, bank[0]!.ids[1]!))).toMatchObject({ status: 200, charged: 150, teamScore: 100 });
    expect(await json(await relayHint(B!, id, bank[2]!.ids[1]!))).toMatchObject({ status: 200, charged: 100, teamScore: 0 });
    expect(await json(await relayHint(C!, id, bank[3]!.ids[1]!))).toMatchObject({ status: 200, charged: 0, teamScore: 0, previousAnswer: "7" });
    const ledger = s.deps.db.$client.query("SELECT delta FROM score_events WHERE team_id = ? AND reason LIKE 'relay_quiz:hint:%' ORDER BY id").all(A!.teamId);
    expect(ledger).toEqual([{ delta: -150 }, { delta: -150 }, { delta: -100 }]);
    const hints = s.deps.db.$client.query("SELECT penalty, charged FROM relay_hints WHERE round_id = ? AND team_id = ? ORDER BY id").all(id, A!.teamId);
    expect(hints).toEqual([{ penalty: 150, charged: 150 }, { penalty: 150, charged: 150 }, { penalty: 150, charged: 100 }, { penalty: 150, charged: 0 }]);
    // Once answered, a question's hint can no longer be bought — but one bought is still free to see.
    await relayAnswer(A!, id, "4");
    expect(await json(await relayHint(A!, id, bank[1]!.ids[1]!))).toMatchObject({ status: 200, charged: 0 });
    ledgerAgrees(g.gameId);
  });

  test("only the question's holder sees its picture: no other phone's page, stream or API answer names it", async () => {
    const { g, id, r } = await relayFor([4, 4]);
    const [A, B] = g.seats[0]!;
    const img = /\/img\/[0-9a-f]{64}/;
    const aPage = await (await A!.client.fetch(`/g/${g.gameCode}/play`)).text();
    expect(aPage).toMatch(img);
    for (const seat of [B!, ...g.seats[1]!.slice(1)]) {
      expect(await (await seat.client.fetch(`/g/${g.gameCode}/play`)).text()).not.toMatch(img);
    }
    const stream = await B!.client.fetch(`/g/${g.gameCode}/play/stream`, { headers: { accept: "text/event-stream" } });
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(first).toContain("rq-");
    expect(first).not.toMatch(img);
    const state = JSON.stringify(await gameState(s, g.gameId));
    expect(state).not.toMatch(img);
    expect(state).not.toContain('"answer"');
    expect(JSON.stringify(r)).not.toMatch(img);
    for (const screen of [`/g/${g.gameCode}/screen`, `/g/${g.gameCode}/team/1`]) expect(await (await fetch(s.url + screen)).text()).not.toMatch(img);
    // Answered, the picture may show in the team's results — but the answer never reaches screens before the end.
    await relayAnswer(A!, id, "2");
    expect(await (await fetch(`${s.url}/g/${g.gameCode}/screen`)).text()).not.toContain("<code>2</code>");
  });
});
