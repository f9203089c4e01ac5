// How a relay question's answer follows from the answer before it: its formula in T or its
// table, applied to an input as typed (a teammate's answer) or as computed (the chain's true
// answer). A failure says why the input is unusable, which the phone shows ("no usable answer
// was passed") and which the bank reports for the chain's correct inputs.
import { toString as ratToString } from "../math/rational.ts";
import { sameAnswer } from "./equivalence.ts";
import { applyFormula } from "./formula.ts";
import { normalizeText } from "./normalize.ts";
import { parseNumber } from "./number.ts";
import type { TableRow } from "./question.ts";

/** Why an input gives no answer. `formula_syntax` only for a stored formula that no longer parses. */
export type InputProblem = "missing" | "not_a_number" | "not_in_table" | "division_by_zero" | "too_large" | "undefined" | "formula_syntax";

export type RelayRule = { answerFormula: string | null; answerTable: readonly TableRow[] | null };
export type Derived = { ok: true; answer: string } | { ok: false; problem: InputProblem };

/**
 * The answer the rule gives for `input`. `inputUnit` is the previous question's unit, so a
 * teammate's "12 cm" still counts as 12.
 */
export function deriveAnswer(rule: RelayRule, input: string | null | undefined, inputUnit?: string | null): Derived {
  if (input === null || input === undefined || normalizeText(input) === "") return { ok: false, problem: "missing" };
  if (rule.answerTable) {
    const row = rule.answerTable.find((r) => sameAnswer(input, r.input, inputUnit));
    return row ? { ok: true, answer: row.answer } : { ok: false, problem: "not_in_table" };
  }
  if (rule.answerFormula === null) return { ok: false, problem: "formula_syntax" };
  const t = parseNumber(input, inputUnit);
  if (!t) return { ok: false, problem: "not_a_number" };
  const value = applyFormula(rule.answerFormula, t);
  if (value.ok) return { ok: true, answer: ratToString(value.value) };
  if (value.code === "syntax") return { ok: false, problem: "formula_syntax" };
  return { ok: false, problem: value.code === "bad_exponent" ? "undefined" : value.code };
}
