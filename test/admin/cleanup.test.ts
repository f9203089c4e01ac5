// Cleanup: deleting a game (API and page), archiving, --retain-days and the pruning of refused-request records.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runHousekeeping, pruneAbuseEvents, uncoveredTables, deleteGame, ABUSE_KEEP_DAYS } from "../../src/admin/cleanup.ts";
import { createGame, startServer, teacherBrowser, type Client, type TestServer } from "../support/server.ts";
import { answersFor, seatedGame, startYear, submit } from "../support/year.ts";

const DAY = 86_400_000;
let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer({ rateLimitAnswer: "off" });
  teacher = await teacherBrowser(s);
});
afterAll(async () => {
  await s.stop();
});

const sql = () => s.deps.db.$client;
const count = (query: string, ...params: number[]) => (sql().query(query).get(...params) as { n: number }).n;

/** A game with students, a round and scores, finished. */
async function playedGame() {
  const g = await seatedGame(s, 2, 3);
  const { sessionId, digits } = await startYear(s, g.gameId);
  const answers = [...answersFor(digits).values()];
  for (const [i, seat] of g.seats.flat().entries()) expect((await submit(seat, sessionId, answers[i]!)).status).toBe(200);
  expect((await fetch(`${s.url}/api/games/${g.gameId}/finish`, { method: "POST", headers: s.teacher })).status).toBe(200);
  return { ...g, sessionId };
}

/** Rows of any table that still belong to the game. */
function leftOf(gameId: number, teamIds: number[], roundId: number) {
  const teams = teamIds.join(",");
  return {
    games: count("SELECT count(*) AS n FROM games WHERE id = ?", gameId),
    teams: count("SELECT count(*) AS n FROM teams WHERE game_id = ?", gameId),
    participants: count("SELECT count(*) AS n FROM participants WHERE game_id = ?", gameId),
    rounds: count("SELECT count(*) AS n FROM rounds WHERE game_id = ?", gameId),
    ledger: count(`SELECT count(*) AS n FROM score_events WHERE game_id = ? OR team_id IN (${teams})`, gameId),
    attempts: count(`SELECT count(*) AS n FROM year_attempts WHERE round_id = ? OR team_id IN (${teams})`, roundId),
    finds: count(`SELECT count(*) AS n FROM year_finds WHERE round_id = ? OR team_id IN (${teams})`, roundId),
  };
}
const NOTHING = { games: 0, teams: 0, participants: 0, rounds: 0, ledger: 0, attempts: 0, finds: 0 };

describe("deleting a game", () => {
  test("DELETE /api/games/<id> removes a finished game with its students, rounds, answers and ledger; other games keep theirs; foreign keys stay whole", async () => {
    const keep = await playedGame();
    const g = await playedGame();
    const teamIds = g.teams.map((t) => t.id);
    expect(leftOf(g.gameId, teamIds, g.sessionId).ledger).toBe(6);
    const res = await fetch(`${s.url}/api/games/${g.gameId}`, { method: "DELETE", headers: s.teacher });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: true, gameId: g.gameId });
    expect(leftOf(g.gameId, teamIds, g.sessionId)).toEqual(NOTHING);
    expect(leftOf(keep.gameId, keep.teams.map((t) => t.id), keep.sessionId)).toMatchObject({ games: 1, participants: 6, ledger: 6, attempts: 6, finds: 6 });
    expect(sql().query("PRAGMA foreign_key_check").all()).toEqual([]);
    expect(sql().query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    expect((await fetch(`${s.url}/api/games/${g.gameId}`, { method: "DELETE", headers: s.teacher })).status).toBe(404);
  });

  test("a game being played is refused (409 game_in_play); a waiting one is deleted", async () => {
    const playing = await seatedGame(s, 2, 1);
    const refused = await fetch(`${s.url}/api/games/${playing.gameId}`, { method: "DELETE", headers: s.teacher });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as any).error.code).toBe("game_in_play");
    const waiting = await createGame(s);
    expect((await fetch(`${s.url}/api/games/${waiting.gameId}`, { method: "DELETE", headers: s.teacher })).status).toBe(200);
  });

  test("the page asks first, offering the results export, then deletes and goes back to the dashboard", async () => {
    const g = await playedGame();
    const page = await teacher.fetch(`/teacher/games/${g.gameId}/delete`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`href="/teacher/games/${g.gameId}/results"`);
    expect(html).toContain(`action="/teacher/games/${g.gameId}/delete"`);
    expect(count("SELECT count(*) AS n FROM games WHERE id = ?", g.gameId)).toBe(1);
    const done = await teacher.fetch(`/teacher/games/${g.gameId}/delete`, { method: "POST" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/teacher");
    expect(count("SELECT count(*) AS n FROM games WHERE id = ?", g.gameId)).toBe(0);
  });

  test("every table that refers to a game's rows is covered by the fast delete; one that is not still has its rows removed (the slow way)", () => {
    expect(uncoveredTables(s.deps.db)).toEqual([]);
    const c = sql();
    c.exec("CREATE TABLE extra_notes (id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE)");
    try {
      expect(uncoveredTables(s.deps.db)).toEqual(["extra_notes"]);
      c.exec("INSERT INTO games (code, title, team_count, max_participants, status) VALUES ('77', 'Extra', 2, 5, 'finished')");
      const gameId = (c.query("SELECT max(id) AS id FROM games").get() as { id: number }).id;
      c.query("INSERT INTO teams (game_id, position, name) VALUES (?, 1, 'A')").run(gameId);
      c.exec("INSERT INTO extra_notes (team_id) SELECT max(id) FROM teams");
      expect(deleteGame(s.deps.db, gameId).ok).toBe(true);
      expect(count("SELECT count(*) AS n FROM extra_notes")).toBe(0);
    } finally {
      c.exec("DROP TABLE extra_notes");
    }
  });
});

