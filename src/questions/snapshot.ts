// What a round keeps of its questions. A round calls these when it starts, inside its own start
// transaction, and stores the plain data (e.g. in rounds.config): from then on it never reads
// the bank again, so editing or deleting a question changes neither a running round nor past
// results. The image is kept by hash (images are never deleted, /img/<sha256> keeps working);
// the text is kept raw and rendered with renderQuestionText (math.ts, cached) when shown.
//
//   selectQuestions(tx, { category, ids?, tag?, shuffle? })  Score Steal's questions
//   relaySets(tx, setNames)                                  the Relay Quiz's sets, complete and sound
//   snapshotQuestions(tx, ids)                               any questions by id
//   checkSnapshotAnswer(snapshot, answer, relay?)            judging during the round
import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { questions } from "../db/schema.ts";
import { fail, type Fail, type Result } from "../errors.ts";
import { hasTag } from "./bank.ts";
import { checkAnswer, checkRelayAnswer, type AnswerCheck, type RelayCheck } from "./answer-check.ts";
import { questionFromRow, type Category, type Question, type TableRow } from "./question.ts";
import { setChain } from "./sets.ts";

/** Everything a round needs to ask, check and show one question. Defined only here. */
export type QuestionSnapshot = {
  questionId: number;
  externalId: string | null;
  category: Category;
  set: string | null;
  order: number | null;
  text: string;
  /** SHA-256 of the image (URL: imageUrl(image)); show it only once the question is open. */
  image: string | null;
  /** The correct answer; for a relay question using the previous answer, the chain's true answer. */
  answer: string | null;
  alternatives: string[];
  unit: string | null;
  points: number;
  timeLimitSeconds: number | null;
  explanation: string | null;
  usesPrevious: boolean;
  answerFormula: string | null;
  answerTable: TableRow[] | null;
  /** Relay: the chain's correct input (the previous question's correct answer); null for the first. */
  trueInput: string | null;
  /** Relay: the previous question's unit, so a received "12 cm" reads as 12. */
  inputUnit: string | null;
};

export type RelaySetSnapshot = { set: string; questions: QuestionSnapshot[] };

function snapshotOf(q: Question, relay?: { trueInput: string | null; answer: string | null; inputUnit: string | null }): QuestionSnapshot {
  return {
    questionId: q.id, externalId: q.externalId, category: q.category, set: q.set, order: q.order, text: q.text, image: q.image,
    answer: relay ? relay.answer : q.answer, alternatives: [...q.alternatives], unit: q.unit, points: q.points,
    timeLimitSeconds: q.timeLimitSeconds, explanation: q.explanation, usesPrevious: q.usesPrevious,
    answerFormula: q.answerFormula, answerTable: q.answerTable ? q.answerTable.map((r) => ({ ...r })) : null,
    trueInput: relay ? relay.trueInput : null, inputUnit: relay ? relay.inputUnit : null,
  };
}

/** A relay set as snapshots, or why it cannot be played (no_questions with set and reason). */
function relaySet(conn: Conn, set: string): Result<RelaySetSnapshot> {
  const { questions: qs, chain } = setChain(conn, set);
  if (qs.length === 0) return fail("no_questions", { set, reason: "set_missing" });
  if (qs.some((q, i) => q.order !== i + 1)) return fail("no_questions", { set, reason: "set_incomplete" });
  if (!chain.ok) return fail("no_questions", { set, reason: "set_broken", problems: chain.steps.filter((s) => s.problem).map((s) => ({ order: s.order, problem: s.problem })) });
  return {
    ok: true,
    set,
    questions: qs.map((q, i) => snapshotOf(q, { trueInput: chain.steps[i]!.input, answer: chain.steps[i]!.answer, inputUnit: i > 0 ? qs[i - 1]!.unit : null })),
  };
}

/** The given relay sets, each complete (1..K without gaps), sound (chain.ts) and of one size K. */
export function relaySets(conn: Conn, setNames: readonly string[]): Result<{ sets: RelaySetSnapshot[]; size: number }> {
  if (setNames.length === 0) return fail("no_questions", { reason: "empty_selection" });
  if (new Set(setNames).size !== setNames.length) return fail("invalid_input", { errors: [{ field: "sets", reason: "duplicate_set" }] });
  const sets: RelaySetSnapshot[] = [];
  for (const name of setNames) {
    const s = relaySet(conn, name);
    if (!s.ok) return s;
    sets.push({ set: s.set, questions: s.questions });
  }
  if (new Set(sets.map((s) => s.questions.length)).size > 1) return fail("no_questions", { reason: "set_sizes_differ" });
  return { ok: true, sets, size: sets[0]!.questions.length };
}

/** Snapshots of the given questions, in the given order. A relay question must belong to a sound chain. */
export function snapshotQuestions(conn: Conn, questionIds: readonly number[]): Result<{ questions: QuestionSnapshot[] }> {
  const rows = questionIds.length === 0 ? [] : conn.select().from(questions).where(inArray(questions.id, [...questionIds])).all().map(questionFromRow);
  const byId = new Map(rows.map((q) => [q.id, q]));
  const sets = new Map<string, Result<RelaySetSnapshot>>();
  const out: QuestionSnapshot[] = [];
  for (const id of questionIds) {
    const q = byId.get(id);
    if (!q) return fail("question_not_found", { id });
    if (q.set === null) { out.push(snapshotOf(q)); continue; }
    if (!sets.has(q.set)) sets.set(q.set, relaySet(conn, q.set));
    const s = sets.get(q.set)!;
    if (!s.ok) return s;
    out.push(s.questions.find((x) => x.questionId === id)!);
  }
  return { ok: true, questions: out };
}

export type Selection = { category: Category; ids?: readonly number[]; tag?: string; shuffle?: boolean; random?: () => number };

/** Questions of a category (optionally: only these ids, only this tag, shuffled), as snapshots. */
export function selectQuestions(conn: Conn, sel: Selection): Result<{ questions: QuestionSnapshot[] }> {
  const where: SQL[] = [eq(questions.category, sel.category)];
  if (sel.tag) where.push(hasTag(sel.tag));
  if (sel.ids) where.push(inArray(questions.id, [...sel.ids]));
  const found = conn.select({ id: questions.id }).from(questions).where(and(...where)).orderBy(questions.setName, questions.setOrder, questions.id).all().map((r) => r.id);
  if (sel.ids) {
    const missing = sel.ids.find((id) => !found.includes(id));
    if (missing !== undefined) return fail("question_not_found", { id: missing });
  }
  const ids = sel.ids ? [...sel.ids] : found;
  if (ids.length === 0) return fail("no_questions", { reason: "empty_selection" });
  if (sel.shuffle) {
    const random = sel.random ?? Math.random;
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
  }
  return snapshotQuestions(conn, ids);
}

/** Judging during a round, from the snapshot alone. For relay, pass what the student received. */
export function checkSnapshotAnswer(s: QuestionSnapshot, answer: unknown, relay?: { receivedInput: string | null | undefined; followThrough: boolean }): AnswerCheck | RelayCheck | Fail {
  if (!s.usesPrevious) return checkAnswer(s, answer);
  return checkRelayAnswer(s, answer, { trueInput: s.trueInput, receivedInput: relay?.receivedInput ?? null, followThrough: relay?.followThrough ?? false, inputUnit: s.inputUnit });
}
