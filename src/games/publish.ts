import type { AppDeps } from "../deps.ts";
import type { Db } from "../db/client.ts";
import type { Result } from "../errors.ts";
import type { Bus, Topic } from "../realtime/bus.ts";
import type { JoinOk } from "./join.ts";
import { finishGame, setJoinRules, startGame } from "./lifecycle.ts";
import { setArchived } from "../admin/cleanup.ts";

/** Publishes after a successful commit; a refused change announces nothing. */
export function afterCommit<R extends Result<object>>(deps: AppDeps, gameId: number, result: R, ...topics: Topic[]): R {
  if (result.ok) deps.bus.publish(gameId, ...topics);
  return result;
}

/**
 * A new seat changes its own team's member list (and the whole-game screens' lists and counts):
 * no other team's phone shows it, so their streams are not woken. Joins come a thousand at once
 * at the start of a district game, and each flush used to redraw every team's list for every phone.
 */
export function announceJoin(bus: Bus, joined: Pick<JoinOk, "game" | "participant">): void {
  bus.publishForTeams(joined.game.id, [joined.participant.teamId], "lobby");
}

type GameActionDef = { run: (db: Db, gameId: number) => Result; topics: Topic[]; after?: (deps: AppDeps, gameId: number) => void };

/**
 * The teacher's game controls, one table for the lobby page and the API: what each does, what it
 * announces, and what follows once it has committed (`after`, which must not hold up the request).
 */
const GAME_ACTIONS = {
  start: { run: (db, id) => startGame(db, id), topics: ["game", "lobby"] },
  finish: { run: (db, id) => finishGame(db, id), topics: ["game", "lobby", "round", "scores"], after: (deps, id) => deps.ops.gameFinished(id) },
  lock: { run: (db, id) => setJoinRules(db, id, { locked: true }), topics: ["lobby", "scores"] },
  unlock: { run: (db, id) => setJoinRules(db, id, { locked: false }), topics: ["lobby", "scores"] },
  "late-join-on": { run: (db, id) => setJoinRules(db, id, { lateJoin: true }), topics: ["lobby", "scores"] },
  "late-join-off": { run: (db, id) => setJoinRules(db, id, { lateJoin: false }), topics: ["lobby", "scores"] },
  // Archiving only moves a finished game between the dashboard and the archive list: no screen shows it.
  archive: { run: (db, id) => setArchived(db, id, true), topics: [] },
  unarchive: { run: (db, id) => setArchived(db, id, false), topics: [] },
} satisfies Record<string, GameActionDef>;

export type GameAction = keyof typeof GAME_ACTIONS;

export const GAME_ACTION_NAMES = Object.keys(GAME_ACTIONS) as GameAction[];

export function isGameAction(name: string): name is GameAction {
  return Object.hasOwn(GAME_ACTIONS, name);
}

/** Runs a game control and announces it after commit. */
export function runGameAction(deps: AppDeps, action: GameAction, gameId: number): Result {
  const a: GameActionDef = GAME_ACTIONS[action];
  const r = afterCommit(deps, gameId, a.run(deps.db, gameId), ...a.topics);
  if (r.ok) a.after?.(deps, gameId);
  return r;
}
