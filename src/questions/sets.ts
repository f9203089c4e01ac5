// Relay sets: a set is every relay question with the same set name, ordered 1..n. Here: the
// chain preview (what the teacher sees before using a set), the list of sets, and reordering.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { write, type Conn, type Db, type Tx } from "../db/client.ts";
import { questions } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { chainAnswers, type Chain } from "./chain.ts";
import { questionFromRow, type Question } from "./question.ts";

export type SetChain = { set: string; questions: Question[]; chain: Chain };

/** Positions far above any real one, used for a moment while rows swap places (UNIQUE is checked per row). */
const PARKED = 1_000_000;

export function setQuestions(conn: Conn, set: string): Question[] {
  return conn.select().from(questions)
    .where(and(eq(questions.category, "relay"), eq(questions.setName, set)))
    .orderBy(asc(questions.setOrder)).all().map(questionFromRow);
}

/** The id of the relay question at (set, order), or null. */
export function questionAt(conn: Conn, set: string, order: number): number | null {
  return conn.select({ id: questions.id }).from(questions)
    .where(and(eq(questions.category, "relay"), eq(questions.setName, set), eq(questions.setOrder, order))).get()?.id ?? null;
}

/** The chain preview of one set: each question's correct input and answer, and its problems. */
export function setChain(conn: Conn, set: string): SetChain {
  const qs = setQuestions(conn, set);
  return { set, questions: qs, chain: chainAnswers(qs.map((q) => ({ ...q, order: q.order! }))) };
}

/** Chains of the given sets (null entries skipped, repeats once): what a save reports. */
export function chainsOf(conn: Conn, sets: (string | null)[]): SetChain[] {
  return [...new Set(sets.filter((s): s is string => s !== null))].map((s) => setChain(conn, s));
}

export type SetSummary = { set: string; size: number; ok: boolean };

/** Every relay set in the bank, by name, with whether its chain is complete and sound. */
export function listSets(conn: Conn): SetSummary[] {
  const names = conn.selectDistinct({ set: questions.setName }).from(questions)
    .where(eq(questions.category, "relay")).orderBy(asc(questions.setName)).all();
  return names.map(({ set }) => {
    const c = setChain(conn, set!);
    return { set: set!, size: c.questions.length, ok: c.chain.ok };
  });
}

/** Moves rows out of the way of UNIQUE(set, order) before giving them their new positions. */
export function parkOrders(tx: Tx, ids: number[]): void {
  if (ids.length === 0) return;
  tx.update(questions).set({ setOrder: sql`${PARKED} + ${questions.id}` }).where(inArray(questions.id, ids)).run();
}

/**
 * Puts a set's questions in the given order (positions 1..n). `questionIds` must be exactly the
 * set's questions; the new first question must not use a previous answer.
 */
export function reorderSet(db: Db, set: string, questionIds: number[], now = Date.now()): Result<SetChain> {
  return write(db, (tx) => applyOrder(tx, set, questionIds, now));
}

/**
 * Moves a relay question one place up or down in its set (it swaps with its neighbour). At the
 * top or bottom already, nothing changes (`moved: false`).
 */
export function moveQuestion(db: Db, id: number, dir: "up" | "down", now = Date.now()): Result<SetChain & { moved: boolean }> {
  return write(db, (tx) => {
    const row = tx.select({ category: questions.category, set: questions.setName }).from(questions).where(eq(questions.id, id)).get();
    if (!row) return fail("question_not_found");
    if (row.category !== "relay" || row.set === null) return fail("invalid_input", { errors: [{ field: "set", reason: "not_for_score_steal" }] });
    const ids = setQuestions(tx, row.set).map((q) => q.id);
    const i = ids.indexOf(id);
    const j = dir === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return { ok: true, moved: false, ...setChain(tx, row.set) };
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    const r = applyOrder(tx, row.set, ids, now);
    return r.ok ? { ...r, moved: true } : r;
  });
}

function applyOrder(tx: Tx, set: string, questionIds: number[], now: number): Result<SetChain> {
  const current = setQuestions(tx, set);
  if (current.length === 0) return fail("no_questions", { set, reason: "set_missing" });
  const known = new Set(current.map((q) => q.id));
  if (questionIds.length !== current.length || new Set(questionIds).size !== questionIds.length || !questionIds.every((id) => known.has(id))) {
    return fail("invalid_input", { errors: [{ field: "order", reason: "out_of_range" }] });
  }
  const first = current.find((q) => q.id === questionIds[0])!;
  if (first.usesPrevious) return fail("invalid_input", { errors: [{ field: "usesPrevious", reason: "first_question" }] });
  parkOrders(tx, questionIds);
  questionIds.forEach((id, i) => tx.update(questions).set({ setOrder: i + 1, updatedAt: now }).where(eq(questions.id, id)).run());
  return { ok: true, ...setChain(tx, set) };
}
