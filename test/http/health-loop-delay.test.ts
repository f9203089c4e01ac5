// /api/health reports the server's event-loop delay measured inside the server (src/http/loop-delay.ts,
// a 20 ms timer-drift sampler). The server here runs in the test's process, so holding this
// process's loop holds the server's: a 250 ms block must show in the last minute's max and p99,
// and agree with Bun's own perf_hooks.monitorEventLoopDelay histogram (Bun 1.4.5 has it).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startServer, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

type Loop = { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
const health = async () => (await (await fetch(`${s.url}/api/health`)).json()) as { eventLoop: { lastMinute: Loop; sinceStart: Loop } };

test("/api/health: a 250 ms block of the server's event loop shows in its event-loop delay, as perf_hooks measures it", async () => {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  await Bun.sleep(300); // the sampler ticks a few times idle first
  const idle = await health();
  expect(idle.eventLoop.lastMinute.samples).toBeGreaterThan(0);
  // The sampler is the process's: in the full suite an earlier file's work may still be in the last
  // minute, so the block is made longer than anything seen there.
  const holdMs = Math.max(250, idle.eventLoop.lastMinute.maxMs + 150);
  const t = performance.now();
  while (performance.now() - t < holdMs) { /* hold the loop, as a slow synchronous render would */ }
  await Bun.sleep(100);
  const after = await health();
  histogram.disable();
  const perfMaxMs = histogram.max / 1e6;
  expect(perfMaxMs).toBeGreaterThan(holdMs - 50);
  expect(after.eventLoop.lastMinute.maxMs).toBeGreaterThan(holdMs - 50);
  // The two measures agree within a tick of either sampler.
  expect(Math.abs(after.eventLoop.lastMinute.maxMs - perfMaxMs)).toBeLessThan(40);
  expect(after.eventLoop.sinceStart.maxMs).toBeGreaterThanOrEqual(after.eventLoop.lastMinute.maxMs);
  expect(after.eventLoop.lastMinute.samples).toBeGreaterThan(idle.eventLoop.lastMinute.samples);
});
