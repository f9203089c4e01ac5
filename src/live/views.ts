// What each audience sees live: the phase panel and its parts. Pages render the full panel;
// SSE streams send only the parts when the viewer already shows the same phase.
import type { Tx } from "../db/client.ts";
import type { Game, Round, Team } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import { flat, KEEP_FOCUS, partial, str } from "../../views/partial.ts";
import { bracketsOf, teamsWithMembers } from "../games/queries.ts";
import { teamMemberList } from "./member-lists.ts";
import { currentRound, isOpen } from "../rounds/current.ts";
import { phoneBetween, phoneFinal, screenBetween, screenPodium, teacherPlan } from "../event/live.ts";
import { readPlan } from "../event/plan.ts";
import { roundModule, ROUND_TYPES } from "../rounds/registry.ts";
import type { AnyRoundModule, RoundView } from "../rounds/contract.ts";
import { asset } from "../assets.ts";
import { SeatWaiting } from "../../views/games/seat.tsx";
import { TeamCards } from "../../views/games/teams.tsx";
import { Standings } from "../../views/games/standings.tsx";
import { LobbyAddresses, LobbyStatus, LobbyTeams, type AddressSeats, type LobbyProps } from "../../views/games/lobby.tsx";
import { RoundStartPanel } from "../../views/rounds/start-panel.tsx";
import { BoundedCache } from "../cache/bounded.ts";
import { shownBefore, versionOf, type Baseline } from "../realtime/baseline.ts";
import type { Rendering, Update } from "../realtime/frames.ts";

/** What a screen shows live; see RoundView (its `key` lets a stream skip an update it already sent). */
export type LiveView = RoundView;

/**
 * The round view for this game, if a round exists and its module is known. A round type's own
 * script comes with its panel: phones enter a round by a live swap, not a page load, and no page
 * loads another round type's script (the script itself runs once per page).
 */
function withRound(tx: Tx, game: Game, pick: (m: AnyRoundModule, round: Round) => RoundView): (RoundView & { open: boolean }) | null {
  if (game.status === "waiting") return null;
  const round = currentRound(tx, game.id);
  const module = round ? roundModule(round.type) : undefined;
  if (!round || !module) return null;
  const view = pick(module, round);
  const open = isOpen(round, Date.now());
  if (!module.script && !module.styles?.length) return Object.assign(view, { open });
  const head = (module.styles ?? []).map((href) => `<link rel="stylesheet" href="${Bun.escapeHTML(href)}">`).join("") + (module.script ? `<script src="${asset(module.script)}"></script>` : "");
  return Object.assign(withHead(view, head), { open });
}

/** The view with `head` (a round type's stylesheets and script) before its full panel, for every viewer. */
function withHead(view: RoundView, head: string): RoundView {
  const forViewer = view.forViewer;
  return {
    phase: view.phase, get full() { return head + view.full; }, get partials() { return view.partials; }, key: view.key,
    forViewer: forViewer && ((id) => withHead(forViewer(id), head)), pieces: view.pieces, fullPieces: view.fullPieces && (() => [head, ...view.fullPieces!()]), step: view.step,
  };
}

/**
 * A student's view: read once for the team (one render serves the whole team's streams); a round
 * whose phones differ gives each its own through `forViewer` (see RoundView, and viewFor).
 * Between rounds the last round's panel stays, with what comes next and the team's place above
 * it; after the game, the team's final place and each phone's own contribution.
 */
export function studentLive(tx: Tx, game: Game, team: Team, lang: Lang, now = Date.now(), baseline?: Baseline): LiveView {
  if (game.status === "finished") return phoneFinal(tx, game, team, lang);
  const round = withRound(tx, game, (m, r) => m.studentView(tx, r, team, { game, lang, now, baseline }));
  if (round?.open) return round;
  if (round) {
    const between = phoneBetween(tx, game, team, lang, round);
    return { phase: round.phase, full: between.full, partials: between.partials, key: between.key };
  }
  const members = teamMemberList(tx, team);
  const list = partial("seat-team", members);
  if (game.status === "started") {
    const between = phoneBetween(tx, game, team, lang, null);
    return { phase: `lobby-${game.status}`, full: between.full + str(SeatWaiting({ lang, game, team, safeMembers: members })), partials: list + between.partials };
  }
  let full: string | undefined;
  return { phase: `lobby-${game.status}`, get full() { return (full ??= str(SeatWaiting({ lang, game, team, safeMembers: members }))); }, partials: list };
}

/** A team's board (a big screen for one team). */
export function teamBoardLive(tx: Tx, game: Game, team: Team, lang: Lang, now = Date.now()): LiveView {
  const round = game.status === "started" ? currentRound(tx, game.id) : undefined;
  const module = round ? roundModule(round.type) : undefined;
  if (round && module) return module.teamView(tx, round, team, { game, lang, now });
  if (game.status === "finished") {
    const all = teamsWithMembers(tx, game.id);
    return { phase: "game-finished", full: str(Standings({ view: { teams: all, brackets: [] }, lang, big: true, highlightTeam: team.id })), partials: "" };
  }
  const members = teamMemberList(tx, team);
  return { phase: `lobby-${game.status}`, full: `<section class="card"><div id="board-members">${members}</div></section>`, partials: partial("board-members", members) };
}

