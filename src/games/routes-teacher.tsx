// Teacher pages: dashboard, create, the game's lobby with its controls and live stream, roster.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import { who, type HttpCtx, type Who } from "../auth/request.ts";
import { html, pageError, redirectAfterPost } from "../http/respond.tsx";
import { idParam, teacherPageGuard, pageRateLimited } from "../http/guards.ts";
import { errorMessage, type Result } from "../errors.ts";
import { createGame, type JoinMode } from "./create.ts";
import { kickParticipant, moveParticipant, regroupTeams, renameTeam } from "./teams.ts";
import { previewRoster, saveRoster } from "./roster.ts";
import { findGame, listGames } from "./queries.ts";
import { teacherLive, teacherPartials, toUpdate } from "./live.ts";
import { afterCommit, runGameAction } from "./publish.ts";
import { sseResponse, streamDeps } from "../realtime/sse.ts";
import { PhaseQuery } from "./schemas.ts";
import { joinBaseUrl } from "../net.ts";
import { Notice } from "../../views/layout.tsx";
import { DashboardPage } from "../../views/games/dashboard.tsx";
import { LobbyPage } from "../../views/games/lobby.tsx";
import { RosterPreviewView } from "../../views/games/roster.tsx";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
const DONE = { ko: "완료", en: "Done" } as const;

