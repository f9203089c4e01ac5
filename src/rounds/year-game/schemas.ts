// The Year Game's request bodies: the API's, and the teacher's form turned into the same body.
import { Type as t } from "@sinclair/typebox";
import { fromForm } from "../../http/validate.ts";

const OPERATORS = ["power", "factorial", "perm", "comb", "sqrt", "concat"] as const;

export const YearStartBody = t.Object({
  digits: t.Optional(t.Array(t.Integer({ minimum: 0, maximum: 9 }), { minItems: 2, maxItems: 6 })),
  targetMin: t.Optional(t.Integer({ minimum: 0, maximum: 1000 })),
  targetMax: t.Optional(t.Integer({ minimum: 0, maximum: 1000 })),
  durationSeconds: t.Optional(t.Integer({ minimum: 10, maximum: 14400 })),
  scoring: t.Optional(t.Union([t.Literal("value"), t.Literal("range"), t.Literal("flat")])),
  flatPoints: t.Optional(t.Integer({ minimum: 1, maximum: 1000 })),
  operators: t.Optional(t.Object({
    power: t.Optional(t.Boolean()), factorial: t.Optional(t.Boolean()), perm: t.Optional(t.Boolean()),
    comb: t.Optional(t.Boolean()), sqrt: t.Optional(t.Boolean()), concat: t.Optional(t.Boolean()),
  }, { additionalProperties: false })),
}, { additionalProperties: false });

export const YearAnswerBody = t.Object({
  /** The round's id (the API calls a round a session). */
  sessionId: t.Integer({ minimum: 1 }),
  expression: t.String({ maxLength: 200 }),
  targetNumber: t.Optional(t.Integer()),
}, { additionalProperties: false });

/** The start form: digits arrive as a repeated field, the time in minutes, operators as checkboxes. */
export function yearStartFromForm(form: Record<string, unknown>): unknown {
  const minutes = form.minutes === undefined || form.minutes === "" ? undefined : typeof form.minutes === "string" && /^\d{1,4}(\.\d{1,3})?$/.test(form.minutes.trim()) ? Math.round(Number(form.minutes) * 60) : form.minutes;
  const digits = fromForm.list(form.digits).filter((d) => d !== "").map(fromForm.int);
  return {
    digits: digits.length ? digits : undefined,
    targetMin: fromForm.int(form.targetMin),
    targetMax: fromForm.int(form.targetMax),
    durationSeconds: minutes,
    scoring: fromForm.text(form.scoring),
    flatPoints: fromForm.int(form.flatPoints),
    operators: Object.fromEntries(OPERATORS.map((o) => [o, fromForm.checkbox(form[`op_${o}`])])),
  };
}
