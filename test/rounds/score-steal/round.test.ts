import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readSse, startServer, type TestServer } from "../../support/server.ts";
import { attachImage } from "../../../src/questions/bank.ts";
import { DEMO_IMAGE_NAMES, demoImageBytes } from "../../../src/questions/demo/images.ts";
import { addStealQuestions, answer, gameState, stealFrom, stealGame, startSteal, teacherAct } from "../../support/steal.ts";
import { expectLedgerMatches } from "../../support/steal-checks.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  addStealQuestions(s, [
    { text: "What is $\\frac{1}{2} + \\frac{1}{4}$?", answer: "3/4", points: 100 },
    { text: "How many sides has a hexagon?", answer: "6", points: 200 },
    { text: "7 × 8 = ?", answer: "56", points: 100 },
  ]);
});
afterAll(() => s.stop());

describe("Score Steal round", () => {
  test("three teams submit the correct answer at the same instant: exactly one winner; the others are told who won", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
    const { sessionId } = await startSteal(s, g.gameId);
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    const results = await Promise.all(g.teams.map((t) => answer(t.seats[0]!, sessionId, "0.75")));
    const bodies = (await Promise.all(results.map((r) => r.json()))) as any[];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(bodies.filter((b) => b.winner).length).toBe(1);
    const winnerTeam = g.teams[bodies.findIndex((b) => b.winner)]!;
    for (const b of bodies.filter((x) => !x.winner)) {
      expect(b).toMatchObject({ correct: true, late: true, points: 0, winnerTeam: { teamId: winnerTeam.id } });
      expect(b.slowerByMs).toBeGreaterThanOrEqual(0);
    }
    const state = await gameState(s, g.gameId);
    expect(state.round.brackets[0]).toMatchObject({ phase: "choosing_target", winner: { teamId: winnerTeam.id } });
    expectLedgerMatches(s, g.gameId);
  });

  test("five members of one team submit at once: one team answer, four team_already_answered", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 5 });
    const { sessionId } = await startSteal(s, g.gameId);
    await teacherAct(s, g.gameId, sessionId, "open");
    const res = await Promise.all(g.teams[0]!.seats.map((seat, i) => answer(seat, sessionId, i === 0 ? "1/2" : String(i))));
    const codes = await Promise.all(res.map(async (r) => (r.status === 200 ? "ok" : ((await r.json()) as any).error.code)));
    expect(codes.filter((c) => c === "ok").length).toBe(1);
    expect(codes.filter((c) => c === "team_already_answered").length).toBe(4);
    const refused = (await (await answer(g.teams[0]!.seats[4]!, sessionId, "3/4")).json()) as any;
    expect(refused.error).toMatchObject({ code: "team_already_answered", detail: { by: expect.any(String) } });
  });

  test("two members of the winner pick different targets at once: one steal, −P/+P in the ledger, the target is protected on the next question", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 2 });
    const [a, b, c] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { wrongPenalty: 0 });
    // Give B and C something to lose first: they win the first two questions, stealing from nobody? No — from A (score 0).
    await teacherAct(s, g.gameId, sessionId, "open");
    expect(((await (await answer(a.seats[0]!, sessionId, "3/4")).json()) as any).winner).toBe(true);
    const picks = await Promise.all([stealFrom(a.seats[0]!, sessionId, b.id), stealFrom(a.seats[1]!, sessionId, c.id)]);
    const statuses = picks.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const won = (await picks.find((r) => r.status === 200)!.json()) as any;
    const lost = (await picks.find((r) => r.status === 409)!.json()) as any;
    expect(lost.error.code).toBe("already_stolen");
    expect(won.points).toBe(100);
    expect(won.gained).toBe(100); // full points even from a team at 0 (gainOnlyTaken off)
    const targetId = won.from.teamId as number;
    const rows = s.deps.db.$client.query("SELECT team_id, delta, reason FROM score_events WHERE round_id = ? AND reason LIKE 'score_steal:steal:%' ORDER BY id").all(sessionId) as { team_id: number; delta: number }[];
    expect(rows.map((r) => r.team_id)).toEqual([targetId, a.id]);
    expect(rows.map((r) => r.delta)).toEqual([0, 100]); // the target had 0: the row holds the change applied
    expectLedgerMatches(s, g.gameId);
    const state1 = await gameState(s, g.gameId);
    expect(state1.round.protectedTeams).toEqual([targetId]);
    // Next question (after the answer is shown): A wins again and may not pick the protected team.
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(409); // the answer is not shown yet
    expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    expect(((await (await answer(a.seats[1]!, sessionId, "6")).json()) as any).winner).toBe(true);
    const blocked = await stealFrom(a.seats[0]!, sessionId, targetId);
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as any).error.code).toBe("target_protected");
    const other = targetId === b.id ? c : b;
    const second = (await (await stealFrom(a.seats[0]!, sessionId, other.id)).json()) as any;
    expect(second).toMatchObject({ points: 200, gained: 200, from: { teamId: other.id, score: 0 } });
    expectLedgerMatches(s, g.gameId);
  });

  test("the winner, a team of another bracket and a protected team cannot be targeted; each bracket gets its own winner; nobody eligible → points from nobody", async () => {
    const g = await stealGame(s, { brackets: ["Higher", "Lower"], teamsPerBracket: 2, perTeam: 1 });
    const [h1, h2, l1, l2] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { wrongPenalty: 0 });
    await teacherAct(s, g.gameId, sessionId, "open");
    const [wh, wl] = (await Promise.all([answer(h1.seats[0]!, sessionId, ".75"), answer(l2.seats[0]!, sessionId, "6/8")]).then((r) => Promise.all(r.map((x) => x.json())))) as any[];
    expect([wh.winner, wl.winner]).toEqual([true, true]);
    const codeOf = async (r: Response) => ((await r.json()) as any).error?.code;
    expect(await codeOf(await stealFrom(h1.seats[0]!, sessionId, h1.id))).toBe("target_not_eligible");
    expect(await codeOf(await stealFrom(h1.seats[0]!, sessionId, l1.id))).toBe("target_not_eligible");
    expect(await codeOf(await stealFrom(l1.seats[0]!, sessionId, h2.id))).toBe("not_winner");
    expect((await stealFrom(h1.seats[0]!, sessionId, h2.id)).status).toBe(200);
    expect((await stealFrom(l2.seats[0]!, sessionId, l1.id)).status).toBe(200);
    // Question 2: in Higher, h2 is shielded and the only other team: the winner gains from nobody, with no picker.
    expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    const w2 = (await (await answer(h1.seats[0]!, sessionId, "6")).json()) as any;
    expect(w2).toMatchObject({ winner: true, teamScore: 300 });
    const state = await gameState(s, g.gameId);
    const higher = state.round.brackets.find((b: any) => b.bracket === "Higher");
    expect(higher.phase).not.toBe("choosing_target");
    expect(state.round.steals.filter((x: any) => x.position === 2)).toEqual([{ position: 2, bracket: "Higher", winnerTeamId: h1.id, targetTeamId: null, taken: 0, gained: 200 }]);
    expect(await codeOf(await stealFrom(h1.seats[0]!, sessionId, h2.id))).toBe("already_stolen");
    expectLedgerMatches(s, g.gameId);
  });

  test("a wrong answer costs the penalty through the ledger, never below 0 (the row holds the change applied)", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { wrongPenalty: 50 });
    await teacherAct(s, g.gameId, sessionId, "open");
    // A wins and steals 100 from nobody... from B (B at 0 → A gains the full 100).
    await answer(a.seats[0]!, sessionId, "3/4");
    await stealFrom(a.seats[0]!, sessionId, b.id);
    await teacherAct(s, g.gameId, sessionId, "reveal");
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    const wrongA = (await (await answer(a.seats[0]!, sessionId, "7")).json()) as any;
    expect(wrongA).toMatchObject({ correct: false, winner: false, points: -50, teamScore: 50 });
    const wrongB = (await (await answer(b.seats[0]!, sessionId, "5")).json()) as any;
    expect(wrongB).toMatchObject({ correct: false, points: 0, teamScore: 0 });
    const rows = s.deps.db.$client.query("SELECT team_id, delta FROM score_events WHERE round_id = ? AND reason LIKE 'score_steal:penalty:%' ORDER BY id").all(sessionId) as { team_id: number; delta: number }[];
    expect(rows).toEqual([{ team_id: a.id, delta: -50 }, { team_id: b.id, delta: 0 }]);
    const answers = s.deps.db.$client.query("SELECT team_id, penalty, applied FROM steal_answers WHERE round_id = ? AND position = 2 ORDER BY id").all(sessionId);
    expect(answers).toEqual([{ team_id: a.id, penalty: 50, applied: -50 }, { team_id: b.id, penalty: 50, applied: 0 }]);
    // Nobody was right and both answered: the question stays open until the time runs out or the teacher reveals.
    expect((await gameState(s, g.gameId)).round.brackets[0].phase).toBe("question_open");
    expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
    expect((await gameState(s, g.gameId)).round.brackets[0]).toMatchObject({ phase: "revealed", winner: null, revealed: true });
    expectLedgerMatches(s, g.gameId);
  });
});

