// When two answers are the same answer. An accepted answer that reads as a number is compared
// by exact value (6/8 = 0.75 = .75 = 3/4, "12 cm" = 12 when the unit is cm); any other answer
// is compared as normalised text (normalize.ts). A number is never compared as text, so
// "0.749" cannot match "3/4" and "1,5" cannot match 1.5 or 15.
import { equals } from "../math/rational.ts";
import { normalizeText } from "./normalize.ts";
import { parseNumber } from "./number.ts";

export function sameAnswer(given: string, accepted: string, unit?: string | null): boolean {
  const expected = parseNumber(accepted, unit);
  if (expected) {
    const value = parseNumber(given, unit);
    return value !== null && equals(value, expected);
  }
  return normalizeText(given) === normalizeText(accepted);
}

/** True when the given answer equals one of the accepted forms. */
export function matchesAny(given: string, accepted: readonly string[], unit?: string | null): boolean {
  return accepted.some((a) => sameAnswer(given, a, unit));
}
