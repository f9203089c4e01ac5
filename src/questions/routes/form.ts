// The editor's form as the API's JSON question, so one validator (validateQuestion) judges both
// front doors and names the same fields. Form values are text: numbers are read as numbers,
// lists come one per line (alternatives, table rows) or separated by commas (tags), the
// checkbox is a boolean. A value that is not text (a JSON body sent to the form route) passes
// through unchanged, so the validator refuses it by its field.
import { t } from "elysia";
import { fromForm } from "../../http/validate.ts";
import type { Question } from "../question.ts";
import type { EditorValues } from "../../../views/questions/editor.tsx";

/** Any form: field names and text values (a repeated name arrives as a list). */
export const EditorForm = t.Record(
  t.String({ maxLength: 40 }),
  t.Union([t.String({ maxLength: 20_000 }), t.Array(t.String({ maxLength: 20_000 }), { maxItems: 50 })]),
);

const split = (v: unknown, sep: RegExp): unknown => (typeof v === "string" ? v.split(sep).map((s) => s.trim()).filter(Boolean) : v);

/** "5 = 1" per line → [{ input: "5", answer: "1" }]; a line without "=" keeps its text as the input (the validator names the row). */
function tableRows(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const lines = v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  return lines.map((line) => {
    const at = line.indexOf("=");
    return at < 0 ? { input: line, answer: "" } : { input: line.slice(0, at).trim(), answer: line.slice(at + 1).trim() };
  });
}

export function questionInputFromForm(form: Record<string, unknown>): Record<string, unknown> {
  const relay = form.category === "relay";
  // Fields of a relay set stay with a relay question: the editor hides them for Score Steal, and
  // values left in them from before switching category are not the teacher's intent.
  const relayOnly = (v: unknown) => (relay ? v : undefined);
  return {
    category: fromForm.text(form.category),
    set: relayOnly(fromForm.text(form.set)),
    order: relayOnly(fromForm.int(form.order)),
    text: form.text,
    answer: fromForm.text(form.answer),
    alternatives: split(form.alternatives, /\r?\n/),
    points: fromForm.int(form.points),
    timeLimitSeconds: fromForm.int(form.timeLimitSeconds),
    explanation: fromForm.text(form.explanation),
    unit: fromForm.text(form.unit),
    tags: split(form.tags, /,/),
    externalId: fromForm.text(form.externalId),
    usesPrevious: relay ? fromForm.checkbox(form.usesPrevious) : undefined,
    answerFormula: relayOnly(fromForm.text(form.answerFormula)),
    answerTable: relayOnly(tableRows(form.answerTable)),
  };
}

const text = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) ? v.join("\n") : "");

/** What the editor's fields show for a stored question. */
export function formValuesOf(q: Question): EditorValues {
  return {
    category: q.category,
    set: q.set ?? "",
    order: q.order === null ? "" : String(q.order),
    text: q.text,
    answer: q.answer ?? "",
    alternatives: q.alternatives.join("\n"),
    points: String(q.points),
    timeLimitSeconds: q.timeLimitSeconds === null ? "" : String(q.timeLimitSeconds),
    explanation: q.explanation ?? "",
    unit: q.unit ?? "",
    tags: q.tags.join(", "),
    externalId: q.externalId ?? "",
    usesPrevious: q.usesPrevious ? "on" : "",
    answerFormula: q.answerFormula ?? "",
    answerTable: (q.answerTable ?? []).map((r) => `${r.input} = ${r.answer}`).join("\n"),
  };
}

/** The form as sent, for showing it again with its errors. */
export function formValuesFrom(form: Record<string, unknown>): EditorValues {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, text(v)]));
}
