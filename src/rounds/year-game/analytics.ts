// The Year Game's part of the teacher's analytics: how many teams found each number (a heatmap of
// the target range), and the numbers nobody found with the solver's example for each.
import type { Conn } from "../../db/client.ts";
import type { Round } from "../../db/schema.ts";
import type { ViewCtx } from "../contract.ts";
import { listTeams } from "../../games/queries.ts";
import { str } from "../../../views/partial.ts";
import { Coverage } from "../../../views/rounds/year-game/coverage.tsx";
import { findsOfRound, solutionsFor, yearConfigOf } from "./domain.ts";

export function yearAnalytics(db: Conn, round: Round, ctx: ViewCtx): string {
  const config = yearConfigOf(round);
  const finds = findsOfRound(db, round.id);
  const teams = new Map<number, Set<number>>();
  for (const f of finds) (teams.get(f.target) ?? teams.set(f.target, new Set()).get(f.target)!).add(f.teamId);
  const counts = new Map([...teams].map(([n, s]) => [n, s.size]));
  return str(Coverage({ config, finds, counts, teamCount: listTeams(db, round.gameId).length, solutions: solutionsFor(round), lang: ctx.lang }));
}
