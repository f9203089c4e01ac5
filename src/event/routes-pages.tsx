// The event's teacher pages: the plan page and its edits, the next round, results, a team's
// ledger with adjustments, analytics, and the podium's controls. Plain forms; htmx where the game
// page posts them (its live plan region then shows the change).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import type { Who } from "../auth/request.ts";
import { edges } from "../http/edges.ts";
import { html, pageError, pageFail, redirectAfterPost } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { fromForm, validator } from "../http/validate.ts";
import { errorStatus, failText, type Fail, type Result } from "../errors.ts";
import { findGame, teamOfGame } from "../games/queries.ts";
import { afterCommit } from "../games/publish.ts";
import { roundModule } from "../rounds/registry.ts";
import { startRefusedPage } from "../rounds/start-refusal.tsx";
import { checkPlanItem, editPlan, historyLength, readPlan, type PlanEdit } from "./plan.ts";
import { offeredFields, settingsFromPlanForm } from "./settings-form.ts";
import { startNextRound } from "./next-round.ts";
import { gameResults } from "./results.ts";
import { memberContributions, roundRows } from "./contributions.ts";
import { gameLedger } from "./ledger.ts";
import { adjustScore, undoAdjustment } from "./adjust.ts";
import { gameStats, roundAnalytics, scoreTimeline } from "./analytics.ts";
import { movePodium } from "./podium.ts";
import { AdjustBody, EventParams, GameParams, PositionParams, positionParam, TeamParams } from "./schemas.ts";
import { Notice } from "../../views/layout.tsx";
import { PlanPage } from "../../views/event/plan-page.tsx";
import { ResultsPage } from "../../views/event/results.tsx";
import { LedgerPage } from "../../views/event/ledger.tsx";
import { AnalyticsPage } from "../../views/event/analytics.tsx";
import { et } from "../../views/event/text.ts";

const OPS = ["up", "down", "remove", "skip", "unskip"] as const;
const OpParams = t.Object({ id: t.String({ maxLength: 12 }), position: t.String({ maxLength: 3 }), op: t.String({ maxLength: 10 }) });
const DirParams = t.Object({ id: t.String({ maxLength: 12 }), dir: t.String({ maxLength: 10 }) });
/** A settings form: named fields, some repeated. */
const SettingsForm = t.Record(t.String({ maxLength: 60 }), t.Union([t.String({ maxLength: 2000 }), t.Array(t.String({ maxLength: 200 }), { maxItems: 50 })]));
const adjustBody = validator(AdjustBody);

