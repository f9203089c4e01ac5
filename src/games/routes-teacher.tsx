// Teacher pages: dashboard, create, the game's lobby with its controls and live stream, roster.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import type { Who } from "../auth/request.ts";
import { edges, liveStream } from "../http/edges.ts";
import { html, pageError, pageFail, redirectAfterPost } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { fromForm, validator } from "../http/validate.ts";
import { fail, failText, type Result } from "../errors.ts";
import { createGame } from "./create.ts";
import { kickParticipant, moveParticipant, regroupTeams, removeSeatsFrom, renameTeam } from "./teams.ts";
import { previewRoster, saveRoster } from "./roster.ts";
import { findGame, listGames, listTeams, participantOfGame } from "./queries.ts";
import { teacherLive, teacherPartials, toUpdate } from "../live/views.ts";
import { afterCommit, GAME_ACTION_NAMES, runGameAction } from "./publish.ts";
import { CreateGameBody, PhaseQuery } from "./schemas.ts";
import { joinBaseUrl } from "../net.ts";
import { Notice } from "../../views/layout.tsx";
import { DashboardPage } from "../../views/games/dashboard.tsx";
import { LobbyPage, MemberPage } from "../../views/games/lobby.tsx";
import { RosterPreviewView } from "../../views/games/roster.tsx";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
const DONE = { ko: "완료", en: "Done" } as const;
const createGameBody = validator(CreateGameBody);

/** The create form's fields as the API's body: the same schema then checks both. */
function createInputFromForm(form: Record<string, unknown>): unknown {
  return {
    title: form.title,
    classLabel: fromForm.text(form.classLabel),
    teamCount: fromForm.int(form.teamCount),
    maxParticipants: fromForm.int(form.maxParticipants),
    joinMode: fromForm.text(form.joinMode),
    lateJoin: form.lateJoin === undefined || form.lateJoin === "" ? undefined : form.lateJoin === "on" ? true : form.lateJoin === "off" ? false : form.lateJoin,
    teamNames: typeof form.teamNames === "string" ? form.teamNames.split(/\r?\n/).map((s) => s.trim()).slice(0, 20) : form.teamNames,
  };
}

