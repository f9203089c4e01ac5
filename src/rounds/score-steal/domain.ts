// Score Steal: start a round, open a question, take the teams' answers (first correct team of a
// bracket wins, in commit order), and the winner's steal. Each change is one transaction; the
// answer path shares its transaction with the answers that arrived with it (group commit).
import type { Static } from "@sinclair/typebox";
import { and, eq } from "drizzle-orm";
import { write, type Db, type Tx } from "../../db/client.ts";
import { writeGrouped } from "../../db/group-commit.ts";
import { games, rounds, stealBrackets, stealQuestions, stealSteals, type Round } from "../../db/schema.ts";
import { declareReasonTexts, fail, type Fail, type Result } from "../../errors.ts";
import { applyScore } from "../../scoring/ledger.ts";
import { readAnswer } from "../../questions/answer-check.ts";
import { checkSnapshotAnswer, selectQuestions } from "../../questions/snapshot.ts";
import { openRound } from "../current.ts";
import { answerMs, bracketOf, checkTarget, eligibleTargets, protectedTeams } from "./rules.ts";
import { pastSteals, roundQuestions, stealConfigOf, store } from "./store.ts";
import { scheduleRevealIfRaceOver } from "./control.ts";
import { STEAL_DEFAULTS, type StealConfig } from "./types.ts";
import type { StealStartBody } from "./schemas.ts";

/** A Score Steal round has no single end: a forgotten one closes after a day. */
const ROUND_SAFETY_MS = 24 * 3600_000;

declareReasonTexts({
  "no_questions:all_asked": { en: "Every question of this round has been asked.", ko: "이 라운드의 문제를 모두 냈습니다." },
  "no_questions:empty_selection": { en: "There are no Score Steal questions to ask. Add some to the question bank (or add the demo questions).", ko: "낼 점수 뺏기 문제가 없습니다. 문제 은행에 문제를 추가하세요 (데모 문제를 넣을 수도 있습니다)." },
  "bad_state:question_running": { en: "A question is still open. Reveal or skip it first.", ko: "아직 열린 문제가 있습니다. 먼저 정답을 공개하거나 넘기세요." },
  "bad_state:already_opened": { en: "That question has already been asked in this round.", ko: "그 문제는 이 라운드에서 이미 냈습니다." },
  "bad_state:no_question": { en: "No question is open.", ko: "열린 문제가 없습니다." },
  "bad_state:game_waiting": { en: "Start the game before a round.", ko: "라운드를 시작하려면 먼저 게임을 시작하세요." },
  "bad_state:game_finished": { en: "The game is finished.", ko: "게임이 끝났습니다." },
  "bad_state:round_paused": { en: "The round is paused. Resume it first.", ko: "라운드가 일시 정지되어 있습니다. 먼저 다시 시작하세요." },
});

/** The round, if it is a Score Steal round of this game. */
function stealRound(tx: Tx, gameId: number, roundId: number): Round | undefined {
  const round = store(tx).round.get({ id: roundId });
  return round && round.type === "score_steal" && round.gameId === gameId ? round : undefined;
}

