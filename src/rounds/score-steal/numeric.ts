import { parseNumber } from "../../questions/number.ts";
import type { QuestionSnapshot } from "../../questions/snapshot.ts";

/** A question whose answer reads as a number gets the number keys on phones. */
export function isNumericAnswer(q: QuestionSnapshot): boolean {
  return q.answer !== null && parseNumber(q.answer, q.unit) !== null;
}
