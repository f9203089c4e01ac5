// "Add the demo questions": the demo bank (data.ts) in the teacher's chosen language, added on
// demand through the importer (import.ts), so it gets the same validation, image storage and
// all-or-nothing transaction. External ids are demo-<lang>-<key>: adding twice updates the
// demo questions (restoring any edits) and never duplicates them. Both languages use the set
// names P1 … S2, so a bank whose sets already hold other questions (e.g. the other language's
// demo) is refused with `sets_taken` rather than mixed.
import type { Db } from "../../db/client.ts";
import { fail, type Result } from "../../errors.ts";
import type { ParsedRow } from "../csv.ts";
import { importRows } from "../import.ts";
import { DEMO_QUESTIONS, type DemoQuestion } from "./data.ts";
import { DEMO_IMAGE_NAMES, demoImageBytes } from "./images.ts";

export type DemoLang = "ko" | "en";
const DEMO_TAG = { ko: "데모", en: "demo" } as const;

export const demoExternalId = (lang: DemoLang, key: string) => `demo-${lang}-${key}`;

function demoInput(q: DemoQuestion, lang: DemoLang): Record<string, unknown> {
  const relay = q.set !== undefined;
  return {
    category: relay ? "relay" : "score_steal",
    set: q.set,
    order: q.order,
    text: q.text[lang],
    answer: q.answer,
    alternatives: q.alternatives,
    points: q.points,
    explanation: q.explanation?.[lang],
    unit: typeof q.unit === "string" ? q.unit : q.unit?.[lang],
    tags: [DEMO_TAG[lang], ...q.tags.map((t) => t[lang])],
    externalId: demoExternalId(lang, q.key),
    usesPrevious: q.formula !== undefined || q.table !== undefined,
    answerFormula: q.formula,
    answerTable: q.table,
  };
}

/** The demo bank as import rows (line = position in data.ts), with its pictures by file name. */
export function demoRows(lang: DemoLang): { rows: ParsedRow[]; files: Map<string, Uint8Array> } {
  const rows = DEMO_QUESTIONS.map((q, i) => ({ line: i + 1, input: demoInput(q, lang), image: q.image ? `${q.image}.png` : null, errors: [] }));
  const files = new Map(DEMO_IMAGE_NAMES.map((name) => [`${name}.png`, demoImageBytes(name)] as const));
  return { rows, files };
}

export function addDemoQuestions(db: Db, lang: DemoLang, now = Date.now()): Result<{ created: number; updated: number }> {
  const { rows, files } = demoRows(lang);
  const r = importRows(db, { format: "json", rows, files, base: "" }, { dryRun: false, now });
  if (r.ok) return { ok: true, created: r.created, updated: r.updated };
  const failed = (r.detail?.rows ?? []) as { line: number; errors: { reason: string }[] }[];
  const taken = failed.filter((row) => row.errors.some((e) => e.reason === "set_order_taken"));
  if (taken.length) return fail("sets_taken", { sets: [...new Set(taken.map((row) => DEMO_QUESTIONS[row.line - 1]!.set))] });
  return r;
}
