import { afterAll, describe, expect, test } from "bun:test";
import { read } from "../../src/db/client.ts";
import { attachImage, createQuestion, deleteQuestion, updateQuestion } from "../../src/questions/bank.ts";
import { checkSnapshotAnswer, relaySets, selectQuestions, snapshotQuestions } from "../../src/questions/snapshot.ts";
import { freshDb } from "../support/db.ts";
import { TINY_PNG } from "../support/images.ts";

const t = freshDb();
afterAll(() => t.close());

function create(input: Record<string, unknown>): number {
  const r = createQuestion(t.db, input);
  if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail)}`);
  return r.question.id;
}
const relay = (set: string, order: number, extra: Record<string, unknown>) => ({ category: "relay", set, order, text: `${set}-${order} $T$`, ...extra });

const s1 = create({ category: "score_steal", text: "$\\frac{1}{2}$ + 1?", answer: "3/2", unit: "cm", tags: ["frac"], explanation: "1.5", timeLimitSeconds: 30 });
const s2 = create({ category: "score_steal", text: "2 + 2?", answer: "4", alternatives: ["four"], tags: ["easy"] });
const s3 = create({ category: "score_steal", text: "3 + 3?", answer: "6", tags: ["easy"] });
for (const set of ["P1", "Q1"]) {
  create(relay(set, 1, { answer: "2", unit: "cm" }));
  create(relay(set, 2, { usesPrevious: true, answerFormula: "T^2 + 1" }));
  create(relay(set, 3, { usesPrevious: true, answerTable: [{ input: "5", answer: "five" }] }));
}
create(relay("R1", 1, { answer: "1" }));
create(relay("R1", 3, { answer: "3" })); // gap at 2
create(relay("B1", 1, { answer: "0" }));
create(relay("B1", 2, { usesPrevious: true, answerFormula: "1/T" })); // divides by zero for the chain's input
create(relay("L1", 1, { answer: "1" })); // one question only

describe("round snapshots", () => {
  test("a snapshot holds everything a round needs: text, image hash, answer, alternatives, unit, points, time, explanation", () => {
    const img = attachImage(t.db, s1, TINY_PNG);
    if (!img.ok) throw new Error(img.code);
    const r = read(t.db, (tx) => snapshotQuestions(tx, [s2, s1]));
    if (!r.ok) throw new Error(r.code);
    expect(r.questions.map((q) => q.questionId)).toEqual([s2, s1]);
    expect(r.questions[1]).toEqual({
      questionId: s1, externalId: null, category: "score_steal", set: null, order: null, text: "$\\frac{1}{2}$ + 1?", image: img.question.image,
      answer: "3/2", alternatives: [], unit: "cm", points: 100, timeLimitSeconds: 30, explanation: "1.5",
      usesPrevious: false, answerFormula: null, answerTable: null, trueInput: null, inputUnit: null,
    });
  });
  test("editing or deleting the question later changes neither the snapshot nor its judging", () => {
    const snap = read(t.db, (tx) => snapshotQuestions(tx, [s2]));
    if (!snap.ok) throw new Error(snap.code);
    const before = JSON.stringify(snap.questions);
    expect(updateQuestion(t.db, s2, { category: "score_steal", text: "changed", answer: "5" }).ok).toBe(true);
    expect(deleteQuestion(t.db, s2).ok).toBe(true);
    expect(JSON.stringify(snap.questions)).toBe(before);
    expect(checkSnapshotAnswer(snap.questions[0]!, "four")).toMatchObject({ ok: true, correct: true });
    expect(checkSnapshotAnswer(snap.questions[0]!, "5")).toMatchObject({ ok: true, correct: false });
    expect(read(t.db, (tx) => snapshotQuestions(tx, [s2]))).toMatchObject({ ok: false, code: "question_not_found" });
  });
  test("relay sets: complete and sound sets give each question its true input and answer", () => {
    const r = read(t.db, (tx) => relaySets(tx, ["Q1", "P1"]));
    if (!r.ok) throw new Error(r.code);
    expect(r.size).toBe(3);
    expect(r.sets.map((s) => s.set)).toEqual(["Q1", "P1"]);
    expect(r.sets[0]!.questions.map((q) => [q.order, q.trueInput, q.answer, q.inputUnit])).toEqual([[1, null, "2", null], [2, "2", "5", "cm"], [3, "5", "five", null]]);
    const q2 = r.sets[0]!.questions[1]!;
    expect(checkSnapshotAnswer(q2, "5", { receivedInput: "3 cm", followThrough: true })).toMatchObject({ correct: true, credit: "answer" });
    expect(checkSnapshotAnswer(q2, "10", { receivedInput: "3 cm", followThrough: true })).toMatchObject({ correct: true, credit: "follow_through" });
    expect(checkSnapshotAnswer(q2, "10", { receivedInput: "3 cm", followThrough: false })).toMatchObject({ correct: false });
    expect(checkSnapshotAnswer(q2, "5", { receivedInput: null, followThrough: true })).toMatchObject({ correct: true, input: { usable: false, problem: "missing" } });
  });
  test("a missing, gapped, broken or odd-sized set is no_questions with the set and reason", () => {
    const cases: [string[], Record<string, unknown>][] = [
      [[], { reason: "empty_selection" }],
      [["P1", "X9"], { set: "X9", reason: "set_missing" }],
      [["R1"], { set: "R1", reason: "set_incomplete" }],
      [["B1"], { set: "B1", reason: "set_broken", problems: [{ order: 2, problem: "division_by_zero" }] }],
      [["P1", "L1"], { reason: "set_sizes_differ" }],
    ];
    for (const [sets, detail] of cases) expect(read(t.db, (tx) => relaySets(tx, sets))).toEqual({ ok: false, code: "no_questions", detail });
    expect(read(t.db, (tx) => relaySets(tx, ["P1", "P1"]))).toMatchObject({ ok: false, code: "invalid_input" });
  });
  test("selectQuestions: by category and tag, by ids in order, shuffled; empty is no_questions", () => {
    const all = read(t.db, (tx) => selectQuestions(tx, { category: "score_steal" }));
    expect(all.ok && all.questions.map((q) => q.questionId)).toEqual([s1, s3]);
    const tagged = read(t.db, (tx) => selectQuestions(tx, { category: "score_steal", tag: "easy" }));
    expect(tagged.ok && tagged.questions.map((q) => q.questionId)).toEqual([s3]);
    const byIds = read(t.db, (tx) => selectQuestions(tx, { category: "score_steal", ids: [s3, s1] }));
    expect(byIds.ok && byIds.questions.map((q) => q.questionId)).toEqual([s3, s1]);
    const shuffled = read(t.db, (tx) => selectQuestions(tx, { category: "score_steal", shuffle: true, random: () => 0 }));
    expect(shuffled.ok && shuffled.questions.map((q) => q.questionId)).toEqual([s3, s1]);
    expect(read(t.db, (tx) => selectQuestions(tx, { category: "score_steal", tag: "nothing" }))).toEqual({ ok: false, code: "no_questions", detail: { reason: "empty_selection" } });
    expect(read(t.db, (tx) => selectQuestions(tx, { category: "score_steal", ids: [s1, 99999] }))).toMatchObject({ ok: false, code: "question_not_found" });
    const relayQs = read(t.db, (tx) => selectQuestions(tx, { category: "relay", ids: [] }));
    expect(relayQs).toMatchObject({ ok: false, code: "no_questions" });
  });
});