export function eventPageRoutes(deps: AppDeps) {
  const { db } = deps;
  const gameOf = (raw: string) => {
    const id = idParam(raw);
    return id === null ? undefined : findGame(db, id);
  };

  const planPage = (w: Who, gameId: number, notice?: { kind: "ok" | "error"; text: string }, status = 200) => {
    const data = read(db, (tx) => {
      const game = findGame(tx, gameId);
      if (!game) return null;
      const entries = readPlan(tx, gameId);
      return { game, entries, history: historyLength(entries), fields: entries.map((e) => offeredFields(roundModule(e.type), w.lang)) };
    });
    if (!data) return pageError(w, "game_not_found");
    return html(PlanPage({ lang: w.lang, ...data, notice }), status);
  };

  /** A plan edit: announced to every screen; the game page (htmx) gets a notice, the plan page itself again. */
  const edit = (w: Who, gameId: number, change: PlanEdit | Fail) => {
    const r: Result = "ok" in change ? change : afterCommit(deps, gameId, editPlan(db, gameId, change), "game");
    if (w.isHtmx) return r.ok ? html(Notice({ kind: "ok", message: et(w.lang, "state_done") })) : pageFail(w, r);
    if (!r.ok) return planPage(w, gameId, { kind: "error", text: failText(r, w.lang) }, errorStatus(r.code));
    return redirectAfterPost(w, `/teacher/games/${gameId}/plan`);
  };

  const ledgerPage = (w: Who, gameId: number, teamId: number, notice?: { kind: "ok" | "error"; text: string }, status = 200) => {
    const data = read(db, (tx) => {
      const game = findGame(tx, gameId);
      const team = game && teamOfGame(tx, gameId, teamId);
      return game && team ? { game, team, ...gameLedger(tx, gameId, teamId) } : null;
    });
    if (!data) return pageError(w, "team_not_found");
    return html(LedgerPage({ lang: w.lang, ...data, notice }), status);
  };

  return new Elysia({ prefix: "/teacher/games/:id" })
    .use(edges(deps))
    .get("/plan", ({ w, params }) => {
      const game = gameOf(params.id);
      return game ? planPage(w, game.id) : pageError(w, "game_not_found");
    }, { teacher: "page", params: GameParams })
    .post("/plan/add", ({ w, params, body }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const item = checkPlanItem(body.type, {}, readPlan(db, game.id).length);
      return edit(w, game.id, item.ok ? { op: "add", item: item.item } : item);
    }, { teacher: "page", params: GameParams, body: t.Object({ type: t.String({ maxLength: 40 }) }) })
    .post("/plan/:position/settings", ({ w, params, body }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const index = positionParam(params.position);
      const entry = index === null ? undefined : readPlan(db, game.id)[index];
      if (!entry) return pageError(w, "plan_entry_not_found");
      const settings = settingsFromPlanForm(roundModule(entry.type), w.lang, body as Record<string, unknown>, entry.settings);
      const item = checkPlanItem(entry.type, settings, entry.index);
      return edit(w, game.id, item.ok ? { op: "settings", index: entry.index, settings: item.item.settings } : item);
    }, { teacher: "page", params: PositionParams, body: SettingsForm })
    .post("/plan/:position/:op", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const index = positionParam(params.position);
      const op = OPS.find((o) => o === params.op);
      if (!op) return pageError(w, "not_found");
      if (index === null) return pageError(w, "plan_entry_not_found");
      return edit(w, game.id, { op, index });
    }, { teacher: "page", params: OpParams })
    .post("/next-round", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const r = startNextRound(db, game.id);
      if (!r.ok) return startRefusedPage(w, r);
      deps.clock.changed(r.round);
      deps.bus.publish(game.id, "game");
      return w.isHtmx ? html(Notice({ kind: "ok", message: et(w.lang, "state_running") })) : redirectAfterPost(w, `/teacher/games/${game.id}`);
    }, { teacher: "page", params: GameParams })
    .get("/results", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const data = read(db, (tx) => ({ results: gameResults(tx, game.id), members: memberContributions(tx, game.id) }));
      return html(ResultsPage({ lang: w.lang, game, ...data }));
    }, { teacher: "page", params: GameParams })
    .get("/teams/:teamId/ledger", ({ w, params }) => {
      const gameId = idParam(params.id);
      const teamId = idParam(params.teamId);
      return gameId === null || teamId === null ? pageError(w, "team_not_found") : ledgerPage(w, gameId, teamId);
    }, { teacher: "page", params: TeamParams })
    .post("/adjust", ({ w, params, body }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const input = adjustBody.check({ teamId: fromForm.int(body.teamId), points: fromForm.int(body.points), reason: body.reason });
      const r = input.ok ? afterCommit(deps, game.id, adjustScore(db, game.id, input.value), "scores") : input;
      const teamId = idParam(body.teamId);
      if (!r.ok) return teamId === null || w.isHtmx ? pageFail(w, r) : ledgerPage(w, game.id, teamId, { kind: "error", text: failText(r, w.lang) }, errorStatus(r.code));
      return redirectAfterPost(w, `/teacher/games/${game.id}/teams/${r.teamId}/ledger`);
    }, { teacher: "page", params: GameParams, body: t.Object({ teamId: t.String({ maxLength: 12 }), points: t.String({ maxLength: 12 }), reason: t.String({ maxLength: 400 }) }) })
    .post("/adjust/:eventId/undo", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const eventId = idParam(params.eventId);
      if (eventId === null) return pageError(w, "adjustment_not_found");
      const r = afterCommit(deps, game.id, undoAdjustment(db, game.id, eventId), "scores");
      if (!r.ok) return pageFail(w, r);
      return redirectAfterPost(w, `/teacher/games/${game.id}/teams/${r.teamId}/ledger`);
    }, { teacher: "page", params: EventParams })
    .get("/analytics", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      const now = Date.now();
      const data = read(db, (tx) => {
        const rows = roundRows(tx, game.id);
        const rounds = roundAnalytics(tx, game.id, rows);
        const safeSections = new Map(rows.map(({ round }) => [round.id, roundModule(round.type)?.analytics?.(tx, round, { game, lang: w.lang, now }) ?? ""]));
        return { timeline: scoreTimeline(tx, game, now), rounds, stats: gameStats(tx, game.id, rows), members: memberContributions(tx, game.id, rows), results: gameResults(tx, game.id), safeSections };
      });
      return html(AnalyticsPage({ lang: w.lang, game, ...data }));
    }, { teacher: "page", params: GameParams })
    .post("/podium/:dir", ({ w, params }) => {
      const game = gameOf(params.id);
      if (!game) return pageError(w, "game_not_found");
      if (params.dir !== "next" && params.dir !== "back") return pageError(w, "not_found");
      const r = afterCommit(deps, game.id, movePodium(db, game.id, params.dir), "game");
      if (!r.ok) return pageFail(w, r);
      return w.isHtmx ? html(Notice({ kind: "ok", message: `${et(w.lang, "podium")}: ${r.revealed} / ${r.steps}` })) : redirectAfterPost(w, `/teacher/games/${game.id}`);
    }, { teacher: "page", params: DirParams });
}
