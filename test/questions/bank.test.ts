import { afterAll, describe, expect, test } from "bun:test";
import { attachImage, createQuestion, deleteQuestion, detachImage, duplicateQuestion, getQuestion, listQuestions, updateQuestion } from "../../src/questions/bank.ts";
import { checkQuestionAnswer } from "../../src/questions/check.ts";
import { questionJson } from "../../src/questions/question.ts";
import { listSets, reorderSet, setChain } from "../../src/questions/sets.ts";
import { freshDb } from "../support/db.ts";
import { TINY_PNG } from "../support/images.ts";

// One database per describe: their bodies (which create questions) all run before any test.
const t = freshDb();
const t2 = freshDb();
afterAll(() => { t.close(); t2.close(); });

function create(input: Record<string, unknown>, db = t.db) {
  const r = createQuestion(db, input);
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail)}`);
  return r;
}
const relay = (set: string, order: number, extra: Record<string, unknown>) => ({ category: "relay", set, order, text: `${set}-${order}`, ...extra });

describe("the question bank", () => {
  const a = create({ category: "score_steal", text: "삼각형의 내각의 합은?", answer: "180", unit: "°", tags: ["도형", "각"], externalId: "tri-1" });
  const b = create({ category: "score_steal", text: "Solve $2x = 6$", answer: "3", tags: ["algebra"] });
  const p1 = create(relay("P1", 1, { answer: "4" }));
  const p2 = create(relay("P1", 2, { usesPrevious: true, answerFormula: "T/(T-4)" }));

  test("create returns the stored question; a relay save reports its set's chain with problems", () => {
    // (no expect.any() inside toMatchObject: bun 1.4.5 writes the matcher into the received object)
    expect(typeof a.question.id).toBe("number");
    expect(a.question).toMatchObject({ category: "score_steal", set: null, unit: "°", tags: ["도형", "각"], image: null });
    expect(a.chains).toEqual([]);
    expect(p2.chains[0]!.chain.steps.map((s) => s.problem)).toEqual([null, "division_by_zero"]);
  });
  test("the JSON form has imageUrl and the issue's fields", () => {
    expect(Object.keys(questionJson(a.question)).sort()).toEqual(["alternatives", "answer", "answerFormula", "answerTable", "category", "explanation", "externalId", "id", "imageUrl", "order", "points", "set", "tags", "text", "timeLimitSeconds", "unit", "usesPrevious"].sort());
  });
  test("list filters by category, set, tag and text (LIKE wildcards are literal)", () => {
    expect(listQuestions(t.db).length).toBe(4);
    expect(listQuestions(t.db, { category: "relay" }).map((q) => q.text)).toEqual(["P1-1", "P1-2"]);
    expect(listQuestions(t.db, { set: "P1" }).length).toBe(2);
    expect(listQuestions(t.db, { tag: "도형" }).map((q) => q.id)).toEqual([a.question.id]);
    expect(listQuestions(t.db, { tag: "도" })).toEqual([]);
    expect(listQuestions(t.db, { q: "내각" }).map((q) => q.id)).toEqual([a.question.id]);
    expect(listQuestions(t.db, { q: "2X" }).map((q) => q.id)).toEqual([b.question.id]);
    expect(listQuestions(t.db, { q: "%" })).toEqual([]);
    expect(listQuestions(t.db, { q: "tri-1" }).length).toBe(1);
  });
  test("a taken set position or external id is refused with a field-named reason", () => {
    expect(createQuestion(t.db, relay("P1", 1, { answer: "9" }))).toMatchObject({ ok: false, code: "invalid_input", detail: { errors: [{ field: "order", reason: "set_order_taken" }] } });
    expect(createQuestion(t.db, { category: "score_steal", text: "x", answer: "1", externalId: "tri-1" })).toMatchObject({ ok: false, detail: { errors: [{ field: "externalId", reason: "duplicate_external_id" }] } });
  });
  test("update replaces every field, keeps the image, and reports the fixed chain", () => {
    const u = updateQuestion(t.db, p2.question.id, relay("P1", 2, { usesPrevious: true, answerFormula: "T/(T-2)" }));
    expect(u).toMatchObject({ ok: true, question: { answerFormula: "T/(T-2)" } });
    if (!u.ok) return;
    expect(u.chains[0]!.chain).toMatchObject({ ok: true, steps: [{ answer: "4" }, { input: "4", answer: "2" }] });
    expect(updateQuestion(t.db, 9999, relay("P1", 3, { answer: "1" }))).toMatchObject({ ok: false, code: "question_not_found" });
    expect(updateQuestion(t.db, a.question.id, { category: "score_steal" })).toMatchObject({ ok: false, code: "invalid_input" });
  });
  test("duplicate: a copy without external id; a relay copy goes to the end of its set", () => {
    const d = duplicateQuestion(t.db, p1.question.id);
    expect(d).toMatchObject({ ok: true, question: { set: "P1", order: 3, answer: "4", externalId: null } });
    const s = duplicateQuestion(t.db, a.question.id);
    expect(s).toMatchObject({ ok: true, question: { text: a.question.text, externalId: null, set: null } });
  });
  test("reorder within a set: positions 1..n in the given order; the first cannot use T", () => {
    const ids = setChain(t.db, "P1").questions.map((q) => q.id); // [p1, p2, copy]
    expect(reorderSet(t.db, "P1", [ids[1]!, ids[0]!, ids[2]!])).toMatchObject({ ok: false, detail: { errors: [{ reason: "first_question" }] } });
    const r = reorderSet(t.db, "P1", [ids[2]!, ids[1]!, ids[0]!]);
    expect(r).toMatchObject({ ok: true });
    expect(setChain(t.db, "P1").questions.map((q) => q.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(reorderSet(t.db, "P1", [ids[0]!])).toMatchObject({ ok: false, code: "invalid_input" });
    expect(reorderSet(t.db, "Nope", [])).toMatchObject({ ok: false, code: "no_questions" });
    expect(listSets(t.db)).toEqual([{ set: "P1", size: 3, ok: true }]);
  });
  test("delete: gone from the bank, and the set's chain shows the gap", () => {
    const first = setChain(t.db, "P1").questions[0]!;
    const d = deleteQuestion(t.db, first.id);
    expect(d).toMatchObject({ ok: true, deleted: { id: first.id } });
    if (d.ok) expect(d.chains[0]!.chain.ok).toBe(false);
    expect(getQuestion(t.db, first.id)).toMatchObject({ ok: false, code: "question_not_found" });
    expect(deleteQuestion(t.db, first.id)).toMatchObject({ ok: false, code: "question_not_found" });
  });
  test("images attach and detach; the image row stays for snapshots", () => {
    const r = attachImage(t.db, b.question.id, TINY_PNG);
    expect(r.ok).toBe(true);
    expect(detachImage(t.db, b.question.id)).toMatchObject({ ok: true, question: { image: null } });
    expect(t.db.$client.query("SELECT count(*) AS n FROM images").get()).toEqual({ n: 1 });
  });
});

describe("trying an answer (the rounds' checker)", () => {
  const s1 = create(relay("S1", 1, { answer: "3/4" }), t2.db);
  const s2 = create(relay("S1", 2, { usesPrevious: true, answerFormula: "4T + 1" }), t2.db);
  const steal = create({ category: "score_steal", text: "12 cm", answer: "12", unit: "cm", alternatives: ["twelve"] }, t2.db);

  test("a Score Steal question: correct, wrong, alternatives, unit", () => {
    expect(checkQuestionAnswer(t2.db, { questionId: steal.question.id, answer: "12 cm" })).toEqual({ ok: true, correct: true, expected: "12" });
    expect(checkQuestionAnswer(t2.db, { questionId: steal.question.id, answer: "12 mm" })).toEqual({ ok: true, correct: false, expected: "12" });
    expect(checkQuestionAnswer(t2.db, { questionId: steal.question.id, answer: "Twelve" })).toMatchObject({ correct: true });
    expect(checkQuestionAnswer(t2.db, { questionId: steal.question.id, answer: "" })).toMatchObject({ ok: false, code: "invalid_answer" });
    expect(checkQuestionAnswer(t2.db, { questionId: 99999, answer: "1" })).toMatchObject({ ok: false, code: "question_not_found" });
    expect(checkQuestionAnswer(t2.db, { questionId: s1.question.id, answer: "0.75" })).toMatchObject({ correct: true, expected: "3/4" });
  });
  test("a question using T: against the chain's true input, or a given previous answer (follow-through)", () => {
    expect(checkQuestionAnswer(t2.db, { questionId: s2.question.id, answer: "4" })).toMatchObject({ ok: true, correct: true, expected: "4", credit: "answer" });
    expect(checkQuestionAnswer(t2.db, { questionId: s2.question.id, answer: "9", previousAnswer: "2" })).toMatchObject({ correct: true, expected: "9", credit: "follow_through" });
    expect(checkQuestionAnswer(t2.db, { questionId: s2.question.id, answer: "4", previousAnswer: "abc" })).toMatchObject({ correct: true, expected: "4", input: { usable: false, problem: "not_a_number" } });
  });
  test("no previous answer given and none in the chain: no_previous_answer", () => {
    const lone = create(relay("Z9", 2, { usesPrevious: true, answerFormula: "T + 1" }), t2.db);
    expect(checkQuestionAnswer(t2.db, { questionId: lone.question.id, answer: "1" })).toMatchObject({ ok: false, code: "no_previous_answer" });
    expect(checkQuestionAnswer(t2.db, { questionId: lone.question.id, answer: "6", previousAnswer: "5" })).toMatchObject({ ok: true, correct: true });
  });
});
