import { describe, expect, test } from "bun:test";
import { checkAnswer, checkRelayAnswer, type AnswerKey, type RelayKey } from "../../src/questions/answer-check.ts";

// [given, accepted answer, alternatives, unit, correct?]
type Case = [string, string, string[], string | null, boolean];

const CASES: Case[] = [
  // integers, signs, full-width
  ["12", "12", [], null, true],
  [" 12 ", "12", [], null, true],
  ["+12", "12", [], null, true],
  ["012", "12", [], null, true],
  ["１２", "12", [], null, true],
  ["－３", "-3", [], null, true],
  ["−3", "-3", [], null, true],
  ["- 3", "-3", [], null, true],
  ["＋５", "5", [], null, true],
  ["13", "12", [], null, false],
  ["-12", "12", [], null, false],
  ["12.", "12", [], null, true],
  ["12.0", "12", [], null, true],
  ["12.00", "12", [], null, true],
  ["０", "0", [], null, true],
  ["-0", "0", [], null, true],
  // decimals and fractions agree by exact value
  ["0.75", "3/4", [], null, true],
  [".75", "3/4", [], null, true],
  ["6/8", "3/4", [], null, true],
  ["3/4", "0.75", [], null, true],
  ["75/100", ".75", [], null, true],
  ["3 / 4", "3/4", [], null, true],
  ["３/４", "3/4", [], null, true],
  ["0.749", "3/4", [], null, false],
  ["0.7500001", "3/4", [], null, false],
  ["4/3", "3/4", [], null, false],
  ["-3/4", "3/4", [], null, false],
  ["-6/8", "-0.75", [], null, true],
  ["1/3", "0.333", [], null, false],
  ["2/6", "1/3", [], null, true],
  ["1/0", "0", [], null, false],
  ["10/5", "2", [], null, true],
  ["1.5", "3/2", [], null, true],
  // mixed numbers
  ["1 1/2", "3/2", [], null, true],
  ["1 1/2", "1.5", [], null, true],
  ["-1 1/2", "-3/2", [], null, true],
  ["-1 1/2", "-1/2", [], null, false],
  ["2 3/4", "11/4", [], null, true],
  ["1 3/2", "5/2", [], null, false],
  ["１ １/２", "3/2", [], null, true],
  ["1  1/2", "3/2", [], null, true],
  // thousands separators in groups of three only
  ["1,000", "1000", [], null, true],
  ["1,000,000", "1000000", [], null, true],
  ["12,345.5", "12345.5", [], null, true],
  ["1,5", "1.5", [], null, false],
  ["1,5", "15", [], null, false],
  ["10,00", "1000", [], null, false],
  ["1,0000", "10000", [], null, false],
  ["，1000", "1000", [], null, false],
  // units
  ["12 cm", "12", [], "cm", true],
  ["12cm", "12", [], "cm", true],
  ["12 CM", "12", [], "cm", true],
  ["12ｃｍ", "12", [], "cm", true],
  ["12", "12", [], "cm", true],
  ["12 mm", "12", [], "cm", false],
  ["12 cm", "12", [], null, false],
  ["3/4 m", "0.75", [], "m", true],
  ["16 cm²", "16", [], "cm²", true],
  ["16 cm2", "16", [], "cm²", false],
  ["30°", "30", [], "°", true],
  ["5개", "5", [], "개", true],
  ["5 명", "5", [], "명", true],
  ["5 개", "5", [], "명", false],
  ["cm", "12", [], "cm", false],
  // Korean and other text
  ["사과", "사과", [], null, true],
  [" 사과 ", "사과", [], null, true],
  ["사과".normalize("NFD"), "사과", [], null, true],
  ["사과.", "사과", [], null, true],
  ["사과。", "사과", [], null, true],
  ["배", "사과", [], null, false],
  ["정 삼각형", "정삼각형", [], null, false],
  ["정  삼각형", "정 삼각형", [], null, true],
  ["이등변삼각형", "정삼각형", ["이등변 삼각형", "이등변삼각형"], null, true],
  ["Triangle", "triangle", [], null, true],
  ["TRIANGLE.", "triangle", [], null, true],
  ["ＡＢＣ", "abc", [], null, true],
  ["a b", "ab", [], null, false],
  ["x = 3", "x=3", [], null, false],
  // alternatives
  ["twelve", "12", ["twelve", "열둘"], null, true],
  ["열둘", "12", ["twelve", "열둘"], null, true],
  ["열셋", "12", ["twelve", "열둘"], null, false],
  ["0.5", "1/2", ["half"], null, true],
  ["HALF", "1/2", ["half"], null, true],
  ["√2", "√2", ["root 2"], null, true],
  ["root 2", "√2", ["root 2"], null, true],
  ["1.414", "√2", ["root 2"], null, false],
  ["2/4", "1", ["1/2"], null, true],
  // text that looks like numbers stays text when the answer is text
  ["(1, 2)", "(1,2)", [], null, false],
  ["(1,2)", "(1,2)", [], null, true],
];

