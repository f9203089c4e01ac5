// Direct statements (src/db/direct.ts) hand back rows in drizzle's shape without drizzle's
// mapping: the same row as drizzle's select, and a refusal for a column drizzle would decode.
import { expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { columnsAs } from "../../src/db/direct.ts";
import { games, participants } from "../../src/db/schema.ts";
import { participantByToken } from "../../src/auth/seat.ts";
import { createGame } from "../../src/games/create.ts";
import { joinGame } from "../../src/games/join.ts";
import { freshDb } from "../support/db.ts";

test("a seat read directly is the row drizzle reads, every column and type", async () => {
  const t = freshDb();
  try {
    const created = createGame(t.db, { title: "Direct", teamCount: 2, maxParticipants: 10 });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const joined = await joinGame(t.db, { gameCode: created.game.code, nickname: "민지" });
    if (!joined.ok || !joined.token) throw new Error(JSON.stringify(joined));
    const viaDrizzle = t.db.select().from(participants).where(eq(participants.id, joined.participant.id)).get();
    const direct = participantByToken(t.db, joined.token);
    expect(direct).toEqual(viaDrizzle!);
    expect(Object.keys(direct!)).toEqual(Object.keys(viaDrizzle!));
    expect(participantByToken(t.db, "s_nobody-has-this-token-at-all-000")).toBeUndefined();
  } finally {
    t.close();
  }
});

test("a column drizzle decodes (a boolean) cannot be read directly", () => {
  expect(() => columnsAs(games)).toThrow(/locked .*SQLiteBoolean/);
  expect(columnsAs(games, ["id", "title"])).toBe(`"id" AS "id", "title" AS "title"`);
  expect(() => columnsAs(games, ["nope" as "id"])).toThrow(/no column nope/);
});
