// The teacher's controls on a Score Steal question, over HTTP: pause / resume / extend move the
// deadline and keep paused time out of the answer's time; skip closes a question with no winner;
// a winner's open pick holds back the next question and the end (409 pick_pending) until the
// teacher picks for them or skips the pick; a question's own time limit overrides the round's;
// a question that runs out of time with nobody right has no winner and changes only penalties.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { addStealQuestions, answer, gameState, stealFrom, stealGame, startSteal, teacherAct } from "../../support/steal.ts";
import { expectLedgerMatches, waitForState } from "../../support/steal-checks.ts";

let s: TestServer;
/** [0] "1" and [1] "2": no time limit of their own; [2] "3": 7 s; [3] "4": 5 s. 100 points each. */
let ids: number[];
beforeAll(async () => {
  s = await startServer();
  ids = addStealQuestions(s, [
    { text: "1 = ?", answer: "1" },
    { text: "2 = ?", answer: "2" },
    { text: "3 = ?", answer: "3", timeLimitSeconds: 7 },
    { text: "4 = ?", answer: "4", timeLimitSeconds: 5 },
  ]);
});
afterAll(() => s.stop());

const codeOf = async (r: Response) => ((await r.json()) as any).error?.code;

/** Gives every team `points` through the teacher's adjustment, so penalties have something to take. */
async function give(gameId: number, teamIds: number[], points: number) {
  for (const teamId of teamIds) {
    const r = await fetch(`${s.url}/api/games/${gameId}/adjust`, { method: "POST", headers: s.teacher, body: JSON.stringify({ teamId, points, reason: "start" }) });
    expect(r.status).toBe(201);
  }
}

async function scores(gameId: number): Promise<Record<number, number>> {
  const state = await gameState(s, gameId);
  return Object.fromEntries(state.teams.map((t: any) => [t.id, t.score]));
}

/** Calls `act` and returns when it was sent and when its answer came back. */
async function timed<T>(act: () => Promise<T>): Promise<{ r: T; sent: number; done: number }> {
  const sent = Date.now();
  const r = await act();
  return { r, sent, done: Date.now() };
}

