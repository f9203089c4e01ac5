// Score Steal's rule types, in one place.
import type { QuestionSnapshot } from "../../questions/snapshot.ts";

export type Protection = "next_question" | "round" | "none";

/** The round's settings, fixed when it starts (rounds.config). The questions are in steal_questions. */
export type StealConfig = {
  secondsPerQuestion: number;
  /** Points a wrong answer costs the team (0: none). Applied only down to a score of 0. */
  wrongPenalty: number;
  /** true: the winner gains only what the target actually lost; false [default]: the full points. */
  gainOnlyTaken: boolean;
  protection: Protection;
};

export const STEAL_DEFAULTS: StealConfig = { secondsPerQuestion: 60, wrongPenalty: 50, gainOnlyTaken: false, protection: "next_question" };

/** After a bracket's winner is known, how long before the teacher's screen asks to pick for them (nothing is picked automatically). */
export const PICK_PROMPT_MS = 30_000;

/**
 * Once every bracket's race is over, the answer is shown this much later: answers sent together
 * with the winner's are still judged (no points, no penalty) and told who won and by how much.
 */
export const REVEAL_GRACE_MS = 3_000;

export type StealQuestion = { position: number; snapshot: QuestionSnapshot; openedAt: number | null };

/** A steal already made in the round (for protection and the screens). */
export type PastSteal = { position: number; bracket: string; winnerTeamId: number; targetTeamId: number | null };

export type TeamRef = { id: number; bracket: string | null };
