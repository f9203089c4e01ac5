// A team's member list as its phones and its board show it, drawn once per version of the team's
// members (teams.members_version, moved by triggers: migration 0015). While a class joins, each
// join into a team was drawn three times over: the joiner's seat page, its stream's first frame,
// and the update to its teammates, each reading the team's rows again.
import type { Tx } from "../db/client.ts";
import type { Team } from "../db/schema.ts";
import { dbCache, dbCacheName } from "../db/prepared.ts";
import { CACHE_IDLE_MS } from "../cache/bounded.ts";
import { listTeamMembers, listTeamMembersAfter, onlyGained } from "../games/queries.ts";
import { MemberItems, memberListAround } from "../../views/games/seat.tsx";
import { flat, str } from "../../views/partial.ts";

type Drawn = { version: number; lastId: number; items: string; html: string };

// Every team of the busiest event (fifty relay games of twenty teams, and the rest) fits; a team
// whose game has ended goes after CACHE_IDLE_MS unused.
const drawn = dbCacheName<number, Drawn>(4096, { idleMs: CACHE_IDLE_MS });

/**
 * The team's member list (`<ul class="members">`; the same in every language). `team` must be read
 * in the same transaction, or before it: a list is kept under the version its reader saw, and the
 * rows it draws are never older than that version.
 */
export function teamMemberList(tx: Tx, team: Pick<Team, "id" | "membersVersion">): string {
  const lists = dbCache(tx, drawn);
  const kept = lists.get(team.id);
  if (kept?.version === team.membersVersion) return kept.html;
  return lists.set(team.id, (kept && grown(tx, team, kept)) ?? drawnAfresh(tx, team)).html;
}

/**
 * The kept list with the members who came since, when they are all that changed (see onlyGained):
 * a seat page after each join read and drew the whole team.
 */
function grown(tx: Tx, team: Pick<Team, "id" | "membersVersion">, kept: Drawn): Drawn | undefined {
  if (team.membersVersion <= kept.version) return undefined;
  const newcomers = listTeamMembersAfter(tx, team.id, kept.lastId);
  if (!onlyGained(team.membersVersion - kept.version, newcomers)) return undefined;
  const items = flat(kept.items + str(MemberItems({ members: newcomers })));
  return { version: team.membersVersion, lastId: newcomers.at(-1)!.id, items, html: flat(memberListAround(items)) };
}

function drawnAfresh(tx: Tx, team: Pick<Team, "id" | "membersVersion">): Drawn {
  const members = listTeamMembers(tx, team.id);
  const items = str(MemberItems({ members }));
  return { version: team.membersVersion, lastId: members.at(-1)?.id ?? 0, items, html: flat(memberListAround(items)) };
}