/** A lobby control's answer: a short notice for htmx (the live stream shows the change), else back to the page. */
function controlResult(w: Who, gameId: number, r: Result<object>): Response {
  if (!r.ok) return pageFail(w, r);
  return w.isHtmx ? html(Notice({ kind: "ok", message: DONE[w.lang] })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
}

export function teacherRoutes(deps: AppDeps) {
  const { db } = deps;
  /** Runs a control on game :id (the route is teacher-only). */
  const control = (w: Who, rawId: string, act: (gameId: number) => Result<object>) => {
    const gameId = idParam(rawId);
    if (gameId === null) return pageError(w, "game_not_found");
    return controlResult(w, gameId, act(gameId));
  };
  const publishLobby = <R extends Result<object>>(gameId: number, r: R) => afterCommit(deps, gameId, r, "lobby", "scores");

  const app = new Elysia()
    .use(edges(deps))
    .get("/teacher", ({ w }) => html(DashboardPage({ lang: w.lang, games: listGames(db, false) })), { teacher: "page" })
    .post("/teacher/games", ({ w, body }) => {
      const input = createGameBody.check(createInputFromForm(body));
      const r = input.ok ? createGame(db, { ...input.value, plan: undefined, lang: w.lang }) : input;
      if (!r.ok) {
        return w.isHtmx ? pageError(w, r.code, failText(r, w.lang)) : html(DashboardPage({ lang: w.lang, games: listGames(db, false), error: failText(r, w.lang) }), 400);
      }
      return redirectAfterPost(w, `/teacher/games/${r.game.id}`);
    }, { teacher: "page", limit: "create", body: t.Object({ title: t.String({ maxLength: 200 }), classLabel: t.Optional(t.String({ maxLength: 200 })), teamCount: t.String({ maxLength: 6 }), maxParticipants: t.String({ maxLength: 6 }), joinMode: t.Optional(t.String({ maxLength: 10 })), lateJoin: t.Optional(t.String({ maxLength: 3 })), teamNames: t.Optional(t.String({ maxLength: 2000 })) }) })
    .get("/teacher/games/:id", ({ w, params, request }) => {
      const gameId = idParam(params.id);
      const joinUrl = joinBaseUrl(request);
      const data = gameId === null ? null : read(db, (tx) => {
        const game = findGame(tx, gameId);
        return game ? teacherLive(tx, game, w.lang, joinUrl) : null;
      });
      if (!data) return pageError(w, "game_not_found");
      return html(LobbyPage(data.lobby));
    }, { teacher: "page", params: IdParams })
    .get("/teacher/games/:id/stream", (c) => {
      const { w, params, query, request } = c;
      const gameId = idParam(params.id);
      const game = gameId === null ? undefined : findGame(db, gameId);
      if (!game) return pageError(w, "game_not_found");
      const joinUrl = joinBaseUrl(request);
      const lang = w.lang;
      return liveStream(deps, c, {
        gameId: game.id,
        audience: `teacher:${lang}:${joinUrl}`,
        lane: "overview",
        topics: new Set(["lobby", "game", "round", "scores", "attempts"]),
        phase: query.phase ?? "",
        render: (clientPhase, baseline) => read(db, (tx) => {
          const g = findGame(tx, game.id);
          if (!g) return null;
          const live = teacherLive(tx, g, lang, joinUrl, Date.now(), baseline);
          const update = toUpdate(live.view, clientPhase);
          return { html: teacherPartials(live.lobby, baseline) + (update?.html ?? ""), phase: live.view.phase };
        }),
      });
    }, { teacher: "stream", params: IdParams, query: PhaseQuery })
    .post("/teacher/games/:id/rebalance", ({ w, params }) => control(w, params.id, (id) => publishLobby(id, regroupTeams(db, id, "rebalance"))), { teacher: "page", params: IdParams })
    .post("/teacher/games/:id/shuffle", ({ w, params }) => control(w, params.id, (id) => publishLobby(id, regroupTeams(db, id, "shuffle"))), { teacher: "page", params: IdParams })
    .post("/teacher/games/:id/teams/:teamId/rename", ({ w, params, body }) => control(w, params.id, (id) => {
      const teamId = idParam(params.teamId);
      return teamId === null ? fail("team_not_found") : publishLobby(id, renameTeam(db, id, teamId, body.name));
    }), { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }), teamId: t.String({ maxLength: 12 }) }), body: t.Object({ name: t.String({ maxLength: 200 }) }) })
    // Where a member's ⋯ link leads without the lobby's script: the move and remove forms.
    .get("/teacher/games/:id/participants/:pid", ({ w, params }) => {
      const gameId = idParam(params.id);
      const pid = idParam(params.pid);
      const data = gameId === null ? null : read(db, (tx) => {
        const game = findGame(tx, gameId);
        const member = game && pid !== null ? participantOfGame(tx, game.id, pid) : undefined;
        return game ? { game, member, teams: listTeams(tx, game.id) } : null;
      });
      if (!data) return pageError(w, "game_not_found");
      if (!data.member) return pageError(w, "participant_not_found");
      return html(MemberPage({ lang: w.lang, game: data.game, member: data.member, teams: data.teams }));
    }, { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }), pid: t.String({ maxLength: 12 }) }) })
    .post("/teacher/games/:id/participants/:pid/move", ({ w, params, body }) => control(w, params.id, (id) => {
      const pid = idParam(params.pid);
      const teamId = idParam(body.teamId);
      if (pid === null) return fail("participant_not_found");
      if (teamId === null) return fail("team_not_found");
      return publishLobby(id, moveParticipant(db, id, pid, teamId));
    }), { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }), pid: t.String({ maxLength: 12 }) }), body: t.Object({ teamId: t.String({ maxLength: 12 }) }) })
    .post("/teacher/games/:id/participants/:pid/kick", ({ w, params }) => control(w, params.id, (id) => {
      const pid = idParam(params.pid);
      return pid === null ? fail("participant_not_found") : publishLobby(id, kickParticipant(db, id, pid));
    }), { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }), pid: t.String({ maxLength: 12 }) }) })
    .post("/teacher/games/:id/addresses/remove", ({ w, params, body }) => control(w, params.id, (id) => publishLobby(id, removeSeatsFrom(db, id, body.address))), { teacher: "page", params: IdParams, body: t.Object({ address: t.String({ maxLength: 64 }) }) })
    .post("/teacher/games/:id/roster/preview", async ({ w, params, body }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return pageError(w, "game_not_found");
      const csv = await body.file.text();
      return html(RosterPreviewView({ lang: w.lang, gameId, preview: previewRoster(csv), csv }));
    }, { teacher: "page", params: IdParams, body: t.Object({ file: t.File({ maxSize: 1024 * 1024 }) }) })
    .post("/teacher/games/:id/roster/save", ({ w, params, body }) => control(w, params.id, (id) => publishLobby(id, saveRoster(db, id, previewRoster(body.csv)))), {
      teacher: "page",
      params: IdParams,
      body: t.Object({ csv: t.String({ maxLength: 1024 * 1024 }) }),
    });
  // The game's controls (start, finish, lock…): one table shared with the API (publish.ts). Archiving
  // has its own page routes (src/admin/routes-pages.ts): it leads back to the dashboard, not the game.
  for (const action of GAME_ACTION_NAMES.filter((a) => a !== "archive" && a !== "unarchive")) {
    app.post(`/teacher/games/:id/${action}`, ({ w, params }) => control(w, params.id, (id) => runGameAction(deps, action, id)), { teacher: "page", params: IdParams });
  }
  return app;
}
