// A Score Steal answer or steal at the edges: what it announces, and the API's JSON for it.
import { ERRORS, failText, type Lang } from "../../errors.ts";
import type { Topic } from "../../realtime/bus.ts";
import type { StealAnswerResult } from "./domain.ts";

export function announceAnswer(r: StealAnswerResult): { gameId: number; topics: Topic[] } | null {
  // A refused answer (team_already_answered, question_closed, invalid) stores nothing and changes
  // no screen. Announcing it woke every phone's stream of the game for nothing — in a gym most
  // taps are refusals (1,000 phones, 20 teams: 98%) — and the bench measured those flushes
  // delaying the answers themselves.
  if (!r.ok) return null;
  // Every accepted answer changes what screens show (who answered, the team's locked answer).
  return { gameId: r.gameId, topics: ["scores", "attempts"] };
}

/** 200 `{ correct, winner, points, teamScore, answerMs }` (+ who won, for a late answer); errors with their detail. */
export function answerJson(r: StealAnswerResult, lang: Lang): { status: number; body: unknown } {
  if (r.ok) {
    return {
      status: 200,
      body: {
        correct: r.correct, winner: r.winner, points: r.points, teamScore: r.teamScore, answerMs: r.answerMs, late: r.late,
        ...(r.winnerTeam ? { winnerTeam: { teamId: r.winnerTeam.id, name: r.winnerTeam.name, answerMs: r.winnerTeam.ms }, slowerByMs: Math.max(0, r.answerMs - r.winnerTeam.ms) } : {}),
      },
    };
  }
  const detail = r.detail;
  return { status: ERRORS[r.code].status, body: { error: { code: r.code, message: failText(r, lang), ...(detail ? { detail } : {}), ...(r.code === "team_already_answered" && detail ? { answeredBy: detail.by } : {}) } } };
}
