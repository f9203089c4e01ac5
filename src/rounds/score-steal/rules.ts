// Score Steal's rules, pure: who is in which bracket, whom a winner may steal from, what a steal
// moves, when the answer is revealed. No database, no clock.
import type { PastSteal, Protection, StealConfig, TeamRef } from "./types.ts";

/** Teams without a bracket form one bracket together (named ""). */
export function bracketOf(team: Pick<TeamRef, "bracket">): string {
  return team.bracket ?? "";
}

/**
 * The teams a bracket's winner may not pick because of earlier steals in that bracket:
 * `next_question` — the target of the bracket's latest won question, so the shield lasts until
 * the bracket next has a winner. A win from nobody (no eligible target, or the teacher skipped the
 * pick) still uses it up; a question skipped or timed out without a winner has no steal and does
 * not. `round` — every earlier target; `none` — nobody.
 */
export function protectedTeams(protection: Protection, bracket: string, steals: readonly PastSteal[]): Set<number> {
  const mine = steals.filter((s) => s.bracket === bracket).sort((a, b) => a.position - b.position);
  if (protection === "none" || mine.length === 0) return new Set();
  if (protection === "round") return new Set(mine.flatMap((s) => (s.targetTeamId === null ? [] : [s.targetTeamId])));
  const latest = mine[mine.length - 1]!.targetTeamId;
  return latest === null ? new Set() : new Set([latest]);
}

export type TargetCheck = { ok: true } | { ok: false; code: "target_not_eligible" | "target_protected" };

/** May `winner` steal from `target`? Same bracket, not itself, not protected. */
export function checkTarget(winner: TeamRef, target: TeamRef | undefined, shielded: ReadonlySet<number>): TargetCheck {
  if (!target || target.id === winner.id || bracketOf(target) !== bracketOf(winner)) return { ok: false, code: "target_not_eligible" };
  if (shielded.has(target.id)) return { ok: false, code: "target_protected" };
  return { ok: true };
}

/** The teams `winner` may pick now (none → the winner gains from nobody, with no picker). */
export function eligibleTargets(winner: TeamRef, teams: readonly TeamRef[], shielded: ReadonlySet<number>): TeamRef[] {
  return teams.filter((t) => checkTarget(winner, t, shielded).ok);
}

/**
 * What a steal moves: the target loses up to `points` (never below 0: `targetLoses` is what it can
 * lose), the winner gains the full points, or with `gainOnlyTaken` only what was taken.
 */
export function stealAmounts(points: number, targetScore: number | null, config: Pick<StealConfig, "gainOnlyTaken">): { take: number; gain: number } {
  const take = targetScore === null ? 0 : Math.min(points, Math.max(0, targetScore));
  return { take, gain: targetScore !== null && config.gainOnlyTaken ? take : points };
}

/** The time a team took, from the question's opening (which a pause moves forward), never negative. */
export function answerMs(openedAt: number, now: number): number {
  return Math.max(0, now - openedAt);
}
