// The edge every route shares, resolved once per request: who is asking (`w`), and the guards
// routes declare instead of repeating them — `{ teacher: "page" | "api" }`, `{ student: "page" | "api" }`,
// `{ limit: bucket }`. Feature plugins `.use(edges(deps))`; Elysia runs it once per app (named plugin).
import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import type { Participant } from "../db/schema.ts";
import type { Bucket } from "../limits/rate-limit.ts";
import { who, type Who } from "../auth/request.ts";
import { apiError, pageError, redirect } from "./respond.tsx";
import { apiRateLimited, pageRateLimited } from "./guards.ts";

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
  if (request.method === "GET") return url.pathname + url.search;
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

export function edges(deps: AppDeps) {
  return new Elysia({ name: "tmc-edges", seed: seedOf(deps) })
    .derive({ as: "global" }, (c) => {
      const w = who(deps.db, c);
      // Every page and API call carries a device identity for rate limits (static files do not need one).
      if (!c.path.startsWith("/public/")) void w.clientKey;
      return { w };
    })
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
          const retry = deps.limits.check(bucket, w.clientKey, path);
          if (!retry) return undefined;
          return isApiPath(request) ? apiRateLimited(w, retry) : pageRateLimited(w, retry);
        },
      }),
    });
}
