// Builds the Elysia app from the feature plugins. No listen(): tests build it too.
import { Elysia } from "elysia";
import { staticPlugin } from "@elysiajs/static";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { AppDeps } from "./deps.ts";
import { Bus } from "./realtime/bus.ts";
import { RateLimits } from "./limits/rate-limit.ts";
import { RoundClock } from "./rounds/clock.ts";
import { PUBLIC_DIR } from "./paths.ts";
import { apiError, pageError } from "./http/respond.tsx";
import { pickLang } from "../views/i18n.ts";
import { COOKIE } from "./auth/request.ts";
import { healthRoutes } from "./http/health.ts";
import { authRoutes } from "./auth/routes.tsx";
import { gameApiRoutes } from "./games/routes-api.ts";
import { joinRoutes } from "./games/routes-join.tsx";
import { teacherRoutes } from "./games/routes-teacher.tsx";
import { screenRoutes } from "./games/routes-screen.tsx";
import { ROUND_TYPES } from "./rounds/registry.ts";
import { roundControlRoutes } from "./rounds/routes.tsx";

export function buildDeps(db: Db, config: Config): AppDeps {
  const bus = new Bus(config.coalesceMs);
  const limits = new RateLimits({ join: config.rateLimitJoin, answer: config.rateLimitAnswer, create: config.rateLimitCreate, login: config.rateLimitLogin }, db);
  const clock = new RoundClock(db, bus);
  return { db, bus, config, limits, clock };
}

function langOf(request: Request): "ko" | "en" {
  const cookie = /(?:^|;\s*)tmc_lang=(ko|en)/.exec(request.headers.get("cookie") ?? "")?.[1];
  return pickLang(cookie, request.headers.get("accept-language"));
}

function isApi(request: Request): boolean {
  return new URL(request.url).pathname.startsWith("/api/");
}

export async function buildApp(deps: AppDeps) {
  const app = new Elysia({ serve: { reusePort: false, maxRequestBodySize: deps.config.bodyLimitBytes } })
    // Refuse oversized bodies before anything reads them.
    .onRequest(({ request }) => {
      const length = Number(request.headers.get("content-length") ?? "0");
      if (length > deps.config.bodyLimitBytes) {
        return isApi(request) || !request.headers.get("hx-request")
          ? apiError("payload_too_large", langOf(request))
          : pageError({ lang: langOf(request), isHtmx: true }, "payload_too_large");
      }
    })
    .onError(({ code, error, request }) => {
      const lang = langOf(request);
      const htmx = request.headers.get("hx-request") === "true";
      const api = isApi(request) || (request.headers.get("accept") ?? "").includes("application/json");
      let errCode: "invalid_input" | "invalid_json" | "not_found" | "payload_too_large" | "internal";
      let detail: Record<string, unknown> | undefined;
      if (code === "VALIDATION") {
        errCode = "invalid_input";
        const v = error as { all?: { path?: string; summary?: string; message?: string }[] };
        detail = { fields: (v.all ?? []).slice(0, 10).map((e) => ({ path: e.path, message: e.summary ?? e.message })) };
      } else if (code === "PARSE") {
        errCode = "invalid_json";
      } else if (code === "NOT_FOUND") {
        errCode = "not_found";
      } else if (String((error as Error)?.message ?? "").includes("body size") || (error as { code?: string })?.code === "ERR_BODY_TOO_LARGE") {
        errCode = "payload_too_large";
      } else {
        errCode = "internal";
        console.error(`http: ${request.method} ${new URL(request.url).pathname} failed:`, error);
      }
      if (api) return apiError(errCode, lang, detail);
      return pageError({ lang, isHtmx: htmx }, errCode);
    })
    .use(await staticPlugin({ assets: PUBLIC_DIR, prefix: "/public", maxAge: 31_536_000, directive: "public", alwaysStatic: false, silent: true }))
    .get("/lang/:lang", ({ params, cookie, headers }) => {
      const lang = params.lang === "en" ? "en" : "ko";
      cookie[COOKIE.lang]!.set({ value: lang, path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
      const back = headers.referer && URL.canParse(headers.referer) ? new URL(headers.referer).pathname + new URL(headers.referer).search : "/";
      return new Response(null, { status: 303, headers: { location: back.startsWith("/") && !back.startsWith("//") ? back : "/" } });
    })
    .use(healthRoutes(deps))
    .use(authRoutes(deps))
    .use(gameApiRoutes(deps))
    .use(joinRoutes(deps))
    .use(teacherRoutes(deps))
    .use(screenRoutes(deps))
    .use(roundControlRoutes(deps));
  for (const round of ROUND_TYPES) app.use(round.routes(deps));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
