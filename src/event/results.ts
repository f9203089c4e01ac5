// Final results: per bracket, teams ranked by total (ties ranked equal), each total broken down by
// round from the ledger's round_id, plus the teacher's adjustments (rows without a round). So a
// team's total = the sum of its rounds' points + its adjustments, by construction of the ledger.
import { and, eq, sql } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { scoreEvents, type Team } from "../db/schema.ts";
import { bracketsOf, listTeams, rankTeams } from "../games/queries.ts";
import { roundNumbers, type RoundRef } from "./ledger.ts";

export type TeamResult = {
  teamId: number; name: string; position: number; bracket: string | null; rank: number; total: number;
  rounds: { sessionId: number; type: RoundRef["type"]; points: number }[];
  adjustments: number;
};
export type BracketResult = { bracket: string | null; teams: TeamResult[] };
export type GameResults = { brackets: BracketResult[]; rounds: RoundRef[] };

/** Teams grouped by bracket in the order screens show them (Higher, then Lower; no bracket last). */
export function groupByBracket<T extends Pick<Team, "bracket">>(teams: T[]): { bracket: string | null; teams: T[] }[] {
  const named = bracketsOf(teams).map((b) => ({ bracket: b as string | null, teams: teams.filter((t) => t.bracket === b) }));
  const rest = teams.filter((t) => !t.bracket);
  return rest.length || !named.length ? [...named, { bracket: null, teams: rest }] : named;
}

/** Points per team and round (null round: adjustments). */
export function pointsByTeamAndRound(db: Conn, gameId: number): Map<number, Map<number | null, number>> {
  const rows = db.select({ teamId: scoreEvents.teamId, roundId: scoreEvents.roundId, points: sql<number>`sum(${scoreEvents.delta})` })
    .from(scoreEvents).where(and(eq(scoreEvents.gameId, gameId))).groupBy(scoreEvents.teamId, scoreEvents.roundId).all();
  const out = new Map<number, Map<number | null, number>>();
  for (const r of rows) (out.get(r.teamId) ?? out.set(r.teamId, new Map()).get(r.teamId)!).set(r.roundId, r.points);
  return out;
}

export function gameResults(db: Conn, gameId: number): GameResults {
  const teams = listTeams(db, gameId);
  const ranks = rankTeams(teams);
  const rounds = [...roundNumbers(db, gameId).values()].map(({ sessionId, type, number }) => ({ sessionId, type, number }));
  const points = pointsByTeamAndRound(db, gameId);
  const result = (t: Team): TeamResult => ({
    teamId: t.id, name: t.name, position: t.position, bracket: t.bracket, rank: ranks.get(t.id)!, total: t.score,
    rounds: rounds.map((r) => ({ sessionId: r.sessionId, type: r.type, points: points.get(t.id)?.get(r.sessionId) ?? 0 })),
    adjustments: points.get(t.id)?.get(null) ?? 0,
  });
  return {
    rounds,
    brackets: groupByBracket(teams).map((g) => ({ bracket: g.bracket, teams: g.teams.map(result).sort((a, b) => a.rank - b.rank || a.position - b.position) })),
  };
}
