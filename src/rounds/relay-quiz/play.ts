// Answers and hints: the hot path. Each runs in a group-commit transaction (several phones'
// answers share one COMMIT; each body sees the ones before it), so two taps at once are judged
// one after the other: the first is recorded, the second finds it (`already_answered`), and the
// UNIQUE indexes on relay_answers / relay_hints hold the same line if code ever slipped.
// Judging is pure (src/questions: checkSnapshotAnswer, follow-through credit included); the
// input a member received is the previous answer of the chain as given, read in the transaction.
import { writeGrouped } from "../../db/group-commit.ts";
import type { Db, Tx } from "../../db/client.ts";
import type { Round } from "../../db/schema.ts";
import { declareReasonTexts, fail, type Fail } from "../../errors.ts";
import { applyScore, award, scoreOf } from "../../scoring/ledger.ts";
import { checkSnapshotAnswer } from "../../questions/snapshot.ts";
import { isAcceptingAnswers } from "../current.ts";
import { questionAt, relayConfigById, slotOf } from "./config.ts";
import { settle } from "./progress.ts";
import { relayStatements } from "./store.ts";
import type { RelayConfig } from "./types.ts";

declareReasonTexts({
  "not_your_turn:time_up": { en: "Time is up for this cycle; your next question comes now.", ko: "이번 사이클의 시간이 끝났습니다. 곧 다음 문제가 나옵니다." },
  "not_your_turn:not_in_round": { en: "You joined after this relay started: watch your team this round.", ko: "이 릴레이가 시작된 뒤에 참가했습니다. 이번 라운드는 팀을 응원하세요." },
  "not_your_turn:nothing_held": { en: "No question of this cycle is yours: wait for your turn.", ko: "이번 사이클에는 내 문제가 없습니다. 차례를 기다리세요." },
  "not_your_turn:not_held": { en: "That question is not yours to answer now.", ko: "그 문제는 지금 내가 답할 문제가 아닙니다." },
  "round_closed:team_finished": { en: "Your team has finished this relay.", ko: "우리 팀은 이 릴레이를 마쳤습니다." },
  "invalid_input:questionId:question_required": { en: "You hold two questions: say which one this answer is for.", ko: "문제를 두 개 맡고 있습니다. 어느 문제의 답인지 고르세요." },
  "invalid_answer:empty": { en: "Type an answer first.", ko: "먼저 답을 입력하세요." },
  "invalid_answer:too_long": { en: "That answer is too long (100 characters at most).", ko: "답이 너무 깁니다 (100자까지)." },
});

/** What a member has next after answering: the team's cycle now, their open questions in it, its deadline. Null once the team finished. */
export type Next = { cycle: number; questionIds: number[]; endsAt: number } | null;

export type AnswerDone = {
  ok: true; gameId: number; roundId: number; teamId: number; questionId: number;
  correct: boolean; credit: "answer" | "follow_through" | "none"; points: number; teamScore: number; next: Next;
  /** Set when the answer moved a cycle or ended the round: the clock is re-armed, screens change phase. */
  moved: Round | null;
  /** Only the answering team's state changed (no cycle moved, or team pacing moved just its own and the round runs on). */
  ownTeamOnly: boolean;
};
export type Refused = Fail & { gameId?: number };
export type AnswerResult = AnswerDone | Refused;

export type HintDone = { ok: true; gameId: number; teamId: number; questionId: number; previousAnswer: string; charged: number; teamScore: number; again: boolean };
export type HintResult = HintDone | Refused;

type Seat = { round: { id: number; gameId: number; status: Round["status"]; endsAt: number }; member: { id: number; teamId: number }; participantId: number };

/** The checks every student action starts with: the round, the seat in its game, the member of the round. */
function seat(tx: Tx, roundId: number, participantId: number): Seat | Refused {
  const st = relayStatements(tx);
  const round = st.roundState.get({ id: roundId });
  if (!round || round.type !== "relay_quiz") return fail("round_not_found");
  // A member of the round is a participant of its game (members are its participants when it
  // started; a removed one's participant_id goes null): the participant is read only for a refusal.
  const member = st.memberOf.get({ roundId, participantId });
  if (member) return { round, member, participantId };
  const who = st.participant.get({ id: participantId });
  if (!who || who.gameId !== round.gameId) return fail("not_participant");
  // Students who joined during the round watch their team; they hold no question in it.
  return { ...fail("not_your_turn", { reason: "not_in_round" }), gameId: round.gameId };
}

