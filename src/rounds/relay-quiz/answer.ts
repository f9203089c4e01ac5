// A relay answer or hint at the edges: what it announces, and the API's JSON for it. The phone's
// pages turn the same results into fragments (routes.tsx).
import { failText, ERRORS, type Lang } from "../../errors.ts";
import type { Round } from "../../db/schema.ts";
import type { Topic } from "../../realtime/bus.ts";
import type { AnswerResult, HintResult } from "./play.ts";

export function announceAnswer(r: AnswerResult): { gameId: number; topics: Topic[]; round?: Round } | null {
  if (!r.ok) return null;
  // A moved cycle re-arms the round's clock. Its screens change with the scores' flush: as
  // "round" it would also hurry the teacher's big panel at every team's every cycle.
  return { gameId: r.gameId, topics: ["scores", "attempts"], ...(r.moved ? { round: r.moved } : {}) };
}

export function announceHint(r: HintResult): { gameId: number; topics: Topic[] } | null {
  return r.ok && !r.again ? { gameId: r.gameId, topics: ["scores", "attempts"] } : null;
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
