// Every score change is a ledger row. teams.score follows it through the
// `score_events_apply` trigger in the same statement, so the two cannot drift.
import { eq, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Tx } from "../db/client.ts";
import { scoreEvents, teams } from "../db/schema.ts";
import { preparedFor } from "../db/prepared.ts";

export type Award = { gameId: number; teamId: number; roundId: number | null; participantId: number | null; delta: number; reason: string };

// Prepared once per database: every correct answer awards points.
function statements(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  return {
    insert: db.insert(scoreEvents).values({ gameId: p("gameId"), teamId: p("teamId"), roundId: p("roundId"), participantId: p("participantId"), delta: p("delta"), reason: p("reason") }).prepare(),
    score: db.select({ score: teams.score }).from(teams).where(eq(teams.id, p("teamId"))).prepare(),
  };
}

/** Records a score change; call inside write(). Returns the team's new score. */
export function award(tx: Tx, a: Award): number {
  const st = preparedFor(tx, statements);
  st.insert.run(a);
  return st.score.get({ teamId: a.teamId })!.score;
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
