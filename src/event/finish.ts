// The event ends with its plan: when a round of the plan finishes and no planned round is left
// (every other entry played or skipped) and nothing else is running, the game finishes by itself
// — phones show their final place, the projector its podium. A round started outside the plan
// never ends the game; neither does a game without a plan.
import { read } from "../db/client.ts";
import type { Round } from "../db/schema.ts";
import type { AppDeps } from "../deps.ts";
import { findGame } from "../games/queries.ts";
import { runGameAction } from "../games/publish.ts";
import { openRound } from "../rounds/current.ts";
import { readPlan } from "./plan.ts";

/** Whether the plan is played out with `round`, its last round, just finished. */
export function planPlayedOut(deps: Pick<AppDeps, "db">, round: Round, now = Date.now()): boolean {
  return read(deps.db, (tx) => {
    if (findGame(tx, round.gameId)?.status !== "started" || openRound(tx, round.gameId)) return false;
    const plan = readPlan(tx, round.gameId, now);
    return plan.some((e) => e.roundId === round.id) && !plan.some((e) => e.state === "next" || e.state === "pending" || e.state === "running");
  });
}

/** Called by the round clock whenever a round is seen finished (after its commit). */
export function finishWhenPlanDone(deps: AppDeps, round: Round): void {
  if (round.status === "finished" && planPlayedOut(deps, round)) runGameAction(deps, "finish", round.gameId);
}
