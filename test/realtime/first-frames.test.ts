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
  test("one alone runs in this turn, before the next turn's timers", async () => {
    const order: string[] = [];
    setTimeout(() => order.push("timer"), 0);
    queueFirstFrame(() => order.push("frame"));
    await Bun.sleep(20);
    expect(order).toEqual(["frame", "timer"]);
  });

  test(`a burst of 100 frames of 2 ms: about ${FIRST_FRAME_SLICE_MS} ms of them per turn, in order; what arrives meanwhile runs between slices`, async () => {
    const ran: number[] = [];
    let seenByTimer = -1;
    for (let i = 0; i < 100; i++) queueFirstFrame(() => { busy(2); ran.push(i); });
    setTimeout(() => { seenByTimer = ran.length; }, 0);
    expect(firstFramesWaiting()).toBe(100);
    const deadline = Date.now() + 5000;
    while (ran.length < 100 && Date.now() < deadline) await Bun.sleep(5);
    expect(ran).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // The timer ran after the first slice, not after the whole burst.
    expect(seenByTimer).toBeGreaterThanOrEqual(FIRST_FRAME_SLICE_MS / 2 - 1);
    expect(seenByTimer).toBeLessThanOrEqual(FIRST_FRAME_SLICE_MS / 2 + 2);
    expect(firstFramesWaiting()).toBe(0);
  });
});
