// Year Game storage: start a round, judge and record answers, read grids and results.
// Judging (pure, rules.ts) happens before the transaction so the write lock is held only
// for the few statements that must be atomic.
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { write, type Conn, type Db } from "../../db/client.ts";
import { writeGrouped } from "../../db/group-commit.ts";
import { games, participants, rounds, teams, yearAttempts, yearFinds, type Participant, type Round } from "../../db/schema.ts";
import { columnsAs, direct, param } from "../../db/direct.ts";
import { declareReasonTexts, fail, type Result } from "../../errors.ts";
import type { Static } from "@sinclair/typebox";
import type { YearStartBody } from "./schemas.ts";
import { award } from "../../scoring/ledger.ts";
import { isAcceptingAnswers, openRound } from "../current.ts";
import { dbCache, dbCacheName, preparedFor } from "../../db/prepared.ts";
import { BoundedCache, CACHE_IDLE_MS } from "../../cache/bounded.ts";
import { checkExpression, defaultYearRules, drawDigits, pointsFor, solve } from "./rules.ts";
import type { YearProblem, YearRules, YearScoring } from "./types.ts";

export type YearConfig = { rules: YearRules; scoring: YearScoring; durationSeconds: number };

export type StartYearInput = Static<typeof YearStartBody>;

const YEAR_DEFAULTS = { durationSeconds: 20 * 60, targetMin: 1, targetMax: 100 } as const;

function parseYearConfig(round: Pick<Round, "config">): YearConfig {
  return JSON.parse(round.config) as YearConfig;
}

// Sharper texts for this round's refusals (see failText in errors.ts).
declareReasonTexts({
  "invalid_input:digits": { en: "Give 2 to 6 digits, each 0–9.", ko: "숫자는 0~9 중에서 2개에서 6개까지 주세요." },
  "invalid_input:target_range": { en: "The target range must be whole numbers from 0 to 1000, lowest first.", ko: "목표 범위는 0부터 1000까지의 정수로, 작은 수를 먼저 쓰세요." },
  "invalid_input:durationSeconds": { en: "The time limit must be between 10 seconds and 4 hours.", ko: "제한 시간은 10초에서 4시간 사이여야 합니다." },
  "invalid_input:scoring": { en: "Choose a scoring rule from the list.", ko: "목록에서 점수 방식을 고르세요." },
  "invalid_input:flatPoints": { en: "Points per number must be from 1 to 1000.", ko: "수 하나의 점수는 1에서 1000 사이여야 합니다." },
  "bad_state:game_waiting": { en: "Start the game before a round.", ko: "라운드를 시작하려면 먼저 게임을 시작하세요." },
  "bad_state:game_finished": { en: "The game is finished.", ko: "게임이 끝났습니다." },
});

