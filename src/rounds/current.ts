import { and, desc, eq, inArray, lte } from "drizzle-orm";
import type { Conn as Tx } from "../db/client.ts";
import { rounds, type Round } from "../db/schema.ts";

/** The round a game shows now: the newest one (a finished round stays on screen as results). */
export function currentRound(tx: Tx, gameId: number): Round | undefined {
  return tx.select().from(rounds).where(eq(rounds.gameId, gameId)).orderBy(desc(rounds.id)).limit(1).get();
}

export function openRound(tx: Tx, gameId: number): Round | undefined {
  return tx.select().from(rounds).where(and(eq(rounds.gameId, gameId), inArray(rounds.status, ["running", "paused"]))).get();
}

export function findRound(tx: Tx, id: number): Round | undefined {
  return tx.select().from(rounds).where(eq(rounds.id, id)).get();
}

export function overdueRounds(tx: Tx, now: number): Round[] {
  return tx.select().from(rounds).where(and(eq(rounds.status, "running"), lte(rounds.endsAt, now))).all();
}

/** The server's clock decides: a running round past its end time is closed even before the timer fires. */
export function isAcceptingAnswers(round: Pick<Round, "status" | "endsAt">, now: number): boolean {
  return round.status === "running" && now < round.endsAt;
}

/** Milliseconds left, for countdowns (a paused round keeps its remaining time). */
export function remainingMs(round: Round, now: number): number {
  if (round.status === "paused") return round.pausedRemainingMs ?? 0;
  if (round.status === "finished") return 0;
  return Math.max(0, round.endsAt - now);
}
