// Hostile values for the battery, by category.
// Not here on purpose: "%2e%2e" as a path segment (fetch resolves it, so the request names another
// route — static-paths.test.ts sends it raw), and numeric strings for integer fields ("2" for 2,
// which the JSON API accepts).

export const UNICODE: Record<string, string> = {
  zero_width: "\u200B\u200C\u200D\u2060",
  zero_width_in_digits: "1\u200B2",
  rtl_override: "\u202Eevil\u202C",
  emoji_zwj: "👩‍👩‍👧‍👦",
  nfc: "\u00E9",
  nfd: "e\u0301",
  combining_bomb: "a" + "\u0301".repeat(500),
  bom: "\uFEFF",
  nul: "a\u0000b",
  fullwidth_digits: "１２３",
  arabic_indic_digits: "١٢٣",
  hangul_filler: "\u3164",
  lone_surrogate: "\uD800",
  lone_low_surrogate: "x\uDC00",
};

export const SQL: Record<string, string> = {
  drop: "'; DROP TABLE games; --",
  or_true: "1 OR 1=1",
  quote_or: "' OR '1'='1",
  union: "' UNION SELECT token_hash FROM teacher_sessions --",
  stacked: "1; DELETE FROM participants",
  comment: "1/**/--",
};

export const HTML: Record<string, string> = {
  script: "<script>alert(1)</script>",
  img: "\"><img src=x onerror=alert(1)>",
  js_url: "javascript:alert(1)",
  template: "{{7*7}}${7*7}",
  svg: "<svg onload=alert(1)>",
};

export const LONG: Record<string, string> = {
  long_10k: "9".repeat(10_000),
};

/** Every string payload (unicode, SQL-looking, HTML/JS, very long), named. */
export const STRING_PAYLOADS: [string, string][] = [
  ...Object.entries(UNICODE).map(([k, v]) => [`unicode:${k}`, v] as [string, string]),
  ...Object.entries(SQL).map(([k, v]) => [`sql:${k}`, v] as [string, string]),
  ...Object.entries(HTML).map(([k, v]) => [`html:${k}`, v] as [string, string]),
  ...Object.entries(LONG).map(([k, v]) => [`long:${k}`, v] as [string, string]),
];

/** Values for a path segment that names an id, a code, an action or a language. */
export const PATH_PAYLOADS: [string, string][] = [
  ["zero", "0"],
  ["negative", "-1"],
  ["fraction", "1.5"],
  ["exponent", "1e3"],
  ["hex", "0x10"],
  ["leading_zero", "01"],
  ["huge", "99999999999999999999"],
  ["word", "abc"],
  ["nul", "%00"],
  ["slash", "..%2F..%2Fpackage.json"],
  ["sql", encodeURIComponent(SQL.drop!)],
  ["html", encodeURIComponent(HTML.script!)],
  ["rtl", encodeURIComponent(UNICODE.rtl_override!)],
  ["arabic_digits", encodeURIComponent(UNICODE.arabic_indic_digits!)],
  ["fullwidth_digits", encodeURIComponent(UNICODE.fullwidth_digits!)],
  ["emoji", encodeURIComponent("😀")],
  // UTF-8 of a lone surrogate (invalid UTF-8) and a bare percent sign.
  ["lone_surrogate_bytes", "%ED%A0%80"],
  ["bad_percent", "%E0%A4%A"],
  ["long", "7".repeat(5000)],
];

/** A JSON text nesting `depth` arrays. */
export function nestedArrays(depth: number): string {
  return "[".repeat(depth) + "]".repeat(depth);
}

export function nestedObjects(depth: number): string {
  return '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** Malformed JSON bodies. */
export const MALFORMED_JSON: [string, string][] = [
  ["unclosed", "{bad"],
  ["truncated", '{"a":'],
  ["trailing_comma", '{"a":1,}'],
  ["single_quotes", "{'a':1}"],
  ["bare_word", "undefined"],
  ["nan", '{"a":NaN}'],
  ["control_bytes", "\u0000\u0001\u0002"],
  ["empty", ""],
  ["two_documents", '{"a":1}{"b":2}'],
  ["unterminated_string", '{"a":"\\'],
  ["bad_escape", '{"a":"\\x41"}'],
  ["lone_surrogate_escape_key", '{"\\ud800":1'],
];

/** Wrong-typed replacements for a field holding `v`. */
export function wrongTypes(v: unknown): [string, unknown][] {
  const all: [string, unknown][] = [
    ["number", 123],
    ["negative", -1],
    ["fraction", 1.5],
    ["huge", 1e308],
    ["string", "abc"],
    ["null", null],
    ["true", true],
    ["array", []],
    ["array_of_strings", ["a", "b"]],
    ["object", {}],
    ["object_with_proto", JSON.parse('{"__proto__":{"polluted":1}}')],
  ];
  if (typeof v === "number") return all.filter(([k]) => !["number", "huge"].includes(k));
  if (typeof v === "boolean") return all.filter(([k]) => k !== "true");
  if (typeof v === "string") return all.filter(([k]) => k !== "string");
  if (Array.isArray(v)) return all.filter(([k]) => !["array"].includes(k)).concat([["array_of_nulls", [null]], ["array_of_arrays", [[1]]], ["array_too_long", Array.from({ length: 50 }, () => 1)]]);
  return all;
}

/** Form fields are strings: these are the wrong-looking ones for a number field. */
export const BAD_NUMBER_STRINGS: [string, string][] = [
  ["empty", ""],
  ["word", "abc"],
  ["negative", "-1"],
  ["fraction", "1.5"],
  ["nan", "NaN"],
  ["infinity", "Infinity"],
  ["huge", "99999999999999999999"],
  ["space", " "],
];

/** Expression bombs for the Year Game. */
export const EXPRESSION_BOMBS: [string, string][] = [
  ["power_tower", "9^9^9^9"],
  ["power_tower_parens", "9^(9^(9^9))"],
  ["nested_parens_80", "(".repeat(80) + "1" + ")".repeat(80)],
  ["nested_parens_40_valid", "(".repeat(40) + "1+3+5+7+9" + ")".repeat(40)],
  ["factorial_100", "100!"],
  ["factorial_chain", "9!!!!"],
  ["factorial_nested", "((9!)!)!"],
  ["big_power", "9^99999"],
  ["zero_power_zero", "0^0"],
  ["divide_by_zero", "1/0"],
  ["sqrt_negative", "√(-1)"],
  ["sqrt_chain", "√".repeat(150) + "9"],
  ["unary_chain", "-".repeat(190) + "1"],
  ["exponent_literal", "1e999"],
  ["long_sum_200", ("1+".repeat(100)).slice(0, 199) + "1"],
  ["chars_10k", "1+".repeat(5000)],
  ["unicode_digits", "١+٣+٥+٧+٩"],
  ["html", "<script>alert(1)</script>"],
  ["sql", "'; DROP TABLE games; --"],
  ["empty", ""],
  ["whitespace", " \t\n "],
  ["lone_surrogate", "1+\uD800"],
];
