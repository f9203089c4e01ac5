// Builds the Elysia app from the feature plugins. No listen(): tests build it too.
import { Elysia } from "elysia";
import { staticPlugin } from "@elysiajs/static";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import type { AppDeps } from "./deps.ts";
import { Bus } from "./realtime/bus.ts";
import { RateLimits } from "./limits/rate-limit.ts";
import { StreamCaps, streamsTotal } from "./limits/streams.ts";
import { ActivityMeter } from "./activity/meter.ts";
import { DeviceCookies } from "./auth/device.ts";
import { ensureSecret } from "./auth/secrets.ts";
import { HostAllowlist, isCrossSite, pathOf } from "./http/host-and-origin.ts";
import { RoundClock } from "./rounds/clock.ts";
import { finishWhenPlanDone } from "./event/finish.ts";
import { PUBLIC_DIR } from "./paths.ts";
import { apiError, pageError } from "./http/respond.tsx";
import { BodyError, parseBody, type BodyLimit } from "./http/body.ts";
import { uploadLimits } from "./http/uploads.ts";
import { localPath } from "./http/local-path.ts";
import { pickLang } from "../views/i18n.ts";
import { COOKIE } from "./auth/request.ts";
import { healthRoutes } from "./http/health.ts";
import { authRoutes } from "./auth/routes.tsx";
import { gameApiRoutes } from "./games/routes-api.ts";
import { joinRoutes } from "./games/routes-join.tsx";
import { teacherRoutes } from "./games/routes-teacher.tsx";
import { screenRoutes } from "./live/routes-screen.tsx";
import { ROUND_TYPES, roundModule } from "./rounds/registry.ts";
import { roundRoutes } from "./rounds/routes.tsx";
import { eventApiRoutes } from "./event/routes-api.ts";
import { eventPageRoutes } from "./event/routes-pages.tsx";
import { adminRoutes } from "./admin/routes.ts";
import { ADMIN_UPLOADS } from "./admin/uploads.ts";
import { Ops } from "./admin/ops.ts";
import { defaultLang } from "./admin/site-settings.ts";
import { guideRoutes } from "./guide/routes.tsx";
import { exportRoutes } from "./exports/routes.ts";
import { activityRoutes } from "./activity/routes.ts";
import { questionRoutes } from "./questions/routes/index.ts";
import { QUESTION_UPLOADS } from "./questions/routes/uploads.ts";

export function buildDeps(db: Db, config: Config): AppDeps {
  const bus = new Bus(config.coalesceMs);
  const limits = new RateLimits(config, db);
  const streams = new StreamCaps({ perDevice: config.streamsPerDevice, perAddress: config.streamsPerAddress, total: streamsTotal(config.streamsTotal) });
  // Drawn on first start and kept: device cookies issued before a restart stay valid.
  const devices = new DeviceCookies(ensureSecret(db, "device_cookie_secret"));
  // The clock asks each round's type for its deadlines and what to close when one passes; a
  // finished round may end the event (its plan played out).
  const clock = new RoundClock(db, bus, {
    deadlines: (round) => roundModule(round.type)?.clock.deadlines(db, round) ?? [],
    expire: (round, now) => roundModule(round.type)?.clock.expire(db, round.id, now) ?? null,
    finished: (round) => finishWhenPlanDone(deps, round),
  });
  const deps: AppDeps = { db, bus, config, limits, clock, ops: new Ops(db, config, clock), devices, streams, hosts: new HostAllowlist(config.allowHosts), activity: new ActivityMeter() };
  return deps;
}

const LANG_COOKIE = new RegExp(`(?:^|;\\s*)${COOKIE.lang}=(ko|en)`);
function langOf(request: Request, fallback: "ko" | "en"): "ko" | "en" {
  const cookie = LANG_COOKIE.exec(request.headers.get("cookie") ?? "")?.[1];
  return pickLang(cookie, request.headers.get("accept-language"), fallback);
}

/** Validation failures as path + message, short: a message may quote the (hostile, huge) value. */
function validationFields(error: unknown): { path?: string; message?: string }[] {
  try {
    const v = error as { all?: { path?: string; summary?: string; message?: string }[] };
    return (v.all ?? []).slice(0, 10).map((e) => ({ path: e.path?.slice(0, 100), message: (e.summary ?? e.message)?.slice(0, 200) }));
  } catch {
    return [];
  }
}

function isApi(request: Request): boolean {
  return pathOf(request).startsWith("/api/");
}

type ErrCode = BodyError["code"] | "not_found" | "internal";

