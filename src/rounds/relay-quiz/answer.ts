// A relay answer or hint at the edges: what it announces, and the API's JSON for it. The phone's
// pages turn the same results into fragments (routes.tsx).
import { failText, ERRORS, type Lang } from "../../errors.ts";
import type { Announcement } from "../contract.ts";
import type { AnswerResult, HintResult } from "./play.ts";

// Only the answering team's own screens change with an answer that moved no other team and did
// not end the round, or with a hint: the other teams' phones are not woken (a game of 20 teams
// would otherwise read and check 20 teams' views per answer). Projector and teacher always are.
export function announceAnswer(r: AnswerResult): Announcement | null {
  if (!r.ok) return null;
  // A moved cycle re-arms the round's clock. Its screens change with the scores' flush: as
  // "round" it would also hurry the teacher's big panel at every team's every cycle. It is urgent
  // though: the team's phones show their next questions, not worth waiting behind other games.
  return { gameId: r.gameId, topics: ["scores", "attempts"], ...(r.ownTeamOnly ? { teams: [r.teamId] } : {}), ...(r.moved ? { round: r.moved, urgent: true } : {}) };
}

export function announceHint(r: HintResult): Announcement | null {
  return r.ok && !r.again ? { gameId: r.gameId, topics: ["scores", "attempts"], teams: [r.teamId] } : null;
}

function refusal(r: Exclude<AnswerResult | HintResult, { ok: true }>, lang: Lang): { status: number; body: unknown } {
  return { status: ERRORS[r.code].status, body: { error: { code: r.code, message: failText(r, lang), ...(r.detail ? { detail: r.detail } : {}) } } };
}

export function answerJson(r: AnswerResult, lang: Lang): { status: number; body: unknown } {
  if (!r.ok) return refusal(r, lang);
  return { status: 200, body: { correct: r.correct, points: r.points, teamScore: r.teamScore, next: r.next, questionId: r.questionId, credit: r.credit } };
}

export function hintJson(r: HintResult, lang: Lang): { status: number; body: unknown } {
  if (!r.ok) return refusal(r, lang);
  return { status: 200, body: { previousAnswer: r.previousAnswer, charged: r.charged, questionId: r.questionId, teamScore: r.teamScore } };
}
