// Score Steal's rules, pure: who is in which bracket, whom a winner may steal from, what a steal
// moves, when the answer is revealed. No database, no clock.
import type { PastSteal, Protection, StealConfig, TeamRef } from "./types.ts";

/** Teams without a bracket form one bracket together (named ""). */
export function bracketOf(team: Pick<TeamRef, "bracket">): string {
  return team.bracket ?? "";
}

/**
 * The teams a bracket's winner may not pick because of earlier steals in that bracket:
 * `next_question` — the target of the bracket's latest steal (a question without a winner does
 * not use the shield up: only the next steal moves it); `round` — every earlier target; `none`.
 */
export function protectedTeams(protection: Protection, bracket: string, steals: readonly PastSteal[]): Set<number> {
  const targets = steals.filter((s) => s.bracket === bracket && s.targetTeamId !== null).sort((a, b) => a.position - b.position).map((s) => s.targetTeamId!);
  if (protection === "none" || targets.length === 0) return new Set();
  return protection === "round" ? new Set(targets) : new Set([targets[targets.length - 1]!]);
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
