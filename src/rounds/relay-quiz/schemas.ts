// The Relay Quiz's request bodies: the API's, and the teacher's form turned into the same body.
import { Type as t } from "@sinclair/typebox";
import { fromForm } from "../../http/validate.ts";

const Id = t.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const RelayStartBody = t.Object({
  /** Names of relay sets in the bank (e.g. P1, Q1, R1, S1), in the order the rotation uses. */
  sets: t.Array(t.String({ minLength: 1, maxLength: 20 }), { minItems: 1, maxItems: 20 }),
  /** Seconds per cycle: one per cycle (K), or one for every cycle. */
  cycleSeconds: t.Optional(t.Array(t.Integer({ minimum: 10, maximum: 3600 }), { minItems: 1, maxItems: 50 })),
  followThrough: t.Optional(t.Boolean()),
  hintPenalty: t.Optional(t.Integer({ minimum: 0, maximum: 10000 })),
  pacing: t.Optional(t.Union([t.Literal("team"), t.Literal("together")])),
  /** Per team id, its members in the order A, B, C …; members left out follow in join order. */
  memberOrder: t.Optional(t.Record(t.String({ pattern: "^[1-9][0-9]{0,9}$" }), t.Array(Id, { maxItems: 1000 }), { additionalProperties: false })),
}, { additionalProperties: false });

export const RelayAnswerBody = t.Object({
  /** The round's id (the API calls a round a session). */
  sessionId: t.Integer({ minimum: 1 }),
  answer: t.String({ maxLength: 400 }),
  /** Which question the answer is for; needed when the member holds two open questions. */
  questionId: t.Optional(Id),
}, { additionalProperties: false });

export const RelayHintBody = t.Object({
  sessionId: t.Integer({ minimum: 1 }),
  questionId: Id,
}, { additionalProperties: false });

export const RelayReassignBody = t.Object({
  fromParticipantId: Id,
  toParticipantId: Id,
}, { additionalProperties: false });

/** Form fields for a team's member order: `order_<teamId>`, one value per member, in order. */
export const ORDER_FIELD = /^order_([1-9][0-9]{0,9})$/;

/** "180, 240, 300" → [180, 240, 300]; empty → undefined; anything else stays as typed for the schema to name. */
function secondsList(v: unknown): unknown {
  if (v === undefined || v === "") return undefined;
  if (typeof v !== "string") return v;
  const parts = v.split(/[\s,]+/).filter(Boolean);
  return parts.length && parts.every((p) => /^\d{1,5}$/.test(p)) ? parts.map(Number) : v;
}

/** The start form: sets as checkboxes, cycle times as one text field, member orders as repeated fields. */
export function relayStartFromForm(form: Record<string, unknown>): unknown {
  const memberOrder: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = ORDER_FIELD.exec(key);
    if (m) memberOrder[m[1]!] = fromForm.list(value).map(fromForm.int);
  }
  return {
    sets: fromForm.list(form.sets).filter((s) => s !== ""),
    cycleSeconds: secondsList(form.cycleSeconds),
    followThrough: fromForm.checkbox(form.followThrough),
    hintPenalty: fromForm.int(form.hintPenalty),
    pacing: fromForm.text(form.pacing),
    memberOrder: Object.keys(memberOrder).length ? memberOrder : undefined,
  };
}
