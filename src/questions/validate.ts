// One validator for every way a question arrives: the API's JSON, the editor's form, each row
// of an import. It returns the clean question or every problem found, each as a field and a
// reason code (reasons.ts holds their ko/en text); no sentences here.
//
// Cleaning: strings are trimmed, "" means absent for optional fields, CRLF becomes LF, lists
// lose empty and repeated items. `id` and `imageUrl` are ignored (a client may send back what it
// read); any other unknown field is an error, so a misspelt `timeLimit` is not silently lost.
import { fail, type Result } from "../errors.ts";
import { sameAnswer } from "./equivalence.ts";
import { parseFormula } from "./formula.ts";
import { normalizeText } from "./normalize.ts";
import { CATEGORIES, DEFAULT_POINTS, LIMITS, type Category, type QuestionData, type TableRow } from "./question.ts";
import type { QuestionReason } from "./reasons.ts";

export type FieldError = { field: string; reason: QuestionReason; index?: number; at?: number };

const FIELDS = ["category", "set", "order", "text", "answer", "alternatives", "points", "timeLimitSeconds", "explanation", "unit", "tags", "externalId", "usesPrevious", "answerFormula", "answerTable"] as const;
const IGNORED = new Set(["id", "imageUrl"]);
const SET_NAME = /^[\p{L}\p{N}_-]+$/u;
const EXTERNAL_ID = /^[\p{L}\p{N}._:-]+$/u;
// Control characters other than tab and newline have no business in a question.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

const chars = (s: string) => [...s].length;

/** Reads the fields one by one, collecting errors instead of stopping at the first. */
function reader(input: Record<string, unknown>, errors: FieldError[]) {
  const err = (field: string, reason: QuestionReason, extra: Partial<FieldError> = {}) => { errors.push({ field, reason, ...extra }); };
  const absent = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  function str(field: string, max: number, required: boolean, value: unknown = input[field]): string | null {
    if (absent(value)) { if (required) err(field, "required"); return null; }
    if (typeof value !== "string") { err(field, "not_text"); return null; }
    const s = value.replace(/\r\n?/g, "\n").trim();
    if (chars(s) > max) { err(field, "too_long"); return null; }
    if (CONTROL.test(s)) { err(field, "bad_characters"); return null; }
    return s;
  }
  function int(field: string, range: { min: number; max: number }): number | null {
    const value = input[field];
    if (absent(value)) return null;
    if (typeof value !== "number" || !Number.isInteger(value)) { err(field, "not_integer"); return null; }
    if (value < range.min || value > range.max) { err(field, "out_of_range"); return null; }
    return value;
  }
  function list(field: string, maxItems: number, maxChars: number): string[] {
    const value = input[field];
    if (absent(value)) return [];
    if (!Array.isArray(value)) { err(field, "not_list"); return []; }
    if (value.length > maxItems) { err(field, "too_many"); return []; }
    const out: string[] = [];
    value.forEach((item, index) => {
      const before = errors.length;
      const s = str(field, maxChars, false, item);
      for (const e of errors.slice(before)) e.index = index;
      if (s !== null && !out.some((o) => normalizeText(o) === normalizeText(s))) out.push(s);
    });
    return out;
  }
  return { err, absent, str, int, list };
}

function readTable(value: unknown, r: ReturnType<typeof reader>): TableRow[] | null {
  if (r.absent(value)) return null;
  if (!Array.isArray(value)) { r.err("answerTable", "not_list"); return null; }
  if (value.length === 0) { r.err("answerTable", "table_empty"); return null; }
  if (value.length > LIMITS.tableRows) { r.err("answerTable", "too_many"); return null; }
  const rows: TableRow[] = [];
  value.forEach((row, index) => {
    const o = (row ?? {}) as Record<string, unknown>;
    const input = typeof row === "object" && typeof o.input === "string" ? o.input.trim() : "";
    const answer = typeof row === "object" && typeof o.answer === "string" ? o.answer.trim() : "";
    if (!input || !answer || chars(input) > LIMITS.answer || chars(answer) > LIMITS.answer) return r.err("answerTable", "table_bad_row", { index });
    if (rows.some((x) => sameAnswer(input, x.input))) return r.err("answerTable", "table_duplicate_input", { index });
    rows.push({ input, answer });
  });
  return rows;
}

