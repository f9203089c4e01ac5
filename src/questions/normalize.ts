// How typed answers are put in one form before comparing. A Korean phone keyboard often
// produces full-width characters (１２, －, ．), macOS produces decomposed Hangul (NFD), and
// students add spaces, capitals or a final period: none of that should make an answer wrong.
//
// NFKC is deliberately NOT used: it would also turn "cm²" into "cm2" and "½" into "1⁄2",
// changing what the answer says. Only the full-width ASCII block and a few minus signs are mapped.

/** Minus-like characters a keyboard or a copy-paste can produce, read as ASCII "-". */
const MINUS = /[\u2212\uFE63\u2012\u2013]/g;

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space → space, minus signs → "-". */
export function halfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(MINUS, "-");
}

/**
 * The comparable form of an answer: half-width, NFC, inner whitespace collapsed to one space,
 * trimmed, lower-cased, and one trailing period (. or 。) dropped.
 */
export function normalizeText(s: string): string {
  const t = halfWidth(s).normalize("NFC").replace(/\s+/gu, " ").trim().toLowerCase();
  return t.replace(/[.。]$/u, "").trimEnd();
}
