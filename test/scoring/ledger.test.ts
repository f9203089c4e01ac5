import { describe, expect, test } from "bun:test";
import { write } from "../../src/db/client.ts";
import { applyScore, ledgerCheck } from "../../src/scoring/ledger.ts";
import { freshDb } from "../support/db.ts";

describe("ledger", () => {
  test("a penalty larger than the score is applied only down to 0; the row holds the change applied", () => {
    const { db, close } = freshDb();
    try {
      db.$client.exec("INSERT INTO games (code, title, team_count, max_participants) VALUES ('11', 'x', 2, 5); INSERT INTO teams (game_id, position, name) VALUES (1, 1, 'A');");
      const base = { gameId: 1, teamId: 1, roundId: null, participantId: null, reason: "test" };
      expect(write(db, (tx) => applyScore(tx, { ...base, delta: 30 }))).toEqual({ applied: 30, score: 30 });
      expect(write(db, (tx) => applyScore(tx, { ...base, delta: -50 }))).toEqual({ applied: -30, score: 0 });
      expect(write(db, (tx) => applyScore(tx, { ...base, delta: -50 }))).toEqual({ applied: 0, score: 0 });
      const rows = db.$client.query("SELECT delta FROM score_events ORDER BY id").all() as { delta: number }[];
      expect(rows.map((r) => r.delta)).toEqual([30, -30, 0]);
      expect(write(db, (tx) => ledgerCheck(tx, 1))).toEqual([{ teamId: 1, score: 0, ledger: 0 }]);
      // The schema refuses a row that would go below 0, whatever the code does.
      expect(() => db.$client.run("INSERT INTO score_events (game_id, team_id, delta, reason) VALUES (1, 1, -1, 'x')")).toThrow(/score_below_zero/);
    } finally {
      close();
    }
  });
});
