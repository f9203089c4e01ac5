// Teacher pages: settings (backup, restore, password, language), the archive, deleting a game.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import { sessionToken, who, type HttpCtx, type Who } from "../auth/request.ts";
import { changeAdminPassword, PASSWORD_MAX } from "../auth/teacher.ts";
import { html, pageError, redirectAfterPost } from "../http/respond.tsx";
import { idParam, pageRateLimited, teacherPageGuard } from "../http/guards.ts";
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
  /** Resolves the teacher and the game id once for the routes on /teacher/games/:id/…. */
  const gamePage = (c: HttpCtx & { params: { id: string } }) => {
    const w = who(db, c);
    const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
    const gameId = idParam(c.params.id);
    return { w, denied, gameId };
  };

  /** Archive moves a game out of the dashboard (back there), unarchive back into it (back to the archive). */
  const archiveControl = (c: HttpCtx & { params: { id: string } }, action: "archive" | "unarchive") => {
    const { w, denied, gameId } = gamePage(c);
    if (denied) return denied;
    const r = gameId === null ? null : runGameAction(deps, action, gameId);
    if (!r?.ok) return pageError(w, r?.code ?? "game_not_found");
    return redirectAfterPost(w, action === "archive" ? "/teacher" : "/teacher/archive");
  };

  return new Elysia()
    .get("/teacher/settings", (c) => {
      const w = who(db, c);
      return teacherPageGuard(w, "/teacher/settings") ?? settingsPage(w);
    })
    .post("/teacher/settings/password", async (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher/settings");
      if (denied) return denied;
      const retry = deps.limits.check("login", w.clientKey, "/teacher/settings/password");
      if (retry) return pageRateLimited(w, retry);
      if (c.body.password !== c.body.repeat) return formResult(w, { kind: "error", message: at(w.lang, "passwords_differ") }, 400);
      const r = await changeAdminPassword(db, c.body.current, c.body.password, sessionToken(w, c));
      if (!r.ok) return formResult(w, { kind: "error", message: errorMessage(r.code, w.lang) }, errorStatus(r.code));
      return formResult(w, { kind: "ok", message: at(w.lang, "password_changed") });
    }, { body: t.Object({ current: t.String({ maxLength: PASSWORD_MAX }), password: t.String({ maxLength: PASSWORD_MAX }), repeat: t.String({ maxLength: PASSWORD_MAX }) }) })
    .post("/teacher/settings/language", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher/settings");
      if (denied) return denied;
      setDefaultLang(db, c.body.lang);
      return formResult(w, { kind: "ok", message: at(w.lang, "saved") });
    }, { body: t.Object({ lang: t.Union([t.Literal("ko"), t.Literal("en")]) }) })
    .post("/teacher/settings/restore", async (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher/settings");
      if (denied) return denied;
      if (c.body.confirm !== "yes") return settingsPage(w, { kind: "error", message: at(w.lang, "restore_unconfirmed") }, 400);
      const r = await restoreUpload(deps, c.body.file);
      if (!r.ok) return settingsPage(w, { kind: "error", message: errorMessage(r.code, w.lang) }, errorStatus(r.code));
      return settingsPage(w, { kind: "ok", message: atWith(w.lang, "restored", { n: r.games, file: basename(r.savedAs) }) });
    }, { body: t.Object({ file: t.File(), confirm: t.Optional(t.String({ maxLength: 3 })) }) })
    .get("/teacher/archive", (c) => {
      const w = who(db, c);
      return teacherPageGuard(w, "/teacher/archive") ?? html(ArchivePage({ lang: w.lang, games: listGames(db, true) }));
    })
    .post("/teacher/games/:id/archive", (c) => archiveControl(c, "archive"), { params: IdParams })
    .post("/teacher/games/:id/unarchive", (c) => archiveControl(c, "unarchive"), { params: IdParams })
    .get("/teacher/games/:id/delete", (c) => {
      const { w, denied, gameId } = gamePage(c);
      if (denied) return denied;
      const game = gameId === null ? undefined : read(db, (tx) => findGame(tx, gameId));
      if (!game) return pageError(w, "game_not_found");
      return html(DeleteGamePage({ lang: w.lang, game }));
    }, { params: IdParams })
    .post("/teacher/games/:id/delete", (c) => {
      const { w, denied, gameId } = gamePage(c);
      if (denied) return denied;
      const r = gameId === null ? null : deleteGame(db, gameId);
      if (!r?.ok) return pageError(w, r?.code ?? "game_not_found");
      deps.bus.publish(r.game.id, "lobby", "game");
      return redirectAfterPost(w, r.game.archivedAt !== null ? "/teacher/archive" : "/teacher");
    }, { params: IdParams });
}
