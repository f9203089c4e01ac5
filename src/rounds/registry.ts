// Every round type has the same shape; app.ts and the live views go through this list.
import type { AnyElysia } from "elysia";
import type { Tx } from "../db/client.ts";
import type { Game, Round, Team } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import type { AppDeps } from "../deps.ts";
import { yearGame } from "./year-game/module.ts";

/**
 * A rendered round panel. `phase` names what is on screen (e.g. "yg-12-running"): when a
 * viewer already shows that phase, a live update sends only `partials` (so a student's
 * half-typed answer survives); otherwise it sends `full`, which replaces the phase panel.
 */
export type RoundView = { phase: string; full: string; partials: string };
/** What every view of a round is rendered for: its game (already read by the caller), the viewer's language, the time. */
export type ViewCtx = { game: Game; lang: Lang; now: number };

export type RoundModule = {
  type: Round["type"];
  /** Localised name, e.g. "Year Game" / "연도 게임". */
  label: Record<Lang, string>;
  routes(deps: AppDeps): AnyElysia;
  /** The teacher's form to start this round (rules with their defaults). */
  startForm(game: Game, lang: Lang): string;
  /** The round's part of GET /api/game-state. */
  state(tx: Tx, round: Round, now: number): Record<string, unknown>;
  /** What a student sees; it may depend only on their team, so one render serves the whole team. */
  studentView(tx: Tx, round: Round, team: Team, ctx: ViewCtx): RoundView;
  teamView(tx: Tx, round: Round, team: Team, ctx: ViewCtx): RoundView;
  teacherView(tx: Tx, round: Round, ctx: ViewCtx): RoundView;
  screenView(tx: Tx, round: Round, ctx: ViewCtx): RoundView;
  /** The full results (teacher's results page). */
  results(tx: Tx, round: Round, ctx: ViewCtx): string;
};

/** Adding a round type: a new folder of the same shape, and one line here. */
export const ROUND_TYPES: readonly RoundModule[] = [yearGame];

export function roundModule(type: string): RoundModule | undefined {
  return ROUND_TYPES.find((m) => m.type === type);
}