/**
 * The projector: the round while it runs; between rounds the next round's intro and the standings
 * (the phase still names the last round's, so a screen can tell it ended); after the game, the podium.
 */
export function screenLive(tx: Tx, game: Game, lang: Lang, now = Date.now(), baseline?: Baseline): LiveView {
  if (game.status === "finished") return screenPodium(tx, game, lang);
  const round = withRound(tx, game, (m, r) => m.screenView(tx, r, { game, lang, now, baseline }));
  if (round?.open) return round;
  if (game.status === "waiting") {
    const teams = teamsWithMembers(tx, game.id);
    const cards = str(TeamCards({ view: { teams, brackets: bracketsOf(teams) }, lang }));
    return { phase: "lobby", full: `<div id="screen-teams">${cards}</div>`, partials: partial("screen-teams", cards) };
  }
  return screenBetween(tx, game, lang, round ? `between~${round.phase}` : "standings", round);
}

/** Seats per network address they were taken from, most first (the lobby's list; see LobbyAddresses). */
function seatsPerAddress(teams: { members: { joinedFrom: string | null }[] }[]): AddressSeats[] {
  const counts = new Map<string, number>();
  for (const tm of teams) for (const m of tm.members) if (m.joinedFrom) counts.set(m.joinedFrom, (counts.get(m.joinedFrom) ?? 0) + 1);
  return [...counts].map(([address, seats]) => ({ address, seats })).sort((a, b) => b.seats - a.seats || (a.address < b.address ? -1 : 1));
}

export function teacherLive(tx: Tx, game: Game, lang: Lang, joinUrl: string, now = Date.now(), baseline?: Baseline): { view: LiveView; lobby: LobbyProps } {
  const teams = teamsWithMembers(tx, game.id);
  const lobby: LobbyProps = {
    lang, game, view: { teams, brackets: bracketsOf(teams) }, joinUrl,
    participantCount: teams.reduce((n, tm) => n + tm.members.length, 0), phase: "", panel: "",
    addresses: seatsPerAddress(teams), safePlan: "",
  };
  const round = withRound(tx, game, (m, r) => m.teacherView(tx, r, { game, lang, now, baseline, teams }));
  const open = !!round?.open;
  const plan = readPlan(tx, game.id, now);
  lobby.safePlan = teacherPlan(tx, game, lang, open, plan);
  const planned = plan.length > 0;
  // The stream sends the phase panel only when the teacher's page shows another phase, so it
  // is rendered on demand (from values already read) rather than on every flush.
  let start: string | undefined;
  const view: LiveView = open
    ? round
    : { phase: `start-${game.status}-${round?.phase ?? "none"}`, get full() { return (start ??= str(RoundStartPanel({ lang, game, planned, safePrevious: round?.full ?? "", safeForms: game.status === "started" ? ROUND_TYPES.map((m) => m.start.form(tx, game, lang, {})) : [] }))); }, partials: "" };
  return { view, lobby: { ...lobby, phase: view.phase, get panel() { return view.full; } } };
}

export function teacherPartials(lobby: LobbyProps, baseline?: Baseline): string {
  // The plan region holds the teacher's main button, the addresses their buttons: kept in place.
  return ifChanged(baseline, "lobby-status", str(LobbyStatus(lobby))) + ifChanged(baseline, "event-plan", lobby.safePlan, KEEP_FOCUS) +
    ifChanged(baseline, "lobby-addresses", addressesHtml(lobby), KEEP_FOCUS) + lobbyTeamsUpdate(lobby, baseline);
}

/**
 * The region's partial, or nothing when the stream's page already shows this html (its baseline
 * part). The teacher's panel refreshes every second, and these regions rarely change: sent every
 * time, they were a third of its bytes during a round (the address list alone 7 KB for 80 phones).
 */
function ifChanged(baseline: Baseline | undefined, region: string, html: string, swap?: string): string {
  return shownBefore(baseline, region, versionOf(html)) ? "" : partial(region, html, swap);
}

/** The address list drawn once per list (it changes only as phones join or leave), per game and language. */
const addressLists = new BoundedCache<string, { key: string; html: string }>(64);
function addressesHtml(lobby: LobbyProps): string {
  const key = `${lobby.game.status}|${lobby.addresses.map((a) => `${a.address}=${a.seats}`).join(",")}`;
  const place = `${lobby.lang}|${lobby.game.id}`;
  let list = addressLists.get(place);
  if (list?.key !== key) list = addressLists.set(place, { key, html: str(LobbyAddresses(lobby)) });
  return list.html;
}

