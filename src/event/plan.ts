// A game's plan: its rounds in order, each with the settings it starts with (the round type's
// start body, `type` aside). Settings are checked against the round type's own start schema when
// this build has that type; a type this build lacks (a plan restored from a newer build's backup)
// is kept as written and refused only when it is started (422 unknown_round_type).
//
// What is played cannot change: entries up to the last played one are the plan's history. A new
// plan (PUT, or an edit from the teacher's page) must repeat the history as it is; everything
// after it may be reordered, removed, added, skipped or given other settings.
import { asc, eq, gt, and, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import { write, type Conn, type Db, type Tx } from "../db/client.ts";
import { preparedFor } from "../db/prepared.ts";
import { param } from "../db/direct.ts";
import { planRounds, rounds, ROUND_TYPE_NAMES, type Round } from "../db/schema.ts";
import { declareReasonTexts, fail, type Fail, type Result } from "../errors.ts";
import { findGame } from "../games/queries.ts";
import { isOpen } from "../rounds/current.ts";
import { roundModule } from "../rounds/registry.ts";
import { checkStartBody } from "../rounds/start.ts";

export type RoundTypeName = (typeof ROUND_TYPE_NAMES)[number];
export type PlanSettings = Record<string, unknown>;
/** A plan entry as written: what to play, how, and whether the teacher skips it. */
export type PlanItem = { type: RoundTypeName; settings: PlanSettings; skipped: boolean };
/** next: the round the button starts; pending: later; running / done: played; skipped. */
export type PlanState = "next" | "pending" | "running" | "done" | "skipped";
export type PlanEntry = PlanItem & { id: number; index: number; state: PlanState; roundId: number | null; round: Round | null; available: boolean };

export const MAX_PLAN_ROUNDS = 20;
/** As the `plan_rounds_settings` CHECK. */
const MAX_SETTINGS_CHARS = 4000;

/** TMC's event: Year Game, Score Steal (every score_steal question in the bank), two Relay Quizzes. */
export const DEFAULT_PLAN: readonly PlanItem[] = [
  { type: "year_game", settings: {}, skipped: false },
  { type: "score_steal", settings: {}, skipped: false },
  { type: "relay_quiz", settings: { sets: ["P1", "Q1", "R1", "S1"] }, skipped: false },
  { type: "relay_quiz", settings: { sets: ["P2", "Q2", "R2", "S2"] }, skipped: false },
];

declareReasonTexts({
  "unknown_round_type:not_in_build": { en: "This round type is not available in this build of TMC. Skip it in the plan.", ko: "이 버전의 TMC에는 이 종류의 라운드가 없습니다. 계획에서 건너뛰세요." },
  "invalid_input:settings:too_long": { en: "These settings are too long.", ko: "설정이 너무 깁니다." },
  "invalid_input:rounds:too_many": { en: `A plan holds at most ${MAX_PLAN_ROUNDS} rounds.`, ko: `계획에는 라운드를 ${MAX_PLAN_ROUNDS}개까지 넣을 수 있습니다.` },
  "bad_state:game_finished": { en: "The game is finished.", ko: "게임이 끝났습니다." },
  "bad_state:game_waiting": { en: "Start the game before a round.", ko: "라운드를 시작하려면 먼저 게임을 시작하세요." },
});

export function isRoundTypeName(type: string): type is RoundTypeName {
  return (ROUND_TYPE_NAMES as readonly string[]).includes(type);
}

/** A plan as the API or a form sends it: checked entry by entry, naming the entry at fault. */
export function checkPlanItems(raw: { type: string; settings?: unknown; state?: string }[]): Result<{ items: PlanItem[] }> {
  if (raw.length > MAX_PLAN_ROUNDS) return fail("invalid_input", { field: "rounds", reason: "too_many" });
  const items: PlanItem[] = [];
  for (const [i, r] of raw.entries()) {
    const checked = checkPlanItem(r.type, r.settings ?? {}, i);
    if (!checked.ok) return checked;
    items.push({ ...checked.item, skipped: r.state === "skipped" });
  }
  return { ok: true, items };
}

/** One entry: a known round type, and settings its start schema accepts (when this build has the type). */
export function checkPlanItem(type: string, settings: unknown, index: number): Result<{ item: PlanItem }> {
  if (!isRoundTypeName(type)) return fail("unknown_round_type", { field: `rounds[${index}].type`, type: type.slice(0, 40), position: index + 1 });
  if (typeof settings !== "object" || settings === null || Array.isArray(settings)) return fail("invalid_input", { field: "settings", position: index + 1 });
  if (JSON.stringify(settings).length > MAX_SETTINGS_CHARS) return fail("invalid_input", { field: "settings", reason: "too_long", position: index + 1 });
  const module = roundModule(type);
  if (module) {
    const checked = checkStartBody(module, settings);
    if (!checked.ok) return fail("invalid_input", { ...checked.detail, field: "settings", position: index + 1, setting: checked.detail?.field });
  }
  return { ok: true, item: { type, settings: settings as PlanSettings, skipped: false } };
}

/** Writes entries at positions from `from + 1` on (inside the caller's transaction). */
export function insertPlan(tx: Tx, gameId: number, items: readonly PlanItem[], from = 0): void {
  if (!items.length) return;
  tx.insert(planRounds).values(items.map((it, i) => ({ gameId, position: from + i + 1, type: it.type, settings: JSON.stringify(it.settings), status: it.skipped ? "skipped" as const : "planned" as const }))).run();
}

// Prepared once per database: the teacher's live panel reads the plan every second in every game.
// (The builder is one function at module level: preparedFor keys its cache by it, so an arrow
// written inline would be a new key on every call — prepared again each time, and kept.)
function preparePlan(db: BunSQLiteDatabase) {
  return {
    plan: db.select({ plan: planRounds, round: rounds }).from(planRounds).leftJoin(rounds, eq(rounds.id, planRounds.roundId))
      .where(eq(planRounds.gameId, param("gameId"))).orderBy(asc(planRounds.position)).prepare(),
  };
}
const planStatements = (conn: Conn) => preparedFor(conn, preparePlan);

/** The plan with each entry's state (`now` decides whether a played round still runs). */
export function readPlan(db: Conn, gameId: number, now = Date.now()): PlanEntry[] {
  const rows = planStatements(db).plan.all({ gameId });
  const finished = findGame(db, gameId)?.status === "finished";
  let nextSeen = false;
  return rows.map(({ plan, round }, index) => {
    let state: PlanState;
    if (plan.status === "skipped") state = "skipped";
    else if (plan.status === "played") state = round && isOpen(round, now) ? "running" : "done";
    else if (!nextSeen && !finished) { state = "next"; nextSeen = true; }
    else state = "pending";
    return {
      id: plan.id, index, type: plan.type, settings: JSON.parse(plan.settings) as PlanSettings, skipped: plan.status === "skipped",
      state, roundId: plan.roundId, round, available: roundModule(plan.type) !== undefined,
    };
  });
}

/** How many entries are history: every entry up to the last played one. */
export function historyLength(entries: readonly PlanEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i]!.roundId !== null) return i + 1;
  return 0;
}

