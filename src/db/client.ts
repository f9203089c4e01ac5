import { Database, type Statement } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { drizzle, type BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { SQLiteBunTransaction } from "drizzle-orm/bun-sqlite/session";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { noteRollback } from "./rollbacks.ts";

// drizzle is given no schema: TMC writes no relational queries (`db.query.…`), and with a schema
// drizzle builds a query helper for every table at every transaction — a read for each live
// render, an answer batch — which was 9 % of the server's time under a full-speed Year Game.
export type Db = BunSQLiteDatabase & { $client: Database };
/** The handle a transaction body receives; same query API as Db. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Either the database or an open transaction: what read-only query functions take. */
export type Conn = BaseSQLiteDatabase<"sync", void>;

/** SQLite's page cache for the server's connection (see openDb). */
export const PAGE_CACHE_KB = 16 * 1024;

export function openDb(file: string): Db {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file, { create: true, strict: true });
  // One process holds the game, so it holds the file: EXCLUSIVE locking keeps the WAL index in
  // this process's memory instead of a shared-memory file, and skips the file locks every
  // statement would otherwise take and release (a lone read cost 4× more, a commit 2×). It also
  // stops a second TMC started on the same data folder, which would run its own round timers.
  sqlite.exec("PRAGMA locking_mode = EXCLUSIVE");
  // WAL: a commit appends to the log instead of rewriting pages in place; NORMAL is durable across
  // process crashes (only an OS crash can lose the last commits). No other connection can exist,
  // so busy_timeout only bounds how long start-up waits for a server that is just stopping.
  sqlite.exec("PRAGMA busy_timeout = 1000");
  try {
    sqlite.exec("PRAGMA journal_mode = WAL");
    // Take the write lock now (held from here on): a second server fails at start, not mid-game.
    sqlite.exec("BEGIN IMMEDIATE; COMMIT");
  } catch (err) {
    sqlite.close();
    if (/locked|busy/i.test(String((err as Error)?.message))) throw new DbInUseError(file);
    throw err;
  }
  sqlite.exec("PRAGMA synchronous = NORMAL");
  sqlite.exec("PRAGMA busy_timeout = 5000");
  sqlite.exec("PRAGMA foreign_keys = ON");
  // Statement and savepoint journals in memory: every statement with a trigger or a foreign key
  // inside a transaction (an answer: its row, its ledger row, the team's score) keeps the pages it
  // changes first in a journal, and a group commit's savepoint keeps the batch's. On disk that
  // journal was a temp file written at every statement: at 10,000 phones, about 20,000 writes a
  // second (three in four of the server's file writes), all thrown away at the commit.
  sqlite.exec("PRAGMA temp_store = MEMORY");
  // Pages kept between statements: 16 MB instead of SQLite's 2 MB. The district's live pages
  // (every seat, team and current round) did not fit in 2 MB: 4,500 page reads a second from the
  // file; 650 with this, most of them the checkpoints' own reads of the log. (Checkpoints stay at
  // SQLite's 1,000 log pages: at 8,000 the district had 1.4 fsyncs a second instead of ten, but
  // each checkpoint held the event loop longer, and the single-game bench's submit p99 went from
  // 8 to 12 ms.)
  sqlite.exec(`PRAGMA cache_size = -${PAGE_CACHE_KB}`);
  return drizzle({ client: sqlite }) as Db;
}

/** The database file is held by another process: another TMC already running on this data folder. */
export class DbInUseError extends Error {
  constructor(readonly file: string) {
    super(`db: ${file} is in use by another program — is TMC already running? Close it, or start this one with a different --data folder.`);
  }
}

/**
 * Every write goes through here: BEGIN IMMEDIATE takes the write lock up front, so a
 * read-then-write (capacity check, duplicate check) cannot interleave with another writer.
 * The body must be synchronous — an async body would commit at its first await.
 */
export function write<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): T {
  return inTransaction(db, "immediate", body);
}

/** A consistent snapshot for multi-query reads (WAL readers see one commit point). */
export function read<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): T {
  return inTransaction(db, "deferred", body);
}

// Transactions as bun:sqlite's `transaction()` runs them (BEGIN, or a savepoint when one is open;
// undone if the body throws), without its per-call cost: bun builds four wrapped functions and
// defines their properties at every call, and drizzle builds a new transaction object (a whole
// query builder) on top. Every live render and seat page opens a read, and at 10,000 phones those
// wrappers were 6 % of the server's time as a district joined. The transaction handle holds no
// state of its own (drizzle's nested `tx.transaction` counts depth on a new handle), so one serves
// every transaction of its database.
type TxKit = { tx: Tx; begin: Record<"deferred" | "immediate", Statement>; commit: Statement; rollback: Statement; savepoint: Statement; release: Statement; rollbackTo: Statement };
const kits = new WeakMap<Database, TxKit>();

function kitOf(db: Db): TxKit {
  const c = db.$client;
  let kit = kits.get(c);
  if (!kit) {
    const { dialect, session } = db as unknown as { dialect: unknown; session: unknown };
    const tx = new (SQLiteBunTransaction as unknown as new (...args: unknown[]) => Tx)("sync", dialect, session, undefined);
    kit = {
      tx,
      begin: { deferred: c.prepare("BEGIN DEFERRED"), immediate: c.prepare("BEGIN IMMEDIATE") },
      commit: c.prepare("COMMIT"), rollback: c.prepare("ROLLBACK"),
      savepoint: c.prepare("SAVEPOINT tmc_nested"), release: c.prepare("RELEASE tmc_nested"), rollbackTo: c.prepare("ROLLBACK TO tmc_nested"),
    };
    kits.set(c, kit);
  }
  return kit;
}

function inTransaction<T>(db: Db, behavior: "deferred" | "immediate", body: (tx: Tx) => T): T {
  const kit = kitOf(db);
  const nested = db.$client.inTransaction;
  (nested ? kit.savepoint : kit.begin[behavior]).run();
  try {
    const result = body(kit.tx);
    (nested ? kit.release : kit.commit).run();
    return result;
  } catch (err) {
    // Counted even when SQLite has already rolled back by itself (some errors do).
    noteRollback(db.$client);
    // A failed COMMIT can leave the transaction open; a body's own error always does.
    if (db.$client.inTransaction) {
      if (nested) {
        kit.rollbackTo.run();
        kit.release.run();
      } else kit.rollback.run();
    }
    throw err;
  }
}

/**
 * Runs `body` with foreign-key enforcement off, for bulk work whose order of rows the constraints
 * would refuse or whose ON DELETE actions would be too slow (a lookup per row in an unindexed
 * column). The pragma cannot change inside a transaction, so this is called between transactions;
 * the body runs synchronously, so no other write happens while the checks are off.
 */
export function withForeignKeysOff<T>(db: Db, body: () => T): T {
  const c = db.$client;
  if (c.inTransaction) throw new Error("db: foreign keys cannot be switched inside a transaction");
  const on = (c.query("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys === 1;
  c.exec("PRAGMA foreign_keys = OFF");
  try {
    return body();
  } finally {
    if (on) c.exec("PRAGMA foreign_keys = ON");
  }
}
