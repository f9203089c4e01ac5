// The question bank's refusals in words, at the edge. The domain returns codes and reasons
// (src/questions/reasons.ts holds their ko/en text); this turns them into the message of an API
// error or a page notice, in the viewer's language:
//   invalid_input {errors: [{field, reason}]}   → "Answer: Fill this in." (+ how many more)
//   import_invalid / no_questions {reason}       → the reason's own text (declared for failText)
//   sets_taken {sets}                             → the code's text and the sets' names
//   import_invalid {reason, column}               → the reason's text and the column
import { declareReasonTexts, failText, type Fail, type Lang } from "../../errors.ts";
import { apiError, pageError } from "../../http/respond.tsx";
import type { Who } from "../../auth/request.ts";
import { QUESTION_REASONS } from "../reasons.ts";
import type { FieldError } from "../validate.ts";
import { fieldErrorText } from "../../../views/questions/text.ts";

// Every reason has a text, so failText can word import_invalid and no_questions by their reason
// for anyone (the rounds' start forms too).
declareReasonTexts(Object.fromEntries(
  ["import_invalid", "no_questions"].flatMap((code) => Object.entries(QUESTION_REASONS).map(([reason, text]) => [`${code}:${reason}`, text])),
));

export function fieldErrors(f: Pick<Fail, "detail">): FieldError[] {
  const errors = f.detail?.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : [];
}

const MORE = { en: (n: number) => ` (+${n} more)`, ko: (n: number) => ` (외 ${n}개)` };

export function bankFailText(f: Fail, lang: Lang): string {
  const errors = fieldErrors(f);
  if (f.code === "invalid_input" && errors.length > 0) return fieldErrorText(errors[0]!, lang) + (errors.length > 1 ? MORE[lang](errors.length - 1) : "");
  const sets = f.detail?.sets;
  if (f.code === "sets_taken" && Array.isArray(sets) && sets.length) return `${failText(f, lang)} (${sets.join(", ")})`;
  // A file's header problem names its column.
  const column = f.detail?.column;
  if (typeof column === "string" && column) return `${failText(f, lang)} (${column.slice(0, 60)})`;
  return failText(f, lang);
}

/** The detail with a `message` beside each field error, so an API client can show them as they are. */
function detailWithMessages(f: Fail, lang: Lang): Record<string, unknown> | undefined {
  const errors = fieldErrors(f);
  if (!errors.length) return f.detail;
  return { ...f.detail, errors: errors.map((e) => ({ ...e, message: fieldErrorText(e, lang) })) };
}

export function bankApiFail(f: Fail, lang: Lang): Response {
  return apiError(f.code, lang, detailWithMessages(f, lang), bankFailText(f, lang));
}

export function bankPageFail(w: Pick<Who, "lang" | "isHtmx">, f: Fail): Response {
  return pageError(w, f.code, bankFailText(f, w.lang));
}
