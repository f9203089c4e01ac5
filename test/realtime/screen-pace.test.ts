// The projector rides the screen lane (bus.ts): routine news (points, a team's answer) reaches it
// at most every SCREEN_FACTOR live intervals, while what changes its picture (a round's state, a
// relay team's next question announced urgent) still goes at the live pace. Phones keep the live pace.
import { expect, test } from "bun:test";
import { Bus, SCREEN_FACTOR } from "../../src/realtime/bus.ts";

const LIVE = 20;
const SCREEN = LIVE * SCREEN_FACTOR;

async function until(done: () => boolean): Promise<void> {
  const deadline = performance.now() + 2000;
  while (!done() && performance.now() < deadline) await Bun.sleep(1);
}

const gapsOf = (at: number[]) => at.slice(1).map((t, i) => t - at[i]!);

test("routine news reaches the screen lane at its slower pace, the phones' live lane at the live pace", async () => {
  const bus = new Bus(LIVE);
  const live: number[] = [];
  const screen: number[] = [];
  bus.subscribe(1, () => live.push(performance.now()));
  bus.subscribe(1, () => screen.push(performance.now()), "screen");
  const start = performance.now();
  while (performance.now() - start < SCREEN * 5) {
    bus.publish(1, "scores");
    await Bun.sleep(5);
  }
  await Bun.sleep(SCREEN + 20);
  for (const gap of gapsOf(live)) expect(gap).toBeGreaterThanOrEqual(LIVE - 5);
  for (const gap of gapsOf(screen)) expect(gap).toBeGreaterThanOrEqual(SCREEN - 5);
  expect(screen.length).toBeGreaterThanOrEqual(3);
  expect(screen.length).toBeLessThan(live.length * 0.75); // half as many, give or take the edges
  bus.close();
});

test("a change of picture (an urgent announcement, a round's state) brings the screen's waiting flush to the live pace", async () => {
  const bus = new Bus(LIVE);
  const screen: { at: number; topics: string[] }[] = [];
  bus.subscribe(1, (f) => screen.push({ at: performance.now(), topics: [...f.topics] }), "screen");
  for (const news of [{ topics: ["scores"] as const, urgent: true }, { topics: ["round"] as const }]) {
    // Quiet first, so the news below comes right after a flush and would wait a whole screen interval.
    await Bun.sleep(SCREEN + 10);
    let before = screen.length;
    bus.publish(1, "scores");
    await until(() => screen.length > before);
    before = screen.length;
    const sent = performance.now();
    bus.publish(1, "scores");
    bus.announce(1, { topics: [...news.topics], ...("urgent" in news ? { urgent: news.urgent } : {}) });
    await until(() => screen.length > before);
    const waited = screen[before]!.at - sent;
    expect(waited).toBeLessThan(SCREEN - 5); // at the live pace (LIVE), not the screen's (SCREEN)
    expect(screen[before]!.topics).toContain("scores");
  }
  bus.close();
});
