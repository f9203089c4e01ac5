import type { Database } from "bun:sqlite";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn, Db } from "./client.ts";

/**
 * Prepared statements, built once per database handle. drizzle's query builder compiles its
 * SQL and asks SQLite to prepare it on every call; live streams run these reads for every
 * team on every flush and the API runs some on every answer, so they are prepared once.
 * A transaction shares its database's connection, so one set serves `db` and every `tx`.
 */
const preparedSets = new WeakMap<Database, Map<unknown, unknown>>();
export function preparedFor<T>(conn: Conn, build: (db: BunSQLiteDatabase) => T): T {
  const client = (conn as unknown as { session?: { client?: Database } }).session?.client;
  if (!client) throw new Error("db: no SQLite handle behind this connection (has drizzle's session changed?)");
  let sets = preparedSets.get(client);
  if (!sets) preparedSets.set(client, (sets = new Map()));
  let set = sets.get(build) as T | undefined;
  if (!set) sets.set(build, (set = build(drizzle({ client }))));
  return set;
}

/**
 * Drops this database's prepared sets, and with them whatever they cache by row id (the Year
 * Game keeps each round's rules by round id). After a restore the same ids name other rows.
 */
export function forgetPrepared(db: Db): void {
  preparedSets.delete(db.$client);
}
