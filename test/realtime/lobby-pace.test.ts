// News of the lobby alone (joins, moves, removals) goes to phones and the projector at most every
// LOBBY_FACTOR live intervals, so a class joining is sent its lists a few times a second rather
// than ten; the first join after a quiet spell goes at once, and other news is not held back.
import { expect, test } from "bun:test";
import { Bus, LOBBY_FACTOR } from "../../src/realtime/bus.ts";

const LIVE = 20;
const LOBBY = LIVE * LOBBY_FACTOR;

async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 2000;
  while (!done() && performance.now() < deadline) await Bun.sleep(1);
}

test("a stream of joins is flushed at the lobby's pace, the first at once; other news brings a waiting flush forward", async () => {
  const bus = new Bus(LIVE);
  const flushes: { at: number; topics: string[] }[] = [];
  bus.subscribe(1, (f) => flushes.push({ at: performance.now(), topics: [...f.topics] }));
  const start = performance.now();
  bus.publish(1, "lobby");
  // A join every 5 ms for three lobby intervals.
  while (performance.now() - start < LOBBY * 3) {
    await Bun.sleep(5);
    bus.publish(1, "lobby");
  }
  await Bun.sleep(LOBBY + 20);
  expect(flushes[0]!.at - start).toBeLessThan(LOBBY / 2);
  const gaps = flushes.slice(1).map((f, i) => f.at - flushes[i]!.at);
  expect(gaps.length).toBeGreaterThanOrEqual(2);
  for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(LOBBY - 5);
  expect(flushes.length).toBeLessThanOrEqual(5); // at the live pace it would be about 16

  // Right after a flush, a join waits for the lobby's pace; a score arriving meanwhile goes at the
  // live pace, and the join with it. (Quiet for longer than the lobby's interval first: the join
  // that follows goes at once, and the next one comes right after that flush.)
  await Bun.sleep(LOBBY + 10);
  let before = flushes.length;
  bus.publish(1, "lobby");
  await until(() => flushes.length > before);
  before = flushes.length;
  const joined = performance.now();
  bus.publish(1, "lobby");
  await Bun.sleep(2);
  bus.publish(1, "scores");
  await until(() => flushes.length > before);
  await Bun.sleep(LOBBY);
  expect(flushes.length).toBe(before + 1);
  expect(flushes[before]!.at - joined).toBeLessThan(LOBBY / 2);
  expect(flushes[before]!.topics.sort()).toEqual(["lobby", "scores"]);
  bus.close();
});
