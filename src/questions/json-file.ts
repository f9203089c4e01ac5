// The question bank as JSON: `{ "format": "tmc-questions", "version": 1, "questions": [...] }`
// (a bare array of questions is read too). Each question has the API's fields (see question.ts,
// QuestionData) plus `image`: the image's file name in the zip, or null. JSON is the lossless
// form: any text, any list item.
import type { QuestionData } from "./question.ts";
import type { ParsedFile } from "./csv.ts";
import { MAX_ROWS } from "./csv.ts";

export const JSON_FORMAT = "tmc-questions";

export function parseJsonFile(text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, reason: "bad_json" };
  }
  const list = Array.isArray(doc) ? doc : (doc as { questions?: unknown } | null)?.questions;
  if (!Array.isArray(list)) return { ok: false, reason: "bad_json" };
  if (list.length === 0) return { ok: false, reason: "empty_file" };
  if (list.length > MAX_ROWS) return { ok: false, reason: "too_many_rows" };
  return {
    ok: true,
    rows: list.map((item, i) => {
      if (typeof item !== "object" || item === null || Array.isArray(item)) return { line: i + 1, input: { _: item }, image: null, errors: [{ field: "", reason: "not_object" }] };
      const { image, imageUrl: _url, ...input } = item as Record<string, unknown>;
      return { line: i + 1, input, image: typeof image === "string" && image.trim() ? image.trim() : null, errors: [] };
    }),
  };
}

export function questionsToJson(items: readonly { data: QuestionData; image: string | null }[]): string {
  return JSON.stringify({ format: JSON_FORMAT, version: 1, questions: items.map(({ data, image }) => ({ ...data, image })) }, null, 2);
}
