// Reading a typed answer as an exact number. Grammar (applied to the normalised text, see
// normalize.ts, so full-width digits and signs are already ASCII):
//
//   number   := sign? " "? body
//   sign     := "+" | "-"
//   body     := int " " int "/" int          mixed number: 1 1/2 (the fraction part is proper)
//             | int " "? "/" " "? int        fraction, any size, not necessarily lowest terms: 6/8
//             | int ("." digits)?            integer or decimal: 12, 0.75
//             | "." digits                   .75
//   int      := digits | d{1,3} ("," d{3})+  thousands separators only in groups of three
//
// So "1,000" is 1000 while "1,5" (a European decimal?) is not a number at all and is then
// compared as text — it can never silently equal 1.5 or 15. A zero denominator is not a number.
import { add, neg, rational, type Rational } from "../math/rational.ts";
import { normalizeText } from "./normalize.ts";

const INT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;
const MIXED = new RegExp(String.raw`^(${INT}) (${INT}) ?/ ?(${INT})$`);
const FRACTION = new RegExp(String.raw`^(${INT}) ?/ ?(${INT})$`);
const DECIMAL = new RegExp(String.raw`^(?:(${INT})(?:\.(\d+))?|\.(\d+))$`);

const big = (digits: string): bigint => BigInt(digits.replaceAll(",", ""));

function parseBody(body: string): Rational | null {
  let m = MIXED.exec(body);
  if (m) {
    const whole = big(m[1]!);
    const num = big(m[2]!);
    const den = big(m[3]!);
    // "1 3/2" is not how anyone writes a mixed number; refusing it keeps "1 3/2" from meaning 5/2.
    if (den === 0n || num >= den) return null;
    return add(rational(whole), rational(num, den));
  }
  m = FRACTION.exec(body);
  if (m) {
    const den = big(m[2]!);
    return den === 0n ? null : rational(big(m[1]!), den);
  }
  m = DECIMAL.exec(body);
  if (m) {
    const intPart = m[1] !== undefined ? big(m[1]) : 0n;
    const frac = m[2] ?? m[3] ?? "";
    const scale = 10n ** BigInt(frac.length);
    return rational(intPart * scale + (frac ? BigInt(frac) : 0n), scale);
  }
  return null;
}

/** The exact value of an already normalised answer, or null when it is not a number. */
export function parseNormalizedNumber(text: string): Rational | null {
  const m = /^([+-]?) ?(.+)$/.exec(text);
  if (!m) return null;
  const value = parseBody(m[2]!);
  if (!value) return null;
  // The sign applies to the whole mixed number: -1 1/2 = -(1 + 1/2) = -3/2.
  return m[1] === "-" ? neg(value) : value;
}

/**
 * The exact value of a typed answer, allowing one trailing unit equal to `unit` ("12 cm",
 * "12cm" for unit "cm"). Another unit ("12 mm") makes it not a number, hence wrong.
 */
export function parseNumber(raw: string, unit?: string | null): Rational | null {
  const text = normalizeText(raw);
  const direct = parseNormalizedNumber(text);
  if (direct || !unit) return direct;
  const u = normalizeText(unit);
  if (!u || !text.endsWith(u) || text.length === u.length) return null;
  return parseNormalizedNumber(text.slice(0, -u.length).trimEnd());
}

