// The abuse view: refusals (with the network address now recorded) grouped by client and by
// address, seats per address, the three patterns, and their actions — removing an address's
// seats and locking the game — through the API and the page.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clientHash } from "../../src/limits/rate-limit.ts";
import { TOKEN_PREFIX } from "../../src/auth/tokens.ts";
import { Client, createGame, joinAs, phoneAddress, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { seatedGame, startYear, submit } from "../support/year.ts";

let s: TestServer;
// One join per device per 10 minutes: the second try from a phone is refused and recorded.
// Joins unlimited: one client joining many games (the many-games pattern).
let open: TestServer;
beforeAll(async () => {
  s = await startServer({ rateLimitJoin: { limit: 1, windowMs: 600_000 } });
  open = await startServer({ rateLimitJoin: "off", rateLimitJoinAddress: "off" });
});
afterAll(async () => { await s.stop(); await open.stop(); });

type Group = { gameId: number; seats: number; locked: boolean; actions: { action: string; method: string; path: string; body?: unknown }[] };
type Report = {
  refusalsByClient: { key: string; addresses: string[]; refusals: number; buckets: string[] }[];
  refusalsByAddress: { key: string; refusals: number; buckets: string[] }[];
  seatsByAddress: { address: string; seats: number; games: Group[] }[];
  patterns: { kind: string; address: string; client: string | null; count: number; seat: { nickname: string } | null; games: Group[] }[];
};
const report = async (server = s) => (await (await fetch(`${server.url}/api/abuse`, { headers: server.teacher })).json()) as Report;
const call = (a: { method: string; path: string; body?: unknown }, server = s) => fetch(server.url + a.path, { method: a.method, headers: server.teacher, body: a.body ? JSON.stringify(a.body) : undefined });

describe("abuse", () => {
  test("a refusal records the network address; refusals are grouped by client and by address", async () => {
    const g = await createGame(s);
    const address = phoneAddress();
    const phone = await new Client(s.url, {}, address).visit();
    expect((await phone.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "first" })).status).toBe(200);
    const refused = await phone.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "second" });
    expect(refused.status).toBe(429);
    const row = s.deps.db.$client.query("SELECT bucket, address, path FROM abuse_events ORDER BY id DESC LIMIT 1").get();
    expect(row).toEqual({ bucket: "join", address, path: "/api/join-game" });
    const r = await report();
    expect(r.refusalsByAddress.find((x) => x.key === address)).toMatchObject({ refusals: 1, buckets: ["join"] });
    const byClient = r.refusalsByClient.find((x) => x.addresses.includes(address))!;
    expect(byClient).toMatchObject({ refusals: 1, buckets: ["join"] });
    expect(byClient.key).toMatch(/^[0-9a-f]{16}$/);
    // Seats per address: this phone's one seat in this game, with its actions.
    const seats = r.seatsByAddress.find((x) => x.address === address)!;
    expect(seats).toMatchObject({ seats: 1, games: [{ gameId: g.gameId, seats: 1, locked: false }] });
    expect(seats.games[0]!.actions.map((a) => a.action)).toEqual(["remove_seats", "lock"]);
  });

  test("one address (no device cookie) in more than 5 games within an hour: its seats are removed and a game locked through the listed actions", async () => {
    const address = phoneAddress();
    const games: { gameId: number; gameCode: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const g = await createGame(open, { title: `Period ${i + 1}` });
      // A client that never keeps the device cookie: its seats carry no device, so it is counted by its address.
      const script = new Client(open.url, {}, address);
      expect((await script.postJson("/api/join-game", { gameCode: g.gameCode, nickname: `p${i}` })).status).toBe(200);
      games.push(g);
    }
    expect(open.deps.db.$client.query("SELECT DISTINCT joined_device FROM participants WHERE joined_from = ?").all(address)).toEqual([{ joined_device: null }]);
    const five = await report(open);
    const pattern = five.patterns.find((p) => p.kind === "many_games" && p.address === address)!;
    expect([pattern.count, pattern.client]).toEqual([6, null]);
    expect(pattern.games.map((x) => x.gameId).sort()).toEqual(games.map((x) => x.gameId).sort());
    // Act on the first game: remove the seats, then lock it.
    const target = pattern.games.find((x) => x.gameId === games[0]!.gameId)!;
    const remove = target.actions.find((a) => a.action === "remove_seats")!;
    expect(remove).toMatchObject({ method: "POST", path: `/api/games/${games[0]!.gameId}/addresses/remove`, body: { address } });
    const removed = await call(remove, open);
    expect(((await removed.json()) as { removed: number }).removed).toBe(1);
    expect((await call(target.actions.find((a) => a.action === "lock")!, open)).status).toBe(200);
    const after = await report(open);
    // Five games left: no longer more than five.
    expect(after.patterns.some((p) => p.kind === "many_games" && p.address === address)).toBe(false);
    const still = after.seatsByAddress.find((x) => x.address === address)!;
    expect(still.seats).toBe(5);
    expect(still.games.some((x) => x.gameId === games[0]!.gameId)).toBe(false);
    const locked = (await (await fetch(`${open.url}/api/game-state?gameId=${games[0]!.gameId}`, { headers: open.teacher })).json()) as { game: { locked: boolean } };
    expect(locked.game.locked).toBe(true);
  });

  test("seats record the joining device (a hash of its signed cookie's id, never the cookie); one device in more than 5 games is a pattern wherever it joined from, six phones behind one address are not", async () => {
    const games = await Promise.all(Array.from({ length: 6 }, (_, i) => createGame(open, { title: `Class ${i + 1}` })));
    // One phone: its device cookie, first from one address, then (after moving networks) another.
    const [home, school] = [phoneAddress(), phoneAddress()];
    const phone = await new Client(open.url, {}, home).visit();
    const cookie = phone.cookies.get("tmc_device")!;
    expect(cookie).toBeTruthy();
    const moved = new Client(open.url, {}, school);
    moved.cookies.set("tmc_device", cookie);
    for (const [i, g] of games.entries()) expect((await (i < 2 ? phone : moved).postJson("/api/join-game", { gameCode: g.gameCode, nickname: "roamer" })).status).toBe(200);
    // Six phones of one class behind one address, each in its own game: six devices, one game each.
    const shared = phoneAddress();
    for (const [i, g] of games.entries()) expect((await joinAs(open, g.gameCode, `class${i}`, {}, shared)).res.status).toBe(200);

    const seats = open.deps.db.$client.query("SELECT joined_device AS device, joined_from AS address FROM participants WHERE nickname = 'roamer'").all() as { device: string; address: string }[];
    // The cookie is "D<id>.<signature>": the seat holds the id's hash as refusals name the client.
    const id = cookie.slice(TOKEN_PREFIX.device.length, cookie.indexOf("."));
    expect(id).toHaveLength(22);
    expect(new Set(seats.map((x) => x.device))).toEqual(new Set([clientHash(`d:${id}`)]));
    expect(seats[0]!.device).toMatch(/^[0-9a-f]{16}$/);
    expect(seats.map((x) => x.address).sort()).toEqual([...Array(2).fill(home), ...Array(4).fill(school)].sort());

    const r = await report(open);
    const many = r.patterns.filter((p) => p.kind === "many_games" && p.client !== null);
    expect(r.patterns.some((p) => p.address === shared)).toBe(false);
    expect(many.map((p) => [p.client, p.count])).toEqual([[seats[0]!.device, 6]]);
    // Its seats, listed by the address each was taken from (what the remove action takes).
    const listed = many[0]!.games.map((x) => [x.gameId, x.actions.find((a) => a.action === "remove_seats")!.body]);
    // By game id on both sides: the six games were created at once, so their ids need not follow their order here.
    const byGame = (a: unknown[], b: unknown[]) => Number(a[0]) - Number(b[0]);
    expect(listed.sort(byGame)).toEqual(games.map((g, i) => [g.gameId, { address: i < 2 ? home : school }]).sort(byGame));
    // The page names the device and offers the controls.
    const page = await (await (await teacherBrowser(open)).fetch("/teacher/abuse", { headers: { "accept-language": "en" } })).text();
    expect(page).toContain(`<code>${seats[0]!.device}</code>`);
    expect(page).toContain(`value="${school}"`);
    expect(page).toMatch(/one device \(an address, for a browser without the device cookie\) in more than 5 games|한 기기\(기기 쿠키가 없으면 한 주소\)가 1시간 안에 5개보다/);
  });

  test("more than 50 attempts in a minute from one seat is a burst, named by its seat", async () => {
    const g = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, g.gameId);
    const seat = g.seats[0]![0]!;
    for (let i = 0; i < 6; i++) await Promise.all(Array.from({ length: 9 }, () => submit(seat, sessionId, "1+")));
    const r = await report();
    const burst = r.patterns.find((p) => p.kind === "attempt_burst")!;
    expect(burst).toMatchObject({ address: seat.client.address, client: clientHash(`p:${seat.participantId}`), count: 54, seat: { nickname: seat.nickname } });
    expect(burst.games.map((x) => x.gameId)).toEqual([g.gameId]);
    // Another seat that answered a few times is not listed.
    await submit(g.seats[1]![0]!, sessionId, "1+3");
    expect((await report()).patterns.filter((p) => p.kind === "attempt_burst")).toHaveLength(1);
  });

  test("repeated refusals within the hour make a pattern; older ones do not", async () => {
    const g = await createGame(s);
    const address = phoneAddress();
    expect((await joinAs(s, g.gameCode, "repeat", {}, address)).res.status).toBe(200);
    const insert = s.deps.db.$client.query("INSERT INTO abuse_events (bucket, client_key, path, address, created_at) VALUES ('answer', ?, '/api/submit-answer', ?, ?)");
    for (let i = 0; i < 10; i++) insert.run("aaaabbbbccccdddd", address, Date.now() - i * 1000);
    for (let i = 0; i < 12; i++) insert.run("eeeeffff00001111", address, Date.now() - 2 * 3_600_000 - i * 1000);
    const r = await report();
    const repeated = r.patterns.filter((p) => p.kind === "repeated_refusals");
    expect(repeated.map((p) => [p.client, p.address, p.count])).toEqual([["aaaabbbbccccdddd", address, 10]]);
    expect(repeated[0]!.games.map((x) => x.gameId)).toEqual([g.gameId]);
    // Within the day's list, both clients appear, and the address sums them.
    expect(r.refusalsByAddress.find((x) => x.key === address)!.refusals).toBe(22);
  });

  test("the page lists patterns with the lobby's controls; removing seats from the page works", async () => {
    const teacher = await teacherBrowser(s);
    const g = await createGame(s, { title: "Page game" });
    const address = phoneAddress();
    await joinAs(s, g.gameCode, "paged", {}, address);
    const page = await (await teacher.fetch("/teacher/abuse")).text();
    expect(page).toContain(`hx-get="/teacher/abuse" hx-trigger="every 10s"`);
    expect(page).toContain(`data-pattern="attempt_burst"`);
    expect(page).toContain(`action="/teacher/games/${g.gameId}/addresses/remove"`);
    expect(page).toContain(`value="${address}"`);
    expect(page).toContain(`action="/teacher/games/${g.gameId}/lock"`);
    const removed = await teacher.postForm(`/teacher/games/${g.gameId}/addresses/remove`, { address }, { "hx-request": "true" });
    expect(removed.status).toBe(200);
    const panel = await (await teacher.fetch("/teacher/abuse", { headers: { "hx-request": "true" } })).text();
    expect(panel).not.toContain("<html");
    expect(panel).not.toContain(`data-address="${address}"`);
  });
});
