// The projector's podium, bracket by bracket (Higher, then Lower: announced separately), third
// place first. Each of the teacher's clicks reveals one step; teams tied for a place share its
// step (ranks 1, 1, 3: the step for 3rd, then one step for both firsts — there is no 2nd).
import { eq } from "drizzle-orm";
import { write, type Conn, type Db } from "../db/client.ts";
import { podiums } from "../db/schema.ts";
import { declareReasonTexts, fail, type Result } from "../errors.ts";
import { findGame } from "../games/queries.ts";
import { gameResults, type GameResults, type TeamResult } from "./results.ts";

export type PodiumStep = { bracket: string | null; place: number; teams: Pick<TeamResult, "teamId" | "name" | "total">[] };

declareReasonTexts({
  "bad_state:podium_before_end": { en: "The podium opens once the game is finished.", ko: "시상대는 게임이 끝난 뒤에 열립니다." },
});

/** Places 1–3 of each bracket that some team holds, announced from the lowest; a bracket with no points at all has none. */
export function podiumSteps(results: GameResults): PodiumStep[] {
  const steps: PodiumStep[] = [];
  for (const b of results.brackets) {
    if (!b.teams.some((t) => t.total > 0)) continue;
    const places = [...new Set(b.teams.map((t) => t.rank).filter((r) => r <= 3))].sort((x, y) => y - x);
    for (const place of places) steps.push({ bracket: b.bracket, place, teams: b.teams.filter((t) => t.rank === place).map(({ teamId, name, total }) => ({ teamId, name, total })) });
  }
  return steps;
}

export function podiumRevealed(db: Conn, gameId: number): number {
  return db.select({ revealed: podiums.revealed }).from(podiums).where(eq(podiums.gameId, gameId)).get()?.revealed ?? 0;
}

/** The teacher's click: one step further (`next`) or back (`back`), within the steps there are. */
export function movePodium(db: Db, gameId: number, dir: "next" | "back"): Result<{ revealed: number; steps: number }> {
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status !== "finished") return fail("bad_state", { reason: "podium_before_end" });
    const steps = podiumSteps(gameResults(tx, gameId)).length;
    const revealed = Math.max(0, Math.min(steps, podiumRevealed(tx, gameId) + (dir === "next" ? 1 : -1)));
    tx.insert(podiums).values({ gameId, revealed }).onConflictDoUpdate({ target: podiums.gameId, set: { revealed } }).run();
    return { ok: true, revealed, steps };
  });
}
