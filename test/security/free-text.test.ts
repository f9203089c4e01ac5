// Free text (titles, nicknames, team names) may legitimately hold SQL-looking strings, markup,
// RTL marks, emoji and decomposed accents. Those are accepted and kept as text: stored in NFC,
// shown escaped, no table touched beyond the row written; NFC and NFD spellings of one name, or
// one with a zero-width space, count as the same nickname.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createGame } from "../support/server.ts";
import { count, expectCleanLog, expectHealthy, snapshot, startBattery, stopBattery, tally, type Fixture } from "./harness.ts";
import { HTML, SQL, UNICODE } from "./payloads.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

const RAW_MARKUP = /<script>alert|<img src=x|<svg onload|<b onclick/;

/** The display form the server keeps: NFC, runs of white space folded, trimmed. */
function display(s: string): string {
  return s.normalize("NFC").replace(/\s+/gu, " ").trim();
}

async function state(gameId: number) {
  return (await (await fetch(`${fx.s.url}/api/game-state?gameId=${gameId}`, { headers: fx.s.teacher })).json()) as { game: { title: string }; teams: { id: number; name: string }[]; participants: { nickname: string }[] };
}

describe("free text is stored and shown as text", () => {
  test("titles with SQL, markup, RTL marks, emoji and NFD accents are kept verbatim (NFC) and escaped on every page", async () => {
    const titles = [SQL.drop!, SQL.union!.slice(0, 60), HTML.script!, HTML.img!, `abc${UNICODE.rtl_override}def`, `Class ${UNICODE.emoji_zwj}`, `Caf${UNICODE.nfd}`, "Mi\u200Bna"];
    const before = await snapshot(fx);
    for (const title of titles) {
      const res = await fetch(`${fx.s.url}/api/create-game`, { method: "POST", headers: fx.s.teacher, body: JSON.stringify({ title, teamCount: 2, maxParticipants: 5 }) });
      count("free text: titles");
      expect(res.status, title).toBe(201);
      const { gameId, gameCode } = (await res.json()) as { gameId: number; gameCode: string };
      expect((await state(gameId)).game.title).toBe(display(title));
      for (const page of [`/teacher/games/${gameId}`, `/g/${gameCode}/screen`, `/g/${gameCode}/team/1`, "/teacher"]) {
        const html = await (await fx.teacher.fetch(page)).text();
        count("free text: pages");
        expect(html.replace(/="[^"]*"/g, '=""'), `${page} shows ${title} raw`).not.toMatch(RAW_MARKUP);
      }
    }
    const after = await snapshot(fx);
    // Exactly the games and teams written; every table still there.
    expect(after.counts.games).toBe(before.counts.games! + titles.length);
    expect(after.counts.teams).toBe(before.counts.teams! + titles.length * 2);
    expect(Object.keys(after.counts).sort()).toEqual(Object.keys(before.counts).sort());
    await expectHealthy(fx);
  });

  test("nicknames: odd text joins as text; NFC/NFD and zero-width spellings of a taken name are refused as nickname_taken", async () => {
    const game = await createGame(fx.s, { title: "Names", teamCount: 2, maxParticipants: 30 });
    const join = (nickname: string) => fetch(`${fx.s.url}/api/join-game`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ gameCode: game.gameCode, nickname }) });
    const accepted = ["';DROP TABLE games--", "<b onclick=alert(1)>", `${UNICODE.rtl_override}x`, UNICODE.emoji_zwj!, `Jos${UNICODE.nfd}`, "Mina", "1 OR 1=1"];
    for (const nickname of accepted) {
      const res = await join(nickname);
      count("free text: nicknames");
      expect(res.status, nickname).toBe(200);
      expect(((await res.json()) as { nickname: string }).nickname).toBe(display(nickname));
    }
    for (const clash of ["Jos\u00e9", "MINA", "Mi\u200Bna", " mina ", "\uFEFFMina"]) {
      const res = await join(clash);
      count("free text: nicknames");
      expect(res.status, clash).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("nickname_taken");
    }
    const s = await state(game.gameId);
    expect(s.participants.map((p) => p.nickname).sort()).toEqual(accepted.map(display).sort());
    const lobby = await (await fx.teacher.fetch(`/teacher/games/${game.gameId}`)).text();
    expect(lobby.replace(/="[^"]*"/g, '=""')).not.toMatch(RAW_MARKUP);
    await expectHealthy(fx);
  });

  test("a team renamed to SQL or markup keeps exactly that name", async () => {
    const game = await createGame(fx.s, { title: "Rename", teamCount: 2, maxParticipants: 4 });
    for (const name of [SQL.drop!, HTML.script!, UNICODE.emoji_zwj!]) {
      const res = await fx.teacher.postForm(`/teacher/games/${game.gameId}/teams/${game.teams[0]!.id}/rename`, { name });
      count("free text: team names");
      expect(res.status, name).toBe(303);
      expect((await state(game.gameId)).teams[0]!.name).toBe(display(name));
    }
    await expectHealthy(fx);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});
