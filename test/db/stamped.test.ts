// Values kept until the database changes (`stamped`, src/db/prepared.ts): the game and current
// round every live render reads. A kept value must never outlive a change, including one a
// rolled-back transaction or savepoint made and read before it was undone.
import { describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { openDb, read, write, type Db } from "../../src/db/client.ts";
import { writeGrouped } from "../../src/db/group-commit.ts";
import { stamped, stampedName } from "../../src/db/prepared.ts";
import { freshDb } from "../support/db.ts";
import { createGame } from "../../src/games/create.ts";
import { findGame, findGameByCode } from "../../src/games/queries.ts";

function tableDb(): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-stamp-")), "tmc.db"));
  db.$client.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)");
  db.$client.exec("CREATE TABLE log (n INTEGER)");
  db.$client.exec("CREATE TRIGGER t_log AFTER INSERT ON log BEGIN UPDATE t SET v = v || '!' WHERE id = 1; END");
  db.$client.run("INSERT INTO t (id, v) VALUES (1, 'a')");
  return db;
}

const name = stampedName<number, string>(16);
/** t's row through `stamped`, counting the reads that reached SQLite. */
function reader(db: Db) {
  let reads = 0;
  const get = () => stamped(db, name, 1, () => {
    reads++;
    return (db.$client.query("SELECT v FROM t WHERE id = 1").get() as { v: string }).v;
  });
  return { get, reads: () => reads };
}

describe("stamped", () => {
  test("a value is read once while nothing changes, and again after any change: a write, a raw statement, a trigger's row", () => {
    const db = tableDb();
    const r = reader(db);
    expect([r.get(), r.get(), read(db, () => r.get())]).toEqual(["a", "a", "a"]);
    expect(r.reads()).toBe(1);
    write(db, () => db.$client.run("UPDATE t SET v = 'b' WHERE id = 1"));
    expect(r.get()).toBe("b");
    db.$client.run("UPDATE t SET v = 'c' WHERE id = 1");
    expect(r.get()).toBe("c");
    // A change to another table moves the stamp too (it may be what a kept value depends on).
    db.$client.run("INSERT INTO log (n) VALUES (1)");
    expect(r.get()).toBe("c!");
    expect(r.get()).toBe("c!");
    expect(r.reads()).toBe(4);
  });

  test("what a rolled-back transaction changed and read is not kept past the rollback", () => {
    const db = tableDb();
    const r = reader(db);
    expect(r.get()).toBe("a");
    expect(() => write(db, () => {
      db.$client.run("UPDATE t SET v = 'undone' WHERE id = 1");
      expect(r.get()).toBe("undone");
      throw new Error("no");
    })).toThrow("no");
    expect(r.get()).toBe("a");
    // A nested write (a savepoint) undone inside a transaction that commits.
    write(db, () => {
      expect(() => write(db, () => {
        db.$client.run("UPDATE t SET v = 'inner' WHERE id = 1");
        expect(r.get()).toBe("inner");
        throw new Error("inner");
      })).toThrow("inner");
      expect(r.get()).toBe("a");
    });
    expect(r.get()).toBe("a");
  });

  test("what a group commit's undone job changed and read is not kept", async () => {
    const db = tableDb();
    const r = reader(db);
    expect(r.get()).toBe("a");
    const failing = writeGrouped(db, () => {
      db.$client.run("UPDATE t SET v = 'job' WHERE id = 1");
      expect(r.get()).toBe("job");
      throw new Error("job");
    });
    await expect(failing).rejects.toThrow("job");
    expect(r.get()).toBe("a");
    // Alongside a job that commits: that one's change is seen (its trigger appends "!"), the undone one's is not.
    const undone = writeGrouped(db, () => {
      db.$client.run("UPDATE t SET v = 'job' WHERE id = 1");
      expect(r.get()).toBe("job");
      throw new Error("job");
    });
    const kept = writeGrouped(db, () => db.$client.run("INSERT INTO log (n) VALUES (2)"));
    await expect(undone).rejects.toThrow("job");
    await kept;
    expect(r.get()).toBe("a!");
  });

  test("findGame and findGameByCode see a game's change at once, each database its own rows", () => {
    const one = freshDb();
    const two = freshDb();
    try {
      const made = createGame(one.db, { title: "Kept", teamCount: 2, maxParticipants: 10 });
      if (!made.ok) throw new Error("create");
      const { id, code } = made.game;
      expect(findGame(one.db, id)?.title).toBe("Kept");
      expect(findGameByCode(one.db, code)?.id).toBe(id);
      expect(findGame(two.db, id)).toBeUndefined();
      write(one.db, () => one.db.$client.run("UPDATE games SET title = 'Renamed', status = 'finished' WHERE id = ?", [id]));
      expect(findGame(one.db, id)?.title).toBe("Renamed");
      expect(findGameByCode(one.db, code)?.status).toBe("finished");
      // Any text a request brings is looked up; a long one is not kept.
      expect(findGameByCode(one.db, "9".repeat(5000))).toBeUndefined();
    } finally {
      one.close();
      two.close();
    }
  });

  test("every place in the server that rolls back counts it (a new one must call noteRollback, or forget the database's memos)", () => {
    // client.ts and group-commit.ts count theirs; a restore replaces every row in bun's transaction
    // and then forgets every kept value (forgetDbMemos, src/admin/ops.ts); a backup writes to its copy.
    const root = join(import.meta.dir, "../../src");
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && /\.transaction\(|\bROLLBACK\b/.test(readFileSync(p, "utf8"))) found.push(relative(root, p));
      }
    };
    walk(root);
    expect(found.sort()).toEqual(["admin/backup.ts", "admin/restore.ts", "db/client.ts", "db/group-commit.ts"]);
  });
});
