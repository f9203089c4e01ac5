import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, joinAs, phoneAddress, readSse, startServer, type TestServer } from "../support/server.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { openSse } from "../support/sse-client.ts";
import { formatFrame } from "../../src/realtime/frames.ts";
import { sseResponse } from "../../src/realtime/sse.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ heartbeatMs: 300, coalesceMs: 100 }); });
afterAll(async () => { await s.stop(); });

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await Bun.sleep(20);
  }
}

describe("live updates over SSE", () => {
  test("a multi-line fragment keeps every line: one data: line per line", () => {
    expect(formatFrame("b-1", "<a>\n<b>")).toBe("id: b-1\ndata: <a>\ndata: <b>\n\n");
  });

  test("500 SSE streams opened and dropped: subscribers and heartbeat timers return to where they were", async () => {
    const { gameCode } = await createGame(s);
    const health = async () => (await (await fetch(`${s.url}/api/health`)).json()) as { streams: number; subscribers: number; timers: { heartbeats: number } };
    const before = await health();
    // 500 projectors on 500 machines (one address each: the stream caps allow a few per device and address).
    const streams = await Promise.all(Array.from({ length: 500 }, () => openSse(`${s.url}/g/${gameCode}/screen/stream`, {}, { address: phoneAddress() })));
    expect(streams.every((st) => st.status === 200)).toBe(true);
    await waitFor(() => s.deps.bus.subscriberCount() === before.subscribers + 500);
    expect((await health()).timers.heartbeats).toBe(before.timers.heartbeats + 500);
    for (const st of streams) st.close();
    await waitFor(() => s.deps.bus.subscriberCount() === before.subscribers);
    const after = await health();
    expect([after.subscribers, after.streams, after.timers.heartbeats]).toEqual([before.subscribers, before.streams, before.timers.heartbeats]);
  });

  test("a stream starts with the current state and an event id, then sends heartbeats", async () => {
    const { gameCode } = await createGame(s);
    await joinAs(s, gameCode, "Early bird");
    const res = await fetch(`${s.url}/g/${gameCode}/screen/stream`);
    const text = await readSse(res, (t) => t.includes(": ping"), 3000);
    expect(text).toMatch(/^id: [a-z0-9]+-\d+\n/);
    expect(text).toContain("Early bird");
    expect(text).toContain(": ping");
  });

  test("a stream that sends frames skips its heartbeats (a frame keeps the connection alive as well); a quiet one gets them", async () => {
    const bus = new Bus(10);
    const abort = new AbortController();
    const request = new Request("http://tmc.test/stream", { signal: abort.signal });
    let n = 0;
    const res = sseResponse({ gameId: 901, audience: "a", topics: new Set(["scores"]), phase: "", render: () => ({ html: `<p>${++n}</p>`, phase: "p" }) }, { bus, heartbeatMs: 400, server: null, request });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    // Busy: a frame every 25 ms for three heartbeat intervals.
    const busy = setInterval(() => bus.publish(901, "scores"), 25);
    await Bun.sleep(1200);
    clearInterval(busy);
    const whileBusy = text;
    expect(whileBusy.match(/<p>\d+<\/p>/g)!.length).toBeGreaterThan(20);
    expect(whileBusy).not.toContain(": ping");
    // Quiet: the heartbeats come back (the first beat more than half an interval after the last frame).
    await waitFor(() => text.slice(whileBusy.length).includes(": ping"), 2000);
    abort.abort();
    bus.close();
  });

  test("30 students joining at once reach a watching projector as a few coalesced updates, with all 30 names", async () => {
    const { gameCode } = await createGame(s, { maxParticipants: 40 });
    const res = await fetch(`${s.url}/g/${gameCode}/screen/stream?phase=lobby`);
    const clients = await Promise.all(Array.from({ length: 30 }, () => new Client(s.url, {}, phoneAddress()).visit()));
    await Promise.all(clients.map((c, i) => c.postJson("/api/join-game", { gameCode, nickname: `burst${i}` })));
    const text = await readSse(res, (t) => Array.from({ length: 30 }, (_, i) => `burst${i}<`).every((n) => t.includes(n)), 5000);
    for (let i = 0; i < 30; i++) expect(text).toContain(`burst${i}<`);
    const frames = text.split("\n\n").filter((f) => f.includes("data:"));
    // 30 joins, one per join would be 30 frames (+1 snapshot); coalescing keeps it to a handful
    expect(frames.length).toBeLessThanOrEqual(8);
  });

  test("the game starting reaches every student stream; a kicked student's stream is ended", async () => {
    const { gameId, gameCode } = await createGame(s);
    const a = await joinAs(s, gameCode, "Stays");
    const b = await joinAs(s, gameCode, "Leaves");
    const streamA = await a.client.fetch(`/g/${gameCode}/play/stream?phase=lobby-waiting`);
    const streamB = await b.client.fetch(`/g/${gameCode}/play/stream?phase=lobby-waiting`);
    await Bun.sleep(50);
    await fetch(`${s.url}/api/games/${gameId}/start`, { method: "POST", headers: s.teacher });
    const textA = await readSse(streamA, (t) => t.includes("data-phase=\"lobby-started\""), 3000);
    expect(textA).toContain('data-phase="lobby-started"');
    const teacher = new Client(s.url, { authorization: `Bearer ${s.teacherToken}` });
    const kicked = await teacher.fetch(`/teacher/games/${gameId}/participants/${b.body.participantId}/kick`, { method: "POST" });
    expect(kicked.status).toBeLessThan(400);
    const textB = await readSse(streamB, (t) => t.includes("tmc:ended"), 3000);
    expect(textB).toContain("event: tmc:ended");
    // the kicked seat no longer opens
    expect((await b.client.fetch(`/g/${gameCode}/play`)).status).toBe(303);
  });

  test("the bus coalesces a burst into one flush and publishes nothing for unwatched games", async () => {
    const bus = new Bus(50);
    const seen: number[] = [];
    bus.publish(1, "lobby"); // nobody subscribed: dropped
    const off = bus.subscribe(1, (f) => seen.push(f.topics.size));
    for (let i = 0; i < 100; i++) bus.publish(1, i % 2 ? "lobby" : "scores");
    await Bun.sleep(120);
    expect(seen).toEqual([2]);
    off();
    expect(bus.subscriberCount()).toBe(0);
    bus.close();
  });

  test("answers (the attempts topic) reach the teacher's overview lane and never wake the phones' live lane", async () => {
    const bus = new Bus(20, 40);
    const live: string[][] = [];
    const overview: string[][] = [];
    bus.subscribe(1, (f) => live.push([...f.topics]), "live");
    bus.subscribe(1, (f) => overview.push([...f.topics]), "overview");
    bus.publish(1, "attempts");
    await Bun.sleep(80);
    expect(live).toEqual([]);
    expect(overview).toEqual([["attempts"]]);
    bus.publish(1, "scores", "attempts");
    await Bun.sleep(80);
    expect(live).toEqual([["scores"]]);
    expect(overview).toEqual([["attempts"], ["scores", "attempts"]]);
    expect(bus.pendingTimers()).toBe(0);
    bus.close();
  });
});
