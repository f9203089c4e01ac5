import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { participants } from "../../src/db/schema.ts";
import { Client, createGame, joinAs, phoneAddress, startServer, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

function participantRows(gameId: number) {
  return s.deps.db.select().from(participants).where(eq(participants.gameId, gameId)).all();
}

describe("joining a game", () => {
  test("50 simultaneous joins into a 30-seat game: exactly 30 succeed, 20 get game_full", async () => {
    const { gameId, gameCode } = await createGame(s, { maxParticipants: 30, teamCount: 5 });
    const clients = await Promise.all(Array.from({ length: 50 }, () => new Client(s.url, {}, phoneAddress()).visit()));
    const results = await Promise.all(clients.map((c, i) => c.postJson("/api/join-game", { gameCode, nickname: `player${i}` })));
    const bodies = await Promise.all(results.map((r) => r.json() as Promise<any>));
    expect(results.filter((r) => r.status === 200).length).toBe(30);
    expect(results.filter((r) => r.status === 409).length).toBe(20);
    expect(bodies.filter((b) => b.error?.code === "game_full").length).toBe(20);
    const rows = participantRows(gameId);
    expect(rows.length).toBe(30);
    expect(new Set(rows.map((r) => r.id)).size).toBe(30);
    // auto mode fills the smallest team first: 30 over 5 teams is 6 each
    const perTeam = new Map<number, number>();
    for (const r of rows) perTeam.set(r.teamId, (perTeam.get(r.teamId) ?? 0) + 1);
    expect([...perTeam.values()]).toEqual([6, 6, 6, 6, 6]);
  });

  test("auto mode: each join goes to the team with the fewest members, ties to the lowest team number", async () => {
    const { gameId, gameCode } = await createGame(s, { maxParticipants: 30, teamCount: 4 });
    const positions = () => new Map(s.deps.db.$client.query("SELECT id, position FROM teams WHERE game_id = ?").all(gameId).map((r: any) => [r.id, r.position]));
    const order: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = await new Client(s.url, {}, phoneAddress()).visit();
      const r = await c.postJson("/api/join-game", { gameCode, nickname: `order${i}` });
      order.push(positions().get(((await r.json()) as { teamId: number }).teamId)!);
    }
    expect(order).toEqual([1, 2, 3, 4, 1, 2]);
    // A member of team 2 leaves: team 2 has 1, teams 3 and 4 have 1 too; team 2 is the lowest of them.
    const two = [...positions()].find(([, p]) => p === 2)![0];
    s.deps.db.$client.run("DELETE FROM participants WHERE id = (SELECT min(id) FROM participants WHERE team_id = ?)", [two]);
    const c = await new Client(s.url, {}, phoneAddress()).visit();
    const r = await c.postJson("/api/join-game", { gameCode, nickname: "refill" });
    expect(positions().get(((await r.json()) as { teamId: number }).teamId)).toBe(2);
  });

  test("20 simultaneous joins with one nickname differing only in case and spaces: exactly one succeeds", async () => {
    const { gameId, gameCode } = await createGame(s);
    const variants = Array.from({ length: 20 }, (_, i) => (i % 2 ? " MINA " : `m${"I".repeat(1)}na`).replace("mIna", i % 3 ? "Mina" : "mINA") + " ".repeat(i % 4));
    const clients = await Promise.all(variants.map(() => new Client(s.url, {}, phoneAddress()).visit()));
    const results = await Promise.all(clients.map((c, i) => c.postJson("/api/join-game", { gameCode, nickname: variants[i] })));
    const codes = await Promise.all(results.map(async (r) => ((await r.json()) as any).error?.code ?? "ok"));
    expect(codes.filter((c) => c === "ok").length).toBe(1);
    expect(codes.filter((c) => c === "nickname_taken").length).toBe(19);
    expect(participantRows(gameId).length).toBe(1);
  });

  test("nicknames that differ by NFC/NFD form or invisible characters collide", async () => {
    const { gameCode } = await createGame(s);
    const a = await joinAs(s, gameCode, "Jos\u00e9");
    expect(a.res.status).toBe(200);
    const b = await joinAs(s, gameCode, "Jose\u0301");
    expect(b.body.error).toMatchObject({ code: "nickname_taken" });
    const c = await joinAs(s, gameCode, "Jo\u200Bs\u00e9");
    expect(c.body.error).toMatchObject({ code: "nickname_taken" });
  });

  test("join rate limit: 15 joins in a row from one client, the first 10 succeed and the rest get 429 with Retry-After", async () => {
    const { gameCode } = await createGame(s, { maxParticipants: 100 });
    const client = await new Client(s.url, {}, phoneAddress()).visit();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15; i++) {
      client.cookies.delete("tmc_seat"); // a new seat each time, same device
      const res = await client.postJson("/api/join-game", { gameCode, nickname: `rl${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers.get("retry-after");
        expect(((await res.json()) as any).error.code).toBe("rate_limited");
      }
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const recorded = s.deps.db.$client.query("SELECT count(*) AS n FROM abuse_events WHERE bucket = 'join'").get() as { n: number };
    expect(recorded.n).toBeGreaterThan(0);
  });

  test("a class behind one NAT address can all join: each device has its own cookie", async () => {
    const { gameCode } = await createGame(s, { maxParticipants: 40 });
    const router = phoneAddress();
    const results = [];
    for (let i = 0; i < 25; i++) results.push((await joinAs(s, gameCode, `nat${i}`, {}, router)).res.status);
    expect(results.every((st) => st === 200)).toBe(true);
  });

  test("joining again from the same browser returns the same seat, not a second participant", async () => {
    const { gameId, gameCode } = await createGame(s);
    const first = await joinAs(s, gameCode, "Ari");
    const again = await first.client.postJson("/api/join-game", { gameCode, nickname: "Ari 2" });
    const body = (await again.json()) as any;
    expect(again.status).toBe(200);
    expect(body.participantId).toBe(first.body.participantId);
    expect(body.rejoined).toBe(true);
    expect(participantRows(gameId).length).toBe(1);
    // the seat page opens with the cookie; the join page sends the student back to it
    const seat = await first.client.fetch(`/g/${gameCode}/play`);
    expect(seat.status).toBe(200);
    const joinPage = await first.client.fetch(`/join?code=${gameCode}`);
    expect(joinPage.status).toBe(303);
    expect(joinPage.headers.get("location")).toBe(`/g/${gameCode}/play`);
  });

  test("the device and seat cookies come once each, HttpOnly and SameSite=Lax, with the page or answer that sets them (and the form's redirect)", async () => {
    const { gameCode } = await createGame(s);
    const phone = new Client(s.url, {}, phoneAddress());
    const home = await phone.fetch("/");
    expect(home.status).toBe(200);
    const device = home.headers.getSetCookie();
    expect(device).toHaveLength(1);
    expect(device[0]).toMatch(/^tmc_device=[^;]+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(Number(home.headers.get("content-length"))).toBe((await home.arrayBuffer()).byteLength);
    const api = await phone.postJson("/api/join-game", { gameCode, nickname: "Cookie One" });
    expect(api.status).toBe(200);
    const seat = api.headers.getSetCookie();
    expect(seat).toHaveLength(1);
    expect(seat[0]).toMatch(/^tmc_seat=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/);
    // A browser's first request may set both at once: the form, before the device has a cookie.
    const form = new Client(s.url, {}, phoneAddress());
    const posted = await form.postForm("/join", { gameCode, nickname: "Cookie Two" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/g/${gameCode}/play`);
    expect(posted.headers.getSetCookie().map((c) => c.split("=")[0]).sort()).toEqual(["tmc_device", "tmc_seat"]);
  });

  test("the bearer token identifies the student on the API", async () => {
    const { gameCode } = await createGame(s);
    const a = await joinAs(s, gameCode, "Token kid");
    expect(typeof a.body.token).toBe("string");
    const bare = new Client(s.url, {}, phoneAddress());
    const res = await bare.postJson("/api/join-game", { gameCode, nickname: "other" }, { authorization: `Bearer ${a.body.token}` });
    expect(((await res.json()) as any).participantId).toBe(a.body.participantId);
  });

  test("bad codes, bad nicknames and closed games are refused with clear errors", async () => {
    const { gameId, gameCode } = await createGame(s, { maxParticipants: 5 });
    expect((await joinAs(s, "00", "x")).body.error).toMatchObject({ code: "game_not_found" });
    const ctl = await joinAs(s, gameCode, "bad\u0007name");
    expect(ctl.res.status).toBe(400);
    expect((ctl.body.error as any).code).toBe("invalid_input");
    expect((await joinAs(s, gameCode, "x".repeat(21))).res.status).toBe(400);
    expect((await joinAs(s, gameCode, "   ")).res.status).toBe(400);
    expect((await joinAs(s, gameCode, "\uD800lone")).res.status).toBe(400);
    await fetch(`${s.url}/api/games/${gameId}/lock`, { method: "POST", headers: s.teacher });
    expect((await joinAs(s, gameCode, "late")).body.error).toMatchObject({ code: "game_locked" });
    await fetch(`${s.url}/api/games/${gameId}/unlock`, { method: "POST", headers: s.teacher });
    expect((await joinAs(s, gameCode, "late")).res.status).toBe(200);
    await fetch(`${s.url}/api/games/${gameId}/finish`, { method: "POST", headers: s.teacher });
    expect((await joinAs(s, gameCode, "later")).body.error).toMatchObject({ code: "game_not_found" });
  });

  test("choose mode puts the student in the team they picked; a team of another game is refused", async () => {
    const g = await createGame(s, { joinMode: "choose" });
    const other = await createGame(s);
    const ok = await joinAs(s, g.gameCode, "Picker", { teamId: g.teams[2]!.id });
    expect(ok.body.teamId).toBe(g.teams[2]!.id);
    const bad = await joinAs(s, g.gameCode, "Sneaky", { teamId: other.teams[0]!.id });
    expect(bad.body.error).toMatchObject({ code: "team_not_found" });
  });

  test("the capacity is also enforced by the schema, not only by code", () => {
    const db = s.deps.db.$client;
    const game = db.query("INSERT INTO games (code, title, team_count, max_participants) VALUES ('9999', 't', 2, 1) RETURNING id").get() as { id: number };
    const team = db.query("INSERT INTO teams (game_id, position, name) VALUES (?, 1, 'A') RETURNING id").get(game.id) as { id: number };
    db.query("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (?, ?, 'a', 'a', 'h1')").run(game.id, team.id);
    expect(() => db.query("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash) VALUES (?, ?, 'b', 'b', 'h2')").run(game.id, team.id)).toThrow(/game_full/);
  });
});
