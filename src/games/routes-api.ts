// The JSON API for games. Same domain functions as the pages.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { who, setSeatCookie } from "../auth/request.ts";
import { apiError, apiFail, json } from "../http/respond.tsx";
import { idParam, teacherApiGuard, apiRateLimited } from "../http/guards.ts";
import { createGame } from "./create.ts";
import { joinGame } from "./join.ts";
import { findGame, findGameByCode, listGames, listTeams } from "./queries.ts";
import { gameSnapshot } from "./state.ts";
import { isGameAction, runGameAction } from "./publish.ts";
import { CreateGameBody, GameStateQuery, JoinGameBody } from "./schemas.ts";
import { read } from "../db/client.ts";

export function gameApiRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia({ prefix: "/api" })
    .post("/create-game", (c) => {
      const w = who(db, c);
      const denied = teacherApiGuard(w);
      if (denied) return denied;
      const retry = deps.limits.check("create", w.clientKey, "/api/create-game");
      if (retry) return apiRateLimited(w, retry);
      const r = createGame(db, c.body);
      if (!r.ok) return apiFail(r, w.lang);
      const teams = listTeams(db, r.game.id);
      return json({ gameId: r.game.id, gameCode: r.game.code, teams: teams.map((tm) => ({ id: tm.id, name: tm.name, bracket: tm.bracket })) }, 201);
    }, { body: CreateGameBody })
    .get("/games", (c) => {
      const w = who(db, c);
      const denied = teacherApiGuard(w);
      if (denied) return denied;
      const rows = listGames(db);
      return json({ games: rows.map((g) => ({ id: g.id, code: g.code, title: g.title, classLabel: g.classLabel, status: g.status, locked: g.locked, joinMode: g.joinMode, teamCount: g.teamCount, participantCount: g.participantCount, maxParticipants: g.maxParticipants, createdAt: g.createdAt, archived: g.archivedAt !== null })) });
    })
    .post("/join-game", async (c) => {
      const w = who(db, c);
      const retry = deps.limits.check("join", w.clientKey, "/api/join-game");
      if (retry) return apiRateLimited(w, retry);
      const r = await joinGame(db, { ...c.body, gameCode: c.body.gameCode.trim(), existingToken: w.seatToken ?? undefined });
      if (!r.ok) return apiFail(r, w.lang);
      if (!r.rejoined) deps.bus.publish(r.game.id, "lobby");
      if (r.token) setSeatCookie(c, r.token);
      return json({ participantId: r.participant.id, teamId: r.participant.teamId, nickname: r.participant.nickname, gameId: r.game.id, token: r.token ?? undefined, rejoined: r.rejoined });
    }, { body: JoinGameBody })
    .get("/game-state", (c) => {
      const w = who(db, c);
      const id = c.query.gameId !== undefined ? idParam(c.query.gameId) : null;
      if (c.query.gameId !== undefined && id === null) return apiError("invalid_input", w.lang, { field: "gameId" });
      if (id === null && !c.query.gameCode) return apiError("invalid_input", w.lang, { field: "gameId" }, "Give gameId or gameCode.");
      const game = read(db, (tx) => (id !== null ? findGame(tx, id) : findGameByCode(tx, c.query.gameCode!.trim())));
      if (!game) return apiError("game_not_found", w.lang);
      return json(gameSnapshot(db, game));
    }, { query: GameStateQuery })
    .post("/games/:id/:action", (c) => {
      const w = who(db, c);
      const denied = teacherApiGuard(w);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const action = c.params.action;
      if (!isGameAction(action)) return apiError("not_found", w.lang);
      const r = runGameAction(deps, action, gameId);
      if (!r.ok) return apiFail(r, w.lang);
      const game = findGame(db, gameId)!;
      return json({ gameId, status: game.status, locked: game.locked, archived: game.archivedAt !== null });
    }, { params: t.Object({ id: t.String({ maxLength: 12 }), action: t.String({ maxLength: 20 }) }) });
}