/** Builds the round's rules from the teacher's choices, filling TMC's defaults. */
function yearConfigFrom(input: StartYearInput, random: () => number = Math.random): Result<{ config: YearConfig }> {
  const digits = input.digits ?? drawDigits(random);
  if (digits.length < 2 || digits.length > 6 || digits.some((d) => !Number.isInteger(d) || d < 0 || d > 9)) return fail("invalid_input", { field: "digits" });
  const rules = defaultYearRules(digits);
  rules.targetMin = input.targetMin ?? YEAR_DEFAULTS.targetMin;
  rules.targetMax = input.targetMax ?? YEAR_DEFAULTS.targetMax;
  if (!Number.isInteger(rules.targetMin) || !Number.isInteger(rules.targetMax) || rules.targetMin < 0 || rules.targetMax > 1000 || rules.targetMin > rules.targetMax || rules.targetMax - rules.targetMin > 999) {
    return fail("invalid_input", { field: "targetMax", reason: "target_range" });
  }
  rules.operators = { ...rules.operators, ...input.operators };
  const durationSeconds = input.durationSeconds ?? YEAR_DEFAULTS.durationSeconds;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 10 || durationSeconds > 4 * 3600) return fail("invalid_input", { field: "durationSeconds" });
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
    if (game.status !== "started") return fail("bad_state", { reason: game.status === "waiting" ? "game_waiting" : "game_finished" });
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
// (shared with the answers that arrived with it, see group-commit.ts); all but the rare full
// round read are direct statements (src/db/direct.ts).
type RoundState = Pick<Round, "id" | "gameId" | "type" | "status" | "endsAt">;
type Seat = Pick<Participant, "id" | "gameId" | "teamId" | "nickname">;
type AttemptRow = { roundId: number; teamId: number; participantId: number; expression: string; value: number | null; result: "correct" | "duplicate" | "invalid"; reason: string | null; points: number; createdAt: number };
type FindKey = { roundId: number; teamId: number; target: number };
function prepare(db: BunSQLiteDatabase) {
  return {
    round: db.select().from(rounds).where(eq(rounds.id, sql.placeholder("id"))).prepare(),
    // What an answer needs to know of its round, read in its transaction (not the rules: see roundConfigs).
    roundState: direct<RoundState, { id: number }>(db, `SELECT ${columnsAs(rounds, ["id", "gameId", "type", "status", "endsAt"])} FROM rounds WHERE id = +$id`),
    participant: direct<Seat, { id: number }>(db, `SELECT ${columnsAs(participants, ["id", "gameId", "teamId", "nickname"])} FROM participants WHERE id = +$id`),
    insertFind: direct<{ id: number }, FindKey & { participantId: number; finderName: string; expression: string; points: number }>(db,
      `INSERT INTO year_finds (round_id, team_id, target, participant_id, finder_name, expression, points) VALUES ($roundId, $teamId, $target, $participantId, $finderName, $expression, $points) ON CONFLICT DO NOTHING RETURNING id`),
    finder: direct<{ name: string }, FindKey>(db, `SELECT finder_name AS name FROM year_finds WHERE round_id = +$roundId AND team_id = +$teamId AND target = +$target`),
    insertAttempt: direct<never, AttemptRow>(db,
      `INSERT INTO year_attempts (round_id, team_id, participant_id, expression, value, result, reason, points, created_at) VALUES ($roundId, $teamId, $participantId, $expression, $value, $result, $reason, $points, $createdAt)`),
  };
}
const statements = (db: Db) => preparedFor(db, prepare);

/**
 * Config parsing is cached by the stored JSON itself, not by round id: ids repeat across
 * databases (a test run opens many), and the same JSON always parses to the same rules.
 */
const configCache = new BoundedCache<string, YearConfig>(1000, { idleMs: CACHE_IDLE_MS });
export function yearConfigOf(round: Pick<Round, "config">): YearConfig {
  return configCache.getOr(round.config, () => parseYearConfig(round));
}

/** The rules of rounds answered on this database, by id: a round's rules never change once it starts, so judging does not read the round each time. */
const roundConfigs = dbCacheName<number, YearConfig>(1000, { idleMs: CACHE_IDLE_MS });

/**
 * Judges an answer and records it. Answers are recorded one at a time under the write lock, in
 * arrival order: of five teammates sending 76 at once, the first finds it and the other four see
 * `already_found` (the UNIQUE (round, team, target) index backs this). Answers arriving together
 * share one transaction (group commit); the promise settles after it commits.
 */
