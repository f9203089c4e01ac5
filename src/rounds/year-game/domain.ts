// Year Game storage: start a round, judge and record answers, read grids and results.
// Judging (pure, rules.ts) happens before the transaction so the write lock is held only
// for the few statements that must be atomic.
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { write, type Conn, type Db } from "../../db/client.ts";
import { writeGrouped } from "../../db/group-commit.ts";
import { games, participants, rounds, teams, yearAttempts, yearFinds, type Round } from "../../db/schema.ts";
import { fail, type Result } from "../../errors.ts";
import { award } from "../../scoring/ledger.ts";
import { isAcceptingAnswers, openRound } from "../current.ts";
import { preparedFor } from "../../db/prepared.ts";
import { checkExpression, defaultYearRules, drawDigits, pointsFor, solve, type YearOperators, type YearProblem, type YearRules, type YearScoring } from "./rules.ts";

export type YearConfig = { rules: YearRules; scoring: YearScoring; durationSeconds: number };

export type StartYearInput = {
  digits?: number[];
  targetMin?: number;
  targetMax?: number;
  operators?: Partial<YearOperators>;
  durationSeconds?: number;
  scoring?: YearScoring["kind"];
  flatPoints?: number;
};

const YEAR_DEFAULTS = { durationSeconds: 20 * 60, targetMin: 1, targetMax: 100 } as const;

function parseYearConfig(round: Round): YearConfig {
  return JSON.parse(round.config) as YearConfig;
}

/** Builds the round's rules from the teacher's choices, filling TMC's defaults. */
function yearConfigFrom(input: StartYearInput, random: () => number = Math.random): Result<{ config: YearConfig }> {
  const digits = input.digits ?? drawDigits(random);
  if (digits.length < 2 || digits.length > 6 || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) return fail("invalid_input", { field: "digits" }, "Give 2 to 6 digits, each 0–9.");
  const rules = defaultYearRules(digits);
  rules.targetMin = input.targetMin ?? YEAR_DEFAULTS.targetMin;
  rules.targetMax = input.targetMax ?? YEAR_DEFAULTS.targetMax;
  if (!Number.isInteger(rules.targetMin) || !Number.isInteger(rules.targetMax) || rules.targetMin < 0 || rules.targetMax > 1000 || rules.targetMin > rules.targetMax || rules.targetMax - rules.targetMin > 999) {
    return fail("invalid_input", { field: "targetMax" }, "The target range must be whole numbers from 0 to 1000, lowest first.");
  }
  rules.operators = { ...rules.operators, ...input.operators };
  const durationSeconds = input.durationSeconds ?? YEAR_DEFAULTS.durationSeconds;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 10 || durationSeconds > 4 * 3600) return fail("invalid_input", { field: "durationSeconds" }, "The time limit must be between 10 seconds and 4 hours.");
  const kind = input.scoring ?? "value";
  const scoring: YearScoring = kind === "flat" ? { kind, points: input.flatPoints ?? 10 } : { kind };
  if (scoring.kind === "flat" && (!Number.isInteger(scoring.points) || scoring.points < 1 || scoring.points > 1000)) return fail("invalid_input", { field: "flatPoints" });
  return { ok: true, config: { rules, scoring, durationSeconds } };
}

export function startYearRound(db: Db, gameId: number, input: StartYearInput, now = Date.now()): Result<{ round: Round }> {
  const built = yearConfigFrom(input);
  if (!built.ok) return built;
  return write(db, (tx) => {
    const game = tx.select().from(games).where(eq(games.id, gameId)).get();
    if (!game) return fail("game_not_found");
    if (game.status !== "started") return fail("bad_state", undefined, game.status === "waiting" ? "Start the game before a round." : "The game is finished.");
    if (openRound(tx, gameId)) return fail("round_running");
    const round = tx.insert(rounds).values({
      gameId, type: "year_game", status: "running", config: JSON.stringify(built.config), startedAt: now, endsAt: now + built.config.durationSeconds * 1000,
    }).returning().get();
    return { ok: true, round };
  });
}

