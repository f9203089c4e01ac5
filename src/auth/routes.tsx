import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { checkAdminPassword, createTeacherSession, endTeacherSession } from "./teacher.ts";
import { COOKIE, setTeacherCookie, type Who } from "./request.ts";
import { edges } from "../http/edges.ts";
import { apiError, html, json, pageError, redirect, redirectAfterPost } from "../http/respond.tsx";
import { apiRateLimited, pageRateLimited } from "../http/guards.ts";
import { localPath } from "../http/local-path.ts";
import { errorMessage } from "../errors.ts";
import { LoginPage } from "../../views/auth/login.tsx";
import { afterLogin } from "../guide/dismissal.ts";

/** Where to go after logging in: a path on this server (see local-path.ts), else the dashboard. */
function safeNext(next: unknown): string {
  const path = localPath(next);
  return path && path.length <= 400 ? path : "/teacher";
}

/**
 * Checks a password under the address's backoff (src/limits/login-backoff.ts): "wait" with the
 * seconds left while a run of failures from this address is being paid for.
 */
async function attemptLogin(deps: AppDeps, w: Who, password: string): Promise<{ ok: boolean } | { wait: number }> {
  const wait = deps.limits.loginBackoff.begin(w.address);
  if (wait) return { wait };
  let ok = false;
  try {
    ok = await checkAdminPassword(deps.db, password);
  } finally {
    deps.limits.loginBackoff.end(w.address, ok);
  }
  return { ok };
}

export function authRoutes(deps: AppDeps) {
  return new Elysia()
    .use(edges(deps))
    .get("/login", ({ w, query }) => html(LoginPage({ lang: w.lang, next: safeNext(query.next) })))
    .post("/login", async ({ w, body, cookie }) => {
      const r = await attemptLogin(deps, w, body.password);
      if ("wait" in r) {
        if (w.isHtmx) return pageRateLimited(w, r.wait);
        return html(LoginPage({ lang: w.lang, next: safeNext(body.next), error: errorMessage("rate_limited", w.lang) }), 429, { "Retry-After": String(r.wait) });
      }
      if (!r.ok) {
        if (w.isHtmx) return pageError(w, "wrong_password");
        return html(LoginPage({ lang: w.lang, next: safeNext(body.next), error: errorMessage("wrong_password", w.lang) }), 401);
      }
      setTeacherCookie({ cookie }, createTeacherSession(deps.db, "cookie"));
      return redirectAfterPost(w, afterLogin(deps.db, safeNext(body.next)));
    }, { limit: "login", body: t.Object({ password: t.String({ maxLength: 200 }), next: t.Optional(t.String({ maxLength: 400 })) }) })
    .post("/logout", ({ w, cookie }) => {
      endTeacherSession(deps.db, cookie[COOKIE.teacher]!.value);
      cookie[COOKIE.teacher]!.remove();
      return redirectAfterPost(w, "/login");
    })
    .get("/logout", () => redirect("/login"))
    .post("/api/login", async ({ w, body }) => {
      const r = await attemptLogin(deps, w, body.password);
      if ("wait" in r) return apiRateLimited(w, r.wait);
      if (!r.ok) return apiError("wrong_password", w.lang);
      return json({ token: createTeacherSession(deps.db, "bearer"), tokenType: "Bearer" });
    }, { limit: "login", body: t.Object({ password: t.String({ maxLength: 200 }) }, { additionalProperties: false }) });
}
