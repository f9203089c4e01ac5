// Live activity: answers per minute per game, live pages open per game, students connected now
// against students joined — over HTTP, with real phones' streams open and answers sent.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ActivityMeter } from "../../src/activity/meter.ts";
import { StreamCaps } from "../../src/limits/streams.ts";
import { startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";
import { seatedGame, startYear, submit } from "../support/year.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.stop());

type Activity = { games: { gameId: number; joined: number; connected: number; streams: number; answersLastMinute: number; answersPerMinute: number[] }[]; totals: Record<string, number> };
const activity = async () => (await (await fetch(`${s.url}/api/activity`, { headers: s.teacher })).json()) as Activity;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  let v = await read();
  while (!ok(v) && Date.now() < end) {
    await Bun.sleep(25);
    v = await read();
  }
  return v;
}

describe("activity", () => {
  test("answers per minute, live pages and students connected are counted per game", async () => {
    const busy = await seatedGame(s, 2, 2);
    const quiet = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, busy.gameId);
    const seats = busy.seats.flat();
    const cookie = (i: number) => [...seats[i]!.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    // Three of the four phones open their page, one of them twice (two tabs); the projector is open too.
    const streams: SseStream[] = await Promise.all([0, 1, 2, 2].map((i) => openSse(`${s.url}/g/${busy.gameCode}/play/stream`, { cookie: cookie(i) }, { address: seats[i]!.client.address })));
    streams.push(await openSse(`${s.url}/g/${busy.gameCode}/screen/stream`));
    expect(streams.map((x) => x.status)).toEqual([200, 200, 200, 200, 200]);
    // Seven answers, right and wrong: each reached the round.
    const sent = await Promise.all(["1+3", "1+3", "9*7", "13-5", "x", "1+", "3*5"].map((e, i) => submit(seats[i % 4]!, sessionId, e)));
    expect(sent.every((r) => r.status < 500)).toBe(true);
    const a = await until(activity, (r) => r.games.find((g) => g.gameId === busy.gameId)?.connected === 3);
    const g = a.games.find((x) => x.gameId === busy.gameId)!;
    expect(g).toMatchObject({ joined: 4, connected: 3, streams: 5, answersLastMinute: 7 });
    expect(g.answersPerMinute).toHaveLength(10);
    expect(g.answersPerMinute.slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(g.answersPerMinute[9]).toBe(7);
    expect(a.games.find((x) => x.gameId === quiet.gameId)).toMatchObject({ joined: 2, connected: 0, streams: 0, answersLastMinute: 0 });
    // A phone closes its page: connected and streams follow at once.
    streams[0]!.close();
    const after = await until(activity, (r) => r.games.find((x) => x.gameId === busy.gameId)?.connected === 2);
    expect(after.games.find((x) => x.gameId === busy.gameId)).toMatchObject({ connected: 2, streams: 4 });
    // One phone with two tabs is one student connected.
    streams[2]!.close();
    const one = await until(activity, (r) => r.games.find((x) => x.gameId === busy.gameId)?.streams === 3);
    expect(one.games.find((x) => x.gameId === busy.gameId)).toMatchObject({ connected: 2, streams: 3 });
    for (const x of streams) x.close();
  });

  test("the page shows the same numbers and polls itself; htmx gets the panel alone", async () => {
    const teacher = await teacherBrowser(s);
    const page = await (await teacher.fetch("/teacher/activity")).text();
    expect(page).toContain(`hx-get="/teacher/activity" hx-trigger="every 3s"`);
    expect(page).toContain('data-testid="connected"');
    const panel = await (await teacher.fetch("/teacher/activity", { headers: { "hx-request": "true" } })).text();
    expect(panel.startsWith("<table")).toBe(true);
    expect(panel).not.toContain("<html");
  });
});

describe("activity meter", () => {
  test("answers fall into per-minute buckets and age out; bursts are a client's busiest minute", () => {
    const m = new ActivityMeter();
    const t0 = 1_000_000_000_000;
    for (let i = 0; i < 30; i++) m.attempt({ key: "p:1", address: "10.0.0.5", gameId: 7, seat: 1 }, true, t0 + i * 1000);
    m.attempt({ key: "p:1", address: "10.0.0.5", gameId: 7, seat: 1 }, false, t0 + 30_000);
    expect(m.answersPerMinute(7, t0 + 30_000).at(-1)).toBe(30);
    expect(m.answersPerMinute(7, t0 + 150_000)).toEqual([0, 0, 0, 0, 0, 0, 0, 30, 0, 0]);
    expect(m.answersPerMinute(7, t0 + 11 * 60_000).reduce((a, b) => a + b, 0)).toBe(0);
    expect(m.bursts(50, t0 + 31_000)).toEqual([]);
    for (let i = 0; i < 25; i++) m.attempt({ key: "p:1", address: "10.0.0.5", gameId: 7, seat: 1 }, true, t0 + 40_000 + i * 100);
    expect(m.bursts(50, t0 + 45_000).map((b) => [b.key, b.peakPerMinute, b.address])).toEqual([["p:1", 56, "10.0.0.5"]]);
    // The peak is remembered for an hour.
    expect(m.bursts(50, t0 + 50 * 60_000)).toHaveLength(1);
    expect(m.bursts(50, t0 + 62 * 60_000)).toHaveLength(0);
  });

  test("stream caps count streams per game and distinct seats", () => {
    const caps = new StreamCaps({ perDevice: "off", perAddress: "off", total: "off" });
    const a = caps.admit("d1", "10.0.0.1", { gameId: 1, seat: 5 });
    const b = caps.admit("d1", "10.0.0.1", { gameId: 1, seat: 5 });
    const c = caps.admit(null, "10.0.0.2", { gameId: 1 });
    const d = caps.admit(null, "10.0.0.3", { gameId: 2, seat: 9 });
    expect(Object.fromEntries(caps.perGame())).toEqual({ 1: { streams: 3, seats: 1 }, 2: { streams: 1, seats: 1 } });
    for (const slot of [a, b, d]) if ("release" in slot) slot.release();
    expect(Object.fromEntries(caps.perGame())).toEqual({ 1: { streams: 1, seats: 0 } });
    if ("release" in c) { c.release(); c.release(); }
    expect(caps.perGame().size).toBe(0);
  });
});
