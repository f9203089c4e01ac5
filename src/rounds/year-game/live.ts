// What each audience sees of a Year Game round: phones, team boards, the teacher, the projector.
import type { Conn } from "../../db/client.ts";
import type { Round, Team } from "../../db/schema.ts";
import type { Baseline, RoundView, ViewCtx } from "../contract.ts";
import { bracketsOf, listTeams, rankTeams, teamsWithMembers } from "../../games/queries.ts";
import { KEEP_FOCUS, partial, str } from "../../../views/partial.ts";
import { attemptsSince, findsOfRound, recentAttempts, roundPoints, solutionsFor, teamFinds, yearConfigOf, type Find } from "./domain.ts";
import { StudentPanel, TeamGrid, TeamStatus, type TeamRoundView } from "../../../views/rounds/year-game/play.tsx";
import { RecentAttempts, TeacherBoards, TeacherRunning, TeacherStatus, type TeacherRoundProps } from "../../../views/rounds/year-game/teacher.tsx";
import { ScreenPanel, ScreenStatus } from "../../../views/rounds/year-game/screen.tsx";
import { ResultsPanel } from "../../../views/rounds/year-game/results.tsx";
import { cellUpdate, Grid, Ranking, type RankRow } from "../../../views/rounds/year-game/parts.tsx";
import { isOpen } from "../current.ts";
import { lazyView } from "../lazy-view.ts";
import { yt } from "../../../views/rounds/year-game/text.ts";

/** The team's round view, and a memo for renders of exactly these finds (see teamFinds). */
function teamRound(db: Conn, round: Round, team: Team, ctx: ViewCtx): { v: TeamRoundView; memo: Map<string, string>; version: string } {
  const { finds, memo, version } = teamFinds(db, round.id, team.id);
  return { v: { round, config: yearConfigOf(round), finds, teamScore: team.score, now: ctx.now, lang: ctx.lang }, memo, version };
}


/** A grid changes only when its team finds a number: render it once per version of the finds. */
function memoized(memo: Map<string, string>, key: string, render: () => JSX.Element): string {
  let html = memo.get(key);
  if (html === undefined) memo.set(key, (html = str(render())));
  return html;
}

/** Past this many new cells a phone gets the whole grid again (about the same size by then). */
const GRID_DELTA_MAX = 24;

/**
 * The grid part of a phone's update. A phone that already shows its team's grid gets only the
 * newly found cells: the whole grid is ~5 KB, and with two thousand phones in a gym every find
 * used to send it to every teammate (16 MB/s of Wi-Fi at a thousand answers a second). Finds
 * are only ever added and their ids grow, so "shows the finds up to id X" is the stream's
 * baseline (see Baseline in contract.ts). Outside a stream, or from another grid, it is whole.
 * Exported for tests.
 */
export function gridUpdate(v: TeamRoundView, team: Team, grid: () => string, seen: Baseline | undefined): string {
  const last = v.finds.reduce((m, f) => Math.max(m, f.id), 0);
  const prefix = `yg-grid:${v.round.id}:${team.id}:${v.lang}:`;
  const shown = seen?.shows.startsWith(prefix) ? Number(seen.shows.slice(prefix.length)) : -1;
  seen?.establish(prefix + last);
  if (shown < 0) return partial("yg-grid", grid());
  const fresh = v.finds.filter((f) => f.id > shown);
  if (fresh.length > GRID_DELTA_MAX) return partial("yg-grid", grid());
  return fresh.map((f) => cellUpdate(f, v.lang)).join("");
}

function rankRows(db: Conn, round: Round): { rows: RankRow[]; brackets: string[]; teams: Team[] } {
  const teams = listTeams(db, round.gameId);
  const ranks = rankTeams(teams);
  const points = roundPoints(db, round.id);
  const rows = teams.map((t) => ({ ...t, rank: ranks.get(t.id)!, found: points.get(t.id)?.found ?? 0, roundPoints: points.get(t.id)?.points ?? 0 }));
  return { rows, brackets: bracketsOf(teams), teams };
}

/**
 * The results panel, read now and rendered on demand: a live flush after the round sends it only
 * to a viewer arriving from another phase. The compact panel (phones) shows no solver examples,
 * so it does not run the solver.
 */