export type SubmitInput = { participantId: number; roundId: number; expression: string; targetNumber?: number };

/** Rule problems, plus a claimed target that differs from the expression's value. */
export type SubmitProblem = Omit<YearProblem, "reason"> & { reason: YearProblem["reason"] | "target_mismatch" };

export type SubmitOk = { target: number; points: number; teamScore: number; gameId: number; teamId: number; normalized: string };
export type SubmitResult =
  | ({ ok: true } & SubmitOk)
  | { ok: false; code: "already_found"; foundBy: string; target: number; gameId: number }
  | { ok: false; code: "invalid_expression"; problem: SubmitProblem; gameId: number }
  | { ok: false; code: "round_closed" | "round_not_found" | "not_participant"; gameId?: number };

// Hot path: prepared once per database. Every answer runs these inside an IMMEDIATE transaction
// (shared with the answers that arrived with it, see group-commit.ts).
// `configs`: the rules of rounds answered on this database, by id — a round's rules never change
// once it starts, so judging does not read the round twice (the transaction still re-reads it).
function prepare(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  return {
    configs: new Map<number, YearConfig>(),
    round: db.select().from(rounds).where(eq(rounds.id, p("id"))).prepare(),
    // What an answer needs to know of its round, read in its transaction (not the rules: see configs).
    roundState: db.select({ id: rounds.id, gameId: rounds.gameId, type: rounds.type, status: rounds.status, endsAt: rounds.endsAt }).from(rounds).where(eq(rounds.id, p("id"))).prepare(),
    participant: db.select({ id: participants.id, gameId: participants.gameId, teamId: participants.teamId, nickname: participants.nickname }).from(participants).where(eq(participants.id, p("id"))).prepare(),
    insertFind: db.insert(yearFinds).values({
      roundId: p("roundId"), teamId: p("teamId"), target: p("target"), participantId: p("participantId"), finderName: p("finderName"), expression: p("expression"), points: p("points"),
    }).onConflictDoNothing().returning({ id: yearFinds.id }).prepare(),
    finder: db.select({ name: yearFinds.finderName }).from(yearFinds).where(and(eq(yearFinds.roundId, p("roundId")), eq(yearFinds.teamId, p("teamId")), eq(yearFinds.target, p("target")))).prepare(),
    insertAttempt: db.insert(yearAttempts).values({
      roundId: p("roundId"), teamId: p("teamId"), participantId: p("participantId"), expression: p("expression"), value: p("value"), result: p("result"), reason: p("reason"), points: p("points"), createdAt: p("createdAt"),
    }).prepare(),
  };
}
const statements = (db: Db) => preparedFor(db, prepare);

/**
 * Config parsing is cached by the stored JSON itself, not by round id: ids repeat across
 * databases (a test run opens many), and the same JSON always parses to the same rules.
 */
const configCache = new Map<string, YearConfig>();
export function yearConfigOf(round: Round): YearConfig {
  let c = configCache.get(round.config);
  if (!c) {
    c = parseYearConfig(round);
    if (configCache.size > 1000) configCache.clear();
    configCache.set(round.config, c);
  }
  return c;
}

/**
 * Judges an answer and records it. Answers are recorded one at a time under the write lock, in
 * arrival order: of five teammates sending 76 at once, the first finds it and the other four see
 * `already_found` (the UNIQUE (round, team, target) index backs this). Answers arriving together
 * share one transaction (group commit); the promise settles after it commits.
 */
