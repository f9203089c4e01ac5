import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import * as schema from "./schema.ts";

export type Db = BunSQLiteDatabase<typeof schema> & { $client: Database };
/** The handle a transaction body receives; same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: what read-only query functions take. */
export type Conn = BaseSQLiteDatabase<"sync", void, typeof schema>;

export function openDb(file: string): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { create: true, strict: true });
  // WAL lets readers (SSE renders) run while one writer commits; NORMAL is durable across
  // process crashes (only an OS crash can lose the last commits); busy_timeout queues writers.
  sqlite.exec("PRAGMA journal_mode = WAL");
  sqlite.exec("PRAGMA synchronous = NORMAL");
  sqlite.exec("PRAGMA busy_timeout = 5000");
  sqlite.exec("PRAGMA foreign_keys = ON");
  return drizzle({ client: sqlite, schema }) as Db;
}

/**
 * Every write goes through here: BEGIN IMMEDIATE takes the write lock up front, so a
 * read-then-write (capacity check, duplicate check) cannot interleave with another writer.
 * The body must be synchronous — an async body would commit at its first await.
 */
export function write<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): T {
  return db.transaction(body, { behavior: "immediate" });
}

/** A consistent snapshot for multi-query reads (WAL readers see one commit point). */
export function read<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): T {
  return db.transaction(body, { behavior: "deferred" });
}

export function closeDb(db: Db): void {
  try {
    db.$client.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    db.$client.close();
  }
}
