// A Year Game answer at the edges: what it announces, and the API's JSON for it. The page's
// keypad turns the same result into a fragment (routes.tsx).
import type { Lang } from "../../errors.ts";
import { errorMessage, ERRORS } from "../../errors.ts";
import type { Topic } from "../../realtime/bus.ts";
import type { SubmitResult } from "./domain.ts";
import { yearProblemText } from "../../../views/rounds/year-game/problems.ts";

/**
 * A find changes its own team's grid and score only (teams find numbers each for themselves): it
 * is told to that team's phones, and the whole-game screens, not to every phone of the game. The
 * district bench's Year Game games have a thousand phones each, and every flush woke all twenty
 * teams' streams to learn that nothing of theirs had changed. A miss feeds the teacher's panel only.
 */
export function announceAnswer(r: SubmitResult): { gameId: number; topics: Topic[]; teams?: number[] } | null {
  if (r.gameId === undefined) return null;
  return r.ok ? { gameId: r.gameId, topics: ["scores", "attempts"], teams: [r.teamId] } : { gameId: r.gameId, topics: ["attempts"] };
}

/**
 * The API's answer. Errors carry their extras in `detail`; `foundBy`/`targetNumber` (already
 * found) and `reason` (invalid expression) were documented at the top level of the error first,
 * so they stay there too.
 */
export function answerJson(r: SubmitResult, lang: Lang): { status: number; body: unknown } {
  if (r.ok) return { status: 200, body: { correct: true, targetNumber: r.target, points: r.points, teamScore: r.teamScore, expression: r.normalized } };
  if (r.code === "already_found") {
    const extra = { foundBy: r.foundBy, targetNumber: r.target };
    return { status: 409, body: { error: { code: r.code, message: `${errorMessage("already_found", lang)} (${r.foundBy})`, detail: extra, ...extra } } };
  }
  if (r.code === "invalid_expression") {
    const detail = { reason: r.problem.reason, messageId: r.problem.message.id, params: r.problem.message.params };
    return { status: 422, body: { error: { code: r.code, reason: r.problem.reason, message: yearProblemText(r.problem.message, lang), detail } } };
  }
  return { status: ERRORS[r.code].status, body: { error: { code: r.code, message: errorMessage(r.code, lang) } } };
}
