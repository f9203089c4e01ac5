// The teacher's "try an answer" (POST /api/questions/check): the same checker the rounds use,
// on a question as it stands in the bank now.
import type { Conn } from "../db/client.ts";
import { fail, type Result } from "../errors.ts";
import { checkAnswer, checkRelayAnswer, type RelayCheck } from "./answer-check.ts";
import { findQuestion } from "./bank.ts";
import { setChain } from "./sets.ts";

export type CheckInput = { questionId: number; answer: unknown; previousAnswer?: string | null };
export type QuestionCheck = { correct: boolean; expected: string | null; credit?: RelayCheck["credit"]; input?: RelayCheck["input"] };

/**
 * For a question using the previous answer: with `previousAnswer`, it is the input a student
 * received (follow-through on) and `expected` is what the rule gives for it (the chain's true
 * answer when it gives nothing); without it, the chain's correct input is used, and a chain
 * with no correct input yet is `no_previous_answer`.
 */
export function checkQuestionAnswer(conn: Conn, input: CheckInput): Result<QuestionCheck> {
  const q = findQuestion(conn, input.questionId);
  if (!q) return fail("question_not_found");
  if (!q.usesPrevious) {
    const r = checkAnswer(q, input.answer);
    return r.ok ? { ok: true, correct: r.correct, expected: r.expected } : r;
  }
  const { questions, chain } = setChain(conn, q.set!);
  const step = chain.steps.find((s) => s.id === q.id);
  const previous = questions.find((p) => p.order === q.order! - 1);
  const given = input.previousAnswer?.trim() ? input.previousAnswer : null;
  if (!given && !step?.input) return fail("no_previous_answer");
  const r = checkRelayAnswer(q, input.answer, { trueInput: step?.input ?? null, receivedInput: given ?? step?.input, followThrough: true, inputUnit: previous?.unit });
  if (!r.ok) return r;
  const expected = given && r.input?.usable ? r.input.derived : r.expected;
  return { ok: true, correct: r.correct, expected, credit: r.credit, input: r.input };
}
