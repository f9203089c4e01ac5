import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { json, apiError } from "./respond.tsx";
import { heartbeatCount, openStreamCount } from "../realtime/sse.ts";

export function healthRoutes(deps: AppDeps) {
  return new Elysia().get("/api/health", () => {
    try {
      deps.db.$client.query("SELECT 1").get();
    } catch {
      return apiError("internal");
    }
    const streams = openStreamCount();
    // Every timer the server keeps: a heartbeat per stream, one per running round, pending flushes.
    const timers = { heartbeats: heartbeatCount(), roundClocks: deps.clock.timerCount(), pendingFlushes: deps.bus.pendingTimers() };
    return json({ status: "ok", streams, subscribers: deps.bus.subscriberCount(), timers, uptimeSeconds: Math.round(process.uptime()) });
  });
}
