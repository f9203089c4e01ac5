// What each audience sees live: the phase panel and its parts. Pages render the full panel;
// SSE streams send only the parts when the viewer already shows the same phase.
import type { Tx } from "../db/client.ts";
import type { Game, Round, Team } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import { partial, str } from "../../views/partial.ts";
import { bracketsOf, listTeamMembers, teamsWithMembers } from "./queries.ts";
import { currentRound } from "../rounds/current.ts";
import { roundModule, type RoundView } from "../rounds/registry.ts";
import { SeatTeamList, SeatWaiting } from "../../views/games/seat.tsx";
import { TeamCards } from "../../views/games/teams.tsx";
import { Standings } from "../../views/games/standings.tsx";
import { LobbyStatus, LobbyTeams, type LobbyProps } from "../../views/games/lobby.tsx";
import { RoundStartPanel } from "../../views/rounds/start-panel.tsx";
import { streamBaseline } from "../realtime/sse.ts";

/**
 * `key`, when a view sets it, sums up everything the view shows except the clock (a countdown
 * the page runs by itself): a stream that already sent an update with this key skips the next
 * one, so a flush about one team does not resend the other teams' unchanged grids.
 */
export type LiveView = RoundView & { key?: string };

/** The round view for this game, if a round exists and its module is known. */
function withRound(tx: Tx, game: Game, pick: (m: NonNullable<ReturnType<typeof roundModule>>, round: Round) => RoundView): RoundView | null {
  if (game.status === "waiting") return null;
  const round = currentRound(tx, game.id);
  const module = round ? roundModule(round.type) : undefined;
  return round && module ? pick(module, round) : null;
}

/** A student's view depends only on their team (one render serves the whole team's streams). */
export function studentLive(tx: Tx, game: Game, team: Team, lang: Lang, now = Date.now()): LiveView {
  const round = game.status === "finished" ? null : withRound(tx, game, (m, r) => m.studentView(tx, r, team, { game, lang, now }));
  if (round) return round;
  const members = listTeamMembers(tx, team.id);
  if (game.status === "finished") {
    const teams = teamsWithMembers(tx, game.id);
    return { phase: "game-finished", full: str(SeatWaiting({ lang, game, team, members })) + str(Standings({ view: { teams, brackets: bracketsOf(teams) }, lang, highlightTeam: team.id })), partials: "" };
  }
  // The waiting panel is needed only by a page arriving from another phase: rendered on demand.
  let full: string | undefined;
  return { phase: `lobby-${game.status}`, get full() { return (full ??= str(SeatWaiting({ lang, game, team, members }))); }, partials: partial("seat-team", SeatTeamList({ members })) };
}

export function screenLive(tx: Tx, game: Game, lang: Lang, now = Date.now()): LiveView {
  const round = game.status !== "finished" ? withRound(tx, game, (m, r) => m.screenView(tx, r, { game, lang, now })) : null;
  if (round) return round;
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
  const round = withRound(tx, game, (m, r) => m.teacherView(tx, r, { game, lang, now }));
  const open = round && !round.phase.endsWith("-finished");
  // The stream sends the phase panel only when the teacher's page shows another phase, so it
  // is rendered on demand (from values already read) rather than on every flush.
  let start: string | undefined;
  const view: LiveView = open
    ? round
    : { phase: `start-${game.status}-${round?.phase ?? "none"}`, get full() { return (start ??= str(RoundStartPanel({ lang, game, safePrevious: round?.full ?? "" }))); }, partials: "" };
  return { view, lobby: { ...lobby, phase: view.phase, get panel() { return view.full; } } };
}

export function teacherPartials(lobby: LobbyProps): string {
  return partial("lobby-status", LobbyStatus(lobby)) + lobbyTeamsUpdate(lobby);
}

/**
 * LobbyTeams lists every member with move and kick controls — over a megabyte at a thousand
 * students — and each team's score; the teacher's stream sends it on every refresh, and during
 * a round only the scores change. So it is rendered once per membership, with a marker in
 * place of each score (a control character, which no name can hold: names.ts refuses them),
 * and the scores are filled in. A teacher stream that already shows this membership (see
 * streamBaseline) gets just the scores, into the same elements; the page ends up the same.
 */
