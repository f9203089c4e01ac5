// The Relay Quiz over HTTP against a real server: a whole round of four sets for a team of four,
// follow-through credit, missing inputs, and what each phone is shown.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { read } from "../../../src/db/client.ts";
import { ledgerCheck } from "../../../src/scoring/ledger.ts";
import { relayQuiz } from "../../../src/rounds/relay-quiz/module.ts";
import { findRound } from "../../../src/rounds/current.ts";
import { startServer, type TestServer } from "../../support/server.ts";
import { seatedGame, type Seat } from "../../support/year.ts";
import { gameState, heldBy, makeRelaySets, relayAnswer, startRelay } from "../../support/relay.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

function ledgerAgrees(gameId: number) {
  for (const row of read(s.deps.db, (tx) => ledgerCheck(tx, gameId))) expect(row.score).toBe(row.ledger);
}

/** Lets a team's cycle run out now, as the round's timer would at its deadline. */
function timeRunsOut(roundId: number) {
  const deadline = s.deps.db.$client.query("SELECT min(deadline) AS d FROM relay_progress WHERE round_id = ? AND finished_at IS NULL").get(roundId) as { d: number };
  const after = relayQuiz.clock.expire(s.deps.db, roundId, deadline.d);
  if (after) s.deps.clock.track(after.round);
  return after;
}

async function page(seat: Seat, code: string): Promise<string> {
  return await (await seat.client.fetch(`/g/${code}/play`, { headers: { "accept-language": "en" } })).text();
}

async function answer(seat: Seat, sessionId: number, text: string, questionId?: number): Promise<any> {
  const res = await relayAnswer(seat, sessionId, text, questionId);
  const body = (await res.json()) as any;
  return { status: res.status, ...body };
}

