// Flushes of many games that fall due together do not hold the event loop for all of them at once:
// after FLUSH_SLICE_MS of flushing in one turn, the others wait for the next turn, so what arrived
// meanwhile (a request; here a setImmediate queued during the first flush) is handled between
// them. A change of what screens show (an URGENT topic: "round", or an announcement marked urgent)
// is not held back.
import { expect, test } from "bun:test";
import { Bus, FLUSH_SLICE_MS } from "../../src/realtime/bus.ts";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a render that takes `ms` */ }
}

async function order(topic: "scores" | "round", urgent = false): Promise<string[]> {
  const bus = new Bus(20);
  const seen: string[] = [];
  let first = true;
  for (const game of [1, 2, 3]) {
    bus.subscribe(game, () => {
      seen.push(`flush ${game}`);
      if (first) {
        first = false;
        setImmediate(() => seen.push("request"));
      }
      busy(FLUSH_SLICE_MS + 5);
    });
  }
  for (const game of [1, 2, 3]) bus.announce(game, { topics: [topic], urgent });
  const deadline = Date.now() + 2000;
  while (seen.length < 4 && Date.now() < deadline) await Bun.sleep(5);
  bus.close();
  return seen;
}

test("routine updates of several games: after a slice of flushing, what waits runs before the next game's flush", async () => {
  expect(await order("scores")).toEqual(["flush 1", "request", "flush 2", "flush 3"]);
});

test("a change of phase (round) goes out for every game at once", async () => {
  expect(await order("round")).toEqual(["flush 1", "flush 2", "flush 3", "request"]);
});

test("a routine topic announced as urgent (a relay team's next question) goes out at once too", async () => {
  expect(await order("scores", true)).toEqual(["flush 1", "flush 2", "flush 3", "request"]);
});
