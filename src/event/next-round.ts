// "Start the next round": the plan's next entry starts exactly as POST /api/games/<id>/rounds
// would start it (startRound: the type's schema, then its module), and the entry is marked played
// with the round it started in the same transaction (the module's own transaction runs inside
// this one as a savepoint), so a crash can never leave a started round its entry does not name.
import { eq } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { planRounds, type Round } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { findGame } from "../games/queries.ts";
import { roundModule } from "../rounds/registry.ts";
import { startRound } from "../rounds/start.ts";
import { readPlan, type PlanEntry } from "./plan.ts";

export function startNextRound(db: Db, gameId: number, now = Date.now()): Result<{ round: Round; entry: PlanEntry }> {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status !== "started") return fail("bad_state", { reason: game.status === "waiting" ? "game_waiting" : "game_finished" });
    const entry = readPlan(tx, gameId, now).find((e) => e.state === "next");
    if (!entry) return fail("plan_done");
    const module = roundModule(entry.type);
    if (!module) return fail("unknown_round_type", { type: entry.type, reason: "not_in_build", position: entry.index + 1 });
    const r = startRound(db, gameId, module, entry.settings, now);
    if (!r.ok) return { ...r, detail: { ...r.detail, position: entry.index + 1 } };
    tx.update(planRounds).set({ status: "played", roundId: r.round.id }).where(eq(planRounds.id, entry.id)).run();
    return { ok: true, round: r.round, entry };
  });
}
