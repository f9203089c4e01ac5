// THE answer checker: every round that asks bank questions judges through here, and so does
// the teacher's "try an answer" (bank.ts checkQuestionAnswer), so a student and a teacher can
// never get two verdicts for one answer. Pure: no database, no clock.
//
// Order of checks:
//   1. the typed answer is read: empty (after trimming) or over 100 characters is refused with
//      `invalid_answer` — not judged wrong, so a slip of the thumb costs nothing;
//   2. it is compared with the accepted answer and each alternative (equivalence.ts: numbers by
//      exact value with an optional trailing unit equal to the question's, text normalised);
//   3. relay questions that use the previous answer (checkRelayAnswer): correct when it equals
//      the chain's true answer, or — with follow-through credit — the rule applied to the input
//      the student actually received; an unusable input leaves only the true answer.
import { fail, type Fail } from "../errors.ts";
import { matchesAny, sameAnswer } from "./equivalence.ts";
import { LIMITS } from "./question.ts";
import { deriveAnswer, type InputProblem, type RelayRule } from "./relay-rule.ts";

/** What judging needs from a question (a stored question and a round snapshot both fit). */
export type AnswerKey = { answer: string | null; alternatives: readonly string[]; unit: string | null };
export type RelayKey = AnswerKey & RelayRule & { usesPrevious: boolean };

export type AnswerRefusalReason = "empty" | "too_long";
export type AnswerCheck = { ok: true; correct: boolean; expected: string | null };

export type RelayCheckOptions = {
  /** The chain's true previous answer (null for a chain's first question). */
  trueInput: string | null;
  /** The previous answer as the teammate gave it (null/undefined: none was given). */
  receivedInput: string | null | undefined;
  followThrough: boolean;
  /** The previous question's unit, so a received "12 cm" counts as 12. */
  inputUnit?: string | null;
};

export type RelayCheck = AnswerCheck & {
  /** "answer": equals the true answer; "follow_through": equals the rule applied to the received input. */
  credit: "answer" | "follow_through" | null;
  /** For a question using the previous answer: whether the received input gave an answer. */
  input: { usable: true; derived: string } | { usable: false; problem: InputProblem } | null;
};

/** Step 1: refuse an answer that cannot be judged. Lengths count characters, not UTF-16 units. */
export function readAnswer(given: unknown): { ok: true; text: string } | Fail {
  if (typeof given !== "string") return fail("invalid_answer", { reason: "empty" satisfies AnswerRefusalReason });
  const text = given.trim();
  if (text === "") return fail("invalid_answer", { reason: "empty" satisfies AnswerRefusalReason });
  if ([...text].length > LIMITS.answer) return fail("invalid_answer", { reason: "too_long" satisfies AnswerRefusalReason });
  return { ok: true, text };
}

/** Judges an answer to a question with a fixed answer (Score Steal, a chain's first question). */
export function checkAnswer(key: AnswerKey, given: unknown): AnswerCheck | Fail {
  const read = readAnswer(given);
  if (!read.ok) return read;
  const accepted = key.answer === null ? [] : [key.answer, ...key.alternatives];
  return { ok: true, correct: matchesAny(read.text, accepted, key.unit), expected: key.answer };
}

/** Judges a relay answer (issue 12, "The input is the teammate's answer as given"). */
export function checkRelayAnswer(key: RelayKey, given: unknown, opts: RelayCheckOptions): RelayCheck | Fail {
  if (!key.usesPrevious) {
    const plain = checkAnswer(key, given);
    return plain.ok ? { ...plain, credit: plain.correct ? "answer" : null, input: null } : plain;
  }
  const read = readAnswer(given);
  if (!read.ok) return read;
  const truth = deriveAnswer(key, opts.trueInput, opts.inputUnit);
  const expected = truth.ok ? truth.answer : null;
  const received = deriveAnswer(key, opts.receivedInput, opts.inputUnit);
  const input: RelayCheck["input"] = received.ok ? { usable: true, derived: received.answer } : { usable: false, problem: received.problem };
  if (expected !== null && sameAnswer(read.text, expected, key.unit)) return { ok: true, correct: true, expected, credit: "answer", input };
  if (opts.followThrough && received.ok && sameAnswer(read.text, received.answer, key.unit)) {
    return { ok: true, correct: true, expected, credit: "follow_through", input };
  }
  return { ok: true, correct: false, expected, credit: null, input };
}
