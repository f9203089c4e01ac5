// A team's member list as its phones and its board show it, drawn once per version of the team's
// members (teams.members_version, moved by triggers: migration 0015). While a class joins, each
// join into a team was drawn three times over: the joiner's seat page, its stream's first frame,
// and the update to its teammates, each reading the team's rows again.
import type { Tx } from "../db/client.ts";
import type { Team } from "../db/schema.ts";
import { dbCache, dbCacheName } from "../db/prepared.ts";
import { CACHE_IDLE_MS } from "../cache/bounded.ts";
import { listTeamMembers } from "../games/queries.ts";
import { SeatTeamList } from "../../views/games/seat.tsx";
import { str } from "../../views/partial.ts";

// Every team of the busiest event (fifty relay games of twenty teams, and the rest) fits; a team
// whose game has ended goes after CACHE_IDLE_MS unused.
const drawn = dbCacheName<number, { version: number; html: string }>(4096, { idleMs: CACHE_IDLE_MS });

/**
 * The team's member list (`<ul class="members">`; the same in every language). `team` must be read
 * in the same transaction, or before it: a list is kept under the version its reader saw, and the
 * rows it draws are never older than that version.
 */
export function teamMemberList(tx: Tx, team: Pick<Team, "id" | "membersVersion">): string {
  const lists = dbCache(tx, drawn);
  const kept = lists.get(team.id);
  if (kept?.version === team.membersVersion) return kept.html;
  return lists.set(team.id, { version: team.membersVersion, html: str(SeatTeamList({ members: listTeamMembers(tx, team.id) })) }).html;
}
