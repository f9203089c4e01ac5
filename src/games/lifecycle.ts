import { and, eq, inArray } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { games, rounds } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { findGame } from "./queries.ts";

/** waiting → started → finished; locking only matters before the end. */
export function startGame(db: Db, gameId: number, now = Date.now()): Result {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status !== "waiting") return fail("bad_state");
    tx.update(games).set({ status: "started", startedAt: now }).where(eq(games.id, gameId)).run();
    return { ok: true };
  });
}

export function finishGame(db: Db, gameId: number, now = Date.now()): Result {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status === "finished") return fail("bad_state");
    // A round still open ends with the game, at the same moment.
    tx.update(rounds).set({ status: "finished", finishedAt: now, endsAt: now })
      .where(and(eq(rounds.gameId, gameId), inArray(rounds.status, ["running", "paused"]))).run();
    tx.update(games).set({ status: "finished", finishedAt: now, startedAt: game.startedAt ?? now }).where(eq(games.id, gameId)).run();
    return { ok: true };
  });
}

/** Who may still join a game in play: `locked` stops everyone new; `lateJoin` admits latecomers after the start. */
export function setJoinRules(db: Db, gameId: number, rules: { locked?: boolean; lateJoin?: boolean }): Result {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status === "finished") return fail("bad_state");
    tx.update(games).set(rules).where(eq(games.id, gameId)).run();
    return { ok: true };
  });
}
