// A team's own screen (a tablet on the team's table): its name, and its round panel.
import type { Lang } from "../../src/errors.ts";
import type { Game, Team } from "../../src/db/schema.ts";
import { Layout } from "../layout.tsx";
import { t } from "../i18n.ts";

export function TeamBoardPage({ lang, game, team, phase, safePanel }: { lang: Lang; game: Game; team: Team; phase: string; safePanel: string }): JSX.Element {
  return Layout({
    lang,
    title: `${team.name} · ${game.title}`,
    bodyClass: "screen team-board",
    children: (
      <>
        <div class="live" hx-sse:connect={`/g/${game.code}/team/${team.position}/stream?phase=${encodeURIComponent(phase)}`} hx-swap="none"></div>
        <h1 class="board-title">
          <span safe>{team.name}</span> <small class="muted">{t(lang, "team_board")} · <span safe>{game.title}</span></small>
        </h1>
        <div id="phase" data-phase={phase}>{safePanel}</div>
      </>
    ),
  });
}