function nextFor(tx: Tx, config: RelayConfig, roundId: number, member: { id: number; teamId: number }): Next {
  const st = relayStatements(tx);
  const p = st.progress.get({ roundId, teamId: member.teamId });
  if (!p || p.finishedAt !== null) return null;
  const answered = new Set(st.answeredSets.all({ roundId, teamId: member.teamId, position: p.cycle }).map((r) => r.setIndex));
  const open = st.heldSets.all({ roundId, memberId: member.id, cycle: p.cycle }).map((r) => r.setIndex).filter((s) => !answered.has(s));
  return { cycle: p.cycle, questionIds: open.map((s) => questionAt(config, s, p.cycle).questionId), endsAt: p.deadline };
}

export type AnswerInput = { participantId: number; roundId: number; answer: string; questionId?: number };

export async function submitRelayAnswer(db: Db, input: AnswerInput, now = Date.now()): Promise<AnswerResult> {
  const config = relayConfigById(db, input.roundId);
  if (!config) return fail("round_not_found");
  return await writeGrouped(db, (tx): AnswerResult => {
    const st = relayStatements(tx);
    const s = seat(tx, input.roundId, input.participantId);
    if (!("round" in s)) return s;
    const { round, member } = s;
    const refuse = (f: Fail): Refused => ({ ...f, gameId: round.gameId });
    if (!isAcceptingAnswers(round, now)) return refuse(fail("round_closed"));
    const progress = st.progress.get({ roundId: round.id, teamId: member.teamId });
    if (!progress) return refuse(fail("not_your_turn", { reason: "not_in_round" }));
    if (progress.finishedAt !== null) return refuse(fail("round_closed", { reason: "team_finished" }));
    if (now >= progress.deadline) return refuse(fail("not_your_turn", { reason: "time_up" }));
    const cycle = progress.cycle;
    const held = st.heldSets.all({ roundId: round.id, memberId: member.id, cycle }).map((r) => r.setIndex);
    const answered = new Set(st.answeredSets.all({ roundId: round.id, teamId: member.teamId, position: cycle }).map((r) => r.setIndex));
    let setIndex: number;
    if (input.questionId !== undefined) {
      const slot = slotOf(config, input.questionId);
      if (!slot || slot.cycle !== cycle || !held.includes(slot.setIndex)) return refuse(fail("not_your_turn", { reason: "not_held", questionId: input.questionId }));
      setIndex = slot.setIndex;
    } else {
      if (held.length === 0) return refuse(fail("not_your_turn", { reason: "nothing_held" }));
      const open = held.filter((x) => !answered.has(x));
      if (open.length > 1) return refuse(fail("invalid_input", { field: "questionId", reason: "question_required", questionIds: open.map((x) => questionAt(config, x, cycle).questionId) }));
      setIndex = open[0] ?? held[0]!;
    }
    const question = questionAt(config, setIndex, cycle);
    if (answered.has(setIndex)) return refuse(fail("already_answered", { questionId: question.questionId }));
    const received = cycle > 1 ? (st.answerAt.get({ roundId: round.id, teamId: member.teamId, setIndex, position: cycle - 1 })?.answer ?? null) : null;
    const verdict = checkSnapshotAnswer(question, input.answer, { receivedInput: received, followThrough: config.followThrough });
    if (!verdict.ok) return refuse(verdict);
    const credit = verdict.correct ? ("credit" in verdict && verdict.credit ? verdict.credit : "answer") : "none";
    const inputProblem = "input" in verdict && verdict.input && !verdict.input.usable ? verdict.input.problem : null;
    const points = verdict.correct ? question.points : 0;
    const inserted = st.insertAnswer.all({
      roundId: round.id, teamId: member.teamId, setIndex, position: cycle, questionId: question.questionId, memberId: member.id,
      answer: input.answer.trim(), receivedInput: received, inputProblem, correct: verdict.correct, credit, points, createdAt: now,
    });
    if (inserted.length === 0) return refuse(fail("already_answered", { questionId: question.questionId }));
    const teamScore = points > 0
      ? award(tx, { gameId: round.gameId, teamId: member.teamId, roundId: round.id, participantId: input.participantId, delta: points, reason: `relay_quiz:${question.set}-${cycle}` })
      : scoreOf(tx, member.teamId);
    st.bump.run({ roundId: round.id, teamId: member.teamId });
    // What this body has read of the cycle and the team, with this answer, spares settle and nextFor reading it again.
    answered.add(setIndex);
    const moved = settle(tx, round, config, now, member.teamId, { teamId: member.teamId, cycle, sets: answered, progress: { ...progress, version: progress.version + 1 } });
    const ownTeamOnly = moved === null || (moved.status === "running" && config.pacing === "team");
    // No cycle moved: the member's cycle, holdings and deadline are as read above.
    const next: Next = moved === null
      ? { cycle, questionIds: held.filter((x) => !answered.has(x)).map((x) => questionAt(config, x, cycle).questionId), endsAt: progress.deadline }
      : nextFor(tx, config, round.id, member);
    return {
      ok: true, gameId: round.gameId, roundId: round.id, teamId: member.teamId, questionId: question.questionId,
      correct: verdict.correct, credit, points, teamScore, next, moved, ownTeamOnly,
    };
  });
}

