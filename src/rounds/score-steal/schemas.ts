// Score Steal's request bodies: the API's, and the teacher's forms turned into the same bodies.
import { Type as t } from "@sinclair/typebox";
import { fromForm } from "../../http/validate.ts";

export const StealStartBody = t.Object({
  /** Bank questions, in this order, each once (a question is asked once per round); absent: every score_steal question (of `tag`, if given) in bank order. */
  questionIds: t.Optional(t.Array(t.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200, uniqueItems: true })),
  tag: t.Optional(t.String({ minLength: 1, maxLength: 40 })),
  shuffle: t.Optional(t.Boolean()),
  secondsPerQuestion: t.Optional(t.Integer({ minimum: 5, maximum: 3600 })),
  wrongPenalty: t.Optional(t.Integer({ minimum: 0, maximum: 10000 })),
  gainOnlyTaken: t.Optional(t.Boolean()),
  protection: t.Optional(t.Union([t.Literal("next_question"), t.Literal("round"), t.Literal("none")])),
}, { additionalProperties: false });

export const StealAnswerBody = t.Object({
  /** The round's id (the API calls a round a session). */
  sessionId: t.Integer({ minimum: 1 }),
  answer: t.String({ maxLength: 400 }),
}, { additionalProperties: false });

export const StealBody = t.Object({
  sessionId: t.Integer({ minimum: 1 }),
  targetTeamId: t.Integer({ minimum: 1 }),
}, { additionalProperties: false });

export const OpenBody = t.Object({ questionId: t.Optional(t.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const StealForBody = t.Object({
  teamId: t.Integer({ minimum: 1 }),
  /** null: skip the pick (the winner gains the points from nobody). */
  targetTeamId: t.Union([t.Integer({ minimum: 1 }), t.Null()]),
}, { additionalProperties: false });

/** The start form: questions ticked in a list, numbers as text, switches as checkboxes. */
export function stealStartFromForm(form: Record<string, unknown>): unknown {
  const ids = fromForm.list(form.questionIds).filter((v) => v !== "").map(fromForm.int);
  return {
    questionIds: ids.length ? ids : undefined,
    tag: fromForm.text(form.tag),
    shuffle: fromForm.checkbox(form.shuffle),
    secondsPerQuestion: fromForm.int(form.secondsPerQuestion),
    wrongPenalty: fromForm.int(form.wrongPenalty),
    gainOnlyTaken: fromForm.checkbox(form.gainOnlyTaken),
    protection: fromForm.text(form.protection),
  };
}

/** The teacher's pick on a team's behalf: "" = skip the pick. */
export function stealForFromForm(form: Record<string, unknown>): unknown {
  return { teamId: fromForm.int(form.teamId), targetTeamId: form.targetTeamId === "" || form.targetTeamId === "none" ? null : fromForm.int(form.targetTeamId) };
}
