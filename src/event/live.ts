// The event's parts of the live screens (composed by src/live/views.ts): between rounds a phone
// shows what comes next and its team's place, the projector the next round's intro and the
// standings; at the end a phone shows its final place and own contribution, the projector the
// podium; the teacher's game page shows the plan with the one button that moves the event on.
import type { Tx } from "../db/client.ts";
import type { Game, Team } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import type { RoundView } from "../rounds/contract.ts";
import { bracketsOf, listTeams, rankTeams, teamsWithMembers } from "../games/queries.ts";
import { partial, str } from "../../views/partial.ts";
import { FinalCard, NextCard, RoundIntro, type Place } from "../../views/event/between.tsx";
import { et } from "../../views/event/text.ts";
import { Podium, PodiumControls } from "../../views/event/podium.tsx";
import { PlanSummary } from "../../views/event/plan.tsx";
import { Standings } from "../../views/games/standings.tsx";
import { memberContributions } from "./contributions.ts";
import { readPlan } from "./plan.ts";
import { gameResults } from "./results.ts";
import { podiumRevealed, podiumSteps } from "./podium.ts";

/** The type of the plan's next round, if any. */
export function nextType(tx: Tx, gameId: number): string | null {
  return readPlan(tx, gameId).find((e) => e.state === "next")?.type ?? null;
}

/** The team's place in its bracket now (ties ranked equal). */
export function placeOf(teams: Pick<Team, "id" | "score" | "bracket">[], teamId: number): Place | null {
  const me = teams.find((t) => t.id === teamId);
  if (!me) return null;
  const rank = rankTeams(teams).get(teamId)!;
  const mates = teams.filter((t) => (t.bracket ?? "") === (me.bracket ?? ""));
  return { rank, of: mates.length, bracket: me.bracket, tied: mates.some((t) => t.id !== teamId && t.score === me.score) };
}

/** A phone between rounds: the card under the last round's panel, updated as a part (`#between`). */
export function phoneBetween(tx: Tx, game: Game, team: Team, lang: Lang, view: RoundView | null): { full: string; partials: string; key: string } {
  const card = str(NextCard({ lang, next: nextType(tx, game.id), place: placeOf(listTeams(tx, game.id), team.id) }));
  return { full: `<div id="between">${card}</div>${view?.full ?? ""}`, partials: partial("between", card) + (view?.partials ?? ""), key: `${view?.key ?? ""}|${card}` };
}

/** A phone after the game: its team's final place and the student's own contribution. */
export function phoneFinal(tx: Tx, game: Game, team: Team, lang: Lang): RoundView {
  const teams = teamsWithMembers(tx, game.id);
  const members = memberContributions(tx, game.id).filter((m) => m.teamId === team.id);
  const final = str(FinalCard({ lang, place: placeOf(teams, team.id), members, score: teams.find((t) => t.id === team.id)?.score ?? team.score }));
  return { phase: "game-finished", full: final + str(Standings({ view: { teams, brackets: bracketsOf(teams) }, lang, highlightTeam: team.id })), partials: "" };
}

/**
 * The projector between rounds: the next round's intro and the standings per bracket, large; below
 * them the last round's panel stays (a relay's finishing order, the last steal question's answer),
 * still updated by its own parts, so a class can go over it.
 */
export function screenBetween(tx: Tx, game: Game, lang: Lang, phase: string, last: RoundView | null = null): RoundView {
  const teams = teamsWithMembers(tx, game.id);
  const next = nextType(tx, game.id);
  const intro = next ? str(RoundIntro({ lang, type: next })) : "";
  const standings = str(Standings({ view: { teams, brackets: bracketsOf(teams) }, lang, big: true }));
  const lastPanel = last ? `<section class="screen-last" aria-label="${Bun.escapeHTML(et(lang, "last_round"))}">${last.full}</section>` : "";
  return {
    phase,
    full: `<div id="screen-intro">${intro}</div><div id="screen-standings">${standings}</div>${lastPanel}`,
    partials: partial("screen-intro", intro) + partial("screen-standings", standings) + (last?.partials ?? ""),
  };
}

/** The projector after the game: the podium, revealed as far as the teacher has clicked. */
export function screenPodium(tx: Tx, game: Game, lang: Lang): RoundView {
  const steps = podiumSteps(gameResults(tx, game.id));
  const revealed = Math.min(podiumRevealed(tx, game.id), steps.length);
  return { phase: `podium-${revealed}`, full: str(Podium({ lang, steps, revealed })), partials: "" };
}

/** The teacher's plan region (`#event-plan`), with the podium's controls once the game is over. */
export function teacherPlan(tx: Tx, game: Game, lang: Lang, roundOpen: boolean, entries = readPlan(tx, game.id)): string {
  let extra = "";
  if (game.status === "finished") {
    const steps = podiumSteps(gameResults(tx, game.id));
    extra = str(PodiumControls({ lang, game, steps, revealed: Math.min(podiumRevealed(tx, game.id), steps.length) }));
  }
  return str(PlanSummary({ lang, game, entries, roundOpen, safeExtra: extra }));
}
