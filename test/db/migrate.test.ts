import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, write } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { MIGRATIONS_DIR } from "../../src/paths.ts";

describe("database", () => {
  test("opens in WAL with busy_timeout and foreign keys on; migrations apply once", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db");
    const db = openDb(file);
    const known = (JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
    expect(migrateDb(db).applied).toBe(known);
    expect(migrateDb(db).applied).toBe(0);
    const q = (p: string) => Object.values(db.$client.query(`PRAGMA ${p}`).get() as object)[0];
    expect(q("journal_mode")).toBe("wal");
    expect(q("busy_timeout")).toBe(5000);
    expect(q("foreign_keys")).toBe(1);
    expect(q("synchronous")).toBe(1); // NORMAL
  });

  test("refuses a database written by a newer TMC instead of corrupting it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db");
    const db = openDb(file);
    migrateDb(db);
    db.$client.run("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)", [Date.now() + 10 ** 11]);
    expect(() => migrateDb(db)).toThrow(/newer version of TMC/);
  });

  test("write() runs BEGIN IMMEDIATE and rolls back on a throw; the ledger is append-only", () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db"));
    migrateDb(db);
    expect(() => write(db, (tx) => {
      tx.run("INSERT INTO games (code, title, team_count, max_participants) VALUES ('11', 'x', 2, 5)" as never);
      throw new Error("boom");
    })).toThrow("boom");
    expect((db.$client.query("SELECT count(*) AS n FROM games").get() as { n: number }).n).toBe(0);
    db.$client.run("INSERT INTO games (code, title, team_count, max_participants) VALUES ('11', 'x', 2, 5)");
    db.$client.run("INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A')");
    db.$client.run("INSERT INTO score_events (game_id, team_id, delta, reason) VALUES (1, 1, 7, 'test')");
    expect((db.$client.query("SELECT score FROM teams WHERE id = 1").get() as { score: number }).score).toBe(7);
    expect(() => db.$client.run("UPDATE score_events SET delta = 100")).toThrow(/append_only/);
  });
});
