// Score Steal's `next_question` protection over HTTP: the team picked as a target cannot be picked
// on the next question of its bracket that has a winner. A win from nobody (nobody eligible, or
// the teacher skipped the pick) is such a question and uses the shield up; a question skipped by
// the teacher or timed out with no winner is not and leaves the shield where it was.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { addStealQuestions, answer, gameState, stealFrom, stealGame, startSteal, teacherAct } from "../../support/steal.ts";
import { expectLedgerMatches, waitForState } from "../../support/steal-checks.ts";

let s: TestServer;
/** Answers "1".."5" (100 points each); the fourth has its own 5-second limit. */
let ids: number[];
beforeAll(async () => {
  s = await startServer();
  ids = addStealQuestions(s, [
    { text: "1 = ?", answer: "1" },
    { text: "2 = ?", answer: "2" },
    { text: "3 = ?", answer: "3" },
    { text: "4 = ?", answer: "4", timeLimitSeconds: 5 },
    { text: "5 = ?", answer: "5" },
  ]);
});
afterAll(() => s.stop());

/** Reveals the current question and opens the next one. */
async function next(gameId: number, sessionId: number) {
  expect((await teacherAct(s, gameId, sessionId, "reveal")).status).toBe(200);
  expect((await teacherAct(s, gameId, sessionId, "open")).status).toBe(200);
}

describe("Score Steal protection next_question", () => {
  test("two teams: A steals from B; next question A gains from nobody (B shielded) — that uses the shield up: on the question after, A may steal from B again", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: ids.slice(0, 3), wrongPenalty: 0 });
    await teacherAct(s, g.gameId, sessionId, "open");
    expect(((await (await answer(a.seats[0]!, sessionId, "1")).json()) as any).winner).toBe(true);
    expect((await stealFrom(a.seats[0]!, sessionId, b.id)).status).toBe(200);
    expect((await gameState(s, g.gameId)).round.protectedTeams).toEqual([b.id]);

    // Question 2: B is shielded and the only other team → A gains from nobody at once, no picker.
    await next(g.gameId, sessionId);
    expect((await gameState(s, g.gameId)).round.protectedTeams).toEqual([b.id]);
    expect((await (await answer(a.seats[0]!, sessionId, "2")).json()) as any).toMatchObject({ winner: true, points: 100 });
    const after2 = await gameState(s, g.gameId);
    expect(after2.round.steals.filter((x: any) => x.position === 2)).toEqual([{ position: 2, bracket: "", winnerTeamId: a.id, targetTeamId: null, taken: 0, gained: 100 }]);
    // The question had a winner: the shield is used up.
    expect(after2.round.protectedTeams).toEqual([]);

    // Question 3: A wins and may pick B again (a real pick, not a gain from nobody).
    await next(g.gameId, sessionId);
    expect(((await (await answer(a.seats[0]!, sessionId, "3")).json()) as any).winner).toBe(true);
    expect((await gameState(s, g.gameId)).round.brackets[0].phase).toBe("choosing_target");
    const third = await stealFrom(a.seats[0]!, sessionId, b.id);
    expect(third.status).toBe(200);
    expect(((await third.json()) as any).from.teamId).toBe(b.id);
    expect((await gameState(s, g.gameId)).round.protectedTeams).toEqual([b.id]);
    expectLedgerMatches(s, g.gameId);
  });

  test("the teacher skipping a winner's pick (gain from nobody) uses the shield up too", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
    const [a, b, c] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: ids.slice(0, 3), wrongPenalty: 0 });
    await teacherAct(s, g.gameId, sessionId, "open");
    await answer(a.seats[0]!, sessionId, "1");
    expect((await stealFrom(a.seats[0]!, sessionId, b.id)).status).toBe(200);
    // Question 2: A wins, C is pickable, the teacher skips the pick.
    await next(g.gameId, sessionId);
    await answer(a.seats[0]!, sessionId, "2");
    const blocked = await stealFrom(a.seats[0]!, sessionId, b.id);
    expect(((await blocked.json()) as any).error.code).toBe("target_protected");
    const skipped = await teacherAct(s, g.gameId, sessionId, "steal-for", { teamId: a.id, targetTeamId: null });
    expect(skipped.status).toBe(200);
    expect(await skipped.json()).toMatchObject({ from: null, gained: 100 });
    expect((await gameState(s, g.gameId)).round.protectedTeams).toEqual([]);
    // Question 3: C wins and picks B — allowed.
    await next(g.gameId, sessionId);
    await answer(c.seats[0]!, sessionId, "3");
    expect((await stealFrom(c.seats[0]!, sessionId, b.id)).status).toBe(200);
    expectLedgerMatches(s, g.gameId);
  });

  test("a question skipped by the teacher and one timed out with no winner leave the shield where it was", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[0]!, ids[1]!, ids[3]!, ids[4]!], wrongPenalty: 0 });
    await teacherAct(s, g.gameId, sessionId, "open");
    await answer(a.seats[0]!, sessionId, "1");
    expect((await stealFrom(a.seats[0]!, sessionId, b.id)).status).toBe(200);
    // Question 2 skipped (closed with no winner).
    await next(g.gameId, sessionId);
    expect((await teacherAct(s, g.gameId, sessionId, "skip")).status).toBe(200);
    expect((await gameState(s, g.gameId)).round).toMatchObject({ protectedTeams: [b.id], brackets: [{ phase: "revealed", winner: null }] });
    // Question 3 (5 s of its own): B answers wrong, nobody right, the time runs out.
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    expect(((await (await answer(b.seats[0]!, sessionId, "9")).json()) as any).correct).toBe(false);
    const timedOut = await waitForState(s, g.gameId, (st) => st.round.brackets[0].phase !== "question_open");
    expect(timedOut.round.brackets[0].winner).toBeNull();
    expect(timedOut.round.protectedTeams).toEqual([b.id]);
    // Question 4: B is still shielded → A gains from nobody.
    await next(g.gameId, sessionId);
    expect((await (await answer(a.seats[0]!, sessionId, "5")).json()) as any).toMatchObject({ winner: true, points: 100 });
    expect((await gameState(s, g.gameId)).round.steals.map((x: any) => [x.position, x.targetTeamId])).toEqual([[1, b.id], [4, null]]);
    expectLedgerMatches(s, g.gameId);
  }, 20_000);

  test("protection round: a win from nobody does not lift a shield; none: no shields", async () => {
    for (const protection of ["round", "none"] as const) {
      const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
      const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
      const { sessionId } = await startSteal(s, g.gameId, { questionIds: ids.slice(0, 3), wrongPenalty: 0, protection });
      await teacherAct(s, g.gameId, sessionId, "open");
      await answer(a.seats[0]!, sessionId, "1");
      expect((await stealFrom(a.seats[0]!, sessionId, b.id)).status).toBe(200);
      for (const [i, text] of [[2, "2"], [3, "3"]] as const) {
        await next(g.gameId, sessionId);
        await answer(a.seats[0]!, sessionId, text);
        const state = await gameState(s, g.gameId);
        if (protection === "round") {
          // B stays shielded for the rest of the round: A gains from nobody every time.
          expect(state.round.protectedTeams).toEqual([b.id]);
          expect(state.round.steals.find((x: any) => x.position === i).targetTeamId).toBeNull();
        } else {
          expect(state.round.protectedTeams).toEqual([]);
          expect((await stealFrom(a.seats[0]!, sessionId, b.id)).status).toBe(200);
        }
      }
      expectLedgerMatches(s, g.gameId);
    }
  });
});
