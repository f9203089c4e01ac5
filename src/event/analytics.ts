// The teacher's analytics: every team's score over time (from the ledger), round boundaries,
// points per round, answer accuracy and times (from the rounds' export rows), and a statistics
// card. Read in one transaction by the caller; numbers only — the views draw and word them.
import type { Conn } from "../db/client.ts";
import type { Game, Round } from "../db/schema.ts";
import type { ExportRow } from "../rounds/contract.ts";
import { listTeams } from "../games/queries.ts";
import { countParticipants } from "../games/queries.ts";
import { gameLedger } from "./ledger.ts";
import { groupByBracket, pointsByTeamAndRound } from "./results.ts";
import { isAnswer, roundRows } from "./contributions.ts";

export type SeriesPoint = { at: number; total: number };
export type Series = { teamId: number; name: string; points: SeriesPoint[] };
export type Boundary = { sessionId: number; number: number; type: Round["type"]; startedAt: number; finishedAt: number | null };
export type Timeline = { start: number; end: number; brackets: { bracket: string | null; series: Series[] }[]; rounds: Boundary[]; events: number };

/** Scores over time: each team's running total after each of its ledger rows, from the game's start to its end (or now). */
export function scoreTimeline(db: Conn, game: Game, now = Date.now()): Timeline {
  const ledger = gameLedger(db, game.id);
  const teams = listTeams(db, game.id);
  const rounds = roundRows(db, game.id).map(({ round, number }): Boundary => ({ sessionId: round.id, number, type: round.type, startedAt: round.startedAt, finishedAt: round.finishedAt }));
  const first = Math.min(game.startedAt ?? Infinity, ...ledger.rows.map((r) => r.at), ...rounds.map((r) => r.startedAt));
  const start = Number.isFinite(first) ? first : game.createdAt;
  const last = Math.max(start, ...ledger.rows.map((r) => r.at), ...rounds.map((r) => r.finishedAt ?? now));
  const end = game.finishedAt ?? last;
  const byTeam = new Map<number, SeriesPoint[]>(teams.map((t) => [t.id, [{ at: start, total: 0 }]]));
  for (const r of ledger.rows) byTeam.get(r.teamId)?.push({ at: r.at, total: r.total });
  const series = (t: (typeof teams)[number]): Series => {
    const points = byTeam.get(t.id)!;
    return { teamId: t.id, name: t.name, points: [...points, { at: Math.max(end, points[points.length - 1]!.at), total: t.score }] };
  };
  return { start, end: Math.max(end, start + 1), rounds, events: ledger.rows.length, brackets: groupByBracket(teams).map((g) => ({ bracket: g.bracket, series: g.teams.map(series) })) };
}

export type TeamAnswers = { teamId: number; name: string; answers: number; correct: number; medianMs: number | null; hints: number };
export type QuestionAnswers = { what: string; answers: number; correct: number; hints: number };
export type RoundAnalytics = {
  round: Round; number: number;
  points: { teamId: number; name: string; bracket: string | null; points: number }[];
  /** Teams' answers that say right or wrong; empty for a round type whose rows do not. */
  teams: TeamAnswers[];
  /** Per question (rows of kind answer/win, e.g. Score Steal and Relay, and hints on it), in the order first asked. */
  questions: QuestionAnswers[];
  rows: ExportRow[];
};

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

export function roundAnalytics(db: Conn, gameId: number, rounds = roundRows(db, gameId)): RoundAnalytics[] {
  const teams = listTeams(db, gameId);
  const points = pointsByTeamAndRound(db, gameId);
  return rounds.map(({ round, number, rows }) => {
    const answerRows = rows.filter(isAnswer);
    const perTeam = teams.map((t): TeamAnswers => {
      const mine = answerRows.filter((r) => r.teamId === t.id);
      return {
        teamId: t.id, name: t.name, answers: mine.length, correct: mine.filter((r) => r.correct).length,
        medianMs: median(mine.flatMap((r) => (r.answerMs === undefined ? [] : [r.answerMs]))),
        hints: rows.filter((r) => r.teamId === t.id && r.kind === "hint").length,
      };
    });
    const questions = new Map<string, QuestionAnswers>();
    // Rows in time order: a question is listed where it was first answered (or hinted).
    for (const r of rows) {
      const hint = r.kind === "hint";
      if (!hint && !(isAnswer(r) && (r.kind === "answer" || r.kind === "win"))) continue;
      const q = questions.get(r.what) ?? questions.set(r.what, { what: r.what, answers: 0, correct: 0, hints: 0 }).get(r.what)!;
      if (hint) q.hints++;
      else {
        q.answers++;
        if (r.correct) q.correct++;
      }
    }
    return {
      round, number, rows,
      points: teams.map((t) => ({ teamId: t.id, name: t.name, bracket: t.bracket, points: points.get(t.id)?.get(round.id) ?? 0 })),
      teams: answerRows.length || rows.some((r) => r.kind === "hint") ? perTeam : [],
      questions: [...questions.values()],
    };
  });
}

export type GameStats = { participants: number; teams: number; answers: number; correct: number; averageScore: number; bestScore: number; roundsPlayed: number };

export function gameStats(db: Conn, gameId: number, rounds = roundRows(db, gameId)): GameStats {
  const teams = listTeams(db, gameId);
  const answers = rounds.flatMap((r) => r.rows.filter(isAnswer));
  return {
    participants: countParticipants(db, gameId),
    teams: teams.length,
    answers: answers.length,
    correct: answers.filter((r) => r.correct).length,
    averageScore: teams.length ? Math.round(teams.reduce((n, t) => n + t.score, 0) / teams.length) : 0,
    bestScore: Math.max(0, ...teams.map((t) => t.score)),
    roundsPlayed: rounds.filter((r) => r.round.status === "finished").length,
  };
}
