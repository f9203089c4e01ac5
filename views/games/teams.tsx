// Team cards, shared by the teacher lobby, the projector and the student seat.
import type { Lang } from "../../src/errors.ts";
import type { TeamWithMembers } from "../../src/games/queries.ts";
import { t } from "../i18n.ts";

export type TeamsView = { teams: TeamWithMembers[]; brackets: string[] };

/** Groups teams by bracket (Higher left, Lower right); one group when the game has no brackets. */
export function byBracket<T extends { bracket: string | null }>(view: { teams: T[]; brackets: string[] }): { bracket: string | null; teams: T[] }[] {
  if (!view.brackets.length) return [{ bracket: null, teams: view.teams }];
  const groups = view.brackets.map((b) => ({ bracket: b as string | null, teams: view.teams.filter((tm) => tm.bracket === b) }));
  const rest = view.teams.filter((tm) => !tm.bracket);
  return rest.length ? [...groups, { bracket: null, teams: rest }] : groups;
}

export function MemberList({ team, lang, highlight }: { team: TeamWithMembers; lang: Lang; highlight?: number }): JSX.Element {
  if (!team.members.length) return (<p class="muted">{t(lang, "empty_team")}</p>);
  return (
    <ul class="members">
      {team.members.map((m) => (
        <li class={m.id === highlight ? "me" : undefined} safe>{m.nickname}</li>
      ))}
    </ul>
  );
}

/** Read-only team grid for the projector and the student seat. */
export function TeamCards({ view, lang, highlightTeam, highlightMember }: { view: TeamsView; lang: Lang; highlightTeam?: number; highlightMember?: number }): JSX.Element {
  return (
    <div class="brackets">
      {byBracket(view).map((group) => (
        <section class="bracket">
          {group.bracket ? <h2 class="bracket-name" safe>{group.bracket}</h2> : ""}
          <div class="team-cards">
            {group.teams.map((team) => (
              <article class={`team-card${team.id === highlightTeam ? " mine" : ""}`} data-team-id={team.id}>
                <h3>
                  <span safe>{team.name}</span> <small>{team.members.length} {t(lang, team.members.length === 1 ? "member" : "members")}</small>
                </h3>
                <MemberList team={team} lang={lang} highlight={highlightMember} />
              </article>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
