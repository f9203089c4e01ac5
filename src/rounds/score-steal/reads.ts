// Everything a Score Steal screen shows, read once per change of the round (cached by a version
// that moves with every answer, steal, score change and bracket change), so a live flush that
// renders twenty teams' phones reads the round once.
import type { Conn } from "../../db/client.ts";
import { changesOf, dbCache, dbCacheName, rollbacksOf } from "../../db/prepared.ts";
import type { Round } from "../../db/schema.ts";
import { rankTeams } from "../../games/queries.ts";
import type { QuestionSnapshot } from "../../questions/snapshot.ts";
import { bracketOf, protectedTeams } from "./rules.ts";
import { roundQuestions, stealConfigOf, store, type AnswerRow, type BracketRow, type StealRow } from "./store.ts";
import type { StealConfig } from "./types.ts";

export type StealTeam = { id: number; name: string; position: number; bracket: string; score: number; rank: number; shielded: boolean };

export type StealState = {
  /** Changes whenever anything here does (see the cache below). */
  version: string;
  round: Round;
  config: StealConfig;
  questions: { position: number; snapshot: QuestionSnapshot; openedAt: number | null }[];
  brackets: BracketRow[];
  teams: StealTeam[];
  answers: AnswerRow[];
  steals: StealRow[];
  /** The question in play (the one last opened), if any. */
  current: { position: number; snapshot: QuestionSnapshot } | null;
};

const states = dbCacheName<number, { version: string; changes: number; rollbacks: number; state: StealState }>(100);

export function stealState(db: Conn, round: Round): StealState {
  const st = store(db);
  const cache = dbCache(db, states);
  const hit = cache.get(round.id);
  // A flush renders every team's phones one after another with no write in between: after the
  // first, SQLite's change count (one cheap call) says nothing changed, and the version query
  // (four subqueries, ~0.1 ms — a fifth of a phone's render) is skipped. The server is the
  // database's only connection (locking_mode EXCLUSIVE), so no write escapes this count; a
  // rollback undoes rows without taking it back, so rollbacks are counted too (src/db/rollbacks.ts).
  const changes = changesOf(db);
  const rollbacks = rollbacksOf(db);
  const head = `${round.status}|${round.endsAt}|`;
  if (hit && hit.changes === changes && hit.rollbacks === rollbacks && hit.version.startsWith(head)) return hit.state;
  const version = `${head}${st.version.get({ roundId: round.id, gameId: round.gameId })?.v ?? ""}`;
  if (hit && hit.version === version) {
    hit.changes = changes;
    hit.rollbacks = rollbacks;
    return hit.state;
  }
  const config = stealConfigOf(round);
  const snapshots = roundQuestions(db, round.id);
  const questions = st.openedAt.all({ roundId: round.id }).map((o) => ({ position: o.position, openedAt: o.openedAt, snapshot: snapshots.get(o.position)! }));
  const brackets = st.brackets.all({ roundId: round.id });
  const steals = st.steals.all({ roundId: round.id });
  const past = steals.map((s) => ({ position: s.position, bracket: s.bracket, winnerTeamId: s.winnerTeamId, targetTeamId: s.targetTeamId }));
  const shields = new Map(brackets.map((b) => [b.bracket, protectedTeams(config.protection, b.bracket, past)]));
  const rows = st.teams.all({ gameId: round.gameId });
  const ranks = rankTeams(rows);
  const teams = rows.map((t) => ({ id: t.id, name: t.name, position: t.position, bracket: bracketOf(t), score: t.score, rank: ranks.get(t.id)!, shielded: shields.get(bracketOf(t))?.has(t.id) ?? false }));
  const positions = brackets.map((b) => b.position ?? 0);
  const currentPos = positions.length ? Math.max(...positions) : 0;
  const state: StealState = {
    version, round, config, questions, brackets, teams, answers: st.answers.all({ roundId: round.id }), steals,
    current: currentPos > 0 ? { position: currentPos, snapshot: snapshots.get(currentPos)! } : null,
  };
  cache.set(round.id, { version, changes, rollbacks, state });
  return state;
}

/** The bracket a team plays in, and its row. */
export function bracketRow(s: StealState, teamBracket: string): BracketRow | undefined {
  return s.brackets.find((b) => b.bracket === teamBracket);
}

/** A bracket's winner still has to choose whom to steal from. */
export function pickPending(s: StealState, b: BracketRow): boolean {
  return b.phase === "choosing_target" && b.position !== null && !s.steals.some((x) => x.position === b.position && x.bracket === b.bracket);
}

export function answersOf(s: StealState, position: number): AnswerRow[] {
  return s.answers.filter((a) => a.position === position);
}

export function stealOf(s: StealState, position: number, bracket: string): StealRow | undefined {
  return s.steals.find((x) => x.position === position && x.bracket === bracket);
}