/**
 * LobbyTeams lists every member with a link to their move and remove controls — 210 KB at a
 * thousand students — and each team's score; the teacher's stream sends it on every refresh, and during a
 * round only the scores change. So the list is rendered once per membership (cached by what it
 * shows but the scores), and each score is its own element (`#team-score-<id>`) that a small
 * partial fills in. A stream whose viewer already shows this membership (its baseline) gets only
 * the scores; any other gets the list, with the scores after it.
 */
// Its version is drawn from what it shows, not counted: a list pushed out of the cache (more
// teachers' panels streaming than it holds) and rendered again is the same version, so the
// streams that show it are not sent it again. The cache holds the latest list per game and
// language only: a class joining makes a new membership at every flush, and each superseded list
// (a couple of hundred kilobytes at a thousand students) would otherwise stay until pushed out.
const lobbyLists = new BoundedCache<string, { key: string; version: string; html: string }>(64);

function membershipKey(lobby: LobbyProps): string {
  const { lang, game, view } = lobby;
  let key = `${lang}|${game.id}|${game.code}|${game.status === "finished"}|${view.brackets.join(",")}`;
  for (const tm of view.teams) {
    key += `|${tm.id}:${tm.position}:${tm.boardKey}:${tm.bracket ?? ""}:${tm.name.length}:${tm.name}`;
    for (const m of tm.members) key += `;${m.id}:${m.nickname.length}:${m.nickname}`;
  }
  return flat(key);
}

function lobbyTeamsUpdate(lobby: LobbyProps, baseline?: Baseline): string {
  const key = membershipKey(lobby);
  const place = `${lobby.lang}|${lobby.game.id}`;
  let list = lobbyLists.get(place);
  if (list?.key !== key) list = lobbyLists.set(place, { key, version: `lobby-teams:${versionOf(key)}`, html: str(LobbyTeams(lobby)) });
  const scores = lobby.view.teams.map((tm) => partial(`team-score-${tm.id}`, String(tm.score))).join("");
  const shows = baseline?.shows === list.version;
  baseline?.establish(list.version);
  return shows ? scores : partial("lobby-teams", list.html) + scores;
}

/** The view one phone sees: the team's, or its own when the round's phones differ (RoundView.forViewer). */
export function viewFor(view: LiveView, participantId: number): LiveView {
  return view.forViewer ? view.forViewer(participantId) : view;
}

/** The SSE update for a viewer showing `clientPhase`: parts only, or the whole new phase panel. */
export function toUpdate(view: LiveView, clientPhase: string): Update | null {
  if (view.phase === clientPhase) return view.partials ? { html: view.partials, phase: view.phase, key: view.key } : null;
  const step = stepFrom(view, clientPhase);
  if (step) {
    const pieces = step.pieces();
    return { html: pieces.join(""), pieces, phase: view.phase, key: view.key };
  }
  return { html: fullPanel(view), phase: view.phase, key: view.key };
}

/** The way from `clientPhase` to the view's phase without its whole panel (RoundView.step), if there is one. */
function stepFrom(view: LiveView, clientPhase: string): RoundView["step"] {
  return view.phase !== clientPhase && view.step?.from(clientPhase) ? view.step : undefined;
}

/**
 * A phone's update: as toUpdate, or — for a view that differs per phone — each phone's own from
 * `forViewer`, its html made only when read (a stream that already shows its key never renders it).
 */
export function studentUpdate(view: LiveView, clientPhase: string): Rendering {
  const forViewer = view.forViewer;
  return forViewer ? { forViewer: (id, phase) => lazyUpdate(forViewer(id), phase) } : toUpdate(view, clientPhase);
}

/** The phase region's frame around a view's full panel: one source for the whole panel and for its pieces. */
function phaseFrame(view: LiveView): readonly [string, string] {
  return [`<hx-partial hx-target="#phase" hx-swap="outerHTML"><div id="phase" data-phase="${Bun.escapeHTML(view.phase)}">`, "</div></hx-partial>"];
}

function fullPanel(view: LiveView): string {
  const [open, close] = phaseFrame(view);
  return flat(open + view.full + close);
}

/** fullPanel in pieces, for a view that gives its full panel in pieces (RoundView.fullPieces). */
function fullPanelPieces(view: LiveView): readonly string[] | undefined {
  const pieces = view.fullPieces?.();
  if (!pieces) return undefined;
  const [open, close] = phaseFrame(view);
  return [open, ...pieces, close];
}

function lazyUpdate(view: LiveView, clientPhase: string): Update {
  const same = view.phase === clientPhase;
  const step = stepFrom(view, clientPhase);
  return {
    get html() { return same ? view.partials : step ? step.pieces().join("") : fullPanel(view); },
    get pieces() { return same ? view.pieces?.() : step ? step.pieces() : fullPanelPieces(view); },
    phase: view.phase, key: view.key,
  };
}