export type HintInput = { participantId: number; roundId: number; questionId: number };

/**
 * The chain's true previous answer, for the question's holder. The first view costs the team
 * `hintPenalty` (down to 0 at most: the ledger row holds what was taken); viewing it again is free.
 */
export async function takeRelayHint(db: Db, input: HintInput, now = Date.now()): Promise<HintResult> {
  const config = relayConfigById(db, input.roundId);
  if (!config) return fail("round_not_found");
  return await writeGrouped(db, (tx): HintResult => {
    const st = relayStatements(tx);
    const s = seat(tx, input.roundId, input.participantId);
    if (!("round" in s)) return s;
    const { round, member } = s;
    const refuse = (f: Fail): Refused => ({ ...f, gameId: round.gameId });
    const slot = slotOf(config, input.questionId);
    if (!slot) return refuse(fail("not_your_turn", { reason: "not_held", questionId: input.questionId }));
    if (slot.cycle === 1) return refuse(fail("no_previous_answer", { questionId: input.questionId }));
    if (!st.holdsSlot.get({ roundId: round.id, memberId: member.id, cycle: slot.cycle, setIndex: slot.setIndex })) {
      return refuse(fail("not_your_turn", { reason: "not_held", questionId: input.questionId }));
    }
    const question = questionAt(config, slot.setIndex, slot.cycle);
    const previousAnswer = question.trueInput ?? "";
    const where = { roundId: round.id, teamId: member.teamId, setIndex: slot.setIndex, position: slot.cycle };
    const base = { ok: true as const, gameId: round.gameId, teamId: member.teamId, questionId: input.questionId, previousAnswer };
    if (st.hintAt.get(where)) return { ...base, charged: 0, teamScore: scoreOf(tx, member.teamId), again: true };
    if (!isAcceptingAnswers(round, now)) return refuse(fail("round_closed"));
    const progress = st.progress.get({ roundId: round.id, teamId: member.teamId });
    if (!progress || progress.finishedAt !== null) return refuse(fail("round_closed", { reason: "team_finished" }));
    if (progress.cycle !== slot.cycle || now >= progress.deadline) return refuse(fail("not_your_turn", { reason: progress.cycle > slot.cycle || now >= progress.deadline ? "time_up" : "not_held", questionId: input.questionId }));
    if (st.answerAt.get(where)) return refuse(fail("already_answered", { questionId: input.questionId }));
    let charged = 0;
    let teamScore = scoreOf(tx, member.teamId);
    // A team at 0 has nothing to take: no ledger row for a change of nothing.
    if (config.hintPenalty > 0 && teamScore > 0) {
      const applied = applyScore(tx, { gameId: round.gameId, teamId: member.teamId, roundId: round.id, participantId: input.participantId, delta: -config.hintPenalty, reason: `relay_quiz:hint:${question.set}-${slot.cycle}` });
      charged = 0 - applied.applied;
      teamScore = applied.score;
    }
    st.insertHint.run({ ...where, memberId: member.id, penalty: config.hintPenalty, charged, createdAt: now });
    st.bump.run({ roundId: round.id, teamId: member.teamId });
    return { ...base, charged, teamScore, again: false };
  });
}
