// The question bank's storage: list, read, create, update, delete, duplicate, images.
// Every write validates first (validate.ts, outside the lock), then checks what only the
// database knows (a taken set position or external id) inside write(). Saving a relay question
// reports the chains of the sets it touches (problems are reported, not refused: a set is
// written one question at a time). Rounds never read these rows while playing: they keep
// snapshots (snapshot.ts), so editing or deleting here cannot change a round.
import { and, asc, eq, ne, or, sql, type SQL } from "drizzle-orm";
import { write, type Conn, type Db, type Tx } from "../db/client.ts";
import { questions } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { checkImage, imageUrl, storeImage } from "./images.ts";
import { LIMITS, questionFromRow, rowValues, type Category, type Question, type QuestionData } from "./question.ts";
import { chainsOf, questionAt, setQuestions, type SetChain } from "./sets.ts";
import { validateQuestion } from "./validate.ts";

export type QuestionFilter = { category?: Category; set?: string; tag?: string; q?: string };
export type Saved = { question: Question; chains: SetChain[] };

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Questions carrying this exact tag (tags are a JSON array in the row). */
export function hasTag(tag: string): SQL {
  return sql`EXISTS (SELECT 1 FROM json_each(${questions.tags}) WHERE value = ${tag})`;
}

export function listQuestions(conn: Conn, filter: QuestionFilter = {}): Question[] {
  const where: SQL[] = [];
  if (filter.category) where.push(eq(questions.category, filter.category));
  if (filter.set) where.push(eq(questions.setName, filter.set));
  if (filter.tag) where.push(hasTag(filter.tag));
  if (filter.q?.trim()) {
    const like = `%${likeEscape(filter.q.trim())}%`;
    const cols = [questions.text, questions.answer, questions.explanation, questions.externalId, questions.tags, questions.setName];
    where.push(or(...cols.map((c) => sql`${c} LIKE ${like} ESCAPE '\\'`))!);
  }
  return conn.select().from(questions).where(and(...where))
    .orderBy(asc(questions.category), asc(questions.setName), asc(questions.setOrder), asc(questions.id)).all().map(questionFromRow);
}

export function findQuestion(conn: Conn, id: number): Question | null {
  const row = conn.select().from(questions).where(eq(questions.id, id)).get();
  return row ? questionFromRow(row) : null;
}

export function getQuestion(conn: Conn, id: number): Result<{ question: Question }> {
  const question = findQuestion(conn, id);
  return question ? { ok: true, question } : fail("question_not_found");
}

/** What the database must refuse with a field-named reason: a taken position or external id. */
export function conflicts(tx: Conn, q: QuestionData, selfId: number | null): { field: string; reason: "set_order_taken" | "duplicate_external_id" }[] {
  const out: { field: string; reason: "set_order_taken" | "duplicate_external_id" }[] = [];
  const notSelf = selfId === null ? undefined : ne(questions.id, selfId);
  const holder = q.category === "relay" ? questionAt(tx, q.set!, q.order!) : null;
  if (holder !== null && holder !== selfId) out.push({ field: "order", reason: "set_order_taken" });
  if (q.externalId !== null && tx.select({ id: questions.id }).from(questions).where(and(eq(questions.externalId, q.externalId), notSelf)).get()) {
    out.push({ field: "externalId", reason: "duplicate_external_id" });
  }
  return out;
}

/** Inserts a validated question inside the caller's transaction (import uses it too). */
export function insertQuestion(tx: Tx, q: QuestionData, image: string | null = null): Question {
  return questionFromRow(tx.insert(questions).values({ ...rowValues(q), imageSha256: image }).returning().get());
}

/** Replaces every field of a question; its image too when `image` is given (null removes it). */
export function replaceQuestion(tx: Tx, id: number, q: QuestionData, now = Date.now(), image?: string | null): Question {
  const values = image === undefined ? { ...rowValues(q), updatedAt: now } : { ...rowValues(q), imageSha256: image, updatedAt: now };
  return questionFromRow(tx.update(questions).set(values).where(eq(questions.id, id)).returning().get()!);
}

export function createQuestion(db: Db, input: unknown): Result<Saved> {
  const valid = validateQuestion(input);
  if (!valid.ok) return valid;
  return write(db, (tx) => {
    const taken = conflicts(tx, valid.question, null);
    if (taken.length) return fail("invalid_input", { errors: taken });
    const question = insertQuestion(tx, valid.question);
    return { ok: true, question, chains: chainsOf(tx, [question.set]) };
  });
}

/** A full replacement (PUT): every field comes from `input`; the image is kept. */
export function updateQuestion(db: Db, id: number, input: unknown, now = Date.now()): Result<Saved> {
  const valid = validateQuestion(input);
  if (!valid.ok) return valid;
  return write(db, (tx) => {
    const before = findQuestion(tx, id);
    if (!before) return fail("question_not_found");
    const taken = conflicts(tx, valid.question, id);
    if (taken.length) return fail("invalid_input", { errors: taken });
    const question = replaceQuestion(tx, id, valid.question, now);
    return { ok: true, question, chains: chainsOf(tx, [before.set, question.set]) };
  });
}

/** Deletes a question. Rounds that used it keep their snapshot; its image stays (snapshots may name it). */
export function deleteQuestion(db: Db, id: number): Result<{ deleted: Question; chains: SetChain[] }> {
  return write(db, (tx) => {
    const deleted = findQuestion(tx, id);
    if (!deleted) return fail("question_not_found");
    tx.delete(questions).where(eq(questions.id, id)).run();
    return { ok: true, deleted, chains: chainsOf(tx, [deleted.set]) };
  });
}

/** A copy without the external id. A relay copy goes to the end of its set (keeping its rule, it
 * then reads the answer of the question before it there). */
export function duplicateQuestion(db: Db, id: number): Result<Saved> {
  return write(db, (tx) => {
    const source = findQuestion(tx, id);
    if (!source) return fail("question_not_found");
    const { id: _id, image, createdAt: _c, updatedAt: _u, ...data } = source;
    const order = source.set === null ? null : Math.max(...setQuestions(tx, source.set).map((q) => q.order!)) + 1;
    if (order !== null && order > LIMITS.order) return fail("invalid_input", { errors: [{ field: "order", reason: "out_of_range" }] });
    const question = insertQuestion(tx, { ...data, externalId: null, order }, image);
    return { ok: true, question, chains: chainsOf(tx, [question.set]) };
  });
}

/** Stores an image (type from its bytes, ≤ 5 MB) and sets it on the question. */
export function attachImage(db: Db, id: number, bytes: Uint8Array, now = Date.now()): Result<{ question: Question; imageUrl: string }> {
  const image = checkImage(bytes);
  if (!image.ok) return image;
  return write(db, (tx) => {
    if (!findQuestion(tx, id)) return fail("question_not_found");
    storeImage(tx, image);
    const row = tx.update(questions).set({ imageSha256: image.sha256, updatedAt: now }).where(eq(questions.id, id)).returning().get()!;
    return { ok: true, question: questionFromRow(row), imageUrl: imageUrl(image.sha256) };
  });
}

export function detachImage(db: Db, id: number, now = Date.now()): Result<{ question: Question }> {
  return write(db, (tx) => {
    const row = tx.update(questions).set({ imageSha256: null, updatedAt: now }).where(eq(questions.id, id)).returning().get();
    return row ? { ok: true, question: questionFromRow(row) } : fail("question_not_found");
  });
}