describe("answer equivalence table", () => {
  test(`has at least 80 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(80));
  for (const [given, answer, alternatives, unit, correct] of CASES) {
    test(`${JSON.stringify(given)} vs ${JSON.stringify(answer)}${alternatives.length ? ` or ${alternatives.join(" / ")}` : ""}${unit ? ` [${unit}]` : ""} → ${correct ? "correct" : "wrong"}`, () => {
      const r = checkAnswer({ answer, alternatives, unit }, given);
      expect(r).toEqual({ ok: true, correct, expected: answer });
    });
  }
});

describe("answers that cannot be judged", () => {
  const key: AnswerKey = { answer: "12", alternatives: [], unit: null };
  test("empty or blank is refused with invalid_answer, not judged wrong", () => {
    for (const given of ["", "   ", "\u3000", "\n"]) expect(checkAnswer(key, given)).toMatchObject({ ok: false, code: "invalid_answer", detail: { reason: "empty" } });
  });
  test("over 100 characters is refused; exactly 100 is judged", () => {
    expect(checkAnswer(key, "1".repeat(101))).toMatchObject({ ok: false, code: "invalid_answer", detail: { reason: "too_long" } });
    expect(checkAnswer(key, "가".repeat(100))).toMatchObject({ ok: true, correct: false });
    expect(checkAnswer(key, ` ${"1".repeat(100)} `)).toMatchObject({ ok: true, correct: false });
  });
  test("a non-string answer is refused", () => {
    expect(checkAnswer(key, 12)).toMatchObject({ ok: false, code: "invalid_answer" });
    expect(checkAnswer(key, null)).toMatchObject({ ok: false, code: "invalid_answer" });
  });
});

describe("relay answers (issue 12: the input is the teammate's answer as given)", () => {
  const formula: RelayKey = { answer: null, alternatives: [], unit: null, usesPrevious: true, answerFormula: "2T + 1", answerTable: null };
  const table: RelayKey = { answer: null, alternatives: [], unit: null, usesPrevious: true, answerFormula: null, answerTable: [{ input: "3", answer: "삼" }, { input: "1/2", answer: "반" }] };

  test("the chain's true answer is correct whatever was received", () => {
    expect(checkRelayAnswer(formula, "7", { trueInput: "3", receivedInput: "10", followThrough: true })).toMatchObject({ ok: true, correct: true, credit: "answer", expected: "7", input: { usable: true, derived: "21" } });
  });
  test("follow-through: the formula applied to the received input is correct, and wrong with the option off", () => {
    expect(checkRelayAnswer(formula, "21", { trueInput: "3", receivedInput: "10", followThrough: true })).toMatchObject({ correct: true, credit: "follow_through", expected: "7" });
    expect(checkRelayAnswer(formula, "21", { trueInput: "3", receivedInput: "10", followThrough: false })).toMatchObject({ correct: false, credit: null });
  });
  test("follow-through uses the exact value of the received input (fractions, negatives, full-width, units)", () => {
    expect(checkRelayAnswer(formula, "5/2", { trueInput: "3", receivedInput: "0.75", followThrough: true })).toMatchObject({ correct: true, credit: "follow_through" });
    expect(checkRelayAnswer(formula, "-2", { trueInput: "3", receivedInput: "－1 1/2", followThrough: true })).toMatchObject({ correct: true, credit: "follow_through" });
    expect(checkRelayAnswer(formula, "25", { trueInput: "3", receivedInput: "12 cm", followThrough: true, inputUnit: "cm" })).toMatchObject({ correct: true, credit: "follow_through" });
  });
  test("a missing, non-numeric or undefined input leaves only the true answer, and says no usable input was passed", () => {
    expect(checkRelayAnswer(formula, "7", { trueInput: "3", receivedInput: null, followThrough: true })).toMatchObject({ correct: true, input: { usable: false, problem: "missing" } });
    expect(checkRelayAnswer(formula, "1", { trueInput: "3", receivedInput: undefined, followThrough: true })).toMatchObject({ correct: false, input: { usable: false, problem: "missing" } });
    expect(checkRelayAnswer(formula, "1", { trueInput: "3", receivedInput: "모름", followThrough: true })).toMatchObject({ correct: false, input: { usable: false, problem: "not_a_number" } });
    expect(checkRelayAnswer(formula, "25", { trueInput: "3", receivedInput: "12 mm", followThrough: true, inputUnit: "cm" })).toMatchObject({ correct: false, input: { usable: false, problem: "not_a_number" } });
    const divides: RelayKey = { ...formula, answerFormula: "1/(T-2)" };
    expect(checkRelayAnswer(divides, "1", { trueInput: "3", receivedInput: "2", followThrough: true })).toMatchObject({ correct: true, credit: "answer", input: { usable: false, problem: "division_by_zero" } });
    expect(checkRelayAnswer(divides, "0", { trueInput: "3", receivedInput: "2", followThrough: true })).toMatchObject({ correct: false });
  });
  test("tables: the received input is looked up by value; outside the table only the true answer counts", () => {
    expect(checkRelayAnswer(table, "반", { trueInput: "3", receivedInput: "0.5", followThrough: true })).toMatchObject({ correct: true, credit: "follow_through", expected: "삼" });
    expect(checkRelayAnswer(table, "삼", { trueInput: "3", receivedInput: "4", followThrough: true })).toMatchObject({ correct: true, credit: "answer", input: { usable: false, problem: "not_in_table" } });
    expect(checkRelayAnswer(table, "반", { trueInput: "3", receivedInput: "4", followThrough: true })).toMatchObject({ correct: false });
  });
  test("an empty relay answer is refused, not judged", () => {
    expect(checkRelayAnswer(formula, " ", { trueInput: "3", receivedInput: "3", followThrough: true })).toMatchObject({ ok: false, code: "invalid_answer" });
  });
  test("a relay question not using the previous answer is judged on its own answer", () => {
    const own: RelayKey = { answer: "4", alternatives: [], unit: null, usesPrevious: false, answerFormula: null, answerTable: null };
    expect(checkRelayAnswer(own, "４", { trueInput: "3", receivedInput: "9", followThrough: true })).toEqual({ ok: true, correct: true, expected: "4", credit: "answer", input: null });
  });
});
