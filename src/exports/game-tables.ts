// One game's results as tables (see table.ts): the ranking, points per round, each member's part,
// the whole ledger, and the rounds' own rows. Rounds are read through their `exportRows` only
// (src/rounds/contract.ts); points come from the ledger, which is the score.
import { asc, eq } from "drizzle-orm";
import { read, type Conn, type Db } from "../db/client.ts";
import { rounds, scoreEvents, type Game, type Participant, type Round, type Team } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import type { ExportRow, RoundType } from "../rounds/contract.ts";
import { roundModule } from "../rounds/registry.ts";
import { findGame, listParticipants, listTeams, rankTeams } from "../games/queries.ts";
import { columns, type Cell, type CellKind, type ColumnKey, type GameTableName, type Table } from "./table.ts";
import { bracketOrder } from "./ranking.ts";

export type GameTablesOptions = {
  /** A round type's name as the reader should see it (the edge passes the viewer's language); the type's id otherwise. */
  roundLabel?: (type: RoundType) => string;
};

type Ledger = typeof scoreEvents.$inferSelect;

/** What every table is built from, read in one transaction. */
type Source = {
  game: Game;
  teams: Team[];
  ranks: Map<number, number>;
  people: Participant[];
  rounds: Round[];
  ledger: Ledger[];
  rows: ExportRow[];
  label: (type: RoundType) => string;
};

export function gameTables(db: Db, gameId: number, opts: GameTablesOptions = {}): Result<{ game: Game; tables: Table<GameTableName>[] }> {
  const src = read(db, (tx) => readSource(tx, gameId, opts));
  if (!src) return fail("game_not_found");
  const tables: Table<GameTableName>[] = [
    summary(src), roundsTable(src), members(src), ledgerTable(src),
    roundRows(src, "year_finds"), roundRows(src, "steal_answers"), roundRows(src, "relay_chains"),
  ];
  return { ok: true, game: src.game, tables };
}

function readSource(tx: Conn, gameId: number, opts: GameTablesOptions): Source | null {
  const game = findGame(tx, gameId);
  if (!game) return null;
  const teams = listTeams(tx, gameId);
  const roundList = tx.select().from(rounds).where(eq(rounds.gameId, gameId)).orderBy(asc(rounds.id)).all();
  // A round type this build does not know (made by another version) has no rows to give.
  const rows = roundList.flatMap((r) => roundModule(r.type)?.exportRows(tx, r) ?? []);
  return {
    game, teams, ranks: rankTeams(teams), people: listParticipants(tx, gameId), rounds: roundList,
    ledger: tx.select().from(scoreEvents).where(eq(scoreEvents.gameId, gameId)).orderBy(asc(scoreEvents.id)).all(),
    rows: rows.sort((a, b) => a.at - b.at), label: opts.roundLabel ?? ((type) => type),
  };
}

/** Teams in the order the results are read: bracket by bracket, best first, then as numbered. */
function rankedTeams(src: Source): Team[] {
  const order = bracketOrder(src.teams.map((t) => t.bracket));
  return [...src.teams].sort((a, b) => order(a.bracket) - order(b.bracket) || src.ranks.get(a.id)! - src.ranks.get(b.id)! || a.position - b.position);
}

function summary(src: Source): Table<GameTableName> {
  const size = countBy(src.people, (p) => p.teamId);
  return {
    name: "summary",
    columns: columns([["bracket", "text"], ["rank", "number"], ["team", "text"], ["members", "number"], ["total", "number"]]),
    rows: rankedTeams(src).map((t) => [t.bracket, src.ranks.get(t.id)!, t.name, size.get(t.id) ?? 0, t.score]),
  };
}

/** Points per team per round, summed from the ledger; rows without a round (a round deleted since) go to `other`. */
function roundsTable(src: Source): Table<GameTableName> {
  const sums = new Map<string, number>();
  for (const e of src.ledger) sums.set(`${e.teamId}:${e.roundId}`, (sums.get(`${e.teamId}:${e.roundId}`) ?? 0) + e.delta);
  const other = src.ledger.some((e) => e.roundId === null);
  const cols = [
    ...columns([["team", "text"], ["bracket", "text"]]),
    ...src.rounds.map((r, i) => ({ key: "round_points" as const, kind: "number" as const, round: { n: i + 1, label: src.label(r.type) } })),
    ...(other ? columns([["other", "number"]]) : []),
    ...columns([["total", "number"]]),
  ];
  const rows = rankedTeams(src).map((t) => {
    const perRound = src.rounds.map((r) => sums.get(`${t.id}:${r.id}`) ?? 0);
    const rest = t.score - perRound.reduce((a, b) => a + b, 0);
    return [t.name, t.bracket, ...perRound, ...(other ? [rest] : []), t.score];
  });
  return { name: "rounds", columns: cols, rows };
}