export async function buildApp(deps: AppDeps) {
  const viewerLang = (request: Request) => langOf(request, defaultLang(deps.db));
  const limit: BodyLimit = { bytes: deps.config.bodyLimitBytes, code: "payload_too_large" };
  // Routes taking files (a question's image, an import, a backup to restore) have their own, larger limits (src/http/uploads.ts).
  const uploadLimitOf = uploadLimits([...QUESTION_UPLOADS, ...ADMIN_UPLOADS], deps.config);
  // normalize: false — a body schema with additionalProperties: false refuses unknown fields
  // instead of silently dropping them (a misspelt `lateJoin` would otherwise be ignored).
  // Bun's own body limit stays out of the way: over it, Bun answers with a bare 413 and no error
  // code. The limit is enforced here instead — declared sizes in onRequest, streamed bodies
  // (chunked, no Content-Length) while parseBody reads them; every route's body goes through it.
  const app = new Elysia({ normalize: false, serve: { reusePort: false, maxRequestBodySize: Number.MAX_SAFE_INTEGER } })
    // Refuse bodies declared too large before anything reads them; parseBody counts the rest.
    // Before that, the two rules of src/http/host-and-origin.ts: a Host this server answers to,
    // and no cookie-authenticated change sent from another site.
    .onRequest(({ request }) => {
      const refuse = (code: "unknown_host" | "cross_site") => isApi(request) ? apiError(code, viewerLang(request)) : pageError({ lang: viewerLang(request), isHtmx: request.headers.get("hx-request") === "true" }, code);
      if (!deps.hosts.allows(request.headers.get("host"))) return refuse("unknown_host");
      if (isCrossSite(request)) return refuse("cross_site");
      const length = Number(request.headers.get("content-length") ?? "0");
      if (length <= limit.bytes) return;
      const upload = uploadLimitOf(request);
      if (upload && length <= upload.bytes) return;
      const code = upload?.code ?? limit.code;
      return isApi(request)
        ? apiError(code, viewerLang(request))
        : pageError({ lang: viewerLang(request), isHtmx: request.headers.get("hx-request") === "true" }, code);
    })
    // Only a multipart body can be an upload: other bodies skip the rule lookup.
    .onParse(({ request }, contentType) => parseBody(request, contentType, contentType === "multipart/form-data" ? (uploadLimitOf(request) ?? limit) : limit))
    .onError(({ code, error, request }) => {
      const lang = viewerLang(request);
      const htmx = request.headers.get("hx-request") === "true";
      const api = isApi(request) || (request.headers.get("accept") ?? "").includes("application/json");
      const cause = (error as { cause?: unknown })?.cause;
      let errCode: ErrCode;
      let detail: Record<string, unknown> | undefined;
      let message: string | undefined;
      if (code === "VALIDATION") {
        errCode = "invalid_input";
        detail = { fields: validationFields(error) };
      } else if (code === "PARSE" && cause instanceof BodyError) {
        errCode = cause.code;
        detail = cause.detail;
        message = cause.text?.[lang];
      } else if (code === "PARSE") {
        errCode = (request.headers.get("content-type") ?? "").includes("json") ? "invalid_json" : "invalid_input";
      } else if (code === "NOT_FOUND") {
        errCode = "not_found";
      } else if (String((error as Error)?.message ?? "").includes("body size") || (error as { code?: string })?.code === "ERR_BODY_TOO_LARGE") {
        errCode = "payload_too_large";
      } else if (error instanceof RangeError && /call stack/i.test(error.message)) {
        // Input too intricate for a recursive step (a validator walking a deep value): refused, not a crash.
        errCode = "invalid_input";
        detail = { reason: "too_complex" };
      } else {
        errCode = "internal";
        console.error(`http: ${request.method} ${pathOf(request)} failed:`, error);
      }
      if (api) return apiError(errCode, lang, detail, message);
      return pageError({ lang, isHtmx: htmx }, errCode, message);
    })
    .use(await staticPlugin({ assets: PUBLIC_DIR, prefix: "/public", maxAge: 31_536_000, directive: "public", alwaysStatic: false, silent: true }))
    .get("/lang/:lang", ({ params, cookie, headers, request }) => {
      if (params.lang !== "en" && params.lang !== "ko") return pageError({ lang: viewerLang(request), isHtmx: headers["hx-request"] === "true" }, "not_found");
      const lang = params.lang;
      cookie[COOKIE.lang]!.set({ value: lang, path: "/", sameSite: "lax", maxAge: 365 * 86_400 });
      const back = headers.referer && URL.canParse(headers.referer) ? new URL(headers.referer).pathname + new URL(headers.referer).search : "/";
      return new Response(null, { status: 303, headers: { location: localPath(back) ?? "/" } });
    })
    .use(healthRoutes(deps))
    .use(authRoutes(deps))
    .use(gameApiRoutes(deps))
    .use(joinRoutes(deps))
    .use(teacherRoutes(deps))
    .use(screenRoutes(deps))
    .use(guideRoutes(deps))
    .use(roundRoutes(deps))
    .use(eventApiRoutes(deps))
    .use(eventPageRoutes(deps))
    .use(adminRoutes(deps))
    .use(exportRoutes(deps))
    .use(activityRoutes(deps))
    .use(questionRoutes(deps));
  for (const round of ROUND_TYPES) if (round.routes) app.use(round.routes(deps));
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
