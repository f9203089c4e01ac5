import { describe, expect, test } from "bun:test";
import type { Database } from "bun:sqlite";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, PAGE_CACHE_KB, write } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { MIGRATIONS_DIR } from "../../src/paths.ts";

/**
 * A database as a release before migration `tag` left it (every migration before it applied), and
 * how many migrations the current build adds to it.
 */
/**
 * A database from before the migration tagged `tag`, holding one game (capacity `max`) of two teams
 * and the seats `seats` (participants' VALUES rows), then migrated: its SQLite handle.
 */
function twoTeamGameMigrated(tag: string, max: number, seats: string) {
  const { db, added } = migratedUpTo(tag);
  const c = db.$client;
  c.exec(`INSERT INTO games (code, title, team_count, max_participants) VALUES ('12', 't', 2, ${max});
    INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A'), (1, 2, 'B');
    INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES ${seats};`);
  expect(migrateDb(db).applied).toBe(added);
  return c;
}

/** A column of every team, in id order. */
function perTeam(c: Database, column: string): number[] {
  return (c.query(`SELECT ${column} AS v FROM teams ORDER BY id`).all() as { v: number }[]).map((r) => r.v);
}

function migratedUpTo(tag: string) {
  const folder = mkdtempSync(join(tmpdir(), "tmc-migrations-"));
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const upTo = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  expect(upTo).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db"));
  migrateDb(db, folder);
  return { db, added: journal.entries.length - upTo };
}

