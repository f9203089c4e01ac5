// Score Steal's rows: prepared reads and writes shared by its domain functions, and the round's
// settings and questions, cached (they never change once the round starts).
import { and, asc, eq, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../../db/client.ts";
import { dbCache, dbCacheName, preparedFor } from "../../db/prepared.ts";
import { param } from "../../db/direct.ts";
import { BoundedCache, CACHE_IDLE_MS } from "../../cache/bounded.ts";
import { participants, rounds, stealAnswers, stealBrackets, stealQuestions, stealSteals, teams, type Round } from "../../db/schema.ts";
import type { QuestionSnapshot } from "../../questions/snapshot.ts";
import { STEAL_DEFAULTS, type PastSteal, type StealConfig } from "./types.ts";

export type BracketRow = typeof stealBrackets.$inferSelect;
export type AnswerRow = typeof stealAnswers.$inferSelect;
export type StealRow = typeof stealSteals.$inferSelect;

function statements(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  return {
    round: db.select().from(rounds).where(eq(rounds.id, param("id"))).prepare(),
    brackets: db.select().from(stealBrackets).where(eq(stealBrackets.roundId, param("roundId"))).orderBy(asc(stealBrackets.id)).prepare(),
    bracket: db.select().from(stealBrackets).where(and(eq(stealBrackets.roundId, param("roundId")), eq(stealBrackets.bracket, param("bracket")))).prepare(),
    team: db.select({ id: teams.id, gameId: teams.gameId, name: teams.name, bracket: teams.bracket, score: teams.score }).from(teams).where(eq(teams.id, param("id"))).prepare(),
    teams: db.select({ id: teams.id, gameId: teams.gameId, name: teams.name, bracket: teams.bracket, score: teams.score, position: teams.position }).from(teams).where(eq(teams.gameId, param("gameId"))).orderBy(asc(teams.position)).prepare(),
    participant: db.select({ id: participants.id, gameId: participants.gameId, teamId: participants.teamId, nickname: participants.nickname }).from(participants).where(eq(participants.id, param("id"))).prepare(),
    teamAnswer: db.select().from(stealAnswers).where(and(eq(stealAnswers.roundId, param("roundId")), eq(stealAnswers.position, param("position")), eq(stealAnswers.teamId, param("teamId")))).prepare(),
    answers: db.select().from(stealAnswers).where(eq(stealAnswers.roundId, param("roundId"))).orderBy(asc(stealAnswers.id)).prepare(),
    steals: db.select().from(stealSteals).where(eq(stealSteals.roundId, param("roundId"))).orderBy(asc(stealSteals.id)).prepare(),
    steal: db.select().from(stealSteals).where(and(eq(stealSteals.roundId, param("roundId")), eq(stealSteals.position, param("position")), eq(stealSteals.bracket, param("bracket")))).prepare(),
    openedAt: db.select({ position: stealQuestions.position, openedAt: stealQuestions.openedAt }).from(stealQuestions).where(eq(stealQuestions.roundId, param("roundId"))).orderBy(asc(stealQuestions.position)).prepare(),
    snapshots: db.select({ position: stealQuestions.position, snapshot: stealQuestions.snapshot }).from(stealQuestions).where(eq(stealQuestions.roundId, param("roundId"))).orderBy(asc(stealQuestions.position)).prepare(),
    insertAnswer: db.insert(stealAnswers).values({
      roundId: p("roundId"), position: p("position"), teamId: p("teamId"), participantId: p("participantId"), memberName: p("memberName"), answer: p("answer"),
      correct: p("correct"), outcome: p("outcome"), answerMs: p("answerMs"), penalty: p("penalty"), applied: p("applied"), createdAt: p("createdAt"),
    }).onConflictDoNothing().returning({ id: stealAnswers.id }).prepare(),
    // Changes whenever anything a Score Steal screen shows does (its rows, or any score of the game).
    version: db.select({
      v: sql<string>`(SELECT coalesce(max(id), 0) FROM steal_answers WHERE round_id = ${param("roundId")}) || ':' ||
        (SELECT coalesce(max(id), 0) FROM steal_steals WHERE round_id = ${param("roundId")}) || ':' ||
        (SELECT coalesce(max(id), 0) FROM score_events WHERE game_id = ${param("gameId")}) || ':' ||
        (SELECT group_concat(phase || ',' || coalesce(position, '') || ',' || coalesce(opened_at, '') || ',' || coalesce(deadline_at, '') || ',' || coalesce(paused_remaining_ms, '') || ',' || coalesce(revealed_at, '') || ',' || coalesce(winner_team_id, ''), ';') FROM steal_brackets WHERE round_id = ${param("roundId")})`,
    }).from(sql`(SELECT 1)`).prepare(),
  };
}

export function store(conn: Conn) {
  return preparedFor(conn, statements);
}

const configs = new BoundedCache<string, StealConfig>(200, { idleMs: CACHE_IDLE_MS });
export function stealConfigOf(round: Pick<Round, "config">): StealConfig {
  return configs.getOr(round.config, () => ({ ...STEAL_DEFAULTS, ...(JSON.parse(round.config) as Partial<StealConfig>) }));
}

/** The round's questions by position (snapshots never change once the round starts). */
const snapshotCache = dbCacheName<number, Map<number, QuestionSnapshot>>(200, { idleMs: CACHE_IDLE_MS });
export function roundQuestions(conn: Conn, roundId: number): Map<number, QuestionSnapshot> {
  return dbCache(conn, snapshotCache).getOr(roundId, () => new Map(store(conn).snapshots.all({ roundId }).map((r) => [r.position, JSON.parse(r.snapshot) as QuestionSnapshot])));
}

export function pastSteals(conn: Conn, roundId: number): PastSteal[] {
  return store(conn).steals.all({ roundId }).map((s) => ({ position: s.position, bracket: s.bracket, winnerTeamId: s.winnerTeamId, targetTeamId: s.targetTeamId }));
}
