// read() and write(): the transactions every route and render opens (src/db/client.ts).
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDb, read, write, type Db } from "../../src/db/client.ts";

function freshDb(): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-tx-")), "tmc.db"));
  db.$client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
  return db;
}
const values = (db: Db) => (db.$client.query("SELECT v FROM t ORDER BY id").all() as { v: string }[]).map((r) => r.v);
const insert = (db: Db, v: string) => db.$client.run("INSERT INTO t (v) VALUES (?)", [v]);

describe("write", () => {
  test("commits what the body wrote and returns its value; the body runs inside the transaction", () => {
    const db = freshDb();
    const r = write(db, (tx) => {
      insert(db, "a");
      expect(db.$client.inTransaction).toBe(true);
      return tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`)[0]!.n;
    });
    expect(r).toBe(1);
    expect(db.$client.inTransaction).toBe(false);
    expect(values(db)).toEqual(["a"]);
  });

  test("a body that throws undoes all it wrote, and the next transaction starts clean", () => {
    const db = freshDb();
    expect(() => write(db, () => { insert(db, "a"); insert(db, "a"); })).toThrow(/UNIQUE/);
    expect(db.$client.inTransaction).toBe(false);
    expect(values(db)).toEqual([]);
    write(db, () => insert(db, "b"));
    expect(values(db)).toEqual(["b"]);
  });

  test("a COMMIT that fails (a deferred foreign key) undoes the transaction and throws", () => {
    const db = freshDb();
    db.$client.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
    expect(() => write(db, () => { insert(db, "gone"); db.$client.run("INSERT INTO child (p) VALUES (7)"); })).toThrow(/FOREIGN KEY/);
    expect(db.$client.inTransaction).toBe(false);
    expect(values(db)).toEqual([]);
    write(db, () => insert(db, "next"));
    expect(values(db)).toEqual(["next"]);
  });

  test("a write inside a write is a savepoint: its failure undoes only itself", () => {
    const db = freshDb();
    write(db, () => {
      insert(db, "outer");
      expect(() => write(db, () => { insert(db, "inner"); throw new Error("no"); })).toThrow("no");
      write(db, () => insert(db, "inner kept"));
      // Three levels, the innermost failing: the two around it stay.
      write(db, () => { insert(db, "l2"); expect(() => write(db, () => { insert(db, "l3"); throw new Error("deep"); })).toThrow("deep"); });
    });
    expect(values(db)).toEqual(["outer", "inner kept", "l2"]);
  });

  test("takes the write lock at BEGIN (immediate): another connection cannot write meanwhile", () => {
    const db = freshDb();
    // The server holds the file in EXCLUSIVE mode; the check here is that the body already owns the
    // lock before its first statement, as BEGIN IMMEDIATE gives (a deferred BEGIN takes none).
    write(db, () => {
      expect(db.$client.inTransaction).toBe(true);
      expect(() => db.$client.exec("BEGIN IMMEDIATE")).toThrow(/within a transaction/);
    });
  });
});

describe("read", () => {
  test("gives the body's value, inside a transaction, and leaves none open", () => {
    const db = freshDb();
    insert(db, "x");
    const seen = read(db, (tx) => ({ inTx: db.$client.inTransaction, n: tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM t`)[0]!.n }));
    expect(seen).toEqual({ inTx: true, n: 1 });
    expect(db.$client.inTransaction).toBe(false);
  });

  test("a body that throws leaves no transaction open", () => {
    const db = freshDb();
    expect(() => read(db, () => { throw new Error("render failed"); })).toThrow("render failed");
    expect(db.$client.inTransaction).toBe(false);
    write(db, () => insert(db, "after"));
    expect(values(db)).toEqual(["after"]);
  });

  test("a read inside a write sees the write's rows and keeps them", () => {
    const db = freshDb();
    write(db, () => {
      insert(db, "w");
      expect(read(db, (tx) => tx.all<{ v: string }>(sql`SELECT v FROM t`).map((r) => r.v))).toEqual(["w"]);
      expect(db.$client.inTransaction).toBe(true);
    });
    expect(values(db)).toEqual(["w"]);
  });

  test("one transaction handle serves every transaction, and drizzle's queries run on it", () => {
    const db = freshDb();
    const handles = new Set<unknown>();
    for (let i = 0; i < 3; i++) read(db, (tx) => handles.add(tx));
    write(db, (tx) => { handles.add(tx); tx.run(sql`INSERT INTO t (v) VALUES ('via drizzle')`); });
    expect(handles.size).toBe(1);
    expect(values(db)).toEqual(["via drizzle"]);
    // A second database has its own.
    const other = freshDb();
    read(other, (tx) => handles.add(tx));
    expect(handles.size).toBe(2);
  });
});
