import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { json, apiError } from "./respond.tsx";
import { heartbeatCount, openStreamCount } from "../realtime/sse.ts";
import { firstFramesWaiting } from "../realtime/first-frames.ts";
import { readdirSync, readFileSync } from "node:fs";
import { processLoopDelay } from "./loop-delay.ts";

/** Open file descriptors (sockets, the database, …) where the system tells (Linux); null elsewhere. */
function openFiles(): number | null {
  try {
    return readdirSync("/proc/self/fd").length;
  } catch {
    return null;
  }
}

/**
 * The process's resident memory and what is in it (measured in Bun 1.4.5). The JavaScript heap is
 * `heapTotalBytes` (its cells: objects, arrays, closures) plus `externalBytes` (strings'
 * characters and buffers' bytes, kept outside the cells: a render's html, a frame's bytes);
 * `heapUsedBytes` is Bun's figure as of the last collection, strings included. `rssFileBytes`:
 * pages of mapped files, mostly the executable's own (a compiled binary holds its code, views and
 * assets), which the system can drop and read again; null off Linux. The rest of the RSS is native
 * memory: connections, SQLite, the allocators' spare pages.
 */
function memory(): { rssBytes: number; rssFileBytes: number | null; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number } {
  const m = process.memoryUsage();
  return { rssBytes: m.rss, rssFileBytes: residentFileBytes(), heapUsedBytes: m.heapUsed, heapTotalBytes: m.heapTotal, externalBytes: m.external };
}

/** The resident pages of mapped files (`RssFile` in /proc/self/status), where the system tells (Linux). */
function residentFileBytes(): number | null {
  try {
    const kb = /^RssFile:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
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
