// Checks for Score Steal tests (they use bun:test's expect, so they live apart from the helpers
// in steal.ts, which scripts outside the test runner may import).
import { expect } from "bun:test";
import { read } from "../../src/db/client.ts";
import { ledgerCheck } from "../../src/scoring/ledger.ts";
import type { TestServer } from "./server.ts";
import { gameState } from "./steal.ts";

/** Reads the game's state until `ok` holds (a clock-driven change: a question timing out, a reveal falling due). */
export async function waitForState(s: TestServer, gameId: number, ok: (state: any) => boolean, ms = 12_000) {
  const until = Date.now() + ms;
  for (;;) {
    const state = await gameState(s, gameId);
    if (ok(state)) return state;
    if (Date.now() > until) throw new Error(`game ${gameId}: state never came: ${JSON.stringify(state.round?.brackets)}`);
    await Bun.sleep(100);
  }
}

/** Every team's score equals the sum of its ledger rows. */
export function expectLedgerMatches(s: TestServer, gameId: number) {
  for (const row of read(s.deps.db, (tx) => ledgerCheck(tx, gameId))) expect(row.score).toBe(row.ledger);
}