/** A lobby control's answer: a short notice for htmx (the live stream shows the change), else back to the page. */
function controlResult(w: Who, gameId: number, r: Result<object>): Response {
  if (!r.ok) return pageError(w, r.code);
  return w.isHtmx ? html(Notice({ kind: "ok", message: DONE[w.lang] })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
}

export function teacherRoutes(deps: AppDeps) {
  const { db } = deps;
  /** Runs a guarded control on game :id. */
  const control = (c: HttpCtx & { params: { id: string } }, act: (gameId: number, w: Who) => Result<object>) => {
    const w = who(db, c);
    const gameId = idParam(c.params.id);
    const denied = teacherPageGuard(w, gameId ? `/teacher/games/${gameId}` : "/teacher");
    if (denied) return denied;
    if (gameId === null) return pageError(w, "game_not_found");
    return controlResult(w, gameId, act(gameId, w));
  };
  const publishLobby = <R extends Result<object>>(gameId: number, r: R) => afterCommit(deps, gameId, r, "lobby", "scores");

  return new Elysia()
    .get("/teacher", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher");
      if (denied) return denied;
      return html(DashboardPage({ lang: w.lang, games: listGames(db, false) }));
    })
    .post("/teacher/games", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, "/teacher");
      if (denied) return denied;
      const retry = deps.limits.check("create", w.clientKey, "/teacher/games");
      if (retry) return pageRateLimited(w, retry);
      const b = c.body;
      const teamCount = Number(b.teamCount);
      const r = createGame(db, {
        title: b.title,
        classLabel: b.classLabel,
        teamCount,
        maxParticipants: Number(b.maxParticipants),
        joinMode: (["auto", "choose", "roster"].includes(b.joinMode ?? "") ? b.joinMode : "auto") as JoinMode,
        lateJoin: b.lateJoin !== "off",
        teamNames: (b.teamNames ?? "").split(/\r?\n/).map((s) => s.trim()).slice(0, 20),
      });
      if (!r.ok) {
        const field = r.detail?.field ? ` (${String(r.detail.field)})` : "";
        return w.isHtmx ? pageError(w, r.code, errorMessage(r.code, w.lang) + field) : html(DashboardPage({ lang: w.lang, games: listGames(db, false), error: errorMessage(r.code, w.lang) + field }), 400);
      }
      return redirectAfterPost(w, `/teacher/games/${r.game.id}`);
    }, { body: t.Object({ title: t.String({ maxLength: 200 }), classLabel: t.Optional(t.String({ maxLength: 200 })), teamCount: t.String({ maxLength: 6 }), maxParticipants: t.String({ maxLength: 6 }), joinMode: t.Optional(t.String({ maxLength: 10 })), lateJoin: t.Optional(t.String({ maxLength: 3 })), teamNames: t.Optional(t.String({ maxLength: 2000 })) }) })
    .get("/teacher/games/:id", (c) => {
      const w = who(db, c);
      const gameId = idParam(c.params.id);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
      if (denied) return denied;
      const joinUrl = joinBaseUrl(c.request);
      const data = gameId === null ? null : read(db, (tx) => {
        const game = findGame(tx, gameId);
        return game ? teacherLive(tx, game, w.lang, joinUrl) : null;
      });
      if (!data) return pageError(w, "game_not_found");
      return html(LobbyPage(data.lobby));
    }, { params: IdParams })
    .get("/teacher/games/:id/stream", (c) => {
      const w = who(db, c);
      const gameId = idParam(c.params.id);
      if (!w.isTeacher()) return pageError(w, "unauthorized");
      const game = gameId === null ? undefined : findGame(db, gameId);
      if (!game) return pageError(w, "game_not_found");
      const joinUrl = joinBaseUrl(c.request);
      return sseResponse({
        gameId: game.id,
        audience: `teacher:${w.lang}:${joinUrl}`,
        lane: "overview",
        topics: new Set(["lobby", "game", "round", "scores", "attempts"]),
        phase: c.query.phase ?? "",
        render: (clientPhase) => read(db, (tx) => {
          const g = findGame(tx, game.id);
          if (!g) return null;
          const live = teacherLive(tx, g, w.lang, joinUrl);
          const update = toUpdate(live.view, clientPhase);
          return { html: teacherPartials(live.lobby) + (update?.html ?? ""), phase: live.view.phase };
        }),
      }, streamDeps(deps, c));
    }, { params: IdParams, query: PhaseQuery })
    .post("/teacher/games/:id/start", (c) => control(c, (id) => runGameAction(deps, "start", id)), { params: IdParams })
    .post("/teacher/games/:id/finish", (c) => control(c, (id) => runGameAction(deps, "finish", id)), { params: IdParams })
    .post("/teacher/games/:id/lock", (c) => control(c, (id) => runGameAction(deps, "lock", id)), { params: IdParams })
    .post("/teacher/games/:id/unlock", (c) => control(c, (id) => runGameAction(deps, "unlock", id)), { params: IdParams })
    .post("/teacher/games/:id/late-join-on", (c) => control(c, (id) => runGameAction(deps, "late-join-on", id)), { params: IdParams })
    .post("/teacher/games/:id/late-join-off", (c) => control(c, (id) => runGameAction(deps, "late-join-off", id)), { params: IdParams })
    .post("/teacher/games/:id/rebalance", (c) => control(c, (id) => publishLobby(id, regroupTeams(db, id, "rebalance"))), { params: IdParams })
    .post("/teacher/games/:id/shuffle", (c) => control(c, (id) => publishLobby(id, regroupTeams(db, id, "shuffle"))), { params: IdParams })
    .post("/teacher/games/:id/teams/:teamId/rename", (c) => control(c, (id) => {
      const teamId = idParam(c.params.teamId);
      return teamId === null ? { ok: false, code: "team_not_found" } : publishLobby(id, renameTeam(db, id, teamId, c.body.name));
    }), { params: t.Object({ id: t.String({ maxLength: 12 }), teamId: t.String({ maxLength: 12 }) }), body: t.Object({ name: t.String({ maxLength: 200 }) }) })
    .post("/teacher/games/:id/participants/:pid/move", (c) => control(c, (id) => {
      const pid = idParam(c.params.pid);
      const teamId = idParam(c.body.teamId);
      if (pid === null) return { ok: false, code: "participant_not_found" };
      if (teamId === null) return { ok: false, code: "team_not_found" };
      return publishLobby(id, moveParticipant(db, id, pid, teamId));
    }), { params: t.Object({ id: t.String({ maxLength: 12 }), pid: t.String({ maxLength: 12 }) }), body: t.Object({ teamId: t.String({ maxLength: 12 }) }) })
    .post("/teacher/games/:id/participants/:pid/kick", (c) => control(c, (id) => {
      const pid = idParam(c.params.pid);
      return pid === null ? { ok: false, code: "participant_not_found" } : publishLobby(id, kickParticipant(db, id, pid));
    }), { params: t.Object({ id: t.String({ maxLength: 12 }), pid: t.String({ maxLength: 12 }) }) })
    .post("/teacher/games/:id/roster/preview", async (c) => {
      const w = who(db, c);
      const gameId = idParam(c.params.id);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
      if (denied) return denied;
      if (gameId === null) return pageError(w, "game_not_found");
      const csv = await c.body.file.text();
      return html(RosterPreviewView({ lang: w.lang, gameId, preview: previewRoster(csv), csv }));
    }, { params: IdParams, body: t.Object({ file: t.File({ maxSize: 1024 * 1024 }) }) })
    .post("/teacher/games/:id/roster/save", (c) => control(c, (id) => publishLobby(id, saveRoster(db, id, previewRoster(c.body.csv)))), {
      params: IdParams,
      body: t.Object({ csv: t.String({ maxLength: 1024 * 1024 }) }),
    });
}