export function results(db: Conn, round: Round, ctx: ViewCtx, compact: boolean): () => string {
  const props = { config: yearConfigOf(round), teams: teamsWithMembers(db, round.gameId), finds: findsOfRound(db, round.id), solutions: compact ? new Map<number, string>() : solutionsFor(round), lang: ctx.lang, compact };
  return () => str(ResultsPanel(props));
}

export function yearState(db: Conn, round: Round, now: number): Record<string, unknown> {
  const config = yearConfigOf(round);
  const byTeam: Record<number, number[]> = {};
  for (const f of findsOfRound(db, round.id)) (byTeam[f.teamId] ??= []).push(f.target);
  return { digits: config.rules.digits, rules: config.rules, scoring: config.scoring, durationSeconds: config.durationSeconds, open: isOpen(round, now), foundByTeam: byTeam };
}

export function studentView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView {
  const { v, memo, version } = teamRound(db, round, team, ctx);
  // Drawn only when some phone is sent the whole grid: after a find, its phones get the new cells.
  const grid = () => memoized(memo, `grid:${ctx.lang}`, () => TeamGrid(v));
  if (!isOpen(round, ctx.now)) {
    const html = str(TeamStatus(v)) + grid();
    const panel = results(db, round, ctx, true);
    return lazyView(`yg-${round.id}-over`, () => `<section class="card">${html}</section>${panel()}`, "");
  }
  const code = ctx.game.code;
  // Everything the partials show but the countdown: the round's state, the finds, the score.
  const key = `${round.status}:${round.endsAt}:${round.pausedRemainingMs ?? ""}:${version}:${team.score}`;
  return lazyView(`yg-${round.id}-open`, () => str(StudentPanel({ ...v, code })), partial("yg-status", TeamStatus(v)) + gridUpdate(v, team, grid, ctx.baseline), key);
}

export function teamView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView {
  const { v, memo } = teamRound(db, round, team, ctx);
  const grid = memoized(memo, `board:${ctx.lang}`, () => Grid({ min: v.config.rules.targetMin, max: v.config.rules.targetMax, finds: v.finds, lang: ctx.lang, size: "big" }));
  const status = str(TeamStatus(v));
  return {
    phase: `yg-${round.id}-board`,
    full: `<section class="card yg-board"><div id="yg-b-status">${status}</div><div id="yg-b-grid">${grid}</div></section>`,
    partials: partial("yg-b-status", status) + partial("yg-b-grid", grid),
  };
}

export function teacherView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  if (!isOpen(round, ctx.now)) {
    const panel = results(db, round, ctx, false);
    return lazyView(`yg-${round.id}-finished`, () => panel() + `<p><a href="/teacher/games/${round.gameId}/rounds/${round.id}">→ ${yt(ctx.lang, "full_results")}</a></p>`, "");
  }
  const { rows, brackets, teams } = rankRows(db, round);
  const config = yearConfigOf(round);
  const findsByTeam = new Map<number, Find[]>();
  const safeGrids = new Map<number, string>();
  for (const t of teams) {
    const { finds, memo } = teamFinds(db, round.id, t.id);
    findsByTeam.set(t.id, finds);
    safeGrids.set(t.id, memoized(memo, `small:${ctx.lang}`, () => Grid({ min: config.rules.targetMin, max: config.rules.targetMax, finds, lang: ctx.lang, size: "small" })));
  }
  const p: TeacherRoundProps = {
    game: ctx.game, round, config, rows, brackets, teams, findsByTeam, safeGrids, now: ctx.now, lang: ctx.lang,
    perMinute: attemptsSince(db, round.id, ctx.now - 60_000),
    recent: recentAttempts(db, round.id),
  };
  return lazyView(
    `yg-${round.id}-running`,
    () => str(TeacherRunning(p)),
    partial("yg-t-status", TeacherStatus(p), KEEP_FOCUS) + partial("yg-t-ranking", Ranking({ rows, brackets, lang: ctx.lang })) + partial("yg-t-recent", RecentAttempts(p)) + partial("yg-t-grids", TeacherBoards(p)),
  );
}

export function screenView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  const { rows, brackets } = rankRows(db, round);
  const p = { round, config: yearConfigOf(round), rows, brackets, now: ctx.now, lang: ctx.lang };
  const state = isOpen(round, ctx.now) ? "running" : "finished";
  return lazyView(`yg-${round.id}-${state}`, () => str(ScreenPanel(p)), partial("yg-s-status", ScreenStatus(p)) + partial("yg-s-ranking", Ranking({ rows, brackets, lang: ctx.lang, big: true })));
}