describe("Score Steal teacher controls", () => {
  test("pause, extend while paused, resume, extend: the deadline moves by the pause and the extensions; the answer's time leaves the pause out", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[0]!], secondsPerQuestion: 60 });
    const open = await timed(() => teacherAct(s, g.gameId, sessionId, "open"));
    expect(open.r.status).toBe(200);
    const d0 = (await gameState(s, g.gameId)).round.brackets[0].deadlineAt as number;
    expect(d0).toBeGreaterThanOrEqual(open.sent + 60_000);
    expect(d0).toBeLessThanOrEqual(open.done + 60_000);

    const pause = await timed(() => teacherAct(s, g.gameId, sessionId, "pause"));
    expect(pause.r.status).toBe(200);
    const paused = await gameState(s, g.gameId);
    expect(paused.round.status).toBe("paused");
    const left = paused.round.brackets[0].remainingMs as number;
    expect(left).toBeGreaterThanOrEqual(d0 - pause.done);
    expect(left).toBeLessThanOrEqual(d0 - pause.sent);
    // No answers while paused; the clock does not run.
    const during = await answer(b.seats[0]!, sessionId, "1");
    expect(during.status).toBe(403);
    expect(await codeOf(during)).toBe("question_closed");
    expect((await teacherAct(s, g.gameId, sessionId, "extend?seconds=10")).status).toBe(200);
    await Bun.sleep(1_200);
    expect((await gameState(s, g.gameId)).round.brackets[0].remainingMs).toBe(left + 10_000);

    const resume = await timed(() => teacherAct(s, g.gameId, sessionId, "resume"));
    expect(resume.r.status).toBe(200);
    const d1 = (await gameState(s, g.gameId)).round.brackets[0].deadlineAt as number;
    // The deadline is now the resume + what was left + the extension: moved by the pause's length.
    expect(d1).toBeGreaterThanOrEqual(resume.sent + left + 10_000);
    expect(d1).toBeLessThanOrEqual(resume.done + left + 10_000);
    expect(d1 - d0 - 10_000).toBeGreaterThanOrEqual(resume.sent - pause.done);
    expect((await teacherAct(s, g.gameId, sessionId, "extend?seconds=30")).status).toBe(200);
    expect((await gameState(s, g.gameId)).round.brackets[0].deadlineAt).toBe(d1 + 30_000);

    const won = await timed(() => answer(a.seats[0]!, sessionId, "1"));
    const body = (await won.r.json()) as any;
    expect(body.winner).toBe(true);
    // Wall time from the opening to the answer, less the pause (at least resume.sent − pause.done ≥ 1.2 s).
    expect(body.answerMs).toBeLessThanOrEqual(won.done - open.sent - (resume.sent - pause.done));
    expect(body.answerMs).toBeGreaterThanOrEqual(won.sent - open.done - (resume.done - pause.sent));
    expect((await gameState(s, g.gameId)).round.brackets[0].winner.ms).toBe(body.answerMs);
    // Resume and pause refuse the wrong state.
    expect(await codeOf(await teacherAct(s, g.gameId, sessionId, "resume"))).toBe("bad_state");
  });

  test("skip closes the question with no winner and shows the answer; later answers are refused; only the penalty changed a score", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const [a, b] = g.teams as [typeof g.teams[0], typeof g.teams[0]];
    await give(g.gameId, [a.id, b.id], 100);
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[0]!, ids[1]!], wrongPenalty: 40 });
    expect(await codeOf(await teacherAct(s, g.gameId, sessionId, "skip"))).toBe("bad_state"); // nothing open yet
    await teacherAct(s, g.gameId, sessionId, "open");
    expect((await (await answer(a.seats[0]!, sessionId, "7")).json()) as any).toMatchObject({ correct: false, points: -40 });
    expect((await teacherAct(s, g.gameId, sessionId, "skip")).status).toBe(200);
    const state = await gameState(s, g.gameId);
    expect(state.round.brackets[0]).toMatchObject({ phase: "revealed", winner: null, revealed: true });
    expect(state.round.question.answer).toBe("1");
    expect(state.round.steals).toEqual([]);
    const late = await answer(b.seats[0]!, sessionId, "1");
    expect(late.status).toBe(403);
    expect(await codeOf(late)).toBe("question_closed");
    expect(await scores(g.gameId)).toEqual({ [a.id]: 60, [b.id]: 100 });
    // The next question opens at once (nothing pending).
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    expectLedgerMatches(s, g.gameId);
  });

  test("a winner's open pick holds back the next question and the end (409 pick_pending) through the reveal; the teacher's steal-for with no target unblocks it (gain from nobody)", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
    const [a, b, c] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    await give(g.gameId, [b.id, c.id], 100);
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[0]!, ids[1]!] });
    await teacherAct(s, g.gameId, sessionId, "open");
    expect(((await (await answer(a.seats[0]!, sessionId, "1")).json()) as any).winner).toBe(true);
    expect(await codeOf(await teacherAct(s, g.gameId, sessionId, "open"))).toBe("pick_pending");
    // The reveal does not end the pick.
    expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
    expect((await gameState(s, g.gameId)).round.brackets[0]).toMatchObject({ phase: "choosing_target", revealed: true, winner: { teamId: a.id } });
    const refusedOpen = await teacherAct(s, g.gameId, sessionId, "open");
    expect(refusedOpen.status).toBe(409);
    expect(await codeOf(refusedOpen)).toBe("pick_pending");
    const refusedEnd = await teacherAct(s, g.gameId, sessionId, "end");
    expect(refusedEnd.status).toBe(409);
    expect(await codeOf(refusedEnd)).toBe("pick_pending");

    const skip = await teacherAct(s, g.gameId, sessionId, "steal-for", { teamId: a.id, targetTeamId: null });
    expect(skip.status).toBe(200);
    expect(await skip.json()).toMatchObject({ points: 100, taken: 0, gained: 100, from: null, to: { teamId: a.id, score: 100 } });
    const rows = s.deps.db.$client.query("SELECT team_id, delta, reason FROM score_events WHERE round_id = ? ORDER BY id").all(sessionId);
    expect(rows).toEqual([{ team_id: a.id, delta: 100, reason: "score_steal:steal:1" }]);
    expect(await scores(g.gameId)).toEqual({ [a.id]: 100, [b.id]: 100, [c.id]: 100 });
    // The pick is made: the team's own pick, or a second one by the teacher, is refused.
    expect(await codeOf(await stealFrom(a.seats[0]!, sessionId, b.id))).toBe("already_stolen");
    expect(await codeOf(await teacherAct(s, g.gameId, sessionId, "steal-for", { teamId: a.id, targetTeamId: b.id }))).toBe("already_stolen");
    expect((await gameState(s, g.gameId)).round.brackets[0].phase).toBe("revealed");
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, sessionId, "end")).status).toBe(200);
    expectLedgerMatches(s, g.gameId);
  });

  test("a question's own time limit overrides secondsPerQuestion", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 2, perTeam: 1 });
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[0]!, ids[2]!], secondsPerQuestion: 45 });
    const first = await timed(() => teacherAct(s, g.gameId, sessionId, "open"));
    const d1 = (await gameState(s, g.gameId)).round.brackets[0].deadlineAt as number;
    expect(d1).toBeGreaterThanOrEqual(first.sent + 45_000);
    expect(d1).toBeLessThanOrEqual(first.done + 45_000);
    await teacherAct(s, g.gameId, sessionId, "skip");
    const second = await timed(() => teacherAct(s, g.gameId, sessionId, "open"));
    const state = await gameState(s, g.gameId);
    expect(state.round.question.questionId).toBe(ids[2]);
    const d2 = state.round.brackets[0].deadlineAt as number;
    expect(d2).toBeGreaterThanOrEqual(second.sent + 7_000);
    expect(d2).toBeLessThanOrEqual(second.done + 7_000);
    expect(state.round.brackets[0].remainingMs).toBeLessThanOrEqual(7_000);
  });

  test("a question that runs out of time with nobody right: no winner, the answer is shown, only the penalties changed scores", async () => {
    const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
    const [a, b, c] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    await give(g.gameId, [a.id, b.id, c.id], 100);
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [ids[3]!, ids[0]!], wrongPenalty: 30 });
    await teacherAct(s, g.gameId, sessionId, "open");
    await answer(a.seats[0]!, sessionId, "9");
    await answer(b.seats[0]!, sessionId, "8");
    // C does not answer. 5 s of the question's own, then a short grace before the answer is shown.
    const state = await waitForState(s, g.gameId, (st) => st.round.brackets[0].revealed);
    expect(state.round.brackets[0]).toMatchObject({ phase: "revealed", winner: null, revealed: true });
    expect(state.round.question.answer).toBe("4");
    expect(state.round.steals).toEqual([]);
    const late = await answer(c.seats[0]!, sessionId, "4");
    expect(late.status).toBe(403);
    expect(await codeOf(late)).toBe("question_closed");
    expect(await scores(g.gameId)).toEqual({ [a.id]: 70, [b.id]: 70, [c.id]: 100 });
    const rows = s.deps.db.$client.query("SELECT team_id, delta, reason FROM score_events WHERE round_id = ? ORDER BY id").all(sessionId);
    expect(rows).toEqual([{ team_id: a.id, delta: -30, reason: "score_steal:penalty:1" }, { team_id: b.id, delta: -30, reason: "score_steal:penalty:1" }]);
    // Not held back: the next question opens.
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    expectLedgerMatches(s, g.gameId);
  }, 20_000);
});
