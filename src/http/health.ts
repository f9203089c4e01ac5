import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { json, apiError } from "./respond.tsx";
import { heartbeatCount, openStreamCount } from "../realtime/sse.ts";
import { firstFramesWaiting } from "../realtime/first-frames.ts";
import { readdirSync } from "node:fs";
import { processLoopDelay } from "./loop-delay.ts";

/** Open file descriptors (sockets, the database, …) where the system tells (Linux); null elsewhere. */
function openFiles(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

/** The process's resident memory and, within it, the JavaScript heap (live objects and not yet collected garbage). */
function memory(): { rssBytes: number; heapUsedBytes: number; heapTotalBytes: number } {
  const m = process.memoryUsage();
  return { rssBytes: m.rss, heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal };
}

export function healthRoutes(deps: AppDeps) {
  const loop = processLoopDelay();
  return new Elysia().get("/api/health", () => {
    try {
      deps.db.$client.query("SELECT 1").get();
    } catch {
      return apiError("internal");
    }
    const streams = openStreamCount();
    // Every timer the server keeps: a heartbeat per stream, one per running round, pending flushes.
    const timers = { heartbeats: heartbeatCount(), roundClocks: deps.clock.timerCount(), pendingFlushes: deps.bus.pendingTimers() };
    const eventLoop = { lastMinute: loop.lastMinute(), sinceStart: loop.sinceStart() };
    return json({ status: "ok", streams, firstFramesWaiting: firstFramesWaiting(), subscribers: deps.bus.subscriberCount(), timers, eventLoop, openFiles: openFiles(), ...memory(), uptimeSeconds: Math.round(process.uptime()) });
  });
}
