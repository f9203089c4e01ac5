// Teacher pages: settings (backup, restore, password, language), the archive, deleting a game.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import { sessionToken, type Who } from "../auth/request.ts";
import { edges } from "../http/edges.ts";
import { changeAdminPassword, PASSWORD_MAX } from "../auth/teacher.ts";
import { html, pageError, redirectAfterPost } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { errorMessage, errorStatus } from "../errors.ts";
import { findGame, listGames } from "../games/queries.ts";
import { runGameAction } from "../games/publish.ts";
import { Notice } from "../../views/layout.tsx";
import { SettingsPage, type SettingsProps } from "../../views/admin/settings.tsx";
import { ArchivePage, DeleteGamePage } from "../../views/admin/games.tsx";
import { at, atWith } from "../../views/admin/text.ts";
import { deleteGame } from "./cleanup.ts";
import { serverInfo } from "./settings-info.ts";
import { setDefaultLang } from "./site-settings.ts";
import { restoreUpload } from "./transfer.ts";
import { basename } from "node:path";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });

export function adminPageRoutes(deps: AppDeps) {
  const { db } = deps;
  const settingsPage = (w: Who, notice?: SettingsProps["notice"], status = 200) => html(SettingsPage({ lang: w.lang, info: serverInfo(db, deps.config), notice }), status);
  /** A settings form's answer: a notice for htmx, the page with the notice otherwise. */
  const formResult = (w: Who, notice: NonNullable<SettingsProps["notice"]>, status = 200) =>
    w.isHtmx ? html(Notice(notice), status) : settingsPage(w, notice, status);
  /** Archive moves a game out of the dashboard (back there), unarchive back into it (back to the archive). */
  const archiveControl = (w: Who, rawId: string, action: "archive" | "unarchive") => {
    const gameId = idParam(rawId);
    const r = gameId === null ? null : runGameAction(deps, action, gameId);
    if (!r?.ok) return pageError(w, r?.code ?? "game_not_found");
    return redirectAfterPost(w, action === "archive" ? "/teacher" : "/teacher/archive");
  };

  return new Elysia()
    .use(edges(deps))
    .get("/teacher/settings", ({ w }) => settingsPage(w), { teacher: "page" })
    .post("/teacher/settings/password", async (c) => {
      const { w, body } = c;
      if (body.password !== body.repeat) return formResult(w, { kind: "error", message: at(w.lang, "passwords_differ") }, 400);
      const r = await changeAdminPassword(db, body.current, body.password, sessionToken(w, c));
      if (!r.ok) return formResult(w, { kind: "error", message: errorMessage(r.code, w.lang) }, errorStatus(r.code));
      return formResult(w, { kind: "ok", message: at(w.lang, "password_changed") });
    }, { teacher: "page", limit: "login", body: t.Object({ current: t.String({ maxLength: PASSWORD_MAX }), password: t.String({ maxLength: PASSWORD_MAX }), repeat: t.String({ maxLength: PASSWORD_MAX }) }) })
    .post("/teacher/settings/language", ({ w, body }) => {
      setDefaultLang(db, body.lang);
      return formResult(w, { kind: "ok", message: at(w.lang, "saved") });
    }, { teacher: "page", body: t.Object({ lang: t.Union([t.Literal("ko"), t.Literal("en")]) }) })
    .post("/teacher/settings/restore", async ({ w, body, server, request }) => {
      // Checking and replacing a school's history takes seconds with nothing sent meanwhile (see GET /api/backup).
      server?.timeout(request, 0);
      if (body.confirm !== "yes") return settingsPage(w, { kind: "error", message: at(w.lang, "restore_unconfirmed") }, 400);
      const r = await restoreUpload(deps, body.file);
      if (!r.ok) return settingsPage(w, { kind: "error", message: errorMessage(r.code, w.lang) }, errorStatus(r.code));
      return settingsPage(w, { kind: "ok", message: atWith(w.lang, "restored", { n: r.games, file: basename(r.savedAs) }) });
    }, { teacher: "page", body: t.Object({ file: t.File(), confirm: t.Optional(t.String({ maxLength: 3 })) }) })
    .get("/teacher/archive", ({ w }) => html(ArchivePage({ lang: w.lang, games: listGames(db, true) })), { teacher: "page" })
    .post("/teacher/games/:id/archive", ({ w, params }) => archiveControl(w, params.id, "archive"), { teacher: "page", params: IdParams })
    .post("/teacher/games/:id/unarchive", ({ w, params }) => archiveControl(w, params.id, "unarchive"), { teacher: "page", params: IdParams })
    .get("/teacher/games/:id/delete", ({ w, params }) => {
      const gameId = idParam(params.id);
      const game = gameId === null ? undefined : read(db, (tx) => findGame(tx, gameId));
      if (!game) return pageError(w, "game_not_found");
      return html(DeleteGamePage({ lang: w.lang, game }));
    }, { teacher: "page", params: IdParams })
    .post("/teacher/games/:id/delete", ({ w, params }) => {
      const gameId = idParam(params.id);
      const r = gameId === null ? null : deleteGame(db, gameId);
      if (!r?.ok) return pageError(w, r?.code ?? "game_not_found");
      deps.bus.publish(r.game.id, "lobby", "game");
      return redirectAfterPost(w, r.game.archivedAt !== null ? "/teacher/archive" : "/teacher");
    }, { teacher: "page", params: IdParams });
}
