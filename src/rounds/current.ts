import { and, eq, inArray } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { preparedFor, stamped, stampedName } from "../db/prepared.ts";
import { columnsAs, direct } from "../db/direct.ts";
import type { Conn as Tx } from "../db/client.ts";
import { rounds, type Round } from "../db/schema.ts";

// Live views ask for the current round for every team on every flush: a direct statement, and
// its row kept until the database changes (see `stamped`). A shared object: never changed by callers.
function reads(db: BunSQLiteDatabase) {
  return { latest: direct<Round, { gameId: number }>(db, `SELECT ${columnsAs(rounds)} FROM rounds WHERE game_id = +$gameId ORDER BY id DESC LIMIT 1`) };
}
const currentRounds = stampedName<number, Round | undefined>(1024);

/** The round a game shows now: the newest one (a finished round stays on screen as results). */
export function currentRound(tx: Tx, gameId: number): Round | undefined {
  return stamped(tx, currentRounds, gameId, () => preparedFor(tx, reads).latest.get({ gameId }));
}

export function openRound(tx: Tx, gameId: number): Round | undefined {
  return tx.select().from(rounds).where(and(eq(rounds.gameId, gameId), inArray(rounds.status, ["running", "paused"]))).get();
}

export function findRound(tx: Tx, id: number): Round | undefined {
  return tx.select().from(rounds).where(eq(rounds.id, id)).get();
}

/** The server's clock decides: a running round past its end time is closed even before the timer fires. */
export function isAcceptingAnswers(round: Pick<Round, "status" | "endsAt">, now: number): boolean {
  return round.status === "running" && now < round.endsAt;
}

/** Open = answers may still come: running before its end, or paused (and resumable). */
export function isOpen(round: Pick<Round, "status" | "endsAt">, now: number): boolean {
  return round.status === "paused" || isAcceptingAnswers(round, now);
}

/** Milliseconds left, for countdowns (a paused round keeps its remaining time). */
export function remainingMs(round: Round, now: number): number {
  if (round.status === "paused") return round.pausedRemainingMs ?? 0;
  if (round.status === "finished") return 0;
  return Math.max(0, round.endsAt - now);
}
