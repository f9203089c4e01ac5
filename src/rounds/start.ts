// Starting a round, the one way: the type's schema checks the body, then its module starts it.
// The API (`POST /api/games/<id>/rounds`), the teacher's start forms and the event plan's
// "start the next round" all come through here; the caller re-arms the clock after commit.
import { fail, type Fail, type Result } from "../errors.ts";
import type { Db } from "../db/client.ts";
import type { Round } from "../db/schema.ts";
import { validator } from "../http/validate.ts";
import type { AnyRoundModule } from "./contract.ts";
import { roundModule, ROUND_TYPES } from "./registry.ts";

/** Where a teacher adds the demo questions (the bank page's demo form), named in a `no_questions` refusal. */
export const DEMO_QUESTIONS_PATH = "/teacher/questions#demo";

/** Each module's start schema, compiled once. */
const startBodies = new Map(ROUND_TYPES.map((m) => [m.type, validator(m.start.body)]));

/** The round type named by a request body's `type`: 400 when it is not a string, 422 when this build has no such type. */
export function moduleNamed(type: unknown): { ok: true; module: AnyRoundModule } | Fail {
  if (typeof type !== "string") return fail("invalid_input", { field: "type" });
  const module = roundModule(type);
  return module ? { ok: true, module } : fail("unknown_round_type", { type: type.slice(0, 40) });
}

/** Checks a start body (without `type`) against its type's schema: the plan checks saved settings the same way. */
export function checkStartBody(module: AnyRoundModule, body: unknown): { ok: true; value: unknown } | Fail {
  return startBodies.get(module.type)!.check(body);
}

/**
 * Validates and starts a round (one transaction, or a savepoint when the caller holds one). A
 * round that finds no questions to ask says where the demo questions are added.
 */
export function startRound(db: Db, gameId: number, module: AnyRoundModule, body: unknown, now = Date.now()): Result<{ round: Round }> {
  const input = checkStartBody(module, body);
  if (!input.ok) return input;
  const r = module.start.run(db, gameId, input.value, now);
  if (!r.ok && r.code === "no_questions") return fail("no_questions", { ...r.detail, addDemo: DEMO_QUESTIONS_PATH });
  return r;
}