export function startStealRound(db: Db, gameId: number, input: Static<typeof StealStartBody>, now = Date.now()): Result<{ round: Round }> {
  const config: StealConfig = {
    secondsPerQuestion: input.secondsPerQuestion ?? STEAL_DEFAULTS.secondsPerQuestion,
    wrongPenalty: input.wrongPenalty ?? STEAL_DEFAULTS.wrongPenalty,
    gainOnlyTaken: input.gainOnlyTaken ?? STEAL_DEFAULTS.gainOnlyTaken,
    protection: input.protection ?? STEAL_DEFAULTS.protection,
  };
  return write(db, (tx) => {
    const game = tx.select().from(games).where(eq(games.id, gameId)).get();
    if (!game) return fail("game_not_found");
    if (game.status !== "started") return fail("bad_state", { reason: game.status === "waiting" ? "game_waiting" : "game_finished" });
    if (openRound(tx, gameId)) return fail("round_running");
    const picked = selectQuestions(tx, { category: "score_steal", ids: input.questionIds, tag: input.tag, shuffle: input.shuffle });
    if (!picked.ok) return picked;
    const round = tx.insert(rounds).values({ gameId, type: "score_steal", status: "running", config: JSON.stringify(config), startedAt: now, endsAt: now + ROUND_SAFETY_MS }).returning().get();
    tx.insert(stealQuestions).values(picked.questions.map((q, i) => ({ roundId: round.id, position: i + 1, questionId: q.questionId, snapshot: JSON.stringify(q) }))).run();
    const brackets = [...new Set(store(tx).teams.all({ gameId }).map((t) => bracketOf(t)))];
    tx.insert(stealBrackets).values(brackets.map((bracket) => ({ roundId: round.id, bracket }))).run();
    return { ok: true, round };
  });
}

/**
 * Opens a question for every bracket at once: the next one in order, or a chosen one. Waits until
 * every bracket is done with the last one (answer revealed, winner's pick made).
 */
export function openStealQuestion(db: Db, gameId: number, roundId: number, questionId: number | undefined, now = Date.now()): Result<{ round: Round; position: number }> {
  return write(db, (tx) => {
    const round = stealRound(tx, gameId, roundId);
    if (!round) return fail("round_not_found");
    if (round.status === "finished") return fail("round_closed");
    if (round.status === "paused") return fail("bad_state", { reason: "round_paused" });
    const brackets = store(tx).brackets.all({ roundId });
    if (brackets.some((b) => b.phase === "choosing_target")) return fail("pick_pending");
    if (brackets.some((b) => b.phase === "question_open" || b.phase === "question_closed")) return fail("bad_state", { reason: "question_running" });
    const opened = store(tx).openedAt.all({ roundId });
    const questions = roundQuestions(tx, roundId);
    let position: number | undefined;
    if (questionId !== undefined) {
      position = [...questions].find(([, q]) => q.questionId === questionId)?.[0];
      if (position === undefined) return fail("question_not_found");
      if (opened.find((o) => o.position === position)?.openedAt !== null) return fail("bad_state", { reason: "already_opened" });
    } else {
      position = opened.find((o) => o.openedAt === null)?.position;
      if (position === undefined) return fail("no_questions", { reason: "all_asked" });
    }
    const q = questions.get(position)!;
    const limitMs = (q.timeLimitSeconds ?? stealConfigOf(round).secondsPerQuestion) * 1000;
    tx.update(stealQuestions).set({ openedAt: now }).where(and(eq(stealQuestions.roundId, roundId), eq(stealQuestions.position, position))).run();
    tx.update(stealBrackets).set({ phase: "question_open", position, openedAt: now, deadlineAt: now + limitMs, pausedRemainingMs: null, revealDueAt: null, revealedAt: null, winnerTeamId: null, winnerMs: null, wonAt: null })
      .where(eq(stealBrackets.roundId, roundId)).run();
    return { ok: true, round, position };
  });
}

export type StealAnswerOk = {
  ok: true; gameId: number; teamId: number; position: number;
  correct: boolean; winner: boolean; late: boolean;
  /** The change to the team's score now (a penalty, or the points gained from nobody). */
  points: number; stake: number; teamScore: number; answerMs: number;
  /** For an answer after the bracket's winner: who won and how much faster. */
  winnerTeam: { id: number; name: string; ms: number } | null;
};
export type StealAnswerResult =
  | StealAnswerOk
  | ({ gameId?: number } & Fail);

export type StealAnswerCall = { participantId: number; roundId: number; answer: string };

/**
 * A team's one answer to the open question. The first submission from any member is the team's
 * (UNIQUE round/question/team); answers are recorded in commit order, so of three teams correct at
 * the same instant the first committed wins its bracket and the others are told who did.
 */
