// The event's request bodies and params: the plan, adjustments, the ledger's query.
import { t } from "elysia";

/** One plan entry: the round type, its start settings (checked by that type's own schema), and optionally `state: "skipped"`. */
export const PlanEntryBody = t.Object({
  type: t.String({ minLength: 1, maxLength: 40 }),
  settings: t.Optional(t.Object({}, { additionalProperties: true })),
  /** Only "skipped" means something when written; GET's other states are accepted back and ignored. */
  state: t.Optional(t.Union([t.Literal("next"), t.Literal("pending"), t.Literal("running"), t.Literal("done"), t.Literal("skipped")])),
}, { additionalProperties: true });

export const PlanBody = t.Object({ rounds: t.Array(PlanEntryBody, { maxItems: 20 }) }, { additionalProperties: false });

export const AdjustBody = t.Object({
  teamId: t.Integer({ minimum: 1 }),
  points: t.Integer({ minimum: -100000, maximum: 100000 }),
  reason: t.String({ maxLength: 200 }),
}, { additionalProperties: false });

export const GameParams = t.Object({ id: t.String({ maxLength: 12 }) });
export const EventParams = t.Object({ id: t.String({ maxLength: 12 }), eventId: t.String({ maxLength: 12 }) });
export const PositionParams = t.Object({ id: t.String({ maxLength: 12 }), position: t.String({ maxLength: 3 }) });
export const TeamParams = t.Object({ id: t.String({ maxLength: 12 }), teamId: t.String({ maxLength: 12 }) });
export const LedgerQuery = t.Object({ teamId: t.Optional(t.String({ maxLength: 12 })) });

/** A plan position in a path (1 = the first round, as GET's `position`): the 0-based index, or null. */
export function positionParam(raw: string): number | null {
  return /^[1-9][0-9]?$/.test(raw) ? Number(raw) - 1 : null;
}
