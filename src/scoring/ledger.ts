// Every score change is a ledger row. teams.score follows it through the
// `score_events_apply` trigger in the same statement, so the two cannot drift.
import { eq, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Tx } from "../db/client.ts";
import { teams } from "../db/schema.ts";
import { direct } from "../db/direct.ts";
import { preparedFor } from "../db/prepared.ts";

export type Award = { gameId: number; teamId: number; roundId: number | null; participantId: number | null; delta: number; reason: string };

// Prepared once per database: every correct answer awards points. Direct statements (src/db/direct.ts);
// created_at takes the column's default, as drizzle's insert did.
function statements(db: BunSQLiteDatabase) {
  return {
    insert: direct<never, Award>(db, `INSERT INTO score_events (game_id, team_id, round_id, participant_id, delta, reason) VALUES ($gameId, $teamId, $roundId, $participantId, $delta, $reason)`),
    score: direct<{ score: number }, { teamId: number }>(db, `SELECT score FROM teams WHERE id = +$teamId`),
  };
}

/**
 * Records a score change; call inside write(). Scores never go below 0: a change that would make
 * the total negative is applied only down to 0, and the row holds the change actually applied
 * (the `score_events_floor` trigger refuses any row that would go below). Returns the change
 * applied and the team's new score.
 */
export function applyScore(tx: Tx, a: Award): { applied: number; score: number } {
  let applied = a.delta;
  // (0 - score, not -score: a score of 0 would give -0.)
  if (applied < 0) applied = Math.max(applied, 0 - scoreOf(tx, a.teamId));
  preparedFor(tx, statements).insert.run({ ...a, delta: applied });
  return { applied, score: scoreOf(tx, a.teamId) };
}

/** A team's score (the ledger's sum, kept on the team by the trigger). */
export function scoreOf(tx: Tx, teamId: number): number {
  return preparedFor(tx, statements).score.get({ teamId })!.score;
}

/** applyScore, for a change that only adds: the team's new score. */
export function award(tx: Tx, a: Award): number {
  return applyScore(tx, a).score;
}

/** Per team: the cached score and the ledger's sum. They must be equal; tests and the bench check it. */
export function ledgerCheck(tx: Tx, gameId: number): { teamId: number; score: number; ledger: number }[] {
  return tx.select({
    teamId: teams.id,
    score: teams.score,
    // Written out: drizzle leaves column names unqualified here, which would bind to the subquery's table.
    ledger: sql<number>`coalesce((SELECT sum(se.delta) FROM score_events se WHERE se.team_id = teams.id), 0)`,
  }).from(teams).where(eq(teams.gameId, gameId)).all();
}
