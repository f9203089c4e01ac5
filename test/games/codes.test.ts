import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { createGame } from "../../src/games/create.ts";
import { finishGame } from "../../src/games/lifecycle.ts";
import { findGameByCode } from "../../src/games/queries.ts";

function freshDb() {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-codes-")), "tmc.db"));
  migrateDb(db);
  return db;
}

describe("game codes", () => {
  test("two digits (10–99), unique among unfinished games, three digits only when all 90 are taken, reused once finished", () => {
    const db = freshDb();
    const codes: string[] = [];
    for (let i = 0; i < 90; i++) {
      const r = createGame(db, { title: `g${i}`, teamCount: 2, maxParticipants: 10 });
      if (!r.ok) throw new Error(r.code);
      codes.push(r.game.code);
    }
    expect(codes.every((c) => /^[1-9]\d$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(90);
    const ninetyFirst = createGame(db, { title: "g90", teamCount: 2, maxParticipants: 10 });
    expect(ninetyFirst.ok && ninetyFirst.game.code).toMatch(/^\d{3}$/);
    // finishing a game frees its code for the next one
    const firstId = (db.$client.query("SELECT id FROM games WHERE code = ?").get(codes[0]!) as { id: number }).id;
    expect(finishGame(db, firstId).ok).toBe(true);
    const reuse = createGame(db, { title: "again", teamCount: 2, maxParticipants: 10 });
    expect(reuse.ok && reuse.game.code).toBe(codes[0]!);
    // the code now names the game in play; once that one finishes too, the newest finished
    expect(findGameByCode(db, codes[0]!)?.title).toBe("again");
    expect(finishGame(db, reuse.ok ? reuse.game.id : 0).ok).toBe(true);
    expect(findGameByCode(db, codes[0]!)?.title).toBe("again");
    expect(findGameByCode(db, "77777")).toBeUndefined();
  });

  test("finding a game in play by its code is an index lookup, however many games were played before", () => {
    const db = freshDb();
    // The statement findGameByCode runs for the common case, as SQLite plans it.
    const plan = db.$client.query("EXPLAIN QUERY PLAN SELECT * FROM games WHERE (games.code = ? AND status <> 'finished')").all("12") as { detail: string }[];
    expect(plan.map((r) => r.detail).join(" | ")).toContain("USING INDEX games_code_open");
    for (let i = 0; i < 300; i++) db.$client.run("INSERT INTO games (code, title, team_count, max_participants, status) VALUES ('12', 'old', 2, 5, 'finished')");
    const open = createGame(db, { title: "today", teamCount: 2, maxParticipants: 10 });
    if (!open.ok) throw new Error(open.code);
    expect(findGameByCode(db, open.game.code)?.title).toBe("today");
    expect(findGameByCode(db, "12")?.title).toBe(open.game.code === "12" ? "today" : "old");
  });

  test("the schema refuses two unfinished games with one code", () => {
    const db = freshDb();
    db.$client.run("INSERT INTO games (code, title, team_count, max_participants) VALUES ('42', 'a', 2, 5)");
    expect(() => db.$client.run("INSERT INTO games (code, title, team_count, max_participants) VALUES ('42', 'b', 2, 5)")).toThrow(/UNIQUE/);
    expect(() => db.$client.run("INSERT INTO games (code, title, team_count, max_participants, status) VALUES ('43', 'c', 2, 5, 'paused')")).toThrow(/CHECK/);
  });
});
