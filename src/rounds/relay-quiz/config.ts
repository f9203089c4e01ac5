// A relay round's rules: built from the teacher's choices when it starts (with TMC's defaults),
// kept in rounds.config with the question snapshots, and read back (cached) while it runs.
import type { Static } from "@sinclair/typebox";
import type { Conn } from "../../db/client.ts";
import { eq } from "drizzle-orm";
import { relayRounds, type Round } from "../../db/schema.ts";
import { CACHE_IDLE_MS } from "../../cache/bounded.ts";
import { dbCache, dbCacheName } from "../../db/prepared.ts";
import { declareReasonTexts, fail, type Result } from "../../errors.ts";
import { relaySets, type QuestionSnapshot } from "../../questions/snapshot.ts";
import { defaultCycleSeconds } from "./rules.ts";
import { relayStatements } from "./store.ts";
import type { RelayStartBody } from "./schemas.ts";
import type { RelayConfig } from "./types.ts";

export type RelayStartInput = Static<typeof RelayStartBody>;

export const RELAY_DEFAULTS = { hintPenalty: 100, followThrough: true, pacing: "team" } as const;

declareReasonTexts({
  "invalid_input:cycleSeconds:cycle_count": { en: "Give one time per cycle (as many as the sets have questions), or one time for every cycle.", ko: "사이클마다 시간을 하나씩(세트의 문제 수만큼) 주거나, 모든 사이클에 같은 시간 하나를 주세요." },
  "invalid_input:memberOrder:not_a_team": { en: "The member order names a team that is not in this game.", ko: "멤버 순서에 이 게임에 없는 팀이 있습니다." },
  "invalid_input:memberOrder:not_a_member": { en: "The member order names a student who is not in that team.", ko: "멤버 순서에 그 팀에 없는 학생이 있습니다." },
  "invalid_input:memberOrder:duplicate": { en: "The member order names a student twice.", ko: "멤버 순서에 같은 학생이 두 번 있습니다." },
  "invalid_input:sets:duplicate_set": { en: "Each set can be chosen once.", ko: "세트는 한 번씩만 고를 수 있습니다." },
  "no_questions:set_missing": { en: "That relay set is not in the question bank.", ko: "문제 은행에 그 릴레이 세트가 없습니다." },
  "no_questions:set_incomplete": { en: "A chosen relay set is incomplete: it needs questions 1, 2, 3 … without gaps.", ko: "고른 릴레이 세트가 완전하지 않습니다. 1, 2, 3 … 번 문제가 빠짐없이 있어야 합니다." },
  "no_questions:set_broken": { en: "A chosen relay set's chain has a problem (see the question bank).", ko: "고른 릴레이 세트의 연결에 문제가 있습니다 (문제 은행을 확인하세요)." },
  "no_questions:set_sizes_differ": { en: "The chosen sets must have the same number of questions.", ko: "고른 세트들은 문제 수가 같아야 합니다." },
  "bad_state:no_players": { en: "No team has a player yet: wait for students to join.", ko: "아직 참가한 학생이 있는 팀이 없습니다. 학생들이 참가하기를 기다리세요." },
  "no_questions:empty_selection": { en: "Choose at least one relay set.", ko: "릴레이 세트를 하나 이상 고르세요." },
});

/**
 * The round's rules and questions. Reads the bank (inside the caller's transaction): the sets are
 * kept as snapshots, so editing the bank later changes neither this round nor its results.
 */
export function buildRelayConfig(tx: Conn, input: RelayStartInput): Result<{ config: RelayConfig }> {
  const picked = relaySets(tx, input.sets);
  if (!picked.ok) {
    // relaySets words a repeated set as a list of field errors (the bank's shape); here it is the `sets` field.
    if (picked.code === "invalid_input") return fail("invalid_input", { field: "sets", reason: "duplicate_set" });
    return picked;
  }
  const cycles = picked.size;
  let cycleSeconds = input.cycleSeconds ?? defaultCycleSeconds(cycles);
  if (cycleSeconds.length === 1) cycleSeconds = Array.from({ length: cycles }, () => cycleSeconds[0]!);
  if (cycleSeconds.length !== cycles) return fail("invalid_input", { field: "cycleSeconds", reason: "cycle_count", cycles });
  return {
    ok: true,
    config: {
      sets: picked.sets,
      size: cycles,
      cycleSeconds,
      followThrough: input.followThrough ?? RELAY_DEFAULTS.followThrough,
      hintPenalty: input.hintPenalty ?? RELAY_DEFAULTS.hintPenalty,
      pacing: input.pacing ?? RELAY_DEFAULTS.pacing,
    },
  };
}

/** What rounds.config holds: the rules. The questions are in relay_rounds (read once per round, see relayConfigOf). */
export type RelayRules = Omit<RelayConfig, "sets"> & { setNames: string[] };

export function rulesOf(config: RelayConfig): RelayRules {
  const { sets, ...rules } = config;
  return { ...rules, setNames: sets.map((s) => s.set) };
}

/**
 * The round's rules and questions. Neither changes once the round starts, so they are read once
 * per round and database (round ids repeat across databases, so the cache is the database's).
 */
const configs = dbCacheName<number, RelayConfig>(500, { idleMs: CACHE_IDLE_MS });
export function relayConfigOf(conn: Conn, round: Pick<Round, "id" | "config">): RelayConfig {
  const cache = dbCache(conn, configs);
  const hit = cache.get(round.id);
  if (hit) return hit;
  const { setNames: _names, ...rules } = JSON.parse(round.config) as RelayRules;
  const sets = JSON.parse(conn.select({ sets: relayRounds.sets }).from(relayRounds).where(eq(relayRounds.roundId, round.id)).get()?.sets ?? "[]") as RelayConfig["sets"];
  return cache.set(round.id, { ...rules, sets });
}

/** The rules of a relay round by id (answers and hints name only the id): the round is read only when they are not cached. Null for no relay round. */
export function relayConfigById(conn: Conn, roundId: number): RelayConfig | null {
  const hit = dbCache(conn, configs).get(roundId);
  if (hit) return hit;
  const row = relayStatements(conn).round.get({ id: roundId });
  return row?.type === "relay_quiz" ? relayConfigOf(conn, row) : null;
}

/** Question k of set s. */
export function questionAt(config: RelayConfig, setIndex: number, cycle: number): QuestionSnapshot {
  return config.sets[setIndex]!.questions[cycle - 1]!;
}

/** Where a bank question sits in the round: its set index and its cycle (= its order), or null. */
export function slotOf(config: RelayConfig, questionId: number): { setIndex: number; cycle: number } | null {
  for (let s = 0; s < config.sets.length; s++) {
    const k = config.sets[s]!.questions.findIndex((q) => q.questionId === questionId);
    if (k >= 0) return { setIndex: s, cycle: k + 1 };
  }
  return null;
}

/** Milliseconds of cycle k (1-based). */
export function cycleMs(config: RelayConfig, cycle: number): number {
  return config.cycleSeconds[cycle - 1]! * 1000;
}
