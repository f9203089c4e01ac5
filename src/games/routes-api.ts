// The JSON API for games. Same domain functions as the pages.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { setSeatCookie } from "../auth/request.ts";
import { edges } from "../http/edges.ts";
import { apiError, apiFail, json } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { createGame } from "./create.ts";
import { checkPlanItems } from "../event/plan.ts";
import { joinGame } from "./join.ts";
import { deviceHash } from "../limits/rate-limit.ts";
import { findGame, findGameByCode, listGames, listTeams } from "./queries.ts";
import { gameSnapshot } from "../live/state.ts";
import { afterCommit, announceJoin, isGameAction, runGameAction } from "./publish.ts";
import { removeSeatsFrom } from "./teams.ts";
import { CreateGameBody, GameStateQuery, JoinGameBody } from "./schemas.ts";
import { read } from "../db/client.ts";

export function gameApiRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia({ prefix: "/api" })
    .use(edges(deps))
    .post("/create-game", ({ w, body }) => {
      const plan = body.plan ? checkPlanItems(body.plan) : null;
      if (plan && !plan.ok) return apiFail(plan, w.lang);
      const r = createGame(db, { ...body, plan: plan?.items, lang: w.lang });
      if (!r.ok) return apiFail(r, w.lang);
      const teams = listTeams(db, r.game.id);
      return json({ gameId: r.game.id, gameCode: r.game.code, teams: teams.map((tm) => ({ id: tm.id, name: tm.name, bracket: tm.bracket })) }, 201);
    }, { teacher: "api", limit: "create", body: CreateGameBody })
    .get("/games", () => {
      const rows = listGames(db);
      return json({ games: rows.map((g) => ({ id: g.id, code: g.code, title: g.title, classLabel: g.classLabel, status: g.status, locked: g.locked, joinMode: g.joinMode, teamCount: g.teamCount, participantCount: g.participantCount, maxParticipants: g.maxParticipants, createdAt: g.createdAt, archived: g.archivedAt !== null })) });
    }, { teacher: "api" })
    .post("/join-game", async ({ w, body, cookie }) => {
      const r = await joinGame(db, { ...body, gameCode: body.gameCode.trim(), existingToken: w.seatToken ?? undefined, address: w.address, device: deviceHash(w.device) });
      if (!r.ok) return apiFail(r, w.lang);
      if (!r.rejoined) announceJoin(deps.bus, r);
      if (r.token) setSeatCookie({ cookie }, r.token);
      return json({ participantId: r.participant.id, teamId: r.participant.teamId, nickname: r.participant.nickname, gameId: r.game.id, token: r.token ?? undefined, rejoined: r.rejoined });
    }, { limit: "join", body: JoinGameBody })
    .get("/game-state", ({ w, query }) => {
      const id = query.gameId !== undefined ? idParam(query.gameId) : null;
      if (query.gameId !== undefined && id === null) return apiError("invalid_input", w.lang, { field: "gameId" });
      if (id === null && !query.gameCode) return apiError("invalid_input", w.lang, { field: "gameId" });
      const game = read(db, (tx) => (id !== null ? findGame(tx, id) : findGameByCode(tx, query.gameCode!.trim())));
      // A finished game's state (its participant list) is the teacher's. Anyone else reaches a game
      // still in play by its code, or by its number only from a seat in it: game numbers count up
      // from 1, so by number alone a visitor could list every class's roster.
      const visible = game && (w.isTeacher() || (game.status !== "finished" && (id === null || w.participant()?.gameId === game.id)));
      if (!game || !visible) return apiError("game_not_found", w.lang);
      return json(gameSnapshot(db, game));
    }, { query: GameStateQuery })
    .post("/games/:id/addresses/remove", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const r = afterCommit(deps, gameId, removeSeatsFrom(db, gameId, body.address), "lobby", "scores");
      if (!r.ok) return apiFail(r, w.lang);
      return json({ gameId, address: body.address, removed: r.removed });
    }, { teacher: "api", params: t.Object({ id: t.String({ maxLength: 12 }) }), body: t.Object({ address: t.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }) })
    .post("/games/:id/:action", ({ w, params }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const action = params.action;
      if (!isGameAction(action)) return apiError("not_found", w.lang);
      const r = runGameAction(deps, action, gameId);
      if (!r.ok) return apiFail(r, w.lang);
      const game = findGame(db, gameId)!;
      return json({ gameId, status: game.status, locked: game.locked, archived: game.archivedAt !== null });
    }, { teacher: "api", params: t.Object({ id: t.String({ maxLength: 12 }), action: t.String({ maxLength: 20 }) }) });
}
