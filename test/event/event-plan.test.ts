// The event plan over HTTP against a real server: the default four-round plan played through the
// API with two brackets, results per bracket, the books balancing, and what the plan refuses.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, type TestServer } from "../support/server.ts";
import { addStealQuestions, answer, stealFrom, stealGame, teacherAct } from "../support/steal.ts";
import { answersFor, submit, type Seat } from "../support/year.ts";
import { expectBooksBalance, teacherApi } from "../support/event.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
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

    // ── Rounds 3 and 4: the Relay Quiz ──────────────────────────────────────────────────────
    // This build has no relay_quiz module yet (it is merged later): each entry is refused with
    // 422 unknown_round_type and skipped here. When relay lands, this part plays both relays.
    const relay = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect(relay).toMatchObject({ status: 422, body: { error: { code: "unknown_round_type", detail: { reason: "not_in_build", position: 3 } } } });
    expect(relay.body.error.message).toMatch(/이 버전의 TMC에는/); // Korean: the API speaks the default language
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/plan/3/skip`)).status).toBe(200);
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`)).status).toBe(422);
    const skipped = await teacherApi(s, "POST", `/api/games/${g.gameId}/plan/4/skip`);
    expect(skipped.body.rounds.map((r: any) => r.state)).toEqual(["done", "done", "skipped", "skipped"]);
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`))).toMatchObject({ status: 409, body: { error: { code: "plan_done" } } });
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/finish`)).status).toBe(200);

    // ── Results ───────────────────────────────────────────────────────────────────────────
    const results = (await teacherApi(s, "GET", `/api/games/${g.gameId}/results`)).body;
    expect(results.rounds.map((r: any) => [r.sessionId, r.type, r.number])).toEqual([[yg.body.sessionId, "year_game", 1], [ss.body.sessionId, "score_steal", 2]]);
    const [higher, lower] = results.brackets;
    const byId = (b: any, id: number) => b.teams.find((t: any) => t.teamId === id);
    // Higher: t1 lost 100 to t2's steal, never below 0 (the row holds what it lost); t2 gained the full 100.
    const t1Year = ns[0]! + ns[1]! + ns[5]!;
    expect(byId(higher, t1.id).rounds.map((r: any) => r.points)).toEqual([t1Year, -Math.min(100, t1Year)]);
    expect(byId(higher, t2.id).rounds.map((r: any) => r.points)).toEqual([ns[2], 100]);
    // Lower: t3 paid a 50-point penalty and lost 100 (never below 0), t4 gained 100.
    expect(byId(lower, t4.id).total).toBe(ns[3]! + 100);
    expect(byId(lower, t3.id).total).toBe(Math.max(0, ns[3]! - 50 - 100));
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
    await expectBooksBalance(s, g.gameId);

    // The ledger explains every row: numbers, the steal's two sides, the penalty.
    const ledger3 = (await teacherApi(s, "GET", `/api/games/${g.gameId}/ledger?teamId=${t3.id}`)).body;
    expect(ledger3.rows.map((r: any) => r.source.kind)).toEqual(["number", "penalty", "steal"]);
    expect(ledger3.rows[0]).toMatchObject({ source: { number: ns[3] }, who: { nickname: "t3m1" }, roundType: "year_game", roundNumber: 1 });
    expect(ledger3.rows[1]).toMatchObject({ source: { question: 1 }, who: { nickname: "t3m1" }, roundType: "score_steal" });
    expect(ledger3.rows[2]).toMatchObject({ steal: { side: "lost", other: { teamId: t4.id } }, who: { nickname: "t4m1", teamId: t4.id } });
    const ledger2 = (await teacherApi(s, "GET", `/api/games/${g.gameId}/ledger?teamId=${t2.id}`)).body;
    expect(ledger2.rows[1]).toMatchObject({ delta: 100, steal: { side: "took", other: { teamId: t1.id } }, who: { nickname: "t2m2" } });
    expect(ledger2.rows[1].text).toContain(t1.name);
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
    // A relay entry is kept as written even though this build cannot play it.
    const relay = await teacherApi(s, "PUT", `/api/games/${given.body.gameId}/plan`, { rounds: [{ type: "relay_quiz", settings: { sets: ["P1"] } }] });
    expect(relay.body.rounds[0]).toMatchObject({ type: "relay_quiz", available: false, state: "next" });

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