export function validateQuestion(input: unknown): Result<{ question: QuestionData }> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("invalid_input", { errors: [{ field: "", reason: "not_object" }] });
  const obj = input as Record<string, unknown>;
  const errors: FieldError[] = [];
  const r = reader(obj, errors);
  for (const key of Object.keys(obj)) if (!(FIELDS as readonly string[]).includes(key) && !IGNORED.has(key)) r.err(key, "unknown_field");

  const category = obj.category as Category;
  if (r.absent(category)) r.err("category", "required");
  else if (!CATEGORIES.includes(category)) r.err("category", "bad_category");
  const relay = category === "relay";

  const text = r.str("text", LIMITS.text, true);
  const answerRaw = r.str("answer", LIMITS.answer, false);
  const alternatives = r.list("alternatives", LIMITS.alternatives, LIMITS.answer);
  const points = r.int("points", LIMITS.points) ?? DEFAULT_POINTS;
  const timeLimitSeconds = r.int("timeLimitSeconds", LIMITS.timeLimitSeconds);
  const explanation = r.str("explanation", LIMITS.explanation, false);
  const unit = r.str("unit", LIMITS.unit, false);
  const tags = r.list("tags", LIMITS.tags, LIMITS.tag);
  const externalId = r.str("externalId", LIMITS.externalId, false);
  if (externalId !== null && !EXTERNAL_ID.test(externalId)) r.err("externalId", "bad_external_id");

  let set = r.str("set", LIMITS.setName, relay);
  let order = r.int("order", { min: 1, max: LIMITS.order });
  if (set !== null && !SET_NAME.test(set)) r.err("set", "bad_set_name");
  if (relay && order === null && r.absent(obj.order)) r.err("order", "required");
  const usesPrevious = obj.usesPrevious === undefined || obj.usesPrevious === null ? false : obj.usesPrevious;
  if (typeof usesPrevious !== "boolean") r.err("usesPrevious", "not_boolean");
  const formula = r.str("answerFormula", LIMITS.formula, false);
  const table = readTable(obj.answerTable, r);

  if (category === "score_steal") {
    // Score Steal questions stand alone: nothing of a chain applies.
    for (const f of ["set", "order", "answerFormula", "answerTable"] as const) if (!r.absent(obj[f])) r.err(f, "not_for_score_steal");
    if (usesPrevious === true) r.err("usesPrevious", "not_for_score_steal");
  }
  if (!relay) {
    set = null;
    order = null;
  }
  if (usesPrevious === true && relay) {
    if (order === 1) r.err("usesPrevious", "first_question");
    if (formula === null && table === null && r.absent(obj.answerFormula) && r.absent(obj.answerTable)) r.err("answerFormula", "rule_required");
    if (!r.absent(obj.answerFormula) && !r.absent(obj.answerTable)) r.err("answerTable", "two_rules");
    if (alternatives.length > 0) r.err("alternatives", "not_with_previous");
  } else if (relay && usesPrevious === false) {
    for (const f of ["answerFormula", "answerTable"] as const) if (!r.absent(obj[f])) r.err(f, "rule_without_previous");
  }
  if (formula !== null) {
    const parsed = parseFormula(formula);
    if (!parsed.ok) r.err("answerFormula", "formula_syntax", { at: parsed.at });
    else if (!parsed.usesT) r.err("answerFormula", "formula_without_t");
  }
  if (answerRaw === null && usesPrevious === false && r.absent(obj.answer)) r.err("answer", "required");

  if (errors.length > 0) return fail("invalid_input", { errors });
  return {
    ok: true,
    question: {
      category, set, order, text: text!, answer: answerRaw, alternatives, points, timeLimitSeconds, explanation, unit, tags, externalId,
      usesPrevious: usesPrevious === true, answerFormula: usesPrevious === true ? formula : null, answerTable: usesPrevious === true ? table : null,
    },
  };
}