describe("archiving", () => {
  test("a finished game leaves the dashboard for the archive list and comes back; an unfinished one cannot be archived", async () => {
    const g = await createGame(s, { title: "Archive me" });
    const early = await fetch(`${s.url}/api/games/${g.gameId}/archive`, { method: "POST", headers: s.teacher });
    expect(early.status).toBe(409);
    expect(((await early.json()) as any).error.code).toBe("game_not_finished");
    await fetch(`${s.url}/api/games/${g.gameId}/finish`, { method: "POST", headers: s.teacher });
    const archived = await fetch(`${s.url}/api/games/${g.gameId}/archive`, { method: "POST", headers: s.teacher });
    expect(archived.status).toBe(200);
    expect(await archived.json()).toMatchObject({ gameId: g.gameId, archived: true });
    const row = `href="/teacher/games/${g.gameId}"`;
    expect(await (await teacher.fetch("/teacher")).text()).not.toContain(row);
    expect(await (await teacher.fetch("/teacher/archive")).text()).toContain(row);
    const back = await teacher.fetch(`/teacher/games/${g.gameId}/unarchive`, { method: "POST" });
    expect(back.status).toBe(303);
    expect(await (await teacher.fetch("/teacher")).text()).toContain(row);
    expect(await (await teacher.fetch("/teacher/archive")).text()).not.toContain(row);
  });
});

describe("housekeeping", () => {
  test("--retain-days deletes only finished games that ended more than N days ago (archived or not); games waiting or in play stay, however old", async () => {
    const now = Date.now();
    const c = sql();
    const made = async (status: "waiting" | "started" | "finished", endedDaysAgo: number | null, archived = false) => {
      const g = await createGame(s, { title: `${status} ${endedDaysAgo}` });
      c.query("UPDATE games SET status = ?, created_at = ?, finished_at = ?, archived_at = ? WHERE id = ?")
        .run(status, now - 40 * DAY, endedDaysAgo === null ? null : now - endedDaysAgo * DAY, archived ? now : null, g.gameId);
      return g.gameId;
    };
    const old = await made("finished", 10);
    const oldArchived = await made("finished", 10, true);
    const recent = await made("finished", 2);
    const waiting = await made("waiting", null);
    const playing = await made("started", null);
    const result = await runHousekeeping(s.deps.db, 5, now);
    expect(result.gamesDeleted).toBe(2);
    const left = (id: number) => count("SELECT count(*) AS n FROM games WHERE id = ?", id);
    expect([old, oldArchived, recent, waiting, playing].map(left)).toEqual([0, 0, 1, 1, 1]);
    // Off (the default): nothing is deleted however old.
    const older = await made("finished", 400);
    expect((await runHousekeeping(s.deps.db, null, now)).gamesDeleted).toBe(0);
    expect(left(older)).toBe(1);
  });

  test("refused-request records older than 7 days are pruned; recent ones are kept", () => {
    const now = Date.now();
    const c = sql();
    c.exec("DELETE FROM abuse_events");
    const insert = c.query("INSERT INTO abuse_events (bucket, client_key, path, created_at) VALUES ('join', 'k', '/join', ?)");
    for (const daysAgo of [30, ABUSE_KEEP_DAYS + 0.01, ABUSE_KEEP_DAYS - 0.01, 1, 0]) insert.run(now - daysAgo * DAY);
    expect(pruneAbuseEvents(s.deps.db, now)).toBe(2);
    expect((c.query("SELECT created_at AS at FROM abuse_events ORDER BY at").all() as { at: number }[]).map((r) => Math.round((now - r.at) / DAY * 100) / 100)).toEqual([6.99, 1, 0]);
  });

  test("at start (Ops.start): the same cleanup runs with the configured --retain-days", async () => {
    const t = await startServer({ retainDays: 3 });
    try {
      const g = await createGame(t);
      t.deps.db.$client.query("UPDATE games SET status = 'finished', finished_at = ? WHERE id = ?").run(Date.now() - 4 * DAY, g.gameId);
      t.deps.db.$client.query("INSERT INTO abuse_events (bucket, client_key, path, created_at) VALUES ('join', 'k', '/join', ?)").run(Date.now() - 9 * DAY);
      const done = await t.deps.ops.start();
      expect(done).toEqual({ gamesDeleted: 1, abusePruned: 1 });
    } finally {
      await t.stop();
    }
  });
});