/** JSON with keys in order, so two spellings of the same settings compare equal. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(value);
}

function sameItem(a: PlanItem, b: PlanItem): boolean {
  return a.type === b.type && a.skipped === b.skipped && canonical(a.settings) === canonical(b.settings);
}

/** Replaces the plan after its history, inside the caller's transaction. */
function replacePlan(tx: Tx, gameId: number, items: readonly PlanItem[], now: number): Result<{ entries: PlanEntry[] }> {
  const game = findGame(tx, gameId);
  if (!game) return fail("game_not_found");
  if (game.status === "finished") return fail("bad_state", { reason: "game_finished" });
  if (items.length > MAX_PLAN_ROUNDS) return fail("invalid_input", { field: "rounds", reason: "too_many" });
  const current = readPlan(tx, gameId, now);
  const history = historyLength(current);
  for (let i = 0; i < history; i++) {
    const item = items[i];
    if (!item || !sameItem(item, current[i]!)) return fail("plan_locked", { position: i + 1 });
  }
  tx.delete(planRounds).where(and(eq(planRounds.gameId, gameId), gt(planRounds.position, history))).run();
  insertPlan(tx, gameId, items.slice(history), history);
  return { ok: true, entries: readPlan(tx, gameId, now) };
}

/** PUT /api/games/<id>/plan: the whole plan, its history repeated as it is. */
export function savePlan(db: Db, gameId: number, items: readonly PlanItem[], now = Date.now()): Result<{ entries: PlanEntry[] }> {
  return write(db, (tx) => replacePlan(tx, gameId, items, now));
}

/** The teacher's edits on the game page, each one change to the plan after its history. */
export type PlanEdit =
  | { op: "up" | "down" | "remove" | "skip" | "unskip"; index: number }
  | { op: "add"; item: PlanItem }
  | { op: "settings"; index: number; settings: PlanSettings };

function applyEdit(items: PlanItem[], history: number, edit: PlanEdit): PlanItem[] | Fail {
  if (edit.op === "add") return [...items, edit.item];
  const i = edit.index;
  if (!Number.isInteger(i) || i < 0 || i >= items.length) return fail("plan_entry_not_found", { position: i + 1 });
  const other = edit.op === "up" ? i - 1 : edit.op === "down" ? i + 1 : i;
  if (i < history || other < history) return fail("plan_locked", { position: Math.min(i, other) + 1 });
  if (other >= items.length) return fail("plan_entry_not_found", { position: other + 1 });
  const out = [...items];
  switch (edit.op) {
    case "up":
    case "down":
      [out[i], out[other]] = [out[other]!, out[i]!];
      return out;
    case "remove":
      out.splice(i, 1);
      return out;
    case "skip":
    case "unskip":
      out[i] = { ...out[i]!, skipped: edit.op === "skip" };
      return out;
    case "settings":
      out[i] = { ...out[i]!, settings: edit.settings };
      return out;
  }
}

export function editPlan(db: Db, gameId: number, edit: PlanEdit, now = Date.now()): Result<{ entries: PlanEntry[] }> {
  return write(db, (tx) => {
    const current = readPlan(tx, gameId, now);
    const items = applyEdit(current.map(({ type, settings, skipped }) => ({ type, settings, skipped })), historyLength(current), edit);
    if (!Array.isArray(items)) return items;
    return replacePlan(tx, gameId, items, now);
  });
}
