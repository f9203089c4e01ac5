// The edge every route shares, resolved once per request: who is asking (`w`), and the guards
// routes declare instead of repeating them — `{ teacher: "page" | "stream" | "api" }`,
// `{ student: "page" | "api" }`, `{ limit: bucket }` — and `liveStream`, the one way a route opens
// an SSE stream (under the stream caps). Feature plugins `.use(edges(deps))`; Elysia runs it once
// per app (named plugin). The Host and cross-site rules run before any route, in app.ts.
import { Elysia } from "elysia";
import { serializeCookie } from "elysia/cookies";
import type { Server } from "bun";
import type { AppDeps } from "../deps.ts";
import type { Participant } from "../db/schema.ts";
import { keyOf, type Bucket } from "../limits/rate-limit.ts";
import { who, type Who } from "../auth/request.ts";
import { sseResponse, type StreamSpec } from "../realtime/sse.ts";
import { apiError, pageError, redirect } from "./respond.tsx";
import { apiRateLimited, pageRateLimited } from "./guards.ts";
import { localPath } from "./local-path.ts";

/** Deduplication key per set of deps: tests build several apps in one process. */
const seeds = new WeakMap<AppDeps, number>();
let nextSeed = 0;
function seedOf(deps: AppDeps): number {
  let s = seeds.get(deps);
  if (s === undefined) seeds.set(deps, (s = ++nextSeed));
  return s;
}

function isApiPath(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

/**
 * Where a teacher goes back to after logging in: the page asked for (GET), else the game the
 * control belongs to, else the dashboard.
 */
function returnTo(request: Request): string {
  const url = new URL(request.url);
  if (request.method === "GET") return localPath(url.pathname + url.search) ?? "/teacher";
  return /^\/teacher\/games\/\d+/.exec(url.pathname)?.[0] ?? "/teacher";
}

/** `page`: a browser goes to the login page; `stream`: a refused live stream (no redirect to follow); `api`: JSON. */
export type TeacherEdge = "page" | "stream" | "api";

export function teacherDenied(w: Who, kind: TeacherEdge, request: Request): Response | undefined {
  if (w.isTeacher()) return undefined;
  if (kind === "stream") return pageError(w, "unauthorized");
  if (kind === "api") return w.seatToken && w.participant() ? apiError("forbidden", w.lang) : apiError("unauthorized", w.lang);
  const login = `/login?next=${encodeURIComponent(returnTo(request))}`;
  if (w.isHtmx) return pageError(w, "unauthorized", undefined, { "HX-Redirect": login });
  return redirect(login);
}

/** How long a refused stream should wait before trying again (htmx reconnects with its own backoff). */
const STREAM_RETRY_S = 10;

/**
 * Opens a live stream for the asking device if the stream caps allow (per device, per address,
 * in all; src/limits/streams.ts); otherwise 429 `too_many_streams`. The slot is released when the
 * stream ends, however it ends.
 */
export function liveStream(deps: AppDeps, c: { w: Who; server: Server<unknown> | null; request: Request; path: string }, spec: StreamSpec): Response {
  const slot = deps.streams.admit(c.w.device, c.w.address, { gameId: spec.gameId, seat: spec.viewer });
  if ("refused" in slot) {
    deps.limits.record(`streams:${slot.refused}`, `a:${c.w.address}`, c.path, c.w.address);
    return pageError(c.w, "too_many_streams", undefined, { "Retry-After": String(STREAM_RETRY_S) });
  }
  return sseResponse(spec, { bus: deps.bus, heartbeatMs: deps.config.heartbeatMs, queueLimitBytes: deps.config.streamQueueBytes, server: c.server, request: c.request, slot });
}

/**
 * The cookies a route set, moved into the Response it returned. Left in Elysia's `set`, they made
 * Elysia copy each such response into a new one with merged headers and the body as a stream:
 * about 5 µs of the server's time per response (measured: 30,000 requests), and each phone that
 * joins sets two (its device, its seat).
 */
function cookiesIntoResponse(response: unknown, set: { cookie?: Record<string, unknown> }): Response | undefined {
  if (!set.cookie || !(response instanceof Response)) return undefined;
  const lines = serializeCookie(set.cookie as Parameters<typeof serializeCookie>[0]) ?? [];
  for (const line of [lines].flat()) response.headers.append("set-cookie", line);
  set.cookie = undefined;
  return response;
}

export function edges(deps: AppDeps) {
  return new Elysia({ name: "tmc-edges", seed: seedOf(deps) })
    .derive({ as: "global" }, (c) => {
      const w = who(deps, c);
      // A browser gets its device cookie with the first page it opens (not with static files, and
      // not on /api, whose callers are mostly scripts that would drop it).
      if (!c.path.startsWith("/public/") && !c.path.startsWith("/api/")) w.ensureDevice();
      return { w };
    })
    .mapResponse({ as: "global" }, ({ responseValue, set }) => cookiesIntoResponse(responseValue, set))
    .macro({
      teacher: (kind: TeacherEdge) => ({
        beforeHandle({ w, request }: { w: Who; request: Request }) {
          return teacherDenied(w, kind, request);
        },
      }),
      student: (kind: "page" | "api") => ({
        // Typed for the handler; beforeHandle below refuses the request when there is no seat.
        resolve({ w }: { w: Who }) {
          return { participant: w.participant() as Participant };
        },
        beforeHandle({ w }: { w: Who }) {
          if (w.participant()) return undefined;
          const code = w.seatToken ? "not_participant" : "unauthorized";
          return kind === "api" ? apiError(code, w.lang) : pageError(w, "not_participant");
        },
      }),
      limit: (bucket: Bucket) => ({
        beforeHandle({ w, request, path }: { w: Who; request: Request; path: string }) {
          const retry = deps.limits.check(bucket, w, path);
          // The activity and abuse views count every limited request: answers per game, attempts per client.
          const seat = bucket === "answer" ? w.participant() : undefined;
          deps.activity.attempt({ key: keyOf(seat ? "seat" : "device", w), address: w.address, gameId: seat?.gameId ?? null, seat: seat?.id ?? null }, !retry && !!seat);
          if (!retry) return undefined;
          return isApiPath(request) ? apiRateLimited(w, retry) : pageRateLimited(w, retry);
        },
      }),
    });
}
