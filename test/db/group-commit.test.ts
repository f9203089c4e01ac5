// Group commit: bodies queued together share one transaction but not each other's failures.
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { writeGrouped } from "../../src/db/group-commit.ts";

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

  test("a promise settles only after COMMIT", async () => {
    const db = freshDb();
    const states: boolean[] = [];
    await Promise.all(Array.from({ length: 3 }, (_, i) =>
      writeGrouped(db, () => db.$client.run("INSERT INTO t (v) VALUES (?)", [`x${i}`])).then(() => states.push(db.$client.inTransaction))));
    expect(states).toEqual([false, false, false]);
    expect(values(db)).toEqual(["x0", "x1", "x2"]);
  });
});
