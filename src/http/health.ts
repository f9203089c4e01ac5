import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { json, apiError } from "./respond.tsx";
import { openStreamCount } from "../realtime/sse.ts";

export function healthRoutes(deps: AppDeps) {
  return new Elysia().get("/api/health", () => {
    try {
      deps.db.$client.query("SELECT 1").get();
    } catch {
      return apiError("internal");
    }
    return json({ status: "ok", streams: openStreamCount(), subscribers: deps.bus.subscriberCount(), uptimeSeconds: Math.round(process.uptime()) });
  });
}
