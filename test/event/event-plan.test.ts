// The event plan over HTTP against a real server: the default four-round plan played through the
// API with two brackets, results per bracket, the books balancing, and what the plan refuses.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, type TestServer } from "../support/server.ts";
import { addStealQuestions, answer, stealFrom, stealGame, teacherAct } from "../support/steal.ts";
import { answersFor, submit, type Seat } from "../support/year.ts";
import { expectBooksBalance, teacherApi } from "../support/event.ts";
import { makeRelaySets, relayAnswer, relayHint, type Mapping, type RelayBankSet } from "../support/relay.ts";

let s: TestServer;
let bank: RelayBankSet[];
beforeAll(async () => {
  s = await startServer();
  // The default plan's relay sets: P1–S1 and P2–S2.
  bank = [...makeRelaySets(s.deps.db, "1"), ...makeRelaySets(s.deps.db, "2")];
  addStealQuestions(s, [
    { text: "7 × 8 = ?", answer: "56", points: 100 },
    { text: "How many sides has a hexagon?", answer: "6", points: 200 },
  ]);
});
afterAll(() => s.stop());

const asSeat = (x: { client: Seat["client"]; participantId: number; teamId: number; nickname: string }): Seat => ({ ...x, token: "" });

describe("the event plan", () => {
  test("a game plays its default plan through the API with two brackets; results rank each bracket separately; every total equals its ledger and its rounds plus adjustments", async () => {
    // Higher: teams 1, 2; Lower: teams 3, 4; two students each.
    const g = await stealGame(s, { brackets: ["Higher", "Lower"], teamsPerBracket: 2, perTeam: 2 });
    const [t1, t2, t3, t4] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    const plan = await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`);
    expect(plan.body.rounds.map((r: any) => [r.position, r.type, r.state])).toEqual([[1, "year_game", "next"], [2, "score_steal", "pending"], [3, "relay_quiz", "pending"], [4, "relay_quiz", "pending"]]);
    expect(plan.body.rounds[2].settings).toEqual({ sets: ["P1", "Q1", "R1", "S1"] });
    expect(plan.body.rounds[3].settings).toEqual({ sets: ["P2", "Q2", "R2", "S2"] });

    // ── Round 1: the Year Game, started as the plan's next round ───────────────────────────
    const yg = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(yg.status).toBe(201);
    // (Bun's toMatchObject writes asymmetric matchers into the object it checks: plain checks here.)
    expect([yg.body.type, yg.body.position, Array.isArray(yg.body.digits), typeof yg.body.endsAt]).toEqual(["year_game", 1, true, "number"]);
    const again = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(again).toMatchObject({ status: 409, body: { error: { code: "round_running" } } });
    const ns = [...answersFor(yg.body.digits).keys()].sort((a, b) => a - b);
    const find = async (seat: Seat, n: number) => expect((await submit(seat, yg.body.sessionId, answersFor(yg.body.digits).get(n)!)).status).toBe(200);
    // t1 finds three numbers, t2 one; t3 and t4 the same one: tied in Lower.
    await find(asSeat(t1.seats[0]!), ns[0]!);
    await find(asSeat(t1.seats[1]!), ns[1]!);
    await find(asSeat(t1.seats[0]!), ns[5]!);
    await find(asSeat(t2.seats[0]!), ns[2]!);
    await find(asSeat(t3.seats[0]!), ns[3]!);
    await find(asSeat(t4.seats[1]!), ns[3]!);
    expect((await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds[0].state).toBe("running");
    expect((await teacherAct(s, g.gameId, yg.body.sessionId, "end")).status).toBe(200);
    const afterYg = (await teacherApi(s, "GET", `/api/games/${g.gameId}/results`)).body;
    expect(afterYg.brackets.map((b: any) => b.bracket)).toEqual(["Higher", "Lower"]);
    expect(afterYg.brackets[0].teams.map((t: any) => [t.teamId, t.rank])).toEqual([[t1.id, 1], [t2.id, 2]]);
    // Tied teams are ranked equal; Lower is ranked on its own (its leader is 1st with fewer points than Higher's 2nd may have).
    expect(afterYg.brackets[1].teams.map((t: any) => t.rank)).toEqual([1, 1]);
    expect(afterYg.brackets[1].teams.map((t: any) => t.total)).toEqual([ns[3], ns[3]]);
    await expectBooksBalance(s, g.gameId);

    // ── Round 2: Score Steal (every score_steal question in the bank) ──────────────────────
    const ss = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(ss).toMatchObject({ status: 201, body: { type: "score_steal", position: 2 } });
    expect(ss.body.questionIds.length).toBe(2);
    expect((await teacherAct(s, g.gameId, ss.body.sessionId, "open")).status).toBe(200);
    // Higher: t2 wins and steals from t1. Lower: t3 answers wrong (penalty), t4 wins and steals from t3.
    expect(((await (await answer(t2.seats[0]!, ss.body.sessionId, "56")).json()) as any).winner).toBe(true);
    expect((await answer(t3.seats[0]!, ss.body.sessionId, "55")).status).toBe(200);
    expect(((await (await answer(t4.seats[0]!, ss.body.sessionId, "56")).json()) as any).winner).toBe(true);
    expect((await stealFrom(t2.seats[1]!, ss.body.sessionId, t1.id)).status).toBe(200);
    expect((await stealFrom(t4.seats[0]!, ss.body.sessionId, t3.id)).status).toBe(200);
    expect((await teacherAct(s, g.gameId, ss.body.sessionId, "reveal")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, ss.body.sessionId, "open")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, ss.body.sessionId, "reveal")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, ss.body.sessionId, "end")).status).toBe(200);

    // ── Rounds 3 and 4: the Relay Quiz (sets P1–S1, then P2–S2) ─────────────────────────────
    // Round 3: every team plays cycle 1 only (t3 answers one question wrong), t2 takes a hint,
    // then the teacher ends it. Round 4: every team answers every question right, so the round
    // ends by itself, and with it (the plan played out) the game.
    const relay3 = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(relay3).toMatchObject({ status: 201, body: { type: "relay_quiz", position: 3, sets: ["P1", "Q1", "R1", "S1"] } });
    const seatOf = new Map(g.teams.flatMap((t) => t.seats.map((x) => [x.participantId, asSeat(x)] as const)));
    const truth = (set: string, order: number) => bank.find((b) => b.set === set)!.answers[order - 1]!;
    /** Each team's questions of a cycle, answered by a holder (right unless `wrong` says otherwise). */
    const playCycle = async (round: any, cycle: number, wrong = new Set<number>()) => {
      for (const m of round.mapping as Mapping[]) {
        for (const q of m.cycles[cycle - 1]!.questions) {
          const holder = seatOf.get(q.holders.find((h) => h !== null)!)!;
          const given = wrong.has(m.teamId) && q.set.startsWith("P") ? "999999" : truth(q.set, q.order);
          const res = await relayAnswer(holder, round.sessionId, given, q.questionId);
          expect(res.status).toBe(200);
        }
      }
    };
    await playCycle(relay3.body, 1, new Set([t3.id]));
    // A hint shows a question's true T: there is none in cycle 1, so t2 takes one in cycle 2.
    const t2Next = (relay3.body.mapping as Mapping[]).find((m) => m.teamId === t2.id)!.cycles[1]!.questions[0]!;
    expect((await relayHint(seatOf.get(t2Next.holders.find((h) => h !== null)!)!, relay3.body.sessionId, t2Next.questionId)).status).toBe(200);
    expect((await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds[2].state).toBe("running");
    expect((await teacherAct(s, g.gameId, relay3.body.sessionId, "end")).status).toBe(200);
    await expectBooksBalance(s, g.gameId);

    const relay4 = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(relay4).toMatchObject({ status: 201, body: { type: "relay_quiz", position: 4, sets: ["P2", "Q2", "R2", "S2"], cycles: 4 } });
    for (let cycle = 1; cycle <= 4; cycle++) await playCycle(relay4.body, cycle);
    // The last answer ended the round and the plan: the game finished by itself.
    expect((await teacherApi(s, "GET", `/api/game-state?gameId=${g.gameId}`)).body.game.status).toBe("finished");
    expect((await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds.map((r: any) => r.state)).toEqual(["done", "done", "done", "done"]);
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`)).status).toBe(409);

    // ── Results ───────────────────────────────────────────────────────────────────────────
    const results = (await teacherApi(s, "GET", `/api/games/${g.gameId}/results`)).body;
    expect(results.rounds.map((r: any) => [r.sessionId, r.type, r.number])).toEqual([[yg.body.sessionId, "year_game", 1], [ss.body.sessionId, "score_steal", 2], [relay3.body.sessionId, "relay_quiz", 3], [relay4.body.sessionId, "relay_quiz", 4]]);
    const [higher, lower] = results.brackets;
    const byId = (b: any, id: number) => b.teams.find((t: any) => t.teamId === id);
    // Higher: t1 lost 100 to t2's steal, never below 0 (the row holds what it lost); t2 gained the full 100.
    const t1Year = ns[0]! + ns[1]! + ns[5]!;
    // Relay: 100 a right answer — cycle 1 (four questions) in round 3, all sixteen in round 4.
    expect(byId(higher, t1.id).rounds.map((r: any) => r.points)).toEqual([t1Year, -Math.min(100, t1Year), 400, 1600]);
    // t2's hint cost 100 after its four right answers.
    expect(byId(higher, t2.id).rounds.map((r: any) => r.points)).toEqual([ns[2], 100, 300, 1600]);
    // Lower: t3 paid a 50-point penalty and lost 100 (never below 0), then missed P1; t4 gained 100.
    expect(byId(lower, t4.id).total).toBe(ns[3]! + 100 + 400 + 1600);
    expect(byId(lower, t3.id).total).toBe(Math.max(0, ns[3]! - 50 - 100) + 300 + 1600);
    expect(byId(lower, t4.id).rank).toBe(1);
    expect(byId(lower, t3.id).rank).toBe(2);
    // Ranked within each bracket, by total.
    for (const b of results.brackets) {
      const sorted = [...b.teams].sort((x: any, y: any) => y.total - x.total);
      expect(b.teams.map((t: any) => t.teamId)).toEqual(sorted.map((t: any) => t.teamId));
      expect(b.teams[0].rank).toBe(1);
    }
    // Members: who found numbers and who answered for the team.
    const member = (name: string) => results.members.find((m: any) => m.nickname === name);
    expect(member("t1m1")).toMatchObject({ found: 2, stealAnswers: 0 });
    expect(member("t2m1")).toMatchObject({ found: 1, stealAnswers: 1, stealCorrect: 1 });
    expect(member("t3m1")).toMatchObject({ found: 1, stealAnswers: 1, stealCorrect: 0 });
    const relayOf = (t: typeof t1) => t.seats.map((x) => member(x.nickname)).reduce((n: number, m: any) => n + m.relayAnswers, 0);
    for (const t of [t1, t2, t3, t4]) expect(relayOf(t)).toBe(20);
    expect(t3.seats.map((x) => member(x.nickname)).reduce((n: number, m: any) => n + m.relayCorrect, 0)).toBe(19);
    expect(t2.seats.map((x) => member(x.nickname)).reduce((n: number, m: any) => n + m.hints, 0)).toBe(1);
    await expectBooksBalance(s, g.gameId);

    // The ledger explains every row: numbers, the steal's two sides, the penalty.
    const ledger3 = (await teacherApi(s, "GET", `/api/games/${g.gameId}/ledger?teamId=${t3.id}`)).body;
    expect(ledger3.rows.slice(0, 3).map((r: any) => r.source.kind)).toEqual(["number", "penalty", "steal"]);
    // Then its relay answers (no row for the wrong one): 3 + 16.
    expect(ledger3.rows.slice(3).map((r: any) => r.source.kind)).toEqual(Array(19).fill("relay_answer"));
    expect(ledger3.rows[3]).toMatchObject({ roundType: "relay_quiz", roundNumber: 3 });
    expect(ledger3.rows[0]).toMatchObject({ source: { number: ns[3] }, who: { nickname: "t3m1" }, roundType: "year_game", roundNumber: 1 });
    expect(ledger3.rows[1]).toMatchObject({ source: { question: 1 }, who: { nickname: "t3m1" }, roundType: "score_steal" });
    expect(ledger3.rows[2]).toMatchObject({ steal: { side: "lost", other: { teamId: t4.id } }, who: { nickname: "t4m1", teamId: t4.id } });
    const ledger2 = (await teacherApi(s, "GET", `/api/games/${g.gameId}/ledger?teamId=${t2.id}`)).body;
    expect(ledger2.rows[1]).toMatchObject({ delta: 100, steal: { side: "took", other: { teamId: t1.id } }, who: { nickname: "t2m2" } });
    expect(ledger2.rows[1].text).toContain(t1.name);
    expect(ledger2.rows.slice(2, 7).map((r: any) => [r.source.kind, r.delta])).toEqual([...Array(4).fill(["relay_answer", 100]), ["relay_hint", -100]]);
    expect(ledger2.rows[6].source).toMatchObject({ set: t2Next.set, order: 2 });
  }, 30_000);

  test("a game finishes by itself when the last round of its plan ends", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const put = await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game", settings: { digits: [1, 3, 5, 7, 9], durationSeconds: 600 } }, { type: "score_steal", state: "skipped" }] });
    expect(put.body.rounds.map((r: any) => r.state)).toEqual(["next", "skipped"]);
    const yg = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(yg.body.digits).toEqual([1, 3, 5, 7, 9]);
    expect((await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds[0]).toMatchObject({ state: "running", sessionId: yg.body.sessionId });
    expect((await teacherAct(s, g.gameId, yg.body.sessionId, "end")).status).toBe(200);
    const state = (await teacherApi(s, "GET", `/api/game-state?gameId=${g.gameId}`)).body;
    expect(state.game.status).toBe("finished");
  });

  test("a round started outside the plan leaves the plan as it is and never ends the game", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game" }] });
    const adhoc = await teacherApi(s, "POST", `/api/games/${g.gameId}/rounds`, { type: "year_game", digits: [1, 2, 3, 4], durationSeconds: 600 });
    expect(adhoc.status).toBe(201);
    expect((await teacherAct(s, g.gameId, adhoc.body.sessionId, "end")).status).toBe(200);
    expect((await teacherApi(s, "GET", `/api/game-state?gameId=${g.gameId}`)).body.game.status).toBe("started");
    expect((await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds[0].state).toBe("next");
  });

  test("the plan is set at creation (default or given), checked against each round type's own schema, and its played part cannot change", async () => {
    const given = await teacherApi(s, "POST", "/api/create-game", { title: "Planned", teamCount: 2, maxParticipants: 10, plan: [{ type: "score_steal", settings: { secondsPerQuestion: 20 } }] });
    expect(given.status).toBe(201);
    expect((await teacherApi(s, "GET", `/api/games/${given.body.gameId}/plan`)).body.rounds).toEqual([{ position: 1, type: "score_steal", settings: { secondsPerQuestion: 20 }, state: "next", sessionId: null, available: true }]);
    const badType = await teacherApi(s, "POST", "/api/create-game", { title: "Bad", teamCount: 2, maxParticipants: 10, plan: [{ type: "chess" }] });
    expect(badType).toMatchObject({ status: 422, body: { error: { code: "unknown_round_type" } } });
    const badSettings = await teacherApi(s, "PUT", `/api/games/${given.body.gameId}/plan`, { rounds: [{ type: "year_game", settings: { durationSeconds: 1 } }] });
    expect(badSettings).toMatchObject({ status: 400, body: { error: { code: "invalid_input", detail: { field: "settings", setting: "durationSeconds", position: 1 } } } });
    const unknownSetting = await teacherApi(s, "PUT", `/api/games/${given.body.gameId}/plan`, { rounds: [{ type: "score_steal", settings: { penalty: 5 } }] });
    expect(unknownSetting.status).toBe(400);
    const relay = await teacherApi(s, "PUT", `/api/games/${given.body.gameId}/plan`, { rounds: [{ type: "relay_quiz", settings: { sets: ["P1"], hintPenalty: 50 } }] });
    expect(relay.body.rounds[0]).toMatchObject({ type: "relay_quiz", available: true, state: "next", settings: { sets: ["P1"], hintPenalty: 50 } });
    const badRelay = await teacherApi(s, "PUT", `/api/games/${given.body.gameId}/plan`, { rounds: [{ type: "relay_quiz", settings: { sets: [] } }] });
    expect(badRelay).toMatchObject({ status: 400, body: { error: { code: "invalid_input", detail: { field: "settings", position: 1 } } } });

    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game", settings: { durationSeconds: 600 } }, { type: "score_steal" }, { type: "year_game" }] });
    const yg = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(yg.status).toBe(201);
    // Changing the played round is refused; the rest can be reordered and changed.
    const locked = await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game", settings: { durationSeconds: 900 } }, { type: "score_steal" }] });
    expect(locked).toMatchObject({ status: 409, body: { error: { code: "plan_locked", detail: { position: 1 } } } });
    const dropped = await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [] });
    expect(dropped.status).toBe(409);
    // What GET gave can be sent back as it is, with the unplayed part changed.
    const current = (await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds;
    const reordered = await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [current[0], current[2], { type: "score_steal", settings: { wrongPenalty: 0 } }] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.rounds.map((r: any) => [r.type, r.state])).toEqual([["year_game", "running"], ["year_game", "next"], ["score_steal", "pending"]]);
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/plan/1/skip`))).toMatchObject({ status: 409, body: { error: { code: "plan_locked" } } });
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/plan/9/skip`))).toMatchObject({ status: 404, body: { error: { code: "plan_entry_not_found" } } });
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/plan/0/skip`)).status).toBe(404);
  });

  test("a round with no questions to ask is refused with 409 no_questions and a link to add the demo questions", async () => {
    const empty = await startServer();
    try {
      const g = await stealGame(empty, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
      await teacherApi(empty, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "score_steal" }] });
      const r = await teacherApi(empty, "POST", `/api/games/${g.gameId}/next-round`);
      expect(r).toMatchObject({ status: 409, body: { error: { code: "no_questions", detail: { addDemo: "/teacher/questions#demo", position: 1 } } } });
      expect((await teacherApi(empty, "GET", `/api/games/${g.gameId}/plan`)).body.rounds[0].state).toBe("next");
      // The teacher's button answers with the same refusal and the link.
      const page = await fetch(`${empty.url}/teacher/games/${g.gameId}/next-round`, { method: "POST", headers: { ...empty.teacher, "hx-request": "true", "content-type": "application/x-www-form-urlencoded" } });
      expect(page.status).toBe(409);
      expect(await page.text()).toContain('href="/teacher/questions#demo"');
    } finally {
      await empty.stop();
    }
  });

  test("two clicks on start-next-round at once start one round", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game" }, { type: "year_game" }] });
    const both = await Promise.all([1, 2].map(() => teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const plan = (await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds;
    expect(plan.map((r: any) => r.state)).toEqual(["running", "next"]);
  });
});
