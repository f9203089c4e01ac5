// The Year Game as a round type: what each audience sees, and its part of the game state.
import { eq } from "drizzle-orm";
import type { Conn } from "../../db/client.ts";
import { games, type Round, type Team } from "../../db/schema.ts";
import type { RoundModule, RoundView, ViewCtx } from "../registry.ts";
import { bracketsOf, listParticipants, listTeams, rankTeams } from "../../games/queries.ts";
import { partial, str } from "../../../views/partial.ts";
import { attemptsSince, findsOfRound, findsOfTeam, recentAttempts, roundPoints, solutionsFor, yearConfigOf, type Find } from "./domain.ts";
import { drawDigits } from "./rules.ts";
import { yearGameRoutes } from "./routes.tsx";
import { StudentPanel, TeamGrid, TeamStatus, type TeamRoundView } from "../../../views/rounds/year-game/play.tsx";
import { RecentAttempts, StartForm, TeacherBoards, TeacherRunning, TeacherStatus, type TeacherRoundProps } from "../../../views/rounds/year-game/teacher.tsx";
import { ScreenPanel, ScreenStatus } from "../../../views/rounds/year-game/screen.tsx";
import { ResultsPanel } from "../../../views/rounds/year-game/results.tsx";
import { Ranking, type RankRow } from "../../../views/rounds/year-game/parts.tsx";
import { Grid } from "../../../views/rounds/year-game/parts.tsx";

/** Open = answers may still come (running before its end, or paused). */
function isOpen(round: Round, now: number): boolean {
  return round.status === "paused" || (round.status === "running" && round.endsAt > now);
}

function gameCode(db: Conn, gameId: number): string {
  return db.select({ code: games.code }).from(games).where(eq(games.id, gameId)).get()!.code;
}

function teamRound(db: Conn, round: Round, team: Team, ctx: ViewCtx): TeamRoundView {
  return { round, config: yearConfigOf(round), finds: findsOfTeam(db, round.id, team.id), teamScore: team.score, now: ctx.now, lang: ctx.lang };
}

function rankRows(db: Conn, round: Round): { rows: RankRow[]; brackets: string[]; teams: Team[] } {
  const teams = listTeams(db, round.gameId);
  const ranks = rankTeams(teams);
  const points = roundPoints(db, round.id);
  const rows = teams.map((t) => ({ ...t, rank: ranks.get(t.id)!, found: points.get(t.id)?.found ?? 0, roundPoints: points.get(t.id)?.points ?? 0 }));
  return { rows, brackets: bracketsOf(teams), teams };
}

function results(db: Conn, round: Round, ctx: ViewCtx, compact: boolean): string {
  const teams = listTeams(db, round.gameId);
  return str(ResultsPanel({ config: yearConfigOf(round), teams, finds: findsOfRound(db, round.id), members: listParticipants(db, round.gameId), solutions: solutionsFor(round), lang: ctx.lang, compact }));
}

export const yearGame: RoundModule = {
  type: "year_game",
  label: { ko: "연도 게임", en: "Year Game" },
  routes: yearGameRoutes,

  startForm: (game, lang) => str(StartForm({ game, lang, digits: drawDigits() })),

  state(db, round, now) {
    const config = yearConfigOf(round);
    const byTeam: Record<number, number[]> = {};
    for (const f of findsOfRound(db, round.id)) (byTeam[f.teamId] ??= []).push(f.target);
    return { digits: config.rules.digits, rules: config.rules, scoring: config.scoring, durationSeconds: config.durationSeconds, open: isOpen(round, now), foundByTeam: byTeam };
  },

  studentView(db, round, team, ctx): RoundView {
    const v = teamRound(db, round, team, ctx);
    if (!isOpen(round, ctx.now)) {
      const html = str(TeamStatus(v)) + str(TeamGrid(v));
      return { phase: `yg-${round.id}-over`, full: `<section class="card">${html}</section>${results(db, round, ctx, true)}`, partials: "" };
    }
    return {
      phase: `yg-${round.id}-open`,
      full: str(StudentPanel({ ...v, code: gameCode(db, round.gameId) })),
      partials: partial("yg-status", TeamStatus(v)) + partial("yg-grid", TeamGrid(v)),
    };
  },

  teamView(db, round, team, ctx): RoundView {
    const v = teamRound(db, round, team, ctx);
    const grid = str(Grid({ min: v.config.rules.targetMin, max: v.config.rules.targetMax, finds: v.finds, lang: ctx.lang, size: "big" }));
    const status = str(TeamStatus(v));
    return {
      phase: `yg-${round.id}-board`,
      full: `<section class="card yg-board"><div id="yg-b-status">${status}</div><div id="yg-b-grid">${grid}</div></section>`,
      partials: partial("yg-b-status", status) + partial("yg-b-grid", grid),
    };
  },

  teacherView(db, round, ctx): RoundView {
    if (!isOpen(round, ctx.now)) return { phase: `yg-${round.id}-finished`, full: results(db, round, ctx, false) + `<p><a href="/teacher/games/${round.gameId}/rounds/${round.id}">→ ${ctx.lang === "ko" ? "전체 결과 보기" : "Full results"}</a></p>`, partials: "" };
    const { rows, brackets, teams } = rankRows(db, round);
    const findsByTeam = new Map<number, Find[]>();
    for (const f of findsOfRound(db, round.id)) (findsByTeam.get(f.teamId) ?? findsByTeam.set(f.teamId, []).get(f.teamId)!).push(f);
    const game = db.select().from(games).where(eq(games.id, round.gameId)).get()!;
    const p: TeacherRoundProps = {
      game, round, config: yearConfigOf(round), rows, brackets, teams, findsByTeam, now: ctx.now, lang: ctx.lang,
      perMinute: attemptsSince(db, round.id, ctx.now - 60_000),
      recent: recentAttempts(db, round.id),
    };
    return {
      phase: `yg-${round.id}-running`,
      full: str(TeacherRunning(p)),
      partials: partial("yg-t-status", TeacherStatus(p)) + partial("yg-t-ranking", Ranking({ rows, brackets, lang: ctx.lang })) + partial("yg-t-recent", RecentAttempts(p)) + partial("yg-t-grids", TeacherBoards(p)),
    };
  },

  results: (db, round, ctx) => results(db, round, ctx, false),

  screenView(db, round, ctx): RoundView {
    const { rows, brackets } = rankRows(db, round);
    const p = { round, config: yearConfigOf(round), rows, brackets, now: ctx.now, lang: ctx.lang };
    const state = isOpen(round, ctx.now) ? "running" : "finished";
    return {
      phase: `yg-${round.id}-${state}`,
      full: str(ScreenPanel(p)),
      partials: partial("yg-s-status", ScreenStatus(p)) + partial("yg-s-ranking", Ranking({ rows, brackets, lang: ctx.lang, big: true })),
    };
  },
};
