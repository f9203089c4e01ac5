// Live streams are capped per device, per network address and in all, so one client holding
// idle streams cannot use up the server's open files: above a cap the answer is 429 with a
// message, and a classmate's page still loads. A stream whose client stops reading is closed.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { Bus } from "../../src/realtime/bus.ts";
import { openStreamCount, sseResponse } from "../../src/realtime/sse.ts";
import { Client, createGame, phoneAddress, startServer, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";

let s: TestServer;
let code: string;
let gameId: number;
const open: SseStream[] = [];
beforeAll(async () => {
  s = await startServer();
  ({ gameCode: code, gameId } = await createGame(s, { teamCount: 20, maxParticipants: 100 }));
});
afterAll(async () => {
  for (const st of open) st.close();
  await s.stop();
});

async function streams(n: number, url: string, headers: () => Record<string, string>, address: string): Promise<SseStream[]> {
  const out = await Promise.all(Array.from({ length: n }, () => openSse(url, headers(), { address })));
  open.push(...out);
  return out;
}

const statuses = (xs: SseStream[]) => xs.map((x) => x.status);
const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;

describe("stream caps", () => {
  test("one address without a device cookie gets one device's allowance (24); past it, 429 with a message", async () => {
    const address = phoneAddress();
    const got = await streams(30, `${s.url}/g/${code}/screen/stream`, () => ({ "accept-language": "en" }), address);
    expect(count(statuses(got), 200)).toBe(24);
    expect(count(statuses(got), 429)).toBe(6);
    const again = await new Client(s.url, { "accept-language": "en" }, address).fetch(`/g/${code}/screen/stream`);
    expect(again.status).toBe(429);
    expect(await again.text()).toContain("Too many live pages are open from this device or network");
  });

  test("fresh real device cookies from one address stop at the address's cap (200)", async () => {
    const address = phoneAddress();
    const devices = await Promise.all(Array.from({ length: 210 }, () => new Client(s.url, {}, address).visit()));
    const cookies = devices.map((d) => `tmc_device=${d.cookies.get("tmc_device")}`);
    let i = 0;
    const got = await streams(210, `${s.url}/g/${code}/screen/stream`, () => ({ cookie: cookies[i++]! }), address);
    expect(count(statuses(got), 200)).toBe(200);
    expect(count(statuses(got), 429)).toBe(10);
  }, 60_000);

  test("a teacher's laptop fits under the per-device cap: lobby, projector and all 20 team boards", async () => {
    const teacher = await new Client(s.url).visit();
    expect((await teacher.postForm("/login", { password: TEACHER_PASSWORD })).status).toBe(303);
    const cookie = [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const urls = [`/teacher/games/${gameId}/stream`, `/g/${code}/screen/stream`, ...Array.from({ length: 20 }, (_, i) => `/g/${code}/team/${i + 1}/stream`)];
    const got = await Promise.all(urls.map((u) => openSse(s.url + u, { cookie })));
    open.push(...got);
    expect(statuses(got)).toEqual(urls.map(() => 200));
  });
});

describe("the total cap", () => {
  test("streams from many addresses fill the total: the next is refused with 429, and a classmate's page still loads at once", async () => {
    const small = await startServer({ streamsTotal: 60 });
    const held: SseStream[] = [];
    try {
      const g = await createGame(small);
      for (let a = 0; a < 4; a++) held.push(...(await Promise.all(Array.from({ length: 20 }, () => openSse(`${small.url}/g/${g.gameCode}/screen/stream`, {}, { address: `127.66.0.${a + 1}` })))));
      expect(count(statuses(held), 200)).toBe(60);
      expect(count(statuses(held), 429)).toBe(20);
      const classmate = await new Client(small.url, {}, phoneAddress()).visit();
      const started = performance.now();
      const page = await classmate.fetch(`/join?code=${g.gameCode}`);
      expect(page.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(2000);
      const join = await classmate.postForm("/join", { gameCode: g.gameCode, nickname: "classmate" });
      expect(join.status).toBe(303);
      // Their own stream waits for a free place (htmx retries), with a readable reason.
      const mine = await openSse(`${small.url}/g/${g.gameCode}/play/stream`, { cookie: [...classmate.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }, { address: classmate.address });
      held.push(mine);
      expect(mine.status).toBe(429);
      // One attacker stream gone: the classmate gets in.
      held.find((x) => x.status === 200)!.close();
      await Bun.sleep(200);
      const retry = await openSse(`${small.url}/g/${g.gameCode}/play/stream`, { cookie: [...classmate.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }, { address: classmate.address });
      held.push(retry);
      expect(retry.status).toBe(200);
    } finally {
      for (const st of held) st.close();
      await small.stop();
    }
  }, 60_000);
});

describe("a client that stops reading", () => {
  /** A server of streams over a bus of its own, each frame `html()`; a stream's slot, when released, is named by `who` in its query. */
  function streamServer(o: { queueLimitBytes: number; heartbeatMs: number; html: () => string }) {
    const bus = new Bus(0);
    const released: string[] = [];
    const server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      idleTimeout: 0,
      fetch(request, srv) {
        const who = new URL(request.url).searchParams.get("who") ?? "";
        return sseResponse({ gameId: 1, audience: who, topics: new Set(["scores"]), phase: "", render: () => ({ html: o.html(), phase: "p" }) }, { bus, heartbeatMs: o.heartbeatMs, queueLimitBytes: o.queueLimitBytes, server: srv, request, slot: { release: () => released.push(who) } });
      },
    });
    return { bus, released, server };
  }

  /** A stream server of 256 KB frames, and a client that connects and never reads. */
  async function stuckClient(o: { queueLimitBytes: number; heartbeatMs: number }) {
    const big = "x".repeat(256 * 1024);
    let n = 0;
    const { bus, released, server } = streamServer({ ...o, html: () => `${++n}:${big}` });
    const stuck = connect({ host: "127.0.0.1", port: server.port! }, () => stuck.write(`GET /?who=stuck HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    stuck.pause();
    const reader = await openSse(`http://127.0.0.1:${server.port}/?who=reader`);
    return {
      bus, released, reader, port: server.port!,
      /** Publishes updates of 256 KB until `done` or `max` of them. */
      async flood(max: number, done: () => boolean) {
        for (let i = 0; i < max && !done(); i++) {
          bus.publish(1, "scores");
          await Bun.sleep(5);
        }
      },
      stop() {
        reader.close();
        stuck.destroy();
        server.stop(true);
        bus.close();
      },
    };
  }

  test("its stream is closed once the frames it leaves unread pass the queue limit; a reading client keeps its stream", async () => {
    const before = openStreamCount();
    const t = await stuckClient({ queueLimitBytes: 1024 * 1024, heartbeatMs: 60_000 });
    try {
      await Bun.sleep(100);
      expect(openStreamCount()).toBe(before + 2);
      // Up to ~40 MB of updates: far past what the sockets buffer, then past the 1 MB queue.
      await t.flood(160, () => t.released.includes("stuck"));
      expect(t.released).toEqual(["stuck"]);
      expect(openStreamCount()).toBe(before + 1);
      expect(t.reader.closed()).toBe(false);
    } finally {
      t.stop();
    }
  }, 60_000);

  test("a client that reads slowly but on (a busy projector at a loaded moment) keeps its stream, though frames wait at every heartbeat", async () => {
    const t = await stuckClient({ queueLimitBytes: 256 * 1024 * 1024, heartbeatMs: 200 });
    // A third client reads a little every 40 ms: its socket is always full, so the server's queue
    // always holds frames at a beat, but bytes move between beats.
    const slow = connect({ host: "127.0.0.1", port: t.port }, () => slow.write(`GET /?who=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    let read = 0;
    slow.on("data", (chunk) => {
      read += chunk.length;
      slow.pause();
      setTimeout(() => slow.resume(), 40);
    });
    try {
      await Bun.sleep(100);
      // 2 s of 256 KB frames every 5 ms (ten heartbeats): far more than the slow client takes.
      const until = Date.now() + 2000;
      await t.flood(100_000, () => Date.now() > until || t.released.includes("slow"));
      await Bun.sleep(600);
      expect(read).toBeGreaterThan(1024 * 1024);
      expect(t.released).not.toContain("slow");
      // The one that never reads is closed all the same.
      expect(t.released).toContain("stuck");
    } finally {
      slow.destroy();
      t.stop();
    }
  }, 60_000);

  /**
   * One 48 MB frame (far more than the sockets buffer; nothing is published after it, heartbeats
   * every 100 ms) to a client named `who` whose reading `onData` paces; `read`: bytes it has read.
   */
  function longFrameClient(who: string, onData: (socket: Socket, read: number) => void) {
    const frame = "y".repeat(48 * 1024 * 1024);
    const { bus, released, server } = streamServer({ queueLimitBytes: 1024 * 1024, heartbeatMs: 100, html: () => frame });
    const client = { frameLength: frame.length, released, read: 0, stop() { socket.destroy(); server.stop(true); bus.close(); } };
    const socket = connect({ host: "127.0.0.1", port: server.port! }, () => socket.write(`GET /?who=${who} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    socket.on("data", (chunk) => {
      client.read += chunk.length;
      onData(socket, client.read);
    });
    return client;
  }

  test("one frame larger than the queue limit, taken slowly by a client that reads on, keeps its stream through the heartbeats meanwhile", async () => {
    // A teacher's panel of a thousand students over Wi-Fi: one frame the socket takes for a while.
    // 48 MB at this pace takes many heartbeats (handed whole, its one write showed no progress meanwhile: the stream was closed as stuck).
    const c = longFrameClient("big", (socket) => {
      socket.pause();
      setTimeout(() => socket.resume(), 10);
    });
    try {
      // The first frame (more than the sockets buffer) takes seconds at this pace: heartbeats come meanwhile.
      const deadline = Date.now() + 20_000;
      while (c.read < c.frameLength && Date.now() < deadline) await Bun.sleep(50);
      expect(c.read).toBeGreaterThan(c.frameLength);
      expect(c.released).toEqual([]);
      // And it goes on: the pings after it arrive.
      const before = c.read;
      await Bun.sleep(400);
      expect(c.read).toBeGreaterThan(before);
      expect(c.released).toEqual([]);
    } finally {
      c.stop();
    }
  }, 60_000);

  test("a client that stops reading in the middle of one long frame is closed at the heartbeats all the same", async () => {
    // Reads the first megabyte, then nothing more.
    const c = longFrameClient("stalled", (socket, read) => {
      if (read > 1024 * 1024) socket.pause();
    });
    try {
      const deadline = Date.now() + 5000;
      while (!c.released.includes("stalled") && Date.now() < deadline) await Bun.sleep(50);
      expect(c.read).toBeGreaterThan(1024 * 1024);
      expect(c.read).toBeLessThan(c.frameLength);
      expect(c.released).toEqual(["stalled"]);
    } finally {
      c.stop();
    }
  }, 60_000);

  test("below the queue limit, frames unread at two heartbeats in a row with nothing taken in between close it too", async () => {
    const t = await stuckClient({ queueLimitBytes: 256 * 1024 * 1024, heartbeatMs: 300 });
    try {
      // Enough to fill the sockets' buffers, so frames wait in the stream's own queue.
      await t.flood(60, () => false);
      const deadline = Date.now() + 5000;
      while (!t.released.includes("stuck") && Date.now() < deadline) await Bun.sleep(50);
      expect(t.released).toEqual(["stuck"]);
      expect(t.reader.closed()).toBe(false);
    } finally {
      t.stop();
    }
  }, 60_000);
});
