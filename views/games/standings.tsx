// Team ranking by bracket: projector between rounds, end of game, student final screen.
import type { Lang } from "../../src/errors.ts";
import { t } from "../i18n.ts";
import { byBracket, type TeamsView } from "./teams.tsx";

export function Standings({ view, lang, big, highlightTeam }: { view: TeamsView; lang: Lang; big?: boolean; highlightTeam?: number }): JSX.Element {
  return (
    <div class={`brackets${big ? " big" : ""}`}>
      {byBracket(view).map((group) => (
        <section class="bracket">
          {group.bracket ? <h2 class="bracket-name" safe>{group.bracket}</h2> : ""}
          <ol class="standings">
            {[...group.teams].sort((a, b) => a.rank - b.rank || a.position - b.position).map((team) => (
              <li class={team.id === highlightTeam ? "mine" : undefined} data-team-id={team.id} data-score={String(team.score)}>
                <span class="rank"><span class="sr-only">{t(lang, "rank")} </span>{team.rank}</span>
                <span class="name" safe>{team.name}</span>
                <span class="score">{team.score}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
