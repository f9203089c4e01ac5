import type { Database } from "bun:sqlite";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "./client.ts";
import { BoundedCache, type CacheOptions } from "../cache/bounded.ts";
import { rollbackCount } from "./rollbacks.ts";

/**
 * Things built once per database handle: prepared statements, and caches of rows. drizzle's
 * query builder compiles its SQL and asks SQLite to prepare it on every call; live streams run
 * these reads for every team on every flush and the API runs some on every answer, so they are
 * prepared once. A transaction shares its database's connection, so one set serves `db` and
 * every `tx`. Caches of rows live here too, so that they belong to one database (row ids repeat
 * across databases) and are dropped together when its rows are replaced (`forgetDbMemos`).
 */
const memos = new WeakMap<Database, Map<unknown, unknown>>();

function clientOf(conn: Conn): Database {
  const client = (conn as unknown as { session?: { client?: Database } }).session?.client;
  if (!client) throw new Error("db: no SQLite handle behind this connection (has drizzle's session changed?)");
  return client;
}

export function preparedFor<T>(conn: Conn, build: (db: BunSQLiteDatabase) => T): T {
  const client = clientOf(conn);
  let sets = memos.get(client);
  if (!sets) memos.set(client, (sets = new Map()));
  let set = sets.get(build) as T | undefined;
  if (!set) sets.set(build, (set = build(drizzle({ client }))));
  return set;
}

/** How many sets of statements (and caches) this database holds: constant once the server is warm (tests). */
export function preparedSetCount(conn: Conn): number {
  return memos.get(clientOf(conn))?.size ?? 0;
}

/** A bounded cache of rows for this database, one per `name` (declare the name once, at module level). */
export function dbCache<K, V>(conn: Conn, name: DbCacheName<K, V>): BoundedCache<K, V> {
  return preparedFor(conn, name.build);
}

export type DbCacheName<K, V> = { build: () => BoundedCache<K, V> };
export function dbCacheName<K, V>(max: number, options?: CacheOptions): DbCacheName<K, V> {
  return { build: () => new BoundedCache<K, V>(max, options) };
}

/** Forget every statement and cached row of this database (its rows were replaced wholesale). */
export function forgetDbMemos(conn: Conn): void {
  memos.delete(clientOf(conn));
}

type Stamped<V> = { changes: number; rollbacks: number; value: V };
export type StampedName<K, V> = DbCacheName<K, Stamped<V>>;
export const stampedName = <K, V>(max: number): StampedName<K, V> => dbCacheName<K, Stamped<V>>(max);

const changeCount = (db: BunSQLiteDatabase) => (db as unknown as { $client: Database }).$client.prepare<[number], []>("SELECT total_changes()");

/**
 * Rows this database's connection has inserted, updated or deleted so far (SQLite's
 * total_changes(), triggers' rows too; one cheap statement). It never goes back, not even on a
 * rollback: a cache checking it checks `rollbacksOf` too.
 */
export function changesOf(conn: Conn): number {
  return preparedFor(conn, changeCount).values()[0]![0] as number;
}

/** This database's rollbacks so far (rollbacks.ts). */
export function rollbacksOf(conn: Conn): number {
  return rollbackCount(clientOf(conn));
}

/**
 * A value read from the database, kept until anything in the database changes. Live renders read
 * the same rows once per team on every flush (the game, its current round): at 10,000 phones that
 * was thousands of reads a second, nearly all between two commits. A kept value is used while
 * neither `changesOf` nor `rollbacksOf` has moved since it was read. `read` must only read, and
 * the value is shared: never change it.
 */
export function stamped<K, V>(conn: Conn, name: StampedName<K, V>, key: K, read: () => V): V {
  const changes = changesOf(conn);
  const rollbacks = rollbacksOf(conn);
  const cache = dbCache(conn, name);
  const hit = cache.get(key);
  if (hit && hit.changes === changes && hit.rollbacks === rollbacks) return hit.value;
  const value = read();
  cache.set(key, { changes, rollbacks, value });
  return value;
}