export async function submitYearAnswer(db: Db, input: SubmitInput, now = Date.now()): Promise<SubmitResult> {
  const st = statements(db);
  const configs = dbCache(db, roundConfigs);
  let config = configs.get(input.roundId);
  if (!config) {
    const roundRow = st.round.get({ id: input.roundId });
    if (!roundRow || roundRow.type !== "year_game") return { ok: false, code: "round_not_found" };
    config = configs.set(input.roundId, yearConfigOf(roundRow));
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
        ? { reason: "target_mismatch", message: { id: "target_mismatch", params: { value: verdict.value, claimed: input.targetNumber! } } }
        : { reason: verdict.reason, message: verdict.message };
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
  const ofTeam = and(eq(yearFinds.roundId, param("roundId")), eq(yearFinds.teamId, param("teamId")));
  return {
    findsOfRound: db.select(findCols).from(yearFinds).where(eq(yearFinds.roundId, param("roundId"))).orderBy(asc(yearFinds.target)).prepare(),
    findsOfTeam: db.select(findCols).from(yearFinds).where(ofTeam).orderBy(asc(yearFinds.target)).prepare(),
    findsVersion: db.select({ n: sql<number>`count(*)`, last: sql<number>`coalesce(max(${yearFinds.id}), 0)` }).from(yearFinds).where(ofTeam).prepare(),
    attemptsSince: db.select({ n: sql<number>`count(*)` }).from(yearAttempts).where(and(eq(yearAttempts.roundId, param("roundId")), gte(yearAttempts.createdAt, param("since")))).prepare(),
    recentAttempts: db.select({ expression: yearAttempts.expression, result: yearAttempts.result, reason: yearAttempts.reason, value: yearAttempts.value, createdAt: yearAttempts.createdAt, nickname: participants.nickname, teamName: teams.name })
      .from(yearAttempts)
      .leftJoin(participants, eq(participants.id, yearAttempts.participantId))
      .innerJoin(teams, eq(teams.id, yearAttempts.teamId))
      // Newest first. Attempts are written in time order by one process, so (created_at, id) is
      // id order — and it is the order of the year_attempts_round index, which spares a sort of
      // every attempt of the round (tens of thousands in a busy round) on each teacher refresh.
      .where(eq(yearAttempts.roundId, param("roundId"))).orderBy(desc(yearAttempts.createdAt), desc(yearAttempts.id)).limit(p("limit")).prepare(),
    roundPoints: db.select({ teamId: yearFinds.teamId, points: sql<number>`sum(${yearFinds.points})`, found: sql<number>`count(*)` })
      .from(yearFinds).where(eq(yearFinds.roundId, param("roundId"))).groupBy(yearFinds.teamId).prepare(),
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
const teamFindsCache = dbCacheName<string, TeamFinds>(500);
export function teamFinds(db: Conn, roundId: number, teamId: number): TeamFinds {
  const reads = preparedFor(db, viewReads);
  const byTeam = dbCache(db, teamFindsCache);
  const v = reads.findsVersion.get({ roundId, teamId });
  const version = `${v?.n ?? 0}:${v?.last ?? 0}`;
  const key = `${roundId}:${teamId}`;
  const hit = byTeam.get(key);
  if (hit && hit.version === version) return hit;
  // Teams of finished rounds age out first (the least recently used go).
  return byTeam.set(key, { version, finds: reads.findsOfTeam.all({ roundId, teamId }), memo: new Map<string, string>() });
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
const solutions = new BoundedCache<string, Map<number, string>>(100);
export function solutionsFor(round: Round): Map<number, string> {
  const rules = yearConfigOf(round).rules;
  return solutions.getOr(JSON.stringify(rules), () => solve(rules));
}


/** Every number found in the round, with its team and finder, for exports and analytics. */
export function findsForExport(db: Conn, roundId: number) {
  return db.select({ teamId: yearFinds.teamId, team: teams.name, participantId: yearFinds.participantId, member: yearFinds.finderName, target: yearFinds.target, expression: yearFinds.expression, points: yearFinds.points, at: yearFinds.createdAt })
    .from(yearFinds).innerJoin(teams, eq(teams.id, yearFinds.teamId)).where(eq(yearFinds.roundId, roundId)).orderBy(asc(yearFinds.id)).all();
}

/** Answers that found no new number (already found, or refused), with who sent them, for exports and analytics. */
export function missesForExport(db: Conn, roundId: number) {
  return db.select({ teamId: yearAttempts.teamId, team: teams.name, participantId: yearAttempts.participantId, member: participants.nickname, result: sql<"duplicate" | "invalid">`${yearAttempts.result}`, value: yearAttempts.value, expression: yearAttempts.expression, reason: yearAttempts.reason, at: yearAttempts.createdAt })
    .from(yearAttempts).innerJoin(teams, eq(teams.id, yearAttempts.teamId)).leftJoin(participants, eq(participants.id, yearAttempts.participantId))
    .where(and(eq(yearAttempts.roundId, roundId), sql`${yearAttempts.result} <> 'correct'`)).orderBy(asc(yearAttempts.id)).all();
}
