// The stepwise copy (src/admin/backup.ts) and the automatic backups.
import { afterAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, write, type Db } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { backupTo } from "../../src/admin/backup.ts";
import { deleteGame } from "../../src/admin/cleanup.ts";
import { createGame as createGameIn } from "../../src/games/create.ts";
import { award } from "../../src/scoring/ledger.ts";
import { listBackups, pruneBackups, removeWorkFiles, workPath } from "../../src/admin/backup-files.ts";
import { buildHistoryDb } from "../bench/history-db.ts";
import { createGame, startServer } from "../support/server.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tmc-backup-unit-"));
  dirs.push(d);
  return d;
}

/** Every row of every table (and the AUTOINCREMENT counters), in rowid order. */
function contents(c: Database): Record<string, unknown[]> {
  const tables = c.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, c.query(`SELECT rowid AS _rowid, * FROM "${t.name}" ORDER BY rowid`).all()]));
}

function schemaOf(c: Database): unknown[] {
  return c.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
}

describe("stepwise backup", () => {
  test("rows inserted, updated and deleted between its steps (answers, ledger rows, new and deleted games): the copy equals the live database at its last step", async () => {
    const dir = tempDir();
    buildHistoryDb(join(dir, "tmc.db"), { games: 6, teams: 10, perTeam: 10, attemptsPerStudent: 20, findsPerTeam: 30 });
    const db = openDb(join(dir, "tmc.db"));
    const c = db.$client;
    let running = true;
    let writes = 0;
    let n = 0;
    // Another writer, between the copy's steps: the kinds of change a live server makes.
    const writer = async () => {
      while (running) {
        const i = n++;
        const team = c.query("SELECT t.id, t.game_id FROM teams t ORDER BY random() LIMIT 1").get() as { id: number; game_id: number } | null;
        const round = team && (c.query("SELECT id FROM rounds WHERE game_id = ?").get(team.game_id) as { id: number } | null);
        if (team && round && i % 5 !== 4) {
          write(db, (tx) => {
            c.query("INSERT INTO year_attempts (round_id, team_id, expression, result) VALUES (?, ?, ?, 'invalid')").run(round.id, team.id, `w${i}`);
            if (i % 3 === 0) award(tx, { gameId: team.game_id, teamId: team.id, roundId: round.id, participantId: null, delta: 7, reason: `w${i}` });
            if (i % 7 === 0) c.query("UPDATE games SET title = ? WHERE id = ?").run(`renamed ${i}`, team.game_id);
          });
        } else if (i % 10 === 4) {
          const created = createGameIn(db, { title: `new ${i}`, teamCount: 3, maxParticipants: 10 });
          expect(created.ok).toBe(true);
        } else {
          const finished = c.query("SELECT id FROM games WHERE status = 'finished' ORDER BY id LIMIT 1").get() as { id: number } | null;
          if (finished) expect(deleteGame(db, finished.id).ok).toBe(true);
        }
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    };
    const writing = writer();
    let atSnapshot: { rows: Record<string, unknown[]>; schema: unknown[] } | null = null;
    const target = join(dir, "copy.db");
    const stats = await backupTo(db, target, { stepMs: 1, atSnapshot: () => { atSnapshot = { rows: contents(c), schema: schemaOf(c) }; } });
    running = false;
    await writing;
    expect(stats.steps).toBeGreaterThan(10);
    expect(writes).toBeGreaterThan(10);
    const copy = new Database(target, { readonly: true });
    expect(copy.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(copy.query("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(schemaOf(copy)).toEqual(atSnapshot!.schema);
    expect(contents(copy)).toEqual(atSnapshot!.rows);
    // The ledger trigger was not fired by the copy: every cached score still equals its ledger.
    expect(copy.query("SELECT count(*) AS n FROM teams t WHERE t.score <> coalesce((SELECT sum(delta) FROM score_events e WHERE e.team_id = t.id), 0)").get()).toEqual({ n: 0 });
    copy.close();
    // Nothing of the copy is left on the live connection.
    expect(c.query("SELECT count(*) AS n FROM temp.sqlite_master").get()).toEqual({ n: 0 });
    expect((c.query("PRAGMA database_list").all() as { name: string }[]).map((d) => d.name).filter((n) => n !== "temp")).toEqual(["main"]);
    expect(c.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    closeDb(db);
  }, 60_000);

  test("a copy abandoned part-way (shutdown) leaves no file and no trace on the connection", async () => {
    const dir = tempDir();
    buildHistoryDb(join(dir, "tmc.db"), { games: 3, teams: 10, perTeam: 10, attemptsPerStudent: 20, findsPerTeam: 30 });
    const db: Db = openDb(join(dir, "tmc.db"));
    const stop = new AbortController();
    const copying = backupTo(db, join(dir, "copy.db"), { stepMs: 1, signal: stop.signal });
    await Bun.sleep(5);
    stop.abort();
    expect(copying).rejects.toThrow();
    await copying.catch(() => {});
    expect(existsSync(join(dir, "copy.db"))).toBe(false);
    expect(existsSync(join(dir, "copy.db.part"))).toBe(false);
    expect(db.$client.query("SELECT count(*) AS n FROM temp.sqlite_master").get()).toEqual({ n: 0 });
    expect((db.$client.query("PRAGMA database_list").all() as { name: string }[]).map((d) => d.name).filter((n) => n !== "temp")).toEqual(["main"]);
    closeDb(db);
  });
});

describe("backup files", () => {
  test("each kind keeps its newest N; work files of an interrupted run are removed at start", () => {
    const dir = tempDir();
    mkdirBackups(dir);
    const names = ["tmc-auto-2025-01-01-0900.db", "tmc-auto-2025-01-02-0900.db", "tmc-auto-2025-01-03-0900.db", "tmc-before-restore-2025-01-01-0900.db", "notes.txt"];
    names.forEach((name, i) => {
      writeFileSync(join(dir, "backups", name), "x");
      const t = new Date(2025, 0, 1 + i);
      require("node:fs").utimesSync(join(dir, "backups", name), t, t);
    });
    writeFileSync(workPath(dir, "download"), "partial");
    expect(pruneBackups(dir, "auto", 2)).toEqual(["tmc-auto-2025-01-01-0900.db"]);
    removeWorkFiles(dir);
    expect(readdirSync(join(dir, "backups")).sort()).toEqual(["notes.txt", "tmc-auto-2025-01-02-0900.db", "tmc-auto-2025-01-03-0900.db", "tmc-before-restore-2025-01-01-0900.db"]);
    expect(listBackups(dir).map((f) => f.kind)).toEqual(["before-restore", "auto", "auto"]);
  });

  test("at start with no copy from today, the automatic copy waits (a restart: every phone reconnecting at once), then is made", async () => {
    const s = await startServer({ autoBackup: true });
    try {
      await createGame(s);
      const autos = () => listBackups(s.dir).filter((f) => f.kind === "auto").length;
      // Nothing in backups/ yet, not even a copy in progress (its work file).
      const nothingYet = () => !existsSync(join(s.dir, "backups")) || readdirSync(join(s.dir, "backups")).length === 0;
      await s.deps.ops.start(Date.now(), 400);
      await Bun.sleep(200);
      expect(nothingYet()).toBe(true);
      const deadline = Date.now() + 10_000;
      while (autos() === 0 && Date.now() < deadline) await Bun.sleep(20);
      expect(autos()).toBe(1);
      // A copy from today: the next start makes none (nor starts one: no work file beside it).
      await s.deps.ops.start(Date.now(), 0);
      await Bun.sleep(300);
      expect(readdirSync(join(s.dir, "backups")).length).toBe(1);
    } finally {
      await s.stop();
    }
  });

  test("finishing a game answers at once and leaves an automatic copy in backups/; only the newest --backup-keep are kept", async () => {
    const s = await startServer({ autoBackup: true, backupKeep: 2 });
    try {
      for (let i = 0; i < 3; i++) {
        const g = await createGame(s);
        const started = performance.now();
        const res = await fetch(`${s.url}/api/games/${g.gameId}/finish`, { method: "POST", headers: s.teacher });
        expect(res.status).toBe(200);
        expect(performance.now() - started).toBeLessThan(1000);
        // Wait for this finish's copy before the next (several asked for at once make one copy).
        const deadline = Date.now() + 10_000;
        while (listBackups(s.dir).filter((f) => f.kind === "auto").length < Math.min(i + 1, 2) && Date.now() < deadline) await Bun.sleep(20);
        await Bun.sleep(1100 - (Date.now() % 1000)); // distinct modification times
      }
      await s.deps.ops.stop();
      const autos = listBackups(s.dir).filter((f) => f.kind === "auto");
      expect(autos.length).toBe(2);
      const newest = new Database(join(s.dir, "backups", autos[0]!.name), { readonly: true });
      expect(newest.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
      expect(newest.query("SELECT count(*) AS n FROM games WHERE status = 'finished'").get()).toEqual({ n: 3 });
      newest.close();
    } finally {
      await s.stop();
    }
  }, 60_000);
});

function mkdirBackups(dir: string) {
  require("node:fs").mkdirSync(join(dir, "backups"), { recursive: true });
}
