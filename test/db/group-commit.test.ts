// Group commit: bodies queued together share one transaction but not each other's failures.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { DbClosedError, writeGrouped } from "../../src/db/group-commit.ts";

function freshDb() {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-gc-")), "tmc.db"));
  db.$client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)");
  return db;
}
const values = (db: ReturnType<typeof freshDb>) => (db.$client.query("SELECT v FROM t ORDER BY id").all() as { v: string }[]).map((r) => r.v);

describe("writeGrouped", () => {
  test("bodies queued in one turn share one transaction, run in order, and see earlier bodies' writes", async () => {
    const db = freshDb();
    const seen: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => writeGrouped(db, () => {
      seen.push((db.$client.query("SELECT count(*) AS n FROM t").get() as { n: number }).n);
      db.$client.run("INSERT INTO t (v) VALUES (?)", [`v${i}`]);
      return i;
    }));
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(values(db)).toEqual(["v0", "v1", "v2", "v3", "v4"]);
  });

  test("a body that throws half-way rolls back only its own writes; the others commit", async () => {
    const db = freshDb();
    const a = writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES ('a')"));
    const b = writeGrouped(db, () => {
      db.$client.run("INSERT INTO t (v) VALUES ('b1')");
      db.$client.run("INSERT INTO t (v) VALUES ('a')"); // UNIQUE violation after a first write
    });
    const c = writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES ('c')"));
    await a;
    await expect(b).rejects.toThrow(/UNIQUE/);
    await c;
    expect(values(db)).toEqual(["a", "c"]);
  });

  test("one transaction for bodies queued together", async () => {
    const db = freshDb();
    // Each commit appends the pages it changed to the WAL: twenty commits of these rows would add at
    // least twenty frames; one commit adds each changed page once (the table's and its index's).
    const walFrames = () => {
      const pageSize = (db.$client.query("PRAGMA page_size").get() as { page_size: number }).page_size;
      return Math.max(0, (statSync(`${db.$client.filename}-wal`).size - 32) / (pageSize + 24));
    };
    const before = walFrames();
    const inTx: boolean[] = [];
    await Promise.all(Array.from({ length: 20 }, (_, i) => writeGrouped(db, () => { inTx.push(db.$client.inTransaction); db.$client.run("INSERT INTO t (v) VALUES (?)", [`v${i}`]); })));
    expect(walFrames() - before).toBeLessThanOrEqual(2);
    expect(inTx).toEqual(Array(20).fill(true));
    expect(values(db)).toHaveLength(20);
  });

  test("if COMMIT fails, every body of the batch is refused and nothing is stored", async () => {
    const db = freshDb();
    // A deferred foreign key is checked at COMMIT: a dangling row makes the commit itself fail.
    db.$client.exec("CREATE TABLE parent (id INTEGER PRIMARY KEY); CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
    const ok = writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES ('kept?')"));
    const dangling = writeGrouped(db, () => db.$client.run("INSERT INTO child (p) VALUES (42)"));
    const results = await Promise.allSettled([ok, dangling]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(db.$client.inTransaction).toBe(false);
    expect(values(db)).toEqual([]);
    // and the next batch works
    await writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES ('after')"));
    expect(values(db)).toEqual(["after"]);
  });

  test("closing commits what is queued, refuses later writes, and releases the file at once", async () => {
    const db = freshDb();
    const file = db.$client.filename;
    const queued = writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES ('queued')"));
    closeDb(db);
    await queued;
    await expect(writeGrouped(db, () => 1)).rejects.toBeInstanceOf(DbClosedError);
    const again = openDb(file); // EXCLUSIVE lock released: the same process (or a restarted server) can open it
    expect(values(again as ReturnType<typeof freshDb>)).toEqual(["queued"]);
    closeDb(again);
  });
});
