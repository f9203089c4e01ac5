// Direct statements (src/db/direct.ts) hand back rows in drizzle's shape without drizzle's
// mapping: the same row as drizzle's select, and a refusal for a column drizzle would decode.
// Parameters after WHERE are written `+$name` (a bare one makes SQLite prepare some statements
// again at every call): refused bare, and the same rows either way.
import { expect, test } from "bun:test";
import { asc, eq } from "drizzle-orm";
import { bareParameter, columnsAs, direct, param } from "../../src/db/direct.ts";
import { games, participants, teams } from "../../src/db/schema.ts";
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

test("a bare parameter after WHERE is refused at start-up; before WHERE (values, assignments) it is not", () => {
  const t = freshDb();
  try {
    expect(() => direct(t.db, "SELECT id FROM teams WHERE game_id = $gameId ORDER BY position")).toThrow(/write \$gameId after WHERE as \+\$gameId/);
    expect(() => direct(t.db, "SELECT id FROM teams WHERE game_id = +$gameId AND id > $after ORDER BY id")).toThrow(/\$after/);
    expect(bareParameter("UPDATE teams SET name = $name WHERE id = +$id")).toBeNull();
    expect(bareParameter("INSERT INTO teams (game_id, name) VALUES ($gameId, $name)")).toBeNull();
    expect(bareParameter("SELECT id FROM teams where game_id = $gameId")).toBe("$gameId");
    expect(bareParameter("SELECT id FROM teams WHERE game_id = +$gameId")).toBeNull();
  } finally {
    t.close();
  }
});

test("`+$name` and param() read the same rows as bare parameters: integers, text, ranges, order", () => {
  const t = freshDb();
  try {
    const created = createGame(t.db, { title: "Plus", teamCount: 3, maxParticipants: 10 });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const gameId = created.game.id;
    const raw = t.db.$client;
    const bare = raw.prepare("SELECT id, name FROM teams WHERE game_id = $gameId AND id > $after ORDER BY position").all({ gameId, after: 0 });
    expect(bare.length).toBe(3);
    expect(direct(t.db, "SELECT id, name FROM teams WHERE game_id = +$gameId AND id > +$after ORDER BY position").all({ gameId, after: 0 })).toEqual(bare);
    const second = (bare[1] as { id: number }).id;
    expect(direct(t.db, "SELECT id FROM teams WHERE game_id = +$gameId AND id > +$after ORDER BY position").all({ gameId, after: second }).length).toBe(1);
    // A code is text: compared as text with or without the plus (a number does not match "0123").
    const code = created.game.code;
    expect(direct<{ id: number }, { code: string }>(t.db, "SELECT id FROM games WHERE code = +$code").get({ code })?.id).toBe(gameId);
    expect(raw.prepare("SELECT id FROM games WHERE code = +$code").all({ code: Number(code) })).toEqual(raw.prepare("SELECT id FROM games WHERE code = $code").all({ code: Number(code) }));
    const viaParam = t.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.gameId, param("gameId"))).orderBy(asc(teams.position)).prepare();
    expect(viaParam.all({ gameId })).toEqual(bare as { id: number; name: string }[]);
    expect(viaParam.getQuery().sql).toContain("= +?");
  } finally {
    t.close();
  }
});
