// A relay set's chain of correct answers, so the teacher sees the whole chain before playing
// it and the round knows each question's true input and answer. Question 1's answer is its own;
// each next question's answer is its rule (formula or table, relay-rule.ts) applied to the
// previous correct answer, or its own fixed answer when it does not use the previous one.
//
// Problems are reported per question, never thrown: a set is often saved one question at a
// time, so an unfinished chain is normal while editing. A round refuses a set with any problem
// (snapshot.ts, relaySets → no_questions).
import { sameAnswer } from "./equivalence.ts";
import type { TableRow } from "./question.ts";
import { deriveAnswer, type InputProblem } from "./relay-rule.ts";

export type ChainQuestion = {
  id?: number;
  order: number;
  answer: string | null;
  unit: string | null;
  usesPrevious: boolean;
  answerFormula: string | null;
  answerTable: readonly TableRow[] | null;
};

/**
 * - order_gap: the positions before this one are not 1, 2, … without a hole;
 * - previous_missing: it uses the previous answer but there is none (gap, or a broken step before);
 * - an InputProblem: its rule gives nothing for the chain's correct input (division by zero…);
 * - answer_mismatch: it uses the previous answer AND states an answer that the rule contradicts.
 */
export type ChainProblem = "order_gap" | "previous_missing" | "answer_mismatch" | Exclude<InputProblem, "missing">;

export type ChainStep = {
  id?: number;
  order: number;
  /** The chain's correct input: the previous question's correct answer (null for the first). */
  input: string | null;
  /** This question's correct answer in the chain (null when it cannot be known). */
  answer: string | null;
  problem: ChainProblem | null;
};

export type Chain = { ok: boolean; steps: ChainStep[] };

export function chainAnswers(questions: readonly ChainQuestion[]): Chain {
  const sorted = [...questions].sort((a, b) => a.order - b.order);
  const steps: ChainStep[] = [];
  sorted.forEach((q, i) => {
    const prev = i > 0 && sorted[i - 1]!.order === q.order - 1 ? { q: sorted[i - 1]!, step: steps[i - 1]! } : null;
    const input = prev?.step.answer ?? null;
    const gap = q.order !== i + 1;
    if (!q.usesPrevious) {
      steps.push({ id: q.id, order: q.order, input, answer: q.answer, problem: gap ? "order_gap" : null });
      return;
    }
    if (input === null) {
      steps.push({ id: q.id, order: q.order, input, answer: null, problem: "previous_missing" });
      return;
    }
    const derived = deriveAnswer(q, input, prev!.q.unit);
    if (!derived.ok) {
      const problem = derived.problem === "missing" ? "previous_missing" : derived.problem;
      steps.push({ id: q.id, order: q.order, input, answer: null, problem });
      return;
    }
    const mismatch = q.answer !== null && !sameAnswer(q.answer, derived.answer, q.unit);
    steps.push({ id: q.id, order: q.order, input, answer: derived.answer, problem: mismatch ? "answer_mismatch" : gap ? "order_gap" : null });
  });
  return { ok: steps.every((s) => s.problem === null), steps };
}