export async function submitYearAnswer(db: Db, input: SubmitInput, now = Date.now()): Promise<SubmitResult> {
  const st = statements(db);
  let config = st.configs.get(input.roundId);
  if (!config) {
    const roundRow = st.round.get({ id: input.roundId });
    if (!roundRow || roundRow.type !== "year_game") return { ok: false, code: "round_not_found" };
    config = yearConfigOf(roundRow);
    if (st.configs.size > 1000) st.configs.clear();
    st.configs.set(input.roundId, config);
  }
  const expression = input.expression.slice(0, 200);
  const verdict = checkExpression(expression, config.rules);
  const mismatch = verdict.ok && input.targetNumber !== undefined && input.targetNumber !== verdict.value;
  return await writeGrouped(db, (tx): SubmitResult => {
    const round = st.roundState.get({ id: input.roundId });
    if (!round || round.type !== "year_game") return { ok: false, code: "round_not_found" };
    const who = st.participant.get({ id: input.participantId });
    if (!who || who.gameId !== round.gameId) return { ok: false, code: "not_participant" };
    if (!isAcceptingAnswers(round, now)) return { ok: false, code: "round_closed", gameId: round.gameId };
    const base = { roundId: round.id, teamId: who.teamId, participantId: who.id, expression, createdAt: now };
    if (!verdict.ok || mismatch) {
      const problem: SubmitProblem = verdict.ok
        ? { reason: "target_mismatch", message: `The expression makes ${verdict.value}, not ${input.targetNumber}.`, messageKo: `이 식의 값은 ${input.targetNumber}이(가) 아니라 ${verdict.value}입니다.` }
        : { reason: verdict.reason, message: verdict.message, messageKo: verdict.messageKo };
      st.insertAttempt.run({ ...base, value: verdict.ok ? verdict.value : null, result: "invalid", reason: problem.reason, points: 0 });
      return { ok: false, code: "invalid_expression", problem, gameId: round.gameId };
    }
    const target = verdict.value;
    const points = pointsFor(target, config.scoring);
    // Most correct-looking answers in a busy round are numbers the team already has: look first
    // (the write lock is held, so nothing can slip in between), insert only a new number.
    const by = st.finder.get({ roundId: round.id, teamId: who.teamId, target });
    const inserted = by ? [] : st.insertFind.all({ roundId: round.id, teamId: who.teamId, target, participantId: who.id, finderName: who.nickname, expression: verdict.normalized, points });
    if (inserted.length === 0) {
      st.insertAttempt.run({ ...base, value: target, result: "duplicate", reason: "already_found", points: 0 });
      return { ok: false, code: "already_found", foundBy: by?.name ?? st.finder.get({ roundId: round.id, teamId: who.teamId, target })?.name ?? "", target, gameId: round.gameId };
    }
    st.insertAttempt.run({ ...base, value: target, result: "correct", reason: null, points });
    const teamScore = award(tx, { gameId: round.gameId, teamId: who.teamId, roundId: round.id, participantId: who.id, delta: points, reason: `year_game:${target}` });
    return { ok: true, target, points, teamScore, gameId: round.gameId, teamId: who.teamId, normalized: verdict.normalized };
  });
}

export type Find = { id: number; teamId: number; target: number; finderName: string; participantId: number | null; points: number; expression: string };

