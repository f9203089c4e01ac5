// What each audience sees live: the phase panel and its parts. Pages render the full panel;
// SSE streams send only the parts when the viewer already shows the same phase.
import type { Tx } from "../db/client.ts";
import type { Game, Team } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import { partial, str } from "../../views/partial.ts";
import { bracketsOf, listParticipants, teamsWithMembers } from "./queries.ts";
import { currentRound } from "../rounds/current.ts";
import { roundModule, type RoundView } from "../rounds/registry.ts";
import { SeatTeamList, SeatWaiting } from "../../views/games/seat.tsx";
import { TeamCards } from "../../views/games/teams.tsx";
import { Standings } from "../../views/games/standings.tsx";
import { LobbyStatus, LobbyTeams, type LobbyProps } from "../../views/games/lobby.tsx";
import { RoundStartPanel } from "../../views/rounds/start-panel.tsx";

export type LiveView = RoundView;

/** The round view for this game, if a round exists and its module is known. */
function withRound(tx: Tx, game: Game, pick: (m: NonNullable<ReturnType<typeof roundModule>>, round: NonNullable<ReturnType<typeof currentRound>>) => RoundView): RoundView | null {
  if (game.status === "waiting") return null;
  const round = currentRound(tx, game.id);
  const module = round ? roundModule(round.type) : undefined;
  return round && module ? pick(module, round) : null;
}

/** A student's view depends only on their team (one render serves the whole team's streams). */
export function studentLive(tx: Tx, game: Game, team: Team, lang: Lang, now = Date.now()): LiveView {
  const round = game.status === "finished" ? null : withRound(tx, game, (m, r) => m.studentView(tx, r, team, { lang, now }));
  if (round) return round;
  const members = listParticipants(tx, game.id).filter((p) => p.teamId === team.id);
  if (game.status === "finished") {
    const teams = teamsWithMembers(tx, game.id);
    return { phase: "game-finished", full: str(SeatWaiting({ lang, game, team, members })) + str(Standings({ view: { teams, brackets: bracketsOf(teams) }, lang, highlightTeam: team.id })), partials: "" };
  }
  return { phase: `lobby-${game.status}`, full: str(SeatWaiting({ lang, game, team, members })), partials: partial("seat-team", SeatTeamList({ members })) };
}

export function screenLive(tx: Tx, game: Game, lang: Lang, now = Date.now()): LiveView {
  const round = withRound(tx, game, (m, r) => m.screenView(tx, r, { lang, now }));
  if (round && game.status !== "finished") return round;
  const teams = teamsWithMembers(tx, game.id);
  const view = { teams, brackets: bracketsOf(teams) };
  if (game.status === "waiting") {
    const cards = str(TeamCards({ view, lang }));
    return { phase: "lobby", full: `<div id="screen-teams">${cards}</div>`, partials: partial("screen-teams", cards) };
  }
  const standings = str(Standings({ view, lang, big: true }));
  const phase = game.status === "finished" ? "game-finished" : "standings";
  return { phase, full: `<div id="screen-standings">${standings}</div>`, partials: partial("screen-standings", standings) };
}

export function teacherLive(tx: Tx, game: Game, lang: Lang, joinUrl: string, now = Date.now()): { view: LiveView; lobby: LobbyProps } {
  const teams = teamsWithMembers(tx, game.id);
  const lobby: LobbyProps = {
    lang, game, view: { teams, brackets: bracketsOf(teams) }, joinUrl,
    participantCount: teams.reduce((n, tm) => n + tm.members.length, 0), phase: "", panel: "",
  };
  const round = withRound(tx, game, (m, r) => m.teacherView(tx, r, { lang, now }));
  const open = round && !round.phase.endsWith("-finished");
  const view: LiveView = open
    ? round
    : { phase: `start-${game.status}-${round?.phase ?? "none"}`, full: str(RoundStartPanel({ lang, game, safePrevious: round?.full ?? "" })), partials: "" };
  return { view, lobby: { ...lobby, phase: view.phase, panel: view.full } };
}

export function teacherPartials(lobby: LobbyProps): string {
  return partial("lobby-status", LobbyStatus(lobby)) + partial("lobby-teams", LobbyTeams(lobby));
}

/** The SSE update for a viewer showing `clientPhase`: parts only, or the whole new phase panel. */
export function toUpdate(view: LiveView, clientPhase: string): { html: string; phase: string } | null {
  if (view.phase === clientPhase) return view.partials ? { html: view.partials, phase: view.phase } : null;
  const panel = `<div id="phase" data-phase="${Bun.escapeHTML(view.phase)}">${view.full}</div>`;
  return { html: partial("phase", panel, "outerHTML"), phase: view.phase };
}
