// A team's own screen (a tablet on the team's table): its name, and its round panel. Opened by
// the teacher, a seat on the team or the board link (`own`), it shows the team's work; opened by
// anyone else, the projector's view (counts only) and a line saying why.
import type { Lang } from "../../src/errors.ts";
import type { Game, Team } from "../../src/db/schema.ts";
import { Layout } from "../layout.tsx";
import { t } from "../i18n.ts";

export type TeamBoardProps = { lang: Lang; game: Game; team: Team; phase: string; safePanel: string; own: boolean; boardKey?: string };

export function TeamBoardPage({ lang, game, team, phase, safePanel, own, boardKey }: TeamBoardProps): JSX.Element {
  const stream = `/g/${game.code}/team/${team.position}/stream?phase=${encodeURIComponent(phase)}${boardKey ? `&key=${encodeURIComponent(boardKey)}` : ""}`;
  return Layout({
    lang,
    title: `${team.name} · ${game.title}`,
    bodyClass: "screen team-board",
    children: (
      <>
        <div class="live" hx-sse:connect={stream} hx-swap="none"></div>
        <h1 class="board-title">
          <span safe>{team.name}</span> <small class="muted">{t(lang, "team_board")} · <span safe>{game.title}</span></small>
        </h1>
        {own ? "" : <p class="muted">{t(lang, "board_public")}</p>}
        <div id="phase" data-phase={phase}>{safePanel}</div>
      </>
    ),
  });
}