export async function submitStealAnswer(db: Db, call: StealAnswerCall, now = Date.now()): Promise<StealAnswerResult> {
  const read = readAnswer(call.answer);
  if (!read.ok) return read;
  return await writeGrouped(db, (tx): StealAnswerResult => {
    const st = store(tx);
    const round = st.round.get({ id: call.roundId });
    const who = st.participant.get({ id: call.participantId });
    // A student of another game learns nothing about this one's rounds.
    if (round && (!who || who.gameId !== round.gameId)) return fail("not_participant");
    if (!round || !who || round.type !== "score_steal") return fail("round_not_found");
    const gameId = round.gameId;
    if (round.status !== "running") return { ...fail("question_closed"), gameId };
    const team = st.team.get({ id: who.teamId })!;
    const bracket = st.bracket.get({ roundId: round.id, bracket: bracketOf(team) });
    // Racing, or after the bracket's winner until the answer is shown (late answers are judged, without points).
    const open = bracket && bracket.position !== null && bracket.revealedAt === null
      && ((bracket.phase === "question_open" && now < bracket.deadlineAt!) || (bracket.winnerTeamId !== null && (bracket.phase === "choosing_target" || bracket.phase === "question_closed")));
    if (!bracket || !open) return { ...fail("question_closed"), gameId };
    const position = bracket.position!;
    const earlier = st.teamAnswer.get({ roundId: round.id, position, teamId: team.id });
    if (earlier) return { ...fail("team_already_answered", { by: earlier.memberName, answer: earlier.answer }), gameId };
    const snapshot = roundQuestions(tx, round.id).get(position)!;
    const judged = checkSnapshotAnswer(snapshot, read.text);
    if (!judged.ok) return { ...judged, gameId };
    const config = stealConfigOf(round);
    const ms = answerMs(bracket.openedAt!, now);
    const racing = bracket.phase === "question_open";
    let applied = 0;
    let teamScore = team.score;
    let winnerTeam: StealAnswerOk["winnerTeam"] = null;
    if (racing && judged.correct) {
      tx.update(stealBrackets).set({ phase: "choosing_target", winnerTeamId: team.id, winnerMs: ms, wonAt: now }).where(eq(stealBrackets.id, bracket.id)).run();
      // Nobody to steal from (every other team shielded, or alone in the bracket): the points come from nobody, at once.
      const teams = st.teams.all({ gameId });
      const shielded = protectedTeams(config.protection, bracket.bracket, pastSteals(tx, round.id));
      if (eligibleTargets(team, teams, shielded).length === 0) {
        tx.update(stealBrackets).set({ phase: "question_closed" }).where(eq(stealBrackets.id, bracket.id)).run();
        const gain = applyScore(tx, { gameId, teamId: team.id, roundId: round.id, participantId: who.id, delta: snapshot.points, reason: `score_steal:gain:${position}` });
        tx.insert(stealSteals).values({ roundId: round.id, position, bracket: bracket.bracket, winnerTeamId: team.id, targetTeamId: null, points: snapshot.points, taken: 0, gained: gain.applied, pickedBy: null, createdAt: now }).run();
        teamScore = gain.score;
      }
    } else if (racing && config.wrongPenalty > 0) {
      const penalty = applyScore(tx, { gameId, teamId: team.id, roundId: round.id, participantId: who.id, delta: -config.wrongPenalty, reason: `score_steal:penalty:${position}` });
      applied = penalty.applied;
      teamScore = penalty.score;
    } else if (!racing && bracket.winnerTeamId !== null) {
      const w = st.team.get({ id: bracket.winnerTeamId });
      winnerTeam = w ? { id: w.id, name: w.name, ms: bracket.winnerMs ?? 0 } : null;
    }
    const outcome = racing ? (judged.correct ? "won" : "wrong") : judged.correct ? "late_correct" : "late_wrong";
    const inserted = st.insertAnswer.all({
      roundId: round.id, position, teamId: team.id, participantId: who.id, memberName: who.nickname, answer: read.text.slice(0, 100),
      correct: judged.correct, outcome, answerMs: ms, penalty: racing && !judged.correct ? config.wrongPenalty : 0, applied, createdAt: now,
    });
    // Cannot happen while the write lock is held and the check above passed; the UNIQUE index backs it.
    if (inserted.length === 0) throw new Error("score_steal: a team answered twice");
    if (racing) scheduleRevealIfRaceOver(tx, round.id, now);
    return { ok: true, gameId, teamId: team.id, position, correct: judged.correct, winner: outcome === "won", late: !racing, points: outcome === "won" ? snapshot.points : applied, stake: snapshot.points, teamScore, answerMs: ms, winnerTeam };
  });
}

