import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { checkAdminPassword, createTeacherSession, endTeacherSession } from "./teacher.ts";
import { COOKIE, setTeacherCookie } from "./request.ts";
import { edges } from "../http/edges.ts";
import { apiError, html, json, pageError, redirect, redirectAfterPost } from "../http/respond.tsx";
import { errorMessage } from "../errors.ts";
import { LoginPage } from "../../views/auth/login.tsx";
import { afterLogin } from "../guide/dismissal.ts";

/** Only same-site paths: `next` must not send the teacher to another host. */
function safeNext(next: unknown): string {
  return typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next.slice(0, 200) : "/teacher";
}

export function authRoutes(deps: AppDeps) {
  return new Elysia()
    .use(edges(deps))
    .get("/login", ({ w, query }) => html(LoginPage({ lang: w.lang, next: safeNext(query.next) })))
    .post("/login", async ({ w, body, cookie }) => {
      if (!(await checkAdminPassword(deps.db, body.password))) {
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
      if (!(await checkAdminPassword(deps.db, body.password))) return apiError("wrong_password", w.lang);
      return json({ token: createTeacherSession(deps.db, "bearer"), tokenType: "Bearer" });
    }, { limit: "login", body: t.Object({ password: t.String({ maxLength: 200 }) }, { additionalProperties: false }) });
}