describe("Relay Quiz: a whole round", () => {
  test("a team of four plays four sets of four questions using T: right question each cycle, earlier answers shown, follow-through credit, a missing T accepts only the true answer", async () => {
    const g = await seatedGame(s, 2, 4);
    const bank = makeRelaySets(s.deps.db, "a");
    const [A, B, C, D] = g.seats[0]!;
    const [A2, B2, C2] = g.seats[1]!; // their D leaves S1 unanswered too
    const memberOrder = Object.fromEntries(g.seats.map((team) => [String(team[0]!.teamId), team.map((x) => x.participantId)]));
    const started = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], memberOrder });
    const id = started.sessionId;
    expect(started).toMatchObject({ type: "relay_quiz", sets: ["Pa", "Qa", "Ra", "Sa"], cycles: 4, cycleSeconds: [600, 600, 600, 600], pacing: "team", followThrough: true, hintPenalty: 100 });
    const m1 = started.mapping.find((m) => m.teamId === A!.teamId)!;
    expect(m1.members.map((m) => `${m.letter}:${m.participantId}`)).toEqual([A, B, C, D].map((x, i) => `${"ABCD"[i]}:${x!.participantId}`));
    // TMC's table: member m works in cycle k on set (m + k − 1) mod 4.
    [A, B, C, D].forEach((x, m) => {
      for (let k = 1; k <= 4; k++) expect(heldBy(m1, k, x!.participantId).map((q) => `${q.set}${q.order}`)).toEqual([`${"PQRS"[(m + k - 1) % 4]}a${k}`]);
    });
    const qid = (set: number, order: number) => bank[set]!.ids[order - 1]!;

    // Cycle 1: each phone shows its own question only (the picture of P1 only on A's phone).
    const pages = await Promise.all([A, B, C, D].map((x) => page(x!, g.gameCode)));
    expect(pages[0]).toContain("Pa: what is");
    expect(pages[0]).toMatch(/<img class="q-image" src="\/img\/[0-9a-f]{64}"/);
    for (const other of pages.slice(1)) {
      expect(other).not.toContain("/img/");
      expect(other).not.toContain("Pa: what is");
    }
    expect(pages[1]).toContain("Qa: what is");

    expect(await answer(A!, id, "2")).toMatchObject({ status: 200, correct: true, points: 100, teamScore: 100, credit: "answer", next: { cycle: 1, questionIds: [] } });
    expect(await answer(B!, id, "4")).toMatchObject({ status: 200, correct: false, points: 0, teamScore: 100 });
    expect(await answer(C!, id, "5")).toMatchObject({ status: 200, correct: true, teamScore: 200 });
    // D leaves S1 unanswered; team 2: B2 wrong, D2 silent too, the others right.
    await answer(A2!, id, "2");
    await answer(B2!, id, "4");
    await answer(C2!, id, "5");
    let state = await gameState(s, g.gameId);
    expect(state.round.teams.find((t: any) => t.teamId === A!.teamId)).toMatchObject({ cycle: 1, onTurn: [{ participantId: D!.participantId }] });

    timeRunsOut(id);
    state = await gameState(s, g.gameId);
    expect(state.round.teams.map((t: any) => t.cycle)).toEqual([2, 2]);

    // Cycle 2: A has Q2 and received B's wrong 4; with follow-through 4 + 1 = 5 counts.
    const aPage = await page(A!, g.gameCode);
    expect(aPage).toContain("Qa·2");
    expect(aPage).toMatch(/Earlier answers in this chain[\s\S]*<code class="rq-given">4<\/code>/);
    expect(await answer(A!, id, "5")).toMatchObject({ status: 200, correct: true, credit: "follow_through", points: 100 });
    expect(await answer(A2!, id, "4")).toMatchObject({ status: 200, correct: true, credit: "answer" }); // the true answer counts as well
    // C has S2, whose input (S1) was never given: the phone says so, and only the true answer (8) counts.
    const cPage = await page(C!, g.gameCode);
    expect(cPage).toContain("No usable answer was passed to you");
    expect(await answer(C!, id, "8")).toMatchObject({ status: 200, correct: true, credit: "answer" });
    expect(await answer(C2!, id, "1")).toMatchObject({ status: 200, correct: false });
    expect(await answer(D!, id, "3")).toMatchObject({ status: 200, correct: true });
    // The last answer of team 1's cycle moves it on at once: B is told what comes next.
    const last = await answer(B!, id, "6");
    expect(last).toMatchObject({ status: 200, correct: true, next: { cycle: 3, questionIds: [qid(3, 3)] } });
    expect(last.next.endsAt).toBeGreaterThan(Date.now() + 590_000);

    // Cycle 3: A has R3 and sees R1 = 5 (C) and R2 = 6 (B).
    const a3 = await page(A!, g.gameCode);
    expect(a3).toMatch(/Ra · 1[\s\S]*<code class="rq-given">5<\/code>[\s\S]*Ra · 2[\s\S]*<code class="rq-given">6<\/code>/);
    // Team 1 finishes: every remaining answer right (true chain: P 2 3 6 5, Q 3 4 8 7, R 5 6 12 11, S 7 8 16 15).
    await answer(A!, id, "12"); // R3
    await answer(B!, id, "16"); // S3
    await answer(C!, id, "6"); // P3
    await answer(D!, id, "10"); // Q3: received A's follow-through 5 → 2T = 10
    await answer(A!, id, "15"); // S4
    await answer(B!, id, "5"); // P4
    await answer(C!, id, "9"); // Q4: received 10 → 9 (follow-through)
    const done = await answer(D!, id, "11"); // R4
    expect(done).toMatchObject({ status: 200, correct: true, next: null });
    state = await gameState(s, g.gameId);
    expect(state.round.finishedTeams).toEqual([A!.teamId]);
    expect(state.round.teams.find((t: any) => t.teamId === A!.teamId)).toMatchObject({ finished: true, finishOrder: 1, onTurn: [] });
    expect(state.teams.find((t: any) => t.id === A!.teamId).score).toBe(1400);
    // Nothing more from a finished team.
    expect(await answer(A!, id, "1")).toMatchObject({ status: 403, error: { code: "round_closed" } });

    // The teacher ends the round: results draw P's chain A → D → C → B with every answer.
    const end = await fetch(`${s.url}/api/games/${g.gameId}/rounds/${id}/end`, { method: "POST", headers: s.teacher });
    expect(end.status).toBe(200);
    const results = await (await fetch(`${s.url}/teacher/games/${g.gameId}/rounds/${id}`, { headers: { ...s.teacher, "accept-language": "en" } })).text();
    const chainP = /<b class="rq-chain-set">Pa<\/b>([\s\S]*?)<\/ol>/.exec(results)![1]!;
    const names = [...chainP.matchAll(/<b class="rq-letter">(\w)<\/b> <span>([^<]+)<\/span>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(names).toEqual([`A ${A!.nickname}`, `D ${D!.nickname}`, `C ${C!.nickname}`, `B ${B!.nickname}`]);
    expect(results).toContain("follow-through credit");
    ledgerAgrees(g.gameId);

    // Follow-through off: the same working from a wrong T is wrong.
    const off = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], memberOrder, followThrough: false });
    await answer(A!, off.sessionId, "2");
    await answer(B!, off.sessionId, "4");
    await answer(C!, off.sessionId, "5");
    await answer(D!, off.sessionId, "7");
    expect(await answer(A!, off.sessionId, "5")).toMatchObject({ status: 200, correct: false, credit: "none", points: 0 });
    const rows = s.deps.db.$client.query("SELECT credit, count(*) AS n FROM relay_answers WHERE round_id = ? GROUP BY credit ORDER BY credit").all(id);
    expect(rows).toEqual([{ credit: "answer", n: 14 }, { credit: "follow_through", n: 3 }, { credit: "none", n: 3 }]);
    ledgerAgrees(g.gameId);
    expect(findRound(s.deps.db, id)!.status).toBe("finished");
  });
});
