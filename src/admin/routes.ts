// The JSON API for backup, restore, deleting games and the teacher password (teacher only), and
// the settings and cleanup pages (routes-pages.ts). Archive/unarchive are game controls
// (GAME_ACTIONS): POST /api/games/<id>/archive|unarchive.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { sessionToken } from "../auth/request.ts";
import { edges, teacherDenied } from "../http/edges.ts";
import { changeAdminPassword, PASSWORD_MAX } from "../auth/teacher.ts";
import { apiError, apiFail, json } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { deleteGame } from "./cleanup.ts";
import { isLocalAdmin } from "./local-admin.ts";
import { adminPageRoutes } from "./routes-pages.ts";
import { backupDownload, restoreUpload } from "./transfer.ts";

export function adminRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/api/backup", async ({ w, server, request }) => {
      // `tmc backup` on this machine holds this run's local token instead of a teacher session.
      const local = isLocalAdmin(w.bearer, deps.ops.localToken, server?.requestIP(request)?.address, deps.config.host);
      if (!local) {
        const denied = teacherDenied(w, "api", request);
        if (denied) return denied;
      }
      // No byte is sent until the copy is made (seconds on a school's history, more on a slow
      // laptop): without this, the server's idle timeout (30 s) closes the connection mid-copy.
      server?.timeout(request, 0);
      return backupDownload(deps);
    })
    .post("/api/restore", async ({ w, body, server, request }) => {
      // Checking and replacing a school's history takes seconds with nothing sent meanwhile (see GET /api/backup).
      server?.timeout(request, 0);
      const r = await restoreUpload(deps, body.file);
      if (!r.ok) return apiFail(r, w.lang);
      return json({ restored: true, games: r.games, migrated: r.migrated, savedAs: r.savedAs, screensReloaded: r.screensReloaded });
    }, { teacher: "api", body: t.Object({ file: t.File() }) })
    .delete("/api/games/:id", ({ w, params }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const r = deleteGame(db, gameId);
      if (!r.ok) return apiFail(r, w.lang);
      // Phones still in a deleted waiting game learn they have no seat (their stream ends).
      deps.bus.publish(gameId, "lobby", "game");
      return json({ deleted: true, gameId });
    }, { teacher: "api", params: t.Object({ id: t.String({ maxLength: 12 }) }) })
    // The current password is a password guess: limited like a login.
    .post("/api/settings/password", async (c) => {
      const r = await changeAdminPassword(db, c.body.current, c.body.password, sessionToken(c.w, c));
      if (!r.ok) return apiFail(r, c.w.lang);
      return json({ changed: true });
    }, { teacher: "api", limit: "login", body: t.Object({ current: t.String({ maxLength: PASSWORD_MAX }), password: t.String({ maxLength: PASSWORD_MAX }) }, { additionalProperties: false }) })
    .use(adminPageRoutes(deps));
}
