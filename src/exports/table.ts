// The shape every export shares: a table of typed columns and rows of plain cells. Domain code
// builds tables (game-tables.ts, merged.ts); the writers (csv.ts, xlsx.ts) turn them into files,
// with the column headers in the viewer's language given by the edge.

/** `time`: milliseconds since the epoch (written as a real date and time); `bool`: 1 or 0. */
export type CellKind = "text" | "number" | "time" | "bool";

/** Column keys: stable names, translated at the edge (views/exports/text.ts). */
export type ColumnKey =
  | "bracket" | "rank" | "team" | "members" | "total" | "member" | "joined_at" | "finds" | "answers" | "correct"
  | "points" | "time" | "round" | "round_type" | "round_points" | "other" | "reason" | "delta" | "running_total"
  | "number" | "expression" | "question" | "answer" | "answer_ms" | "kind" | "what" | "detail" | "class_label" | "game" | "game_code";

/** `round`: a column of the Rounds table holding one round's points (its number and type name the header). */
export type Column = { key: ColumnKey; kind: CellKind; round?: { n: number; label: string } };

export type Cell = string | number | null;

export type Table<N extends string = string> = { name: N; columns: Column[]; rows: Cell[][] };

/** The tables of one game's export, in sheet order; `?table=` takes these names. */
export const GAME_TABLES = ["summary", "rounds", "members", "ledger", "year_finds", "steal_answers", "relay_chains"] as const;
export type GameTableName = (typeof GAME_TABLES)[number];

export function isGameTable(name: string): name is GameTableName {
  return (GAME_TABLES as readonly string[]).includes(name);
}

/** A column list from `key: kind` pairs, in order. */
export function columns(spec: [ColumnKey, CellKind][]): Column[] {
  return spec.map(([key, kind]) => ({ key, kind }));
}

/** The file formats an export is written in. */
export const EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