export type StealOk = { ok: true; gameId: number; position: number; points: number; from: { teamId: number; score: number } | null; to: { teamId: number; score: number }; taken: number; gained: number };

/**
 * The winner's steal: the question's points move from the target to the winner in one
 * transaction (two ledger rows, one reason). The first pick counts (UNIQUE per bracket and
 * question). `targetTeamId` null: the teacher skips the pick and the winner gains from nobody.
 * `by`: the member who picked, or null for the teacher.
 */
export function stealPoints(db: Db, a: { gameId?: number; roundId: number; winnerTeamId: number; targetTeamId: number | null; by: number | null }, now = Date.now()): StealOk | Fail {
  return write(db, (tx) => {
    const st = store(tx);
    const round = st.round.get({ id: a.roundId });
    if (round && a.by !== null && st.participant.get({ id: a.by })?.gameId !== round.gameId) return fail("not_participant");
    if (!round || round.type !== "score_steal" || (a.gameId !== undefined && round.gameId !== a.gameId)) return fail("round_not_found");
    if (round.status === "finished") return fail("round_closed");
    const winner = st.team.get({ id: a.winnerTeamId });
    if (!winner || winner.gameId !== round.gameId) return fail("team_not_found");
    const bracket = st.bracket.get({ roundId: round.id, bracket: bracketOf(winner) });
    if (!bracket || bracket.position === null || bracket.winnerTeamId !== winner.id) return fail("not_winner");
    const position = bracket.position;
    if (st.steal.get({ roundId: round.id, position, bracket: bracket.bracket })) return fail("already_stolen");
    const points = roundQuestions(tx, round.id).get(position)!.points;
    const config = stealConfigOf(round);
    const reason = `score_steal:steal:${position}`;
    let from: StealOk["from"] = null;
    let taken = 0;
    if (a.targetTeamId !== null) {
      const target = st.team.get({ id: a.targetTeamId });
      const check = checkTarget(winner, target && target.gameId === round.gameId ? target : undefined, protectedTeams(config.protection, bracket.bracket, pastSteals(tx, round.id)));
      if (!check.ok) return fail(check.code);
      const loss = applyScore(tx, { gameId: round.gameId, teamId: target!.id, roundId: round.id, participantId: a.by, delta: -points, reason });
      taken = -loss.applied;
      from = { teamId: target!.id, score: loss.score };
    }
    const gain = applyScore(tx, { gameId: round.gameId, teamId: winner.id, roundId: round.id, participantId: a.by, delta: a.targetTeamId !== null && config.gainOnlyTaken ? taken : points, reason });
    tx.insert(stealSteals).values({ roundId: round.id, position, bracket: bracket.bracket, winnerTeamId: winner.id, targetTeamId: a.targetTeamId, points, taken, gained: gain.applied, pickedBy: a.by, createdAt: now }).run();
    // The pick made, this bracket is done with the question (after the reveal: all done).
    tx.update(stealBrackets).set({ phase: bracket.revealedAt !== null ? "revealed" : "question_closed" }).where(eq(stealBrackets.id, bracket.id)).run();
    return { ok: true, gameId: round.gameId, position, points, from, to: { teamId: winner.id, score: gain.score }, taken, gained: gain.applied };
  });
}