type LobbyTemplate = { id: number; signature: string; parts: string[]; slots: number[]; patches: { teamId: number; before: string; after: string }[] | null };
const lobbyTemplates = new Map<string, LobbyTemplate>();
const LOBBY_TEMPLATES_KEPT = 16;
let lobbyTemplateIds = 0;
const SCORE_MARK = /\u0000score:(\d+)\u0000/;
const SCORE_HOLDER = '<small class="muted">';

function lobbyTemplate(lobby: LobbyProps): LobbyTemplate | null {
  const { lang, game, view } = lobby;
  // Everything LobbyTeams shows except the scores.
  let signature = `${lang}\u0001${game.id}\u0001${game.code}\u0001${game.status === "finished"}\u0001${view.brackets.join("\u0002")}`;
  for (const tm of view.teams) {
    signature += `\u0001${tm.id}\u0002${tm.position}\u0002${tm.name}\u0002${tm.bracket ?? "\u0003"}`;
    for (const m of tm.members) signature += `\u0002${m.id}\u0003${m.nickname}`;
  }
  if (signature.includes("\u0000")) return null;
  const cacheKey = `${game.id}:${lang}`;
  const cached = lobbyTemplates.get(cacheKey);
  if (cached && cached.signature === signature) return cached;
  lobbyTemplates.delete(cacheKey);
  const marked = { ...lobby, view: { ...view, teams: view.teams.map((tm, i) => ({ ...tm, score: `\u0000score:${i}\u0000` as unknown as number })) } };
  const pieces = str(LobbyTeams(marked)).split(SCORE_MARK);
  const parts = pieces.filter((_, i) => i % 2 === 0);
  const slots = pieces.filter((_, i) => i % 2 === 1).map(Number);
  // Each team's score shown exactly once, or the plain render is used.
  if (slots.length !== view.teams.length || new Set(slots).size !== slots.length) return null;
  // Score-only updates replace each card's score line; only if it is where we expect it.
  let patches: LobbyTemplate["patches"] = [];
  for (let i = 0; i < slots.length && patches; i++) {
    const head = parts[i]!;
    const tail = parts[i + 1]!;
    const open = head.lastIndexOf(">") + 1;
    const close = tail.indexOf("<");
    const teamId = view.teams[slots[i]!]!.id;
    const card = head.lastIndexOf('<article class="team-card"');
    if (!head.slice(0, open).endsWith(SCORE_HOLDER) || !tail.startsWith("</small>", close) || head.indexOf(`data-team-id="${teamId}"`, card) < 0 || head.indexOf("<small", card) !== open - SCORE_HOLDER.length) patches = null;
    else patches.push({ teamId, before: head.slice(open), after: tail.slice(0, close) });
  }
  const tpl = { id: ++lobbyTemplateIds, signature, parts, slots, patches };
  // A big class's template is megabytes: keep the few games being watched (oldest template out first).
  if (lobbyTemplates.size >= LOBBY_TEMPLATES_KEPT) lobbyTemplates.delete(lobbyTemplates.keys().next().value!);
  lobbyTemplates.set(cacheKey, tpl);
  return tpl;
}

function lobbyTeamsUpdate(lobby: LobbyProps): string {
  const tpl = lobbyTemplate(lobby);
  if (!tpl) return partial("lobby-teams", LobbyTeams(lobby));
  const scores = lobby.view.teams.map((tm) => String(tm.score));
  const version = `lobby-teams:${tpl.id}`;
  const seen = streamBaseline();
  seen?.establish(version);
  if (seen?.shows === version && tpl.patches) {
    return tpl.patches.map((p, i) => `<hx-partial hx-target="#lobby-teams [data-team-id='${p.teamId}'] > header > small" hx-swap="innerHTML">${p.before}${scores[tpl.slots[i]!]}${p.after}</hx-partial>`).join("");
  }
  let html = tpl.parts[0]!;
  for (let i = 0; i < tpl.slots.length; i++) html += scores[tpl.slots[i]!] + tpl.parts[i + 1]!;
  return partial("lobby-teams", html);
}

/** The SSE update for a viewer showing `clientPhase`: parts only, or the whole new phase panel. */
export function toUpdate(view: LiveView, clientPhase: string): { html: string; phase: string; key?: string } | null {
  if (view.phase === clientPhase) return view.partials ? { html: view.partials, phase: view.phase, key: view.key } : null;
  const panel = `<div id="phase" data-phase="${Bun.escapeHTML(view.phase)}">${view.full}</div>`;
  return { html: partial("phase", panel, "outerHTML"), phase: view.phase, key: view.key };
}
