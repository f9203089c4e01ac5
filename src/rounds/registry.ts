// Every round type, in one list: adding a round type is a new folder and one line here.
import type { Conn } from "../db/client.ts";
import type { Round } from "../db/schema.ts";
import { dbCache, dbCacheName } from "../db/prepared.ts";
import type { AnyRoundModule } from "./contract.ts";
import { findRound } from "./current.ts";
import { yearGame } from "./year-game/module.ts";
import { scoreSteal } from "./score-steal/module.ts";
import { relayQuiz } from "./relay-quiz/module.ts";

export const ROUND_TYPES: readonly AnyRoundModule[] = [yearGame, scoreSteal, relayQuiz];

export function roundModule(type: string): AnyRoundModule | undefined {
  return ROUND_TYPES.find((m) => m.type === type);
}

/** A round's type never changes: answers look it up once per round, not once per answer. */
const roundTypes = dbCacheName<number, Round["type"]>(2000);

/** The module that handles a round (by the round's stored type), or undefined if there is no such round. */
export function moduleOfRound(db: Conn, roundId: number): AnyRoundModule | undefined {
  const cache = dbCache(db, roundTypes);
  // Only rounds that exist are remembered: an id asked for before its round starts must not stick.
  let type = cache.get(roundId);
  if (type === undefined) {
    type = findRound(db, roundId)?.type;
    if (type !== undefined) cache.set(roundId, type);
  }
  return type ? roundModule(type) : undefined;
}
