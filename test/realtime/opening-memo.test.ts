// Streams that open together share their first frame (Bus.openingMemo, sse.ts): after a restart
// every phone reconnects at once, and a team's phones are served one render, not one each. What a
// stream shows must still be what it would have rendered itself: a publication, the memo's age
// and the last stream closing each start a new render.
import { afterEach, describe, expect, test } from "bun:test";
import { Bus, OPENING_MEMO_MS } from "../../src/realtime/bus.ts";
import { sseResponse, type StreamSpec } from "../../src/realtime/sse.ts";
import type { Rendering } from "../../src/realtime/frames.ts";
import { queueFirstFrame } from "../../src/realtime/first-frames.ts";

const GAME = 7;
const decoder = new TextDecoder();
let bus: Bus;
const aborts: AbortController[] = [];

afterEach(() => {
  for (const a of aborts.splice(0)) a.abort();
  bus?.close();
});

/** Opens a stream as a route does; resolves with its first frame's text. */
async function open(spec: Partial<StreamSpec> & Pick<StreamSpec, "render">): Promise<string> {
  const abort = new AbortController();
  aborts.push(abort);
  const request = new Request("http://tmc.test/stream", { signal: abort.signal });
  const res = sseResponse({ gameId: GAME, audience: "team:1:en", topics: new Set(["scores"]), phase: "", ...spec }, { bus, heartbeatMs: 60_000, server: null, request });
  const { value } = await res.body!.getReader().read();
  return decoder.decode(value);
}

/** A render that counts its calls and shows `state.n`. */
function counted(state: { n: number }) {
  const calls = { n: 0 };
  const render = (): Rendering => {
    calls.n++;
    return { html: `<p>state ${state.n}</p>`, phase: "p" };
  };
  return { calls, render };
}

describe("first frames shared by streams that open together", () => {
  test("fifty streams of one audience opening at once: one render, the same frame for each", async () => {
    bus = new Bus(50);
    const { calls, render } = counted({ n: 1 });
    const frames = await Promise.all(Array.from({ length: 50 }, () => open({ render })));
    expect(calls.n).toBe(1);
    expect(new Set(frames).size).toBe(1);
    expect(frames[0]).toMatch(/^id: [a-z0-9]+-\d+\ndata: <p>state 1<\/p>\n\n$/);
  });

  test("another audience, or another phase shown, gets its own render", async () => {
    bus = new Bus(50);
    const { calls, render } = counted({ n: 1 });
    await open({ render });
    await open({ render, audience: "team:2:en" });
    await open({ render, audience: "team:1:ko" });
    await open({ render, phase: "p" });
    await open({ render });
    expect(calls.n).toBe(4);
  });

  test("a publication for the game: the next stream renders the new state; another game's does not count", async () => {
    bus = new Bus(50);
    const state = { n: 1 };
    const { calls, render } = counted(state);
    expect(await open({ render })).toContain("state 1");
    state.n = 2;
    bus.publish(GAME + 1, "scores");
    expect(await open({ render })).toContain("state 1");
    bus.publish(GAME, "attempts");
    expect(await open({ render })).toContain("state 2");
    expect(calls.n).toBe(2);
  });

  test(`a memo older than ${OPENING_MEMO_MS} ms is not used`, async () => {
    bus = new Bus(50);
    const state = { n: 1 };
    const { calls, render } = counted(state);
    await open({ render });
    state.n = 2;
    await Bun.sleep(OPENING_MEMO_MS + 30);
    expect(await open({ render })).toContain("state 2");
    expect(calls.n).toBe(2);
  });

  test("when the game's last stream closes (a restore closes them all), what reopens renders again", async () => {
    bus = new Bus(1000);
    const state = { n: 1 };
    const { calls, render } = counted(state);
    // A flush still due keeps the game's channel (and so its memo) after its streams close.
    const watcher = bus.subscribe(GAME, () => {});
    bus.publish(GAME, "scores");
    await Bun.sleep(20);
    bus.publish(GAME, "scores");
    watcher();
    await open({ render });
    await open({ render });
    state.n = 2;
    for (const a of aborts.splice(0)) a.abort();
    await Bun.sleep(10);
    expect([bus.subscriberCount(GAME), bus.pendingTimers()]).toEqual([0, 1]);
    expect(await open({ render })).toContain("state 2");
    expect(calls.n).toBe(2);
  });

  test("a render that differs per viewer: one read for the audience, each stream its own update", async () => {
    bus = new Bus(50);
    let reads = 0;
    const render = (): Rendering => {
      reads++;
      const chains = `<table>${"<td>shared</td>".repeat(60)}</table>`;
      return { forViewer: (viewer) => ({ html: `<p>mine ${viewer}</p>${chains}`, pieces: [`<p>mine ${viewer}</p>`, chains], phase: "p", key: `k${viewer}` }) };
    };
    const frames = await Promise.all([11, 12, 13, 14].map((viewer) => open({ render, viewer })));
    expect(reads).toBe(1);
    frames.forEach((f, i) => {
      expect(f).toContain(`<p>mine ${11 + i}</p><table><td>shared</td>`);
      expect(f.endsWith("</table>\n\n")).toBe(true);
    });
  });

  test("a flush while the first frame waits its turn is left to it: one frame, with the new state", async () => {
    bus = new Bus(1);
    const state = { n: 1 };
    const { render } = counted(state);
    // Frames of other streams ahead of this one: 60 ms of rendering, in slices.
    for (let i = 0; i < 4; i++) queueFirstFrame(() => { const until = performance.now() + 15; while (performance.now() < until); });
    const abort = new AbortController();
    aborts.push(abort);
    const res = sseResponse({ gameId: GAME, audience: "team:1:en", topics: new Set(["scores"]), phase: "", render }, { bus, heartbeatMs: 60_000, server: null, request: new Request("http://tmc.test/stream", { signal: abort.signal }) });
    // The body starts (and the stream subscribes) when it is first read, as Bun.serve does at once.
    const reader = res.body!.getReader();
    let pending: ReturnType<typeof reader.read> | null = reader.read();
    expect(bus.subscriberCount(GAME)).toBe(1);
    state.n = 2;
    bus.publish(GAME, "scores");
    let text = "";
    const until = Date.now() + 300;
    while (Date.now() < until) {
      const chunk = await Promise.race([pending ?? reader.read(), Bun.sleep(until - Date.now()).then(() => null)]);
      pending = null;
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text.match(/data: /g)?.length).toBe(1);
    expect(text).toContain("state 2");
  });

  test("a game nobody watches yet gets no shared memo", () => {
    bus = new Bus(50);
    const a = bus.openingMemo(GAME);
    a.set("x", 1);
    expect(bus.openingMemo(GAME).has("x")).toBe(false);
  });
});
