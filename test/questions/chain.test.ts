import { describe, expect, test } from "bun:test";
import { chainAnswers, type ChainQuestion } from "../../src/questions/chain.ts";

const fixed = (order: number, answer: string, unit: string | null = null): ChainQuestion => ({ order, answer, unit, usesPrevious: false, answerFormula: null, answerTable: null });
const formula = (order: number, f: string, answer: string | null = null): ChainQuestion => ({ order, answer, unit: null, usesPrevious: true, answerFormula: f, answerTable: null });
const table = (order: number, rows: [string, string][]): ChainQuestion => ({ order, answer: null, unit: null, usesPrevious: true, answerFormula: null, answerTable: rows.map(([input, answer]) => ({ input, answer })) });

describe("a relay set's chain of correct answers", () => {
  test("question 1's answer, then each rule applied to the previous correct answer", () => {
    const c = chainAnswers([fixed(1, "3/4"), formula(2, "T + 5"), formula(3, "2T"), table(4, [["23/2", "끝"], ["1", "x"]])]);
    expect(c.ok).toBe(true);
    expect(c.steps.map((s) => [s.input, s.answer])).toEqual([[null, "3/4"], ["3/4", "23/4"], ["23/4", "23/2"], ["23/2", "끝"]]);
  });
  test("negative and fractional inputs stay exact", () => {
    const c = chainAnswers([fixed(1, "-1 1/2"), formula(2, "T^2 - 1"), formula(3, "(T+1)/2")]);
    expect(c.steps.map((s) => s.answer)).toEqual(["-1 1/2", "5/4", "9/8"]);
  });
  test("a question with its own answer ignores the chain but shows the input it follows", () => {
    const c = chainAnswers([fixed(1, "2"), fixed(2, "10"), formula(3, "T/5")]);
    expect(c.steps.map((s) => [s.input, s.answer])).toEqual([[null, "2"], ["2", "10"], ["10", "2"]]);
  });
  test("a formula dividing by zero for the chain's correct input is reported on that question", () => {
    const c = chainAnswers([fixed(1, "2"), formula(2, "1/(T-2)"), formula(3, "T + 1")]);
    expect(c.ok).toBe(false);
    expect(c.steps.map((s) => s.problem)).toEqual([null, "division_by_zero", "previous_missing"]);
  });
  test("an input missing from the table, a non-number for a formula, a stated answer the rule contradicts", () => {
    expect(chainAnswers([fixed(1, "5"), table(2, [["4", "a"]])]).steps[1]!.problem).toBe("not_in_table");
    expect(chainAnswers([fixed(1, "사과"), formula(2, "T + 1")]).steps[1]!.problem).toBe("not_a_number");
    expect(chainAnswers([fixed(1, "5"), formula(2, "T + 1", "7")]).steps[1]!.problem).toBe("answer_mismatch");
    expect(chainAnswers([fixed(1, "5"), formula(2, "T + 1", "6.0")]).ok).toBe(true);
    expect(chainAnswers([fixed(1, "5"), formula(2, "T +")]).steps[1]!.problem).toBe("formula_syntax");
  });
  test("gaps: positions not 1..n are reported, and a rule after a gap has no input", () => {
    const c = chainAnswers([fixed(1, "1"), formula(3, "T + 1"), fixed(4, "9")]);
    expect(c.steps.map((s) => s.problem)).toEqual([null, "previous_missing", "order_gap"]);
    expect(chainAnswers([fixed(2, "1")]).steps[0]!.problem).toBe("order_gap");
  });
  test("the previous question's unit is allowed on the input it passes on", () => {
    const c = chainAnswers([fixed(1, "12 cm", "cm"), formula(2, "T / 4")]);
    expect(c.steps[1]).toMatchObject({ answer: "3", problem: null });
  });
});
