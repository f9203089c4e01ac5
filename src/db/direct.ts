// Statements for the hottest paths (every answer, every live render), prepared on the SQLite handle itself
// instead of through drizzle. drizzle's prepared `get` maps each row column by column and fills
// placeholders on every call; in an in-process profile of an answer that cost more than the SQL
// it wraps (8 % of the request against 9 % for the queries). Here the columns are renamed to the
// row type's property names in the SQL, so bun:sqlite hands back rows already in drizzle's shape.
//
// A parameter compared in a WHERE clause is written `+$name`, not `$name`. SQLite (3.54, in Bun
// 1.4.5) marks a bare parameter as one the plan may depend on when the statement sorts, groups,
// aggregates or joins (`col = $x ... ORDER BY`), and then prepares the statement again at every
// call once a value is bound: 3 to 9 µs a call, more than the query itself (a relay team's
// members in order: 7.6 µs, 1.5 without the ORDER BY). `+$x` is the same value to SQLite, and
// still an equality the index takes, but not a bare parameter. direct() refuses a bare one after
// WHERE when it prepares the statement; drizzle's prepared statements use `param()` likewise.
import type { Database } from "bun:sqlite";
import { getTableColumns, getTableName, sql, type Column, type SQL, type Table } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";

/** Columns read back exactly as stored: integers without a mode, and text (enums are text). */
const AS_STORED = new Set(["SQLiteInteger", "SQLiteText"]);

/**
 * `"col" AS "prop", …` for the columns of `table` named in `pick` (default: all, in the schema's
 * order, so a row has every property of `$inferSelect`). Throws at start-up for a column that
 * drizzle would decode (a boolean, a timestamp, JSON): this path would hand it back undecoded.
 */
export function columnsAs<T extends Table>(table: T, pick?: readonly (keyof T["$inferSelect"] & string)[]): string {
  const all = getTableColumns(table) as Record<string, Column>;
  const keys = pick ?? Object.keys(all);
  return keys.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`db: ${getTableName(table)} has no column ${key}`);
    if (!AS_STORED.has(column.columnType)) throw new Error(`db: ${getTableName(table)}.${key} (${column.columnType}) needs drizzle's decoding`);
    return `"${column.name}" AS "${key}"`;
  }).join(", ");
}

/**
 * Every column of `table` as columnsAs gives them, its boolean columns too, as stored (0 or 1):
 * the caller decodes those (games' `locked`, a relay answer's `correct`).
 */
export function columnsWithRawBooleans<T extends Table>(table: T): string {
  const all = getTableColumns(table) as Record<string, Column>;
  const stored = Object.keys(all).filter((key) => all[key]!.columnType !== "SQLiteBoolean") as (keyof T["$inferSelect"] & string)[];
  const booleans = Object.keys(all).filter((key) => all[key]!.columnType === "SQLiteBoolean");
  return [columnsAs(table, stored), ...booleans.map((key) => `"${all[key]!.name}" AS "${key}"`)].join(", ");
}

/** A statement with named parameters (`$name` in the SQL, `{ name }` in the call: the database is opened with `strict`); `get` gives undefined for no row, as drizzle does. */
export type Direct<Row, Params, Values extends unknown[] = unknown[]> = {
  get(params: Params): Row | undefined;
  all(params: Params): Row[];
  run(params: Params): unknown;
  /** The rows as arrays of their columns' values, in the SELECT's order (no object per row). */
  values(params: Params): Values[];
};

/** A parameter after WHERE not written `+$name` (see the header): its statement may be prepared again at every call. */
export function bareParameter(text: string): string | null {
  const where = text.search(/\bWHERE\b/i);
  return where < 0 ? null : (/(?<!\+)\$[A-Za-z_]\w*/.exec(text.slice(where))?.[0] ?? null);
}

/** Prepares `text` on the SQLite handle behind a drizzle database (with `preparedFor`: once per database). */
export function direct<Row, Params extends object, Values extends unknown[] = unknown[]>(db: BunSQLiteDatabase, text: string): Direct<Row, Params, Values> {
  const bare = bareParameter(text);
  if (bare) throw new Error(`db: write ${bare} after WHERE as +${bare} (src/db/direct.ts): ${text}`);
  const statement = (db as unknown as { $client: Database }).$client.prepare<Row, [Record<string, never>]>(text);
  const bind = (params: Params) => params as unknown as Record<string, never>;
  return {
    get: (params) => statement.get(bind(params)) ?? undefined,
    all: (params) => statement.all(bind(params)),
    run: (params) => statement.run(bind(params)),
    values: (params) => statement.values(bind(params)) as Values[],
  };
}

/**
 * A placeholder of a drizzle prepared statement as `+?` (see the header): `eq(t.roundId, param("roundId"))`
 * where the statement sorts, groups, aggregates or joins.
 */
export function param(name: string): SQL {
  return sql`+${sql.placeholder(name)}`;
}
