// Cleanup: delete a game, archive a finished one, and the housekeeping run at start and daily
// (finished games past --retain-days, refused-request records past a week).
import { and, eq, isNotNull, lt } from "drizzle-orm";
import { withForeignKeysOff, write, type Db } from "../db/client.ts";
import { games, scoreEvents, type Game } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { findGame } from "../games/queries.ts";

const DAY_MS = 86_400_000;
/** Refused-request records are kept a week: long enough to look into last week's event. */
export const ABUSE_KEEP_DAYS = 7;

/**
 * What a game owns, in deletion order, each reached through an indexed column. Deleting the game
 * row alone would cascade correctly but slowly: every deleted student and team sets off a lookup
 * in year_attempts, year_finds and score_events by columns that carry no index (indexes there
 * would slow every answer), and on a school's history of 100 games one game took over a minute.
 * So the rows are deleted here, table by table, with foreign-key checks off for the transaction.
 * A table added later that refers to these rows must be listed too: `uncoveredTables`
 * (tested) finds one that is not, and the delete then takes the slow, always-correct way.
 */
const OWNED: { table: string; where: string }[] = [
  { table: "year_attempts", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "steal_answers", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "steal_steals", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "steal_brackets", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "steal_questions", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "relay_hints", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "relay_answers", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  // Progress before holders and members, teams before participants: their rows' triggers keep a
  // count in the row they name (migrations 0013, 0014), which is then gone, not updated row by row.
  { table: "relay_progress", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "relay_holders", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "relay_members", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "relay_rounds", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "year_finds", where: "round_id IN (SELECT id FROM rounds WHERE game_id = ?1)" },
  { table: "score_events", where: "team_id IN (SELECT id FROM teams WHERE game_id = ?1)" },
  { table: "plan_rounds", where: "game_id = ?1" },
  { table: "podiums", where: "game_id = ?1" },
  { table: "roster_entries", where: "game_id = ?1" },
  { table: "teams", where: "game_id = ?1" },
  { table: "participants", where: "game_id = ?1" },
  { table: "rounds", where: "game_id = ?1" },
  { table: "games", where: "id = ?1" },
];

/** Tables that refer to a game's rows but are not in OWNED (empty when the fast delete is complete). */
export function uncoveredTables(db: Db): string[] {
  const c = db.$client;
  const owned = new Set(OWNED.map((o) => o.table));
  const tables = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables.map((t) => t.name).filter((name) => !owned.has(name) && (c.prepare(`PRAGMA foreign_key_list("${name.replace(/"/g, '""')}")`).all() as { table: string }[]).some((fk) => owned.has(fk.table)));
}

/**
 * Deletes a game and everything in it. A game being played is refused (finish it first): its
 * students would lose their seats mid-round.
 */
export function deleteGame(db: Db, gameId: number): Result<{ game: Game }> {
  const game = findGame(db, gameId);
  if (!game) return fail("game_not_found");
  if (game.status === "started") return fail("game_in_play");
  if (uncoveredTables(db).length > 0) {
    // The slow way, correct whatever refers to the game: the ledger first (deleting rounds and
    // students would set its references to NULL, an update the append-only ledger refuses).
    return write(db, (tx) => {
      tx.delete(scoreEvents).where(eq(scoreEvents.gameId, gameId)).run();
      tx.delete(games).where(eq(games.id, gameId)).run();
      return { ok: true, game };
    });
  }
  return withForeignKeysOff(db, () => write(db, (tx) => {
    const now = findGame(tx, gameId);
    if (!now) return fail("game_not_found");
    if (now.status === "started") return fail("game_in_play");
    for (const o of OWNED) db.$client.prepare(`DELETE FROM ${o.table} WHERE ${o.where}`).run(gameId);
    return { ok: true, game: now };
  }));
}

/** Archives a finished game (it leaves the dashboard for the archive list), or brings it back. */
export function setArchived(db: Db, gameId: number, archived: boolean, now = Date.now()): Result<{ game: Game }> {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (archived && game.status !== "finished") return fail("game_not_finished");
    const updated = tx.update(games).set({ archivedAt: archived ? (game.archivedAt ?? now) : null }).where(eq(games.id, gameId)).returning().get()!;
    return { ok: true, game: updated };
  });
}

/** Finished games that ended more than `days` days ago, oldest first. */
export function expiredGames(db: Db, days: number, now = Date.now()): number[] {
  return db.select({ id: games.id }).from(games)
    .where(and(eq(games.status, "finished"), isNotNull(games.finishedAt), lt(games.finishedAt, now - days * DAY_MS)))
    .orderBy(games.finishedAt).all().map((r) => r.id);
}

/** Deletes refused-request records older than ABUSE_KEEP_DAYS; returns how many. */
export function pruneAbuseEvents(db: Db, now = Date.now()): number {
  const cutoff = now - ABUSE_KEEP_DAYS * DAY_MS;
  return write(db, () => db.$client.prepare("DELETE FROM abuse_events WHERE created_at < ?").run(cutoff).changes);
}

export type Housekeeping = { gamesDeleted: number; abusePruned: number };

/**
 * The start-up and daily cleanup. Each expired game is deleted in its own transaction, with a
 * turn of the event loop between them (`between`), so a large cleanup never holds up answers.
 */
export async function runHousekeeping(db: Db, retainDays: number | null, now = Date.now(), between: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<Housekeeping> {
  const abusePruned = pruneAbuseEvents(db, now);
  let gamesDeleted = 0;
  if (retainDays !== null) {
    for (const id of expiredGames(db, retainDays, now)) {
      if (deleteGame(db, id).ok) gamesDeleted++;
      await between();
    }
  }
  return { gamesDeleted, abusePruned };
}
