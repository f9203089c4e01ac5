// An open stream keeps what it needs to send (its spec, its request's abort signal), not the
// request and its route's context (cookies, headers, the `w` helpers): a stream lives as long as
// the page is open, and at 10,000 phones the requests and contexts the streams kept were about
// 37 MB of the server's live heap (a heap snapshot: every phone's request, its URL, its cookie
// proxy and some twenty closures each). Each test fails when a stream keeps its request again.
import { afterAll, describe, expect, test } from "bun:test";
import { heapStats } from "bun:jsc";
import { Bus } from "../../src/realtime/bus.ts";
import { sseResponse } from "../../src/realtime/sse.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { seatedGame } from "../support/year.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";

/** Full collections with turns of the event loop between them (a WeakRef holds its target until the end of the job). */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    Bun.gc(true);
    await Bun.sleep(5);
  }
}

const decoder = new TextDecoder();

describe("what an open stream keeps", () => {
  test("its request's abort signal, not the request: the request can be collected while the stream serves on", async () => {
    const bus = new Bus(10);
    const abort = new AbortController();
    let n = 0;
    // Made in a function of its own, so that no frame of this test still points at the request.
    const open = () => {
      const request = new Request("http://tmc.test/stream", { signal: abort.signal });
      const res = sseResponse({ gameId: 1, audience: "team:1:en", topics: new Set(["scores"]), phase: "", render: () => ({ html: `<p>${++n}</p>`, phase: "p" }) }, { bus, heartbeatMs: 60_000, server: null, request });
      return { res, kept: new WeakRef(request) };
    };
    const { res, kept } = open();
    const reader = res.body!.getReader();
    expect(decoder.decode((await reader.read()).value)).toContain("<p>1</p>");
    await collect();
    expect(kept.deref()).toBeUndefined();
    // Still a live stream: a publication reaches it, and the client going away (the signal) ends it.
    bus.publish(1, "scores");
    expect(decoder.decode((await reader.read()).value)).toContain("<p>2</p>");
    abort.abort();
    expect((await reader.read()).done).toBe(true);
    bus.close();
  });

  test("the last update's hash, not its html: an update without a key of its own is still sent only when it changed", async () => {
    const bus = new Bus(5);
    const abort = new AbortController();
    const request = new Request("http://tmc.test/stream", { signal: abort.signal });
    let shown = "<p>a</p>";
    let renders = 0;
    const res = sseResponse({ gameId: 2, audience: "team:1:en", topics: new Set(["scores"]), phase: "", render: () => (renders++, { html: shown, phase: "p" }) }, { bus, heartbeatMs: 60_000, server: null, request });
    const reader = res.body!.getReader();
    const frames: string[] = [];
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        frames.push(decoder.decode(value));
      }
    })();
    const settle = async (n: number) => {
      const deadline = performance.now() + 2000;
      while (renders < n && performance.now() < deadline) await Bun.sleep(2);
      await Bun.sleep(20);
    };
    await settle(1);
    expect(frames).toHaveLength(1);
    // The same html again: rendered, not sent.
    bus.publish(2, "scores");
    await settle(2);
    expect(frames).toHaveLength(1);
    shown = "<p>b</p>";
    bus.publish(2, "scores");
    await settle(3);
    expect(frames).toHaveLength(2);
    expect(frames[1]).toContain("<p>b</p>");
    // Back to what was shown before: sent, since the page now shows <p>b</p>.
    shown = "<p>a</p>";
    bus.publish(2, "scores");
    await settle(4);
    expect(frames).toHaveLength(3);
    abort.abort();
    bus.close();
  });

  describe("on the real server", () => {
    let s: TestServer;
    const open: SseStream[] = [];
    afterAll(async () => {
      for (const st of open) st.close();
      await s?.stop();
    });

    test("thirty phones', a projector's and a teacher's open streams keep none of their requests", async () => {
      s = await startServer();
      const { gameId, gameCode, seats } = await seatedGame(s, 3, 10);
      // Bun names the server's request objects BunRequest (a Request made in JavaScript is a Request).
      const requests = () => heapStats().objectTypeCounts.BunRequest ?? 0;
      await collect();
      const before = requests();
      const cookie = (seat: (typeof seats)[number][number]) => [...seat.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      open.push(...await Promise.all(seats.flat().map((seat) => openSse(`${s.url}/g/${gameCode}/play/stream`, { cookie: cookie(seat), "accept-language": "en" }, { address: seat.client.address }))));
      open.push(await openSse(`${s.url}/g/${gameCode}/screen/stream`, { "accept-language": "ko" }));
      open.push(await openSse(`${s.url}/teacher/games/${gameId}/stream`, { authorization: s.teacher.authorization! }));
      open.push(await openSse(`${s.url}/g/${gameCode}/team/1/stream`, { cookie: cookie(seats[0]![0]!), "accept-language": "en" }, { address: seats[0]![0]!.client.address }));
      expect(open.map((st) => st.status)).toEqual(Array(33).fill(200));
      // Every stream has its first frame: each is past its route and serving.
      await Promise.all(open.map((st) => st.waitFor((text) => text.includes("data:"))));
      await collect();
      // A few requests may be in flight elsewhere; thirty-three kept ones are not.
      expect(requests() - before).toBeLessThan(5);
      // And the streams still serve: a publication for the game reaches them all.
      const framesNow = open.map((st) => st.messages().length);
      s.deps.bus.publish(gameId, "game");
      await Promise.all(open.map((st, i) => st.waitFor(() => st.messages().length > framesNow[i]!)));
    });
  });
});