// Reads for the live views, prepared once per database (see preparedFor): every flush renders
// every team's grid, and the teacher's and projector's panels read the whole round.
function viewReads(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  const findCols = { id: yearFinds.id, teamId: yearFinds.teamId, target: yearFinds.target, finderName: yearFinds.finderName, participantId: yearFinds.participantId, points: yearFinds.points, expression: yearFinds.expression };
  const ofTeam = and(eq(yearFinds.roundId, p("roundId")), eq(yearFinds.teamId, p("teamId")));
  return {
    findsOfRound: db.select(findCols).from(yearFinds).where(eq(yearFinds.roundId, p("roundId"))).orderBy(asc(yearFinds.target)).prepare(),
    findsOfTeam: db.select(findCols).from(yearFinds).where(ofTeam).orderBy(asc(yearFinds.target)).prepare(),
    findsVersion: db.select({ n: sql<number>`count(*)`, last: sql<number>`coalesce(max(${yearFinds.id}), 0)` }).from(yearFinds).where(ofTeam).prepare(),
    attemptsSince: db.select({ n: sql<number>`count(*)` }).from(yearAttempts).where(and(eq(yearAttempts.roundId, p("roundId")), gte(yearAttempts.createdAt, p("since")))).prepare(),
    recentAttempts: db.select({ expression: yearAttempts.expression, result: yearAttempts.result, reason: yearAttempts.reason, value: yearAttempts.value, createdAt: yearAttempts.createdAt, nickname: participants.nickname, teamName: teams.name })
      .from(yearAttempts)
      .leftJoin(participants, eq(participants.id, yearAttempts.participantId))
      .innerJoin(teams, eq(teams.id, yearAttempts.teamId))
      // Newest first. Attempts are written in time order by one process, so (created_at, id) is
      // id order — and it is the order of the year_attempts_round index, which spares a sort of
      // every attempt of the round (tens of thousands in a busy round) on each teacher refresh.
      .where(eq(yearAttempts.roundId, p("roundId"))).orderBy(desc(yearAttempts.createdAt), desc(yearAttempts.id)).limit(p("limit")).prepare(),
    roundPoints: db.select({ teamId: yearFinds.teamId, points: sql<number>`sum(${yearFinds.points})`, found: sql<number>`count(*)` })
      .from(yearFinds).where(eq(yearFinds.roundId, p("roundId"))).groupBy(yearFinds.teamId).prepare(),
  };
}

export function findsOfRound(db: Conn, roundId: number): Find[] {
  return preparedFor(db, viewReads).findsOfRound.all({ roundId });
}

export type TeamFinds = {
  finds: Find[];
  /** Changes whenever the team's finds do. */
  version: string;
  /** Renders derived from exactly these finds (e.g. the team's grid per language), kept until the team finds another number. */
  memo: Map<string, string>;
};

/**
 * A team's finds, re-read only when they change. Finds are only ever added, so their count and
 * newest id tell whether the cached list is current; the check is one index-only query, where
 * reading the list and rendering its grid for every team on every live flush was not.
 */
const teamFindsCache = new WeakMap<object, Map<string, TeamFinds>>();
export function teamFinds(db: Conn, roundId: number, teamId: number): TeamFinds {
  const reads = preparedFor(db, viewReads);
  let byTeam = teamFindsCache.get(reads);
  if (!byTeam) teamFindsCache.set(reads, (byTeam = new Map()));
  const v = reads.findsVersion.get({ roundId, teamId });
  const version = `${v?.n ?? 0}:${v?.last ?? 0}`;
  const key = `${roundId}:${teamId}`;
  const hit = byTeam.get(key);
  if (hit && hit.version === version) return hit;
  // Teams of finished rounds age out first (a replaced entry moves to the back).
  byTeam.delete(key);
  if (byTeam.size >= 500) byTeam.delete(byTeam.keys().next().value!);
  const entry = { version, finds: reads.findsOfTeam.all({ roundId, teamId }), memo: new Map<string, string>() };
  byTeam.set(key, entry);
  return entry;
}

export function attemptsSince(db: Conn, roundId: number, since: number): number {
  return preparedFor(db, viewReads).attemptsSince.get({ roundId, since })?.n ?? 0;
}

export function recentAttempts(db: Conn, roundId: number, limit = 12) {
  return preparedFor(db, viewReads).recentAttempts.all({ roundId, limit });
}

/** Points each team earned in this round (the round's part of the ledger). */
export function roundPoints(db: Conn, roundId: number): Map<number, { points: number; found: number }> {
  const rows = preparedFor(db, viewReads).roundPoints.all({ roundId });
  return new Map(rows.map((r) => [r.teamId, { points: r.points, found: r.found }]));
}

/** Every reachable target with an example, computed once per round (well under a second). */
const solutions = new Map<string, Map<number, string>>();
export function solutionsFor(round: Round): Map<number, string> {
  const key = JSON.stringify(yearConfigOf(round).rules);
  let s = solutions.get(key);
  if (!s) {
    s = solve(yearConfigOf(round).rules);
    if (solutions.size > 100) solutions.clear();
    solutions.set(key, s);
  }
  return s;
}

