// Restoring a backup through the settings page and the API: what is accepted (this version,
// an older one, migrated), what is refused (not a database, not TMC's, damaged, newer), and who may.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import { MIGRATIONS_DIR } from "../../src/paths.ts";
import { Client, createGame, joinAs, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { seatedGame, startYear, submit } from "../support/year.ts";

let s: TestServer;
let teacher: Client;
let backup: Uint8Array<ArrayBuffer>;
let firstGame: { gameId: number; gameCode: string };
const dirs: string[] = [];

beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
  firstGame = await createGame(s, { title: "Before the backup" });
  await joinAs(s, firstGame.gameCode, "amy");
  const res = await teacher.fetch("/api/backup");
  expect(res.status).toBe(200);
  backup = new Uint8Array(await res.arrayBuffer());
});
afterAll(async () => {
  await s.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tmc-restore-"));
  dirs.push(d);
  return d;
}

function upload(bytes: Uint8Array<ArrayBuffer> | string, name = "backup.db"): FormData {
  const form = new FormData();
  form.set("file", new File([bytes], name));
  return form;
}

async function apiRestore(bytes: Uint8Array<ArrayBuffer> | string) {
  const res = await fetch(`${s.url}/api/restore`, { method: "POST", headers: { authorization: s.teacher.authorization! }, body: upload(bytes) });
  return { status: res.status, body: (await res.json()) as any };
}

const gameCount = () => (s.deps.db.$client.query("SELECT count(*) AS n FROM games").get() as { n: number }).n;
const beforeRestoreCopies = () => readdirSync(join(s.dir, "backups")).filter((n) => n.startsWith("tmc-before-restore-")).length;

/** A database file built by a function, returned as bytes. */
function databaseBytes(build: (db: Database, file: string) => void): Uint8Array<ArrayBuffer> {
  const file = join(tempDir(), "x.db");
  const db = new Database(file, { create: true });
  build(db, file);
  db.close();
  return new Uint8Array(readFileSync(file));
}

describe("restore", () => {
  test("through the settings page: the backup's games come back, later ones go, the teacher stays logged in, the current database is kept first", async () => {
    const later = await createGame(s, { title: "After the backup" });
    const copiesBefore = beforeRestoreCopies();
    const form = upload(backup);
    form.set("confirm", "yes");
    const res = await teacher.fetch("/teacher/settings/restore", { method: "POST", body: form });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/Restored: 1 game|복원했습니다: 게임 1개/);
    expect((await fetch(`${s.url}/api/game-state?gameId=${firstGame.gameId}`, { headers: s.teacher })).status).toBe(200);
    expect((await fetch(`${s.url}/api/game-state?gameId=${later.gameId}`, { headers: s.teacher })).status).toBe(404);
    expect((await teacher.fetch("/teacher")).status).toBe(200);
    expect(beforeRestoreCopies()).toBe(copiesBefore + 1);
    // No id is handed out twice: the next game gets a new id, not the one of the game that went.
    const next = await createGame(s);
    expect(next.gameId).toBeGreaterThan(later.gameId);
  });

  test("through the page without ticking the confirmation: refused, nothing changes", async () => {
    const games = gameCount();
    const res = await teacher.fetch("/teacher/settings/restore", { method: "POST", body: upload(backup) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("notice-error");
    expect(gameCount()).toBe(games);
  });

  test("refused: a file that is not a database, a database that is not TMC's, a damaged one (422 invalid_backup), one from a newer TMC (409 backup_too_new); nothing changes and nothing is kept", async () => {
    const games = gameCount();
    const copies = beforeRestoreCopies();
    const notTmc = databaseBytes((db) => db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hi');"));
    const damaged = new Uint8Array(backup);
    // Scribble over every page after the first two (the schema stays readable, the b-trees do not).
    for (let at = 8192; at < damaged.length; at += 4096) damaged.fill(0x5a, at + 8, at + 64);
    const newer = databaseBytes((db, file) => {
      db.close();
      writeFileSync(file, backup);
      const again = new Database(file);
      again.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 9999999999999)");
      again.close();
    });
    const cases: [string, Uint8Array<ArrayBuffer> | string, number, string, string?][] = [
      ["text", "player_name,team_name\nAda,A\n", 422, "invalid_backup", "not_sqlite"],
      ["empty", "", 422, "invalid_backup", "not_sqlite"],
      ["not TMC's", notTmc, 422, "invalid_backup", "not_tmc"],
      ["damaged", damaged, 422, "invalid_backup", "damaged"],
      ["newer", newer, 409, "backup_too_new"],
    ];
    for (const [name, bytes, status, code, reason] of cases) {
      const r = await apiRestore(bytes);
      expect([name, r.status, r.body.error?.code]).toEqual([name, status, code]);
      if (reason) expect([name, r.body.error.detail?.reason]).toEqual([name, reason]);
    }
    expect(gameCount()).toBe(games);
    expect(beforeRestoreCopies()).toBe(copies);
    expect(readdirSync(join(s.dir, "backups")).filter((n) => n.startsWith(".tmp-"))).toEqual([]);
  });

  test("a backup from an older version (before games could be archived) is migrated on restore", async () => {
    // The migrations of that version: this build's, without the newest.
    const folder = tempDir();
    cpSync(MIGRATIONS_DIR, folder, { recursive: true });
    const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.includes("games_archived"));
    expect(at).toBeGreaterThan(0);
    const newer = journal.entries.length - at;
    journal.entries = journal.entries.slice(0, at);
    writeFileSync(join(folder, "meta", "_journal.json"), JSON.stringify(journal));
    const old = databaseBytes((db) => {
      migrate(drizzle({ client: db }), { migrationsFolder: folder });
      db.exec("INSERT INTO games (code, title, team_count, max_participants, status) VALUES ('42', 'From last year', 2, 10, 'finished')");
      db.exec("INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A'), (1, 2, 'B')");
    });
    const r = await apiRestore(old);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ restored: true, games: 1, migrated: newer });
    const games = (await (await fetch(`${s.url}/api/games`, { headers: s.teacher })).json()) as { games: { title: string; archived: boolean }[] };
    expect(games.games).toEqual([expect.objectContaining({ title: "From last year", archived: false })]);
  });

  test("what the server remembers by row id is forgotten: a round restored under an id the live server had cached judges answers by its own rules, and its timer is armed", async () => {
    // Two servers, each with round 1 — different digits. The live one has answered (and cached round 1's rules).
    const other = await startServer();
    try {
      const g = await seatedGame(other, 2, 1);
      const { sessionId } = await startYear(other, g.gameId, { digits: [1, 3, 5, 7, 9], durationSeconds: 600 });
      const copy = new Uint8Array(await (await fetch(`${other.url}/api/backup`, { headers: { authorization: other.teacher.authorization! } })).arrayBuffer());
      const live = await startServer();
      try {
        const h = await seatedGame(live, 2, 1);
        const mine = await startYear(live, h.gameId, { digits: [2, 4, 6, 8, 0], durationSeconds: 600 });
        expect(mine.sessionId).toBe(sessionId);
        expect((await submit(h.seats[0]![0]!, mine.sessionId, "2+4+6+8+0")).status).toBe(200);
        const form = new FormData();
        form.set("file", new File([copy], "other.db"));
        expect((await fetch(`${live.url}/api/restore`, { method: "POST", headers: { authorization: live.teacher.authorization! }, body: form })).status).toBe(200);
        // The other server's student, whose seat came with the backup, answers with that round's digits.
        const seat = { ...g.seats[0]![0]!, client: Object.assign(new Client(live.url), { cookies: g.seats[0]![0]!.client.cookies }) };
        const res = await submit(seat, sessionId, "1+3+5+7+9");
        expect([res.status, ((await res.json()) as any).targetNumber]).toEqual([200, 25]);
        expect(live.deps.clock.timerCount()).toBe(1);
      } finally {
        await live.stop();
      }
    } finally {
      await other.stop();
    }
  });

  test("only the teacher: 401 without credentials, 403 with a student's token, on every new API endpoint", async () => {
    const g = await createGame(s);
    const { body } = await joinAs(s, g.gameCode, "sam");
    const student = { authorization: `Bearer ${body.token}` };
    const calls: [string, string, RequestInit][] = [
      ["GET", "/api/backup", {}],
      ["POST", "/api/restore", { body: upload(backup) }],
      ["DELETE", `/api/games/${g.gameId}`, {}],
      ["POST", `/api/games/${g.gameId}/archive`, {}],
      ["POST", `/api/games/${g.gameId}/unarchive`, {}],
      ["POST", "/api/settings/password", { body: JSON.stringify({ current: "x", password: "yyyyyyyy" }), headers: { "content-type": "application/json" } }],
    ];
    for (const [method, path, init] of calls) {
      const anonymous = await fetch(s.url + path, { method, ...init });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
      const asStudent = await fetch(s.url + path, { method, ...init, headers: { ...(init.headers as Record<string, string>), ...student } });
      expect([method, path, asStudent.status, ((await asStudent.json()) as any).error.code]).toEqual([method, path, 403, "forbidden"]);
    }
    expect((await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).status).toBe(200);
  });
});
