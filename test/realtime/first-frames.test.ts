// Streams' first frames wait their turn (src/realtime/first-frames.ts): a burst of them (every
// phone reconnecting after a restart) is rendered in slices, so the event loop takes the
// connections and requests that arrive meanwhile instead of holding them for the whole burst.
import { describe, expect, test } from "bun:test";
import { FIRST_FRAME_SLICE_MS, firstFramesWaiting, queueFirstFrame } from "../../src/realtime/first-frames.ts";

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* a render */ }
}

describe("first frames in slices", () => {
  test("one alone runs at once, without waiting for a slice or a timer", async () => {
    const started = performance.now();
    const ran = await new Promise<number>((resolve) => queueFirstFrame(() => resolve(performance.now())));
    expect(ran - started).toBeLessThan(50);
    expect(firstFramesWaiting()).toBe(0);
  });

  test(`a burst of 100 frames of 2 ms: about ${FIRST_FRAME_SLICE_MS} ms of them per turn, in order; what arrives meanwhile runs between slices`, async () => {
    const ran: number[] = [];
    let seenByTimer = -1;
    for (let i = 0; i < 100; i++) {
      queueFirstFrame(() => {
        // A timer set while the burst is being rendered: it runs when a slice ends, not after the burst.
        if (i === 0) setTimeout(() => { seenByTimer = ran.length; }, 0);
        busy(2);
        ran.push(i);
      });
    }
    expect(firstFramesWaiting()).toBe(100);
    const deadline = Date.now() + 5000;
    while (ran.length < 100 && Date.now() < deadline) await Bun.sleep(5);
    expect(ran).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(seenByTimer).toBeGreaterThan(0);
    expect(seenByTimer).toBeLessThan(50);
    expect(firstFramesWaiting()).toBe(0);
  });

  test("a frame that throws is logged; the ones after it still run", async () => {
    const ran: string[] = [];
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      queueFirstFrame(() => { throw new Error("render failed"); });
      await new Promise<void>((resolve) => queueFirstFrame(() => { ran.push("next"); resolve(); }));
    } finally {
      console.error = log;
    }
    expect(ran).toEqual(["next"]);
    expect(errors.length).toBe(1);
  });
});
