// The seat page and its stream: which game a code names for a seat (the game in play under the
// code, else the newest finished one: findGameByCode), and what a phone with no seat there, or an
// unknown code, is answered.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createGame, joinAs, startServer, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

async function page(client: { fetch(path: string, init?: RequestInit): Promise<Response> }, code: string) {
  const res = await client.fetch(`/g/${code}/play`);
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

async function stream(client: { fetch(path: string, init?: RequestInit): Promise<Response> }, code: string) {
  const controller = new AbortController();
  const res = await client.fetch(`/g/${code}/play/stream`, { signal: controller.signal });
  const status = res.status;
  controller.abort();
  return status;
}

describe("the seat page and its stream", () => {
  test("a seated phone gets its page (its name, its team) and its stream; a phone without a seat is sent to join", async () => {
    const g = await createGame(s, { teamCount: 3 });
    const { client, body } = await joinAs(s, g.gameCode, "Seat<b>One");
    const team = g.teams.find((t) => t.id === body.teamId)!;
    const mine = await page(client, g.gameCode);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain("Seat&lt;b&gt;One");
    expect(mine.body).toContain(team.name);
    expect(mine.body).toContain(`/g/${g.gameCode}/play/stream`);
    expect(await stream(client, g.gameCode)).toBe(200);

    const stranger = (await joinAs(s, (await createGame(s)).gameCode, "Elsewhere")).client;
    const other = await page(stranger, g.gameCode);
    expect(other.status).toBe(303);
    expect(other.location).toBe(`/join?code=${g.gameCode}`);
    expect(await stream(stranger, g.gameCode)).toBe(403);
  });

  test("an unknown code: the join page with the reason; the stream says the game is not found", async () => {
    const { client } = await joinAs(s, (await createGame(s)).gameCode, "Lost");
    const res = await page(client, "999999");
    expect(res.status).toBe(404);
    expect(await stream(client, "999999")).toBe(404);
  });

  test("a finished game's seat still shows its page; once another game is in play under its code, the code names that game", async () => {
    const old = await createGame(s);
    const { client } = await joinAs(s, old.gameCode, "Finisher");
    expect((await fetch(`${s.url}/api/games/${old.gameId}/finish`, { method: "POST", headers: s.teacher })).status).toBe(200);
    const finished = await page(client, old.gameCode);
    expect(finished.status).toBe(200);
    expect(finished.body).toContain("Finisher");
    expect(await stream(client, old.gameCode)).toBe(200);

    // A new game in play takes the finished game's code (codes are unique among games in play only).
    const next = await createGame(s);
    s.deps.db.$client.run("UPDATE games SET code = ? WHERE id = ?", [old.gameCode, next.gameId]);
    const now = await page(client, old.gameCode);
    expect(now.status).toBe(303);
    expect(now.location).toBe(`/join?code=${old.gameCode}`);
    expect(await stream(client, old.gameCode)).toBe(403);
  });
});
