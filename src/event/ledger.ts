// A game's ledger, every row explained: where it came from (round, question or number, steal,
// penalty, hint, adjustment), who caused it, and the team's running total after it, which ends
// at the team's score (teams.score follows the ledger by trigger).
import { asc, eq } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { participants, rounds, scoreEvents, type Round } from "../db/schema.ts";
import { listTeams } from "../games/queries.ts";
import { parseReason, type Source } from "./reasons.ts";

export type TeamRef = { teamId: number; team: string };
export type RoundRef = { sessionId: number; type: Round["type"]; number: number };

export type LedgerRow = {
  eventId: number;
  teamId: number;
  team: string;
  delta: number;
  /** The team's score after this row. */
  total: number;
  at: number;
  reason: string;
  source: Source;
  round: RoundRef | null;
  /** The student whose action wrote the row (their team may be another: a steal's picker); null = the teacher or the round's rules. */
  who: { participantId: number; nickname: string; teamId: number | null } | null;
  /** A steal: which side this row is, and the other team (null: the winner took the points from nobody). */
  steal: { side: "took" | "lost"; other: TeamRef | null } | null;
  /** An adjustment: the row that undid it, if any. */
  undoneBy: number | null;
};

export type Ledger = { rows: LedgerRow[]; teams: Map<number, { name: string; bracket: string | null; score: number }> };

/** The game's rounds in the order they were played, numbered from 1. */
export function roundNumbers(db: Conn, gameId: number): Map<number, RoundRef & { round: Round }> {
  const list = db.select().from(rounds).where(eq(rounds.gameId, gameId)).orderBy(asc(rounds.id)).all();
  return new Map(list.map((round, i) => [round.id, { sessionId: round.id, type: round.type, number: i + 1, round }]));
}

/**
 * Pairs the rows of each steal. A steal writes the target's loss, then the winner's gain, in one
 * transaction (stealPoints in src/rounds/score-steal/domain.ts), so within one round, question and
 * bracket the earlier row is the loss; a lone row is a gain from nobody. (Both rows may hold 0 —
 * a target already at 0 — so the sign cannot tell them apart.)
 */
function pairSteals(rows: LedgerRow[], bracketOf: (teamId: number) => string): void {
  const groups = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    if (r.source.kind !== "steal") continue;
    const key = `${r.round?.sessionId ?? 0}:${r.source.question}:${bracketOf(r.teamId)}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(r);
  }
  for (const group of groups.values()) {
    const ref = (r: LedgerRow): TeamRef => ({ teamId: r.teamId, team: r.team });
    if (group.length === 2) {
      const [loss, gain] = group as [LedgerRow, LedgerRow];
      loss.steal = { side: "lost", other: ref(gain) };
      gain.steal = { side: "took", other: ref(loss) };
    } else {
      for (const r of group) r.steal = { side: r.delta < 0 ? "lost" : "took", other: null };
    }
  }
}

/** Every row of the game in order, explained; `teamId` keeps one team's rows (running totals are per team either way). */
export function gameLedger(db: Conn, gameId: number, teamId?: number): Ledger {
  const teamRows = listTeams(db, gameId);
  const teams = new Map(teamRows.map((t) => [t.id, { name: t.name, bracket: t.bracket, score: t.score }]));
  const numbers = roundNumbers(db, gameId);
  const raw = db.select({ e: scoreEvents, nickname: participants.nickname, byTeam: participants.teamId })
    .from(scoreEvents).leftJoin(participants, eq(participants.id, scoreEvents.participantId))
    .where(eq(scoreEvents.gameId, gameId)).orderBy(asc(scoreEvents.id)).all();
  const totals = new Map<number, number>();
  const rows: LedgerRow[] = raw.map(({ e, nickname, byTeam }) => {
    const total = (totals.get(e.teamId) ?? 0) + e.delta;
    totals.set(e.teamId, total);
    const r = e.roundId !== null ? numbers.get(e.roundId) : undefined;
    return {
      eventId: e.id, teamId: e.teamId, team: teams.get(e.teamId)?.name ?? "", delta: e.delta, total, at: e.createdAt, reason: e.reason,
      source: parseReason(e.reason),
      round: r ? { sessionId: r.sessionId, type: r.type, number: r.number } : null,
      who: e.participantId !== null && nickname !== null ? { participantId: e.participantId, nickname, teamId: byTeam } : null,
      steal: null, undoneBy: null,
    };
  });
  pairSteals(rows, (id) => teams.get(id)?.bracket ?? "");
  const byId = new Map(rows.map((r) => [r.eventId, r]));
  for (const r of rows) if (r.source.kind === "undo") { const undone = byId.get(r.source.undoes); if (undone) undone.undoneBy = r.eventId; }
  return { rows: teamId === undefined ? rows : rows.filter((r) => r.teamId === teamId), teams };
}
