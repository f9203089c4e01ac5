// Merged results: the same event run in several class periods (one game each), ranked as one
// competition — every team of the chosen games, per bracket, with its class and game.
import { count, inArray } from "drizzle-orm";
import { read, type Db } from "../db/client.ts";
import { participants, teams, type Game } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { findGame, rankTeams } from "../games/queries.ts";
import { columns, type Table } from "./table.ts";
import { bracketOrder } from "./ranking.ts";

/** More games than any school runs as one event; a longer list is a mistake or a probe. */
export const MERGE_MAX_GAMES = 50;

export type MergedTeam = { gameId: number; teamId: number; team: string; bracket: string | null; classLabel: string; game: string; gameCode: string; members: number; total: number; rank: number };

export function mergedResults(db: Db, gameIds: number[]): Result<{ games: Game[]; teams: MergedTeam[]; table: Table<"merged"> }> {
  const ids = [...new Set(gameIds)];
  if (ids.length === 0 || ids.length > MERGE_MAX_GAMES) return fail("invalid_input", { field: "games", reason: ids.length ? "too_many" : "empty" });
  const found = read(db, (tx) => {
    const games = ids.map((id) => findGame(tx, id));
    const missing = ids.find((_, i) => !games[i]);
    if (missing !== undefined) return { missing };
    const teamRows = tx.select().from(teams).where(inArray(teams.gameId, ids)).all();
    const sizes = tx.select({ teamId: participants.teamId, n: count() }).from(participants).where(inArray(participants.gameId, ids)).groupBy(participants.teamId).all();
    return { games: games as Game[], teamRows, sizes: new Map(sizes.map((s) => [s.teamId, s.n])) };
  });
  if ("missing" in found) return fail("game_not_found", { field: "games", gameId: found.missing });
  const ranks = rankTeams(found.teamRows);
  const gameOf = new Map(found.games.map((g) => [g.id, g]));
  const order = bracketOrder(found.teamRows.map((t) => t.bracket));
  const merged: MergedTeam[] = found.teamRows.map((t) => {
    const g = gameOf.get(t.gameId)!;
    return { gameId: g.id, teamId: t.id, team: t.name, bracket: t.bracket, classLabel: g.classLabel, game: g.title, gameCode: g.code, members: found.sizes.get(t.id) ?? 0, total: t.score, rank: ranks.get(t.id)! };
  }).sort((a, b) => order(a.bracket) - order(b.bracket) || a.rank - b.rank || ids.indexOf(a.gameId) - ids.indexOf(b.gameId) || a.teamId - b.teamId);
  const table: Table<"merged"> = {
    name: "merged",
    columns: columns([["bracket", "text"], ["rank", "number"], ["team", "text"], ["class_label", "text"], ["game", "text"], ["game_code", "text"], ["members", "number"], ["total", "number"]]),
    rows: merged.map((m) => [m.bracket, m.rank, m.team, m.classLabel, m.game, m.gameCode, m.members, m.total]),
  };
  return { ok: true, games: found.games, teams: merged, table };
}

/** `1,2,3` (the API) or repeated values (a form's checkboxes) → ids; null when any part is not an id. */
export function parseGameIds(raw: string | string[] | undefined): number[] | null {
  const parts = [raw ?? []].flat().flatMap((s) => s.split(","));
  if (!parts.length) return null;
  const ids = parts.map((p) => (/^[1-9][0-9]{0,9}$/.test(p.trim()) ? Number(p.trim()) : null));
  return ids.every((n) => n !== null) ? (ids as number[]) : null;
}