describe("database", () => {
  test("opens in WAL with busy_timeout and foreign keys on, journals in memory, a 16 MB page cache; migrations apply once", () => {
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
    expect(q("temp_store")).toBe(2); // MEMORY: statement and savepoint journals write no temp file
    expect(q("cache_size")).toBe(-PAGE_CACHE_KB);
    expect(PAGE_CACHE_KB).toBe(16 * 1024);
    expect(q("wal_autocheckpoint")).toBe(1000); // SQLite's: longer logs made longer stalls (see openDb)
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

  test("a migration that rebuilds a table others refer to keeps every row (no cascade, no refused ledger update)", () => {
    // drizzle-kit rebuilds a table to change a CHECK (e.g. a new round type): CREATE new, copy, DROP old, RENAME.
    // With foreign keys on, the DROP would delete the round's finds (cascade) and try to update its ledger rows.
    const folder = mkdtempSync(join(tmpdir(), "tmc-migrations-"));
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const journalFile = join(folder, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
    const last = journal.entries[journal.entries.length - 1]!;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: "9999_rebuild_rounds" });
    writeFileSync(journalFile, JSON.stringify(journal));
    const columns = '"id", "game_id", "type", "status", "config", "started_at", "ends_at", "paused_remaining_ms", "finished_at"';
    writeFileSync(join(folder, "9999_rebuild_rounds.sql"), [
      "CREATE TABLE `__new_rounds` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `game_id` integer NOT NULL REFERENCES `games`(`id`) ON DELETE cascade, `type` text NOT NULL, `status` text DEFAULT 'running' NOT NULL, `config` text NOT NULL, `started_at` integer NOT NULL, `ends_at` integer NOT NULL, `paused_remaining_ms` integer, `finished_at` integer);",
      `INSERT INTO \`__new_rounds\`(${columns}) SELECT ${columns} FROM \`rounds\`;`,
      "DROP TABLE `rounds`;",
      "ALTER TABLE `__new_rounds` RENAME TO `rounds`;",
    ].join("--> statement-breakpoint\n"));

    const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db"));
    migrateDb(db);
    db.$client.exec(`INSERT INTO games (code, title, team_count, max_participants, status) VALUES ('12', 't', 2, 10, 'started');
      INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A'), (1, 2, 'B');
      INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (1, 1, 'amy', 'amy', 'h1');
      INSERT INTO rounds (game_id, type, config, ends_at) VALUES (1, 'year_game', '{}', 1);
      INSERT INTO year_finds (round_id, team_id, target, participant_id, finder_name, expression, points) VALUES (1, 1, 7, 1, 'amy', '1+6', 7);
      INSERT INTO score_events (game_id, team_id, round_id, participant_id, delta, reason) VALUES (1, 1, 1, 1, 7, 'year_game:7');`);
    const counts = () => db.$client.query("SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM year_finds) AS finds, (SELECT round_id FROM score_events) AS ledgerRound, (SELECT score FROM teams WHERE id = 1) AS score").get();
    const before = counts();
    expect(migrateDb(db, folder).applied).toBe(1);
    expect(counts()).toEqual(before);
    expect(before).toEqual({ rounds: 1, finds: 1, ledgerRound: 1, score: 7 });
    expect((db.$client.query("PRAGMA foreign_keys").get() as { foreign_keys: number }).foreign_keys).toBe(1);
  });

  test("the security migration keeps every team of an existing database, gives each its own board key, and keeps the triggers that name teams", () => {
    // A database as the previous release left it: migrations up to 0002, with games, teams, a seat and a score.
    const { db, added } = migratedUpTo("_security");
    db.$client.exec(`INSERT INTO games (code, title, team_count, max_participants) VALUES ('12', 't', 2, 10);
      INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A'), (1, 2, 'B');
      INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (1, 1, 'amy', 'amy', 'h1');
      INSERT INTO score_events (game_id, team_id, delta, reason) VALUES (1, 2, 5, 'test');`);
    expect(migrateDb(db).applied).toBe(added);
    const teams = db.$client.query("SELECT id, name, score, board_key AS key FROM teams ORDER BY id").all() as { id: number; name: string; score: number; key: string }[];
    expect(teams.map((t) => [t.id, t.name, t.score])).toEqual([[1, "A", 0], [2, "B", 5]]);
    expect(teams.every((t) => /^[0-9a-f]{32}$/.test(t.key))).toBe(true);
    expect(teams[0]!.key).not.toBe(teams[1]!.key);
    expect(db.$client.query("SELECT joined_from FROM participants").get()).toEqual({ joined_from: null });
    // The triggers on other tables still find `teams`: a ledger row moves the score, a seat cannot sit in another game's team.
    db.$client.run("INSERT INTO score_events (game_id, team_id, delta, reason) VALUES (1, 2, 2, 'test')");
    expect((db.$client.query("SELECT score FROM teams WHERE id = 2").get() as { score: number }).score).toBe(7);
    db.$client.run("INSERT INTO games (code, title, team_count, max_participants) VALUES ('13', 'u', 2, 10)");
    expect(() => db.$client.run("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (2, 1, 'bo', 'bo', 'h2')")).toThrow(/team_not_in_game/);
    // A team made afterwards draws its own key.
    db.$client.run("INSERT INTO teams (game_id, position, name) VALUES (2, 1, 'C')");
    expect((db.$client.query("SELECT board_key AS k FROM teams WHERE name = 'C'").get() as { k: string }).k).toMatch(/^[0-9a-f]{32}$/);
  });

  test("the member-count migration counts an existing database's seats, and its triggers keep the count and the capacity from then on", () => {
    const c = twoTeamGameMigrated("_team_member_count", 4, "(1, 1, 'amy', 'amy', 'h1'), (1, 1, 'bo', 'bo', 'h2'), (1, 2, 'cy', 'cy', 'h3')");
    const counts = () => perTeam(c, "member_count");
    expect(counts()).toEqual([2, 1]);
    c.run("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (1, 2, 'di', 'di', 'h4')");
    expect(counts()).toEqual([2, 2]);
    // Full at 4: the capacity trigger reads the counts.
    expect(() => c.run("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (1, 2, 'ed', 'ed', 'h5')")).toThrow(/game_full/);
    c.run("UPDATE participants SET team_id = 2 WHERE nickname = 'amy'");
    expect(counts()).toEqual([1, 3]);
    c.run("UPDATE participants SET nickname = 'amy2' WHERE nickname = 'amy'");
    expect(counts()).toEqual([1, 3]);
    c.run("DELETE FROM participants WHERE nickname IN ('bo', 'cy')");
    expect(counts()).toEqual([0, 2]);
    expect(() => c.run("UPDATE teams SET member_count = -1 WHERE id = 1")).toThrow(/member_count_negative/);
  });

  test("the members-version migration moves a team's version at every change to its member list, and only then", () => {
    const c = twoTeamGameMigrated("_team_members_version", 10, "(1, 1, 'amy', 'amy', 'h1')");
    const versions = () => perTeam(c, "members_version");
    const counts = () => perTeam(c, "member_count");
    expect(versions()).toEqual([0, 0]);
    c.run("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (1, 1, 'bo', 'bo', 'h2')");
    expect(versions()).toEqual([1, 0]);
    c.run("UPDATE participants SET team_id = 2 WHERE nickname = 'bo'");
    expect(versions()).toEqual([2, 1]);
    c.run("UPDATE participants SET nickname = 'bo2' WHERE nickname = 'bo'");
    expect(versions()).toEqual([2, 2]);
    // What a list does not show leaves it alone: the seat's address, the same nickname, the same team.
    c.run("UPDATE participants SET joined_from = '10.0.0.9', nickname = 'bo2', team_id = 2 WHERE nickname = 'bo2'");
    expect(versions()).toEqual([2, 2]);
    c.run("DELETE FROM participants WHERE nickname = 'amy'");
    expect(versions()).toEqual([3, 2]);
    // The counts still move with the remade triggers.
    expect(counts()).toEqual([0, 1]);
  });

  test("every trigger that keeps a cached count or version is there after all migrations (a table rebuild would drop them silently)", () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-db-")), "tmc.db"));
    migrateDb(db);
    const names = (db.$client.query("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name);
    for (const name of ["participants_capacity", "participants_team_game", "participants_count_insert", "participants_count_delete", "participants_count_move", "participants_members_rename", "teams_member_count_kept", "score_events_apply",
      "relay_holders_people_insert", "relay_holders_people_update", "relay_holders_people_delete", "relay_members_people_insert", "relay_members_people_update"]) expect(names).toContain(name);
  });
});