/** Each member's part: what the rounds credit them with, and the points the ledger gives their actions. */
function members(src: Source): Table<GameTableName> {
  const team = new Map(src.teams.map((t) => [t.id, t]));
  const points = new Map<number, number>();
  for (const e of src.ledger) if (e.participantId !== null) points.set(e.participantId, (points.get(e.participantId) ?? 0) + e.delta);
  const byMember = new Map<number, ExportRow[]>();
  for (const r of src.rows) if (r.participantId !== null) (byMember.get(r.participantId) ?? byMember.set(r.participantId, []).get(r.participantId)!).push(r);
  const mine = (p: Participant) => byMember.get(p.id) ?? [];
  const people = [...src.people].sort((a, b) => team.get(a.teamId)!.position - team.get(b.teamId)!.position || a.id - b.id);
  return {
    name: "members",
    columns: columns([["team", "text"], ["bracket", "text"], ["member", "text"], ["joined_at", "time"], ["finds", "number"], ["answers", "number"], ["correct", "number"], ["points", "number"]]),
    rows: people.map((p) => {
      const rows = mine(p);
      const answers = rows.filter((r) => r.answer !== undefined || r.kind === "answer" || r.kind === "win");
      return [team.get(p.teamId)!.name, team.get(p.teamId)!.bracket, p.nickname, p.joinedAt, rows.filter((r) => r.kind === "find").length, answers.length, answers.filter((r) => r.correct === true || r.kind === "win").length, points.get(p.id) ?? 0];
    }),
  };
}

/** Every score row in order, with each team's total after it. */
function ledgerTable(src: Source): Table<GameTableName> {
  const team = new Map(src.teams.map((t) => [t.id, t]));
  const who = new Map(src.people.map((p) => [p.id, p.nickname]));
  const roundNo = new Map(src.rounds.map((r, i) => [r.id, { n: i + 1, type: r.type }]));
  const running = new Map<number, number>();
  return {
    name: "ledger",
    columns: columns([["time", "time"], ["team", "text"], ["bracket", "text"], ["round", "number"], ["round_type", "text"], ["member", "text"], ["reason", "text"], ["delta", "number"], ["running_total", "number"]]),
    rows: src.ledger.map((e) => {
      const total = (running.get(e.teamId) ?? 0) + e.delta;
      running.set(e.teamId, total);
      const round = e.roundId === null ? undefined : roundNo.get(e.roundId);
      return [e.createdAt, team.get(e.teamId)?.name ?? null, team.get(e.teamId)?.bracket ?? null, round?.n ?? null, round ? src.label(round.type) : null, e.participantId === null ? null : (who.get(e.participantId) ?? null), e.reason, e.delta, total];
    }),
  };
}

/** Which round type's rows each per-type table holds, and its columns. */
const ROUND_TABLES: Record<"year_finds" | "steal_answers" | "relay_chains", { type: RoundType; spec: [ColumnKey, CellKind][] }> = {
  year_finds: { type: "year_game", spec: [["time", "time"], ["round", "number"], ["team", "text"], ["member", "text"], ["number", "number"], ["expression", "text"], ["points", "number"]] },
  steal_answers: { type: "score_steal", spec: [["time", "time"], ["round", "number"], ["question", "text"], ["team", "text"], ["member", "text"], ["kind", "text"], ["answer", "text"], ["correct", "bool"], ["answer_ms", "number"], ["detail", "text"], ["points", "number"]] },
  relay_chains: { type: "relay_quiz", spec: [["time", "time"], ["round", "number"], ["team", "text"], ["member", "text"], ["kind", "text"], ["what", "text"], ["detail", "text"], ["answer", "text"], ["correct", "bool"], ["points", "number"]] },
};

function roundRows(src: Source, name: keyof typeof ROUND_TABLES): Table<GameTableName> {
  const def = ROUND_TABLES[name];
  const roundNo = new Map(src.rounds.map((r, i) => [r.id, i + 1]));
  const cols = columns(def.spec);
  const cell = (r: ExportRow, key: ColumnKey): Cell => {
    switch (key) {
      case "time": return r.at;
      case "round": return roundNo.get(r.roundId) ?? null;
      case "number": return Number.isFinite(Number(r.what)) && r.what.trim() !== "" ? Number(r.what) : null;
      case "expression": return r.detail;
      case "question": return r.what;
      case "correct": return r.correct === undefined ? null : r.correct ? 1 : 0;
      case "answer_ms": return r.answerMs ?? null;
      case "answer": return r.answer ?? null;
      case "team": return r.team;
      case "member": return r.member;
      case "kind": return r.kind;
      case "what": return r.what;
      case "detail": return r.detail;
      case "points": return r.points;
      default: return null;
    }
  };
  const rows = src.rows.filter((r) => r.roundType === def.type && (name !== "year_finds" || r.kind === "find"));
  return { name, columns: cols, rows: rows.map((r) => cols.map((c) => cell(r, c.key))) };
}

function countBy<T>(items: T[], key: (x: T) => number): Map<number, number> {
  const out = new Map<number, number>();
  for (const x of items) out.set(key(x), (out.get(key(x)) ?? 0) + 1);
  return out;
}
