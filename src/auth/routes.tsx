import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { checkAdminPassword, createTeacherSession, endTeacherSession } from "./teacher.ts";
import { COOKIE, setTeacherCookie, who } from "./request.ts";
import { apiError, html, json, pageError, redirect, redirectAfterPost } from "../http/respond.tsx";
import { apiRateLimited, pageRateLimited } from "../http/guards.ts";
import { errorMessage } from "../errors.ts";
import { LoginPage } from "../../views/auth/login.tsx";
import { afterLogin } from "../guide/dismissal.ts";

/** Only same-site paths: `next` must not send the teacher to another host. */
function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next.slice(0, 200) : "/teacher";
}

export function authRoutes(deps: AppDeps) {
  return new Elysia()
    .get("/login", (c) => {
      const w = who(deps.db, c);
      return html(LoginPage({ lang: w.lang, next: safeNext(c.query.next) }));
    })
    .post("/login", async (c) => {
      const w = who(deps.db, c);
      const retry = deps.limits.check("login", w.clientKey, "/login");
      if (retry) return pageRateLimited(w, retry);
      if (!(await checkAdminPassword(deps.db, c.body.password))) {
        if (w.isHtmx) return pageError(w, "wrong_password");
        return html(LoginPage({ lang: w.lang, next: safeNext(c.body.next), error: errorMessage("wrong_password", w.lang) }), 401);
      }
      setTeacherCookie(c, createTeacherSession(deps.db, "cookie"));
      return redirectAfterPost(w, afterLogin(deps.db, safeNext(c.body.next)));
    }, { body: t.Object({ password: t.String({ maxLength: 200 }), next: t.Optional(t.String({ maxLength: 400 })) }) })
    .post("/logout", (c) => {
      const w = who(deps.db, c);
      endTeacherSession(deps.db, c.cookie[COOKIE.teacher]!.value);
      c.cookie[COOKIE.teacher]!.remove();
      return redirectAfterPost(w, "/login");
    })
    .get("/logout", () => redirect("/login"))
    .post("/api/login", async (c) => {
      const w = who(deps.db, c);
      const retry = deps.limits.check("login", w.clientKey, "/api/login");
      if (retry) return apiRateLimited(w, retry);
      if (!(await checkAdminPassword(deps.db, c.body.password))) return apiError("wrong_password", w.lang);
      return json({ token: createTeacherSession(deps.db, "bearer"), tokenType: "Bearer" });
    }, { body: t.Object({ password: t.String({ maxLength: 200 }) }, { additionalProperties: false }) });
}
