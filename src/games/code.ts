import { ne } from "drizzle-orm";
import type { Tx } from "../db/client.ts";
import { games } from "../db/schema.ts";

/**
 * Two-digit codes (10–99) are what TMC events use: quick to type on a phone. Longer codes
 * appear only when every two-digit code belongs to an unfinished game.
 */
export function allocateGameCode(tx: Tx, random: () => number = Math.random): string | null {
  const taken = new Set(tx.select({ code: games.code }).from(games).where(ne(games.status, "finished")).all().map((r) => r.code));
  for (let digits = 2; digits <= 6; digits++) {
    const low = 10 ** (digits - 1);
    const free: number[] = [];
    for (let n = low; n < low * 10; n++) if (!taken.has(String(n))) free.push(n);
    if (free.length) return String(free[Math.floor(random() * free.length)]);
  }
  return null;
}