describe("Score Steal start", () => {
  test("a question listed twice is refused (invalid_input): a question is asked once per round", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [q1] = addStealQuestions(s, [{ text: "Twice?", answer: "2" }]);
    const res = await fetch(`${s.url}/api/games/${g.gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "score_steal", questionIds: [q1, q1] }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).error.code).toBe("invalid_input");
    expect((await gameState(s, g.gameId)).round).toBeNull();
  });
});

describe("Score Steal secrets", () => {
  test("the answer is in no student's page, stream or API response before it is revealed; the image URL only once the question is open", async () => {
    const [qid] = addStealQuestions(s, [{ text: "Name the island in the picture.", answer: "Zanzibarqx", points: 100 }]);
    const img = attachImage(s.deps.db, qid!, demoImageBytes(DEMO_IMAGE_NAMES[0]!));
    expect(img.ok).toBe(true);
    const imageUrl = img.ok ? img.imageUrl : "";
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const phone = g.teams[0]!.seats[0]!.client;
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [qid] });
    const looks = async () => {
      const page = await (await phone.fetch(`/g/${g.gameCode}/play`)).text();
      const stream = await readSse(await phone.fetch(`/g/${g.gameCode}/play/stream`), (t) => t.includes("data:"), 3000);
      const state = await (await phone.fetch(`/api/game-state?gameCode=${g.gameCode}`)).text();
      const screen = await (await fetch(`${s.url}/g/${g.gameCode}/screen`)).text();
      return [page, stream, state, screen];
    };
    for (const text of await looks()) {
      expect(text).not.toContain("Zanzibarqx");
      expect(text).not.toContain(imageUrl);
    }
    await teacherAct(s, g.gameId, sessionId, "open");
    const open = await looks();
    for (const text of open) expect(text).not.toContain("Zanzibarqx");
    expect(open[0]).toContain(imageUrl);
    expect(open[2]).toContain(imageUrl);
    // A wrong answer from one team tells that team it was wrong, never what is right.
    const wrong = (await (await answer(g.teams[0]!.seats[0]!, sessionId, "Madagascar")).json()) as any;
    expect(JSON.stringify(wrong)).not.toContain("Zanzibarqx");
    for (const text of await looks()) expect(text).not.toContain("Zanzibarqx");
    await teacherAct(s, g.gameId, sessionId, "reveal");
    const revealed = await looks();
    expect(revealed[0]).toContain("Zanzibarqx");
    expect(revealed[2]).toContain("Zanzibarqx");
  });
});
