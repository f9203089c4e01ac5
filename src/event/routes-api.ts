// The event's JSON API (teacher): the plan, the next round, results, the ledger, adjustments.
import { Elysia } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import { edges } from "../http/edges.ts";
import { apiError, apiFail, json } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { fail } from "../errors.ts";
import { findGame, teamOfGame } from "../games/queries.ts";
import { roundModule } from "../rounds/registry.ts";
import { afterCommit } from "../games/publish.ts";
import { checkPlanItems, editPlan, readPlan, savePlan, type PlanEntry } from "./plan.ts";
import { startNextRound } from "./next-round.ts";
import { gameResults } from "./results.ts";
import { memberContributions } from "./contributions.ts";
import { gameLedger } from "./ledger.ts";
import { adjustScore, undoAdjustment } from "./adjust.ts";
import { AdjustBody, EventParams, GameParams, PositionParams, positionParam, LedgerQuery, PlanBody } from "./schemas.ts";
import { explainRow } from "../../views/event/explain.ts";

export function planJson(entries: PlanEntry[]) {
  return { rounds: entries.map((e) => ({ position: e.index + 1, type: e.type, settings: e.settings, state: e.state, sessionId: e.roundId, available: e.available })) };
}

export function eventApiRoutes(deps: AppDeps) {
  const { db } = deps;
  const gameOf = (raw: string) => {
    const id = idParam(raw);
    return id === null ? undefined : findGame(db, id);
  };
  return new Elysia({ prefix: "/api/games/:id" })
    .use(edges(deps))
    .get("/plan", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      return json(planJson(readPlan(db, game.id)));
    }, { teacher: "api", params: GameParams })
    .put("/plan", ({ w, params, body }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const items = checkPlanItems(body.rounds);
      if (!items.ok) return apiFail(items, w.lang);
      const r = afterCommit(deps, game.id, savePlan(db, game.id, items.items), "game");
      if (!r.ok) return apiFail(r, w.lang);
      return json(planJson(r.entries));
    }, { teacher: "api", params: GameParams, body: PlanBody })
    .post("/plan/:position/skip", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const index = positionParam(params.position);
      if (index === null) return apiError("plan_entry_not_found", w.lang);
      const r = afterCommit(deps, game.id, editPlan(db, game.id, { op: "skip", index }), "game");
      if (!r.ok) return apiFail(r, w.lang);
      return json(planJson(r.entries));
    }, { teacher: "api", params: PositionParams })
    .post("/next-round", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const r = startNextRound(db, game.id);
      if (!r.ok) return apiFail(r, w.lang);
      deps.clock.changed(r.round);
      deps.bus.publish(game.id, "game");
      return json({ sessionId: r.round.id, type: r.round.type, position: r.entry.index + 1, ...roundModule(r.round.type)!.start.response(db, r.round) }, 201);
    }, { teacher: "api", params: GameParams })
    .get("/results", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const data = read(db, (tx) => ({ results: gameResults(tx, game.id), members: memberContributions(tx, game.id) }));
      return json({
        gameId: game.id, status: game.status,
        rounds: data.results.rounds,
        brackets: data.results.brackets.map((b) => ({ bracket: b.bracket, teams: b.teams.map(({ teamId, name, rank, total, rounds, adjustments }) => ({ teamId, name, rank, total, rounds, adjustments })) })),
        members: data.members,
      });
    }, { teacher: "api", params: GameParams })
    .get("/ledger", ({ w, params, query }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const teamId = query.teamId === undefined || query.teamId === "" ? undefined : idParam(query.teamId);
      if (teamId === null) return apiError("invalid_input", w.lang, { field: "teamId" });
      const data = read(db, (tx) => (teamId !== undefined && !teamOfGame(tx, game.id, teamId) ? null : gameLedger(tx, game.id, teamId)));
      if (!data) return apiFail(fail("team_not_found"), w.lang);
      return json({
        gameId: game.id,
        ...(teamId !== undefined ? { teamId, score: data.teams.get(teamId)!.score } : {}),
        rows: data.rows.map((r) => ({
          eventId: r.eventId, teamId: r.teamId, team: r.team, delta: r.delta, total: r.total, at: r.at, reason: r.reason,
          sessionId: r.round?.sessionId ?? null, roundType: r.round?.type ?? null, roundNumber: r.round?.number ?? null,
          who: r.who ? { participantId: r.who.participantId, nickname: r.who.nickname, teamId: r.who.teamId } : null,
          source: r.source, steal: r.steal, undoneBy: r.undoneBy, text: explainRow(w.lang, r, data.teams),
        })),
      });
    }, { teacher: "api", params: GameParams, query: LedgerQuery })
    .post("/adjust", ({ w, params, body }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const r = afterCommit(deps, game.id, adjustScore(db, game.id, body), "scores");
      if (!r.ok) return apiFail(r, w.lang);
      return json({ eventId: r.eventId, teamId: r.teamId, applied: r.applied, teamScore: r.teamScore }, 201);
    }, { teacher: "api", params: GameParams, body: AdjustBody })
    .post("/adjust/:eventId/undo", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return apiError("game_not_found", w.lang);
      const eventId = idParam(params.eventId);
      if (eventId === null) return apiError("adjustment_not_found", w.lang);
      const r = afterCommit(deps, game.id, undoAdjustment(db, game.id, eventId), "scores");
      if (!r.ok) return apiFail(r, w.lang);
      return json({ eventId: r.eventId, undoes: r.undoes, teamId: r.teamId, applied: r.applied, teamScore: r.teamScore }, 201);
    }, { teacher: "api", params: EventParams });
}
