// What each audience sees of a relay: phones (each its own question: forViewer), team boards,
// the teacher, the projector; results; the round's part of /api/game-state; export rows.
// A team's state is re-read only when its version moves (store.ts), and renders of it are kept
// with it (the big ones only for the turn that drew them: turnMemo), so a flush that changes
// nothing for a team costs one indexed read per phone.
import type { Conn } from "../../db/client.ts";
import type { RelayMember, Round, Team } from "../../db/schema.ts";
import type { ExportRow, RoundView, ViewCtx } from "../contract.ts";
import { bracketsOf, listTeams, rankTeams, teamsWithMembers, type TeamWithMembers } from "../../games/queries.ts";
import { KEEP_FOCUS, partial, str } from "../../../views/partial.ts";
import { isOpen } from "../current.ts";
import { lazyView } from "../lazy-view.ts";
import { BoundedCache } from "../../cache/bounded.ts";
import { TurnMemo } from "../../cache/turn-memo.ts";
import { relayConfigOf } from "./config.ts";
import { openCellsOf, teamBoard, teamRemainingMs, type Cell, type TeamBoard } from "./board.ts";
import { roundTeams, teamRelay, type TeamRelay } from "./store.ts";
import type { RelayConfig } from "./types.ts";
import type { Lang } from "../../errors.ts";
import { HintBox, LastAnswer, PhonePanel, phonePanelPieces, PhoneStatus, SitOutPanel, TurnLine, YourTurn, type PhoneProps } from "../../../views/rounds/relay-quiz/phone.tsx";
import { ChainTable, FinishOrder, RelayStyles, teamCells, type TeamCells } from "../../../views/rounds/relay-quiz/parts.tsx";
import { BoardBody, BoardPanel, ScreenClock, ScreenOrder, ScreenPanel, ScreenStandings, ScreenTracks, TrackParts, trackRowState, TrackRowView, type ScreenProps, type TrackRow } from "../../../views/rounds/relay-quiz/screen.tsx";
import { Standings } from "../../../views/games/standings.tsx";
import { TeacherCard, teacherCardState, TeacherRunning, TeacherStatus, TeacherTeams, type TeacherProps } from "../../../views/rounds/relay-quiz/teacher.tsx";
import { itemsShown, shownBefore, versionOf, type Baseline } from "../../realtime/baseline.ts";
import { ResultsPanel, TeamResult } from "../../../views/rounds/relay-quiz/results.tsx";
import { rt } from "../../../views/rounds/relay-quiz/text.ts";

const standingsHtml = new BoundedCache<string, string>(200);

/**
 * Boards are derived from a team's state: one per state object (replaced when the version moves)
 * and openness, built from the previous state's board where there is one (its unchanged cells).
 */
const openBoards = new WeakMap<TeamRelay, TeamBoard>();
const closedBoards = new WeakMap<TeamRelay, TeamBoard>();
function boardOf(config: RelayConfig, t: TeamRelay, open: boolean): TeamBoard {
  const boards = open ? openBoards : closedBoards;
  let b = boards.get(t);
  if (!b) {
    boards.set(t, (b = teamBoard(config, t, open, t.prior && boards.get(t.prior))));
    t.prior = undefined;
  }
  return b;
}

function memo(t: TeamRelay, key: string, render: () => JSX.Element | string): string {
  let html = t.memo.get(key);
  if (html === undefined) t.memo.set(key, (html = str(render())));
  return html;
}

/** Like memo, for the big renders read only in the flush that drew them: the whole chain table, a finished round's view. */
const thisTurn = new TurnMemo<TeamRelay>();
function turnMemo(t: TeamRelay, key: string, render: () => JSX.Element | string): string {
  return thisTurn.get(t, key, () => str(render()));
}

type Row = TrackRow & { members: ReturnType<typeof teamsWithMembers>[number]["members"] };

/**
 * Every team of the game with its board (null: the team sits this relay out). Screens that show
 * no member lists (the projector, results) skip reading every participant (`withMembers`).
 */
function allBoards(db: Conn, round: Round, now: number, withMembers = true, known?: TeamWithMembers[]): { rows: Row[]; finished: { team: Team; order: number }[]; standings: ScreenProps["standings"] } {
  const config = relayConfigOf(db, round);
  const open = isOpen(round, now);
  const byTeam = new Map(roundTeams(db, round.id).map((t) => [t.teamId, t]));
  const teams = withMembers ? (known ?? teamsWithMembers(db, round.gameId)) : rankedTeams(db, round.gameId);
  const rows = teams.map((team): Row => {
    const t = byTeam.get(team.id);
    return { team, b: t ? boardOf(config, t, open) : null, remainingMs: t ? teamRemainingMs(t, round, now) : 0, members: team.members };
  });
  const finished = rows.filter((r) => r.b?.t.progress.finishOrder).map((r) => ({ team: r.team, order: r.b!.t.progress.finishOrder! })).sort((a, b) => a.order - b.order);
  return { rows, finished, standings: { teams, brackets: bracketsOf(teams) } };
}

const NO_MEMBERS: TeamWithMembers["members"] = [];
function rankedTeams(db: Conn, gameId: number): TeamWithMembers[] {
  const list = listTeams(db, gameId);
  const ranks = rankTeams(list);
  // The rows are this call's own objects (read afresh): completed in place rather than copied.
  return list.map((t) => Object.assign(t, { members: NO_MEMBERS, rank: ranks.get(t.id)! }));
}

export function studentView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView {
  const config = relayConfigOf(db, round);
  const open = isOpen(round, ctx.now);
  const t = teamRelay(db, round.id, team.id);
  if (!t) return { phase: `rq-${round.id}-out`, full: str(SitOutPanel({ lang: ctx.lang })), partials: "" };
  const b = boardOf(config, t, open);
  if (!open) {
    // The finishing order names teams only: every team's phones read it when the round ends, so not every member too.
    const finished = allBoards(db, round, ctx.now, false).finished;
    return lazyView(`rq-${round.id}-over`, () => turnMemo(t, `over:${ctx.lang}`, () => `${str(RelayStyles())}<section class="card">${str(FinishOrder({ finished, lang: ctx.lang }))}</section>${str(TeamResult({ team, b, lang: ctx.lang, compact: true }))}`), "");
  }
  // One read for the team; each phone's own view from it (their questions, their last answer).
  const chains = phoneChains(round, t, b, ctx.lang, open, ctx.baseline);
  // The status line (clock, cycle, team score) is the team's: drawn once for its phones in this render.
  let status: string | undefined;
  const statusPart = () => (status ??= partial("rq-status", PhoneStatus({ b, round, teamScore: team.score, remainingMs: teamRemainingMs(t, round, ctx.now), lang: ctx.lang })));
  const phone = (viewer: RelayMember | null) => phoneView(round, team, ctx, t, b, open, viewer, chains, statusPart);
  const view = phone(null);
  view.forViewer = (participantId) => phone(t.members.find((m) => m.participantId === participantId) ?? null);
  return view;
}

/** The team view's cells of a board (see teamCells), kept with it: its phones' updates compare them with what each shows. */
const cellSets = new WeakMap<TeamBoard, Map<string, TeamCells>>();

/** The part of a phone's stream baseline that holds which chain cells it shows (see phoneChains). */
const CHAINS_SHOWN = "rq-chains";

/**
 * The team's chains in its phones' updates. Each answer of the team redrew the whole table (≈ 4 KB
 * of a phone's 5 KB update) although it changes one cell: a phone whose page already shows this
 * table's shape (its stream's baseline: the round, the shape, each cell's version) gets only the
 * cells that changed, each replacing itself, and nothing when none did; anything else (a first
 * frame, a new cycle or round) gets the whole table. A function: the whole table is drawn only if sent.
 */
function phoneChains(round: Round, t: TeamRelay, b: TeamBoard, lang: Lang, open: boolean, baseline?: Baseline): Chains {
  let byLang = cellSets.get(b);
  if (!byLang) cellSets.set(b, (byLang = new Map()));
  let cells = byLang.get(lang);
  if (!cells) byLang.set(lang, (cells = teamCells(b, lang)));
  const seen = (baseline?.part(CHAINS_SHOWN) ?? "").startsWith(`${round.id}.`);
  const shown = itemsShown(baseline, CHAINS_SHOWN, `${round.id}.${cells.shape}`, cells.cells.map((c) => c.version));
  if (!shown) return { seen, whole: true, draw: (safeChain) => turnMemo(t, `chain-table:${lang}:${open}`, () => partial("rq-team", safeChain())) };
  const changed = cells.cells.filter((_, i) => !shown[i]);
  if (changed.length === 0) return { seen, whole: false, draw: () => "" };
  return { seen, whole: false, draw: () => memo(t, `chain-cells:${lang}:${open}:${changed.map((c) => c.id).join(",")}`, () => changed.map((c) => partial(c.id, c.html(), "outerHTML")).join("")) };
}

/**
 * The chains' part of phones' updates. `whole`: the whole table (the page may show any turn of the
 * round: see phoneView). `seen`: this stream has sent the page a panel of this round itself, so
 * its phase is known; a stream's first phase is the one its page loaded with, which the page may
 * have left since (or drawn with an older build of the server).
 */
type Chains = { seen: boolean; whole: boolean; draw: (safeChain: () => string) => string };

/**
 * A phone's phase in an open relay: its turn (the questions it holds now, none, or its team done).
 * A student who joined after the start only watches: a phase of its own, which no turn is a step from.
 */
function turnPhase(roundId: number, b: TeamBoard, mine: readonly Cell[], viewer: RelayMember | null): string {
  if (!viewer) return `rq-${roundId}-watch`;
  return `rq-${roundId}-` + (b.finished ? "done" : mine.length ? `q${b.cycle}-${mine.map((c) => c.question.questionId).join("-")}` : "off");
}

/** Whether `phase` is a member's turn in this round (see turnPhase): the phone shows this round's panel, with a turn region. */
function isTurnPhase(roundId: number, phase: string): boolean {
  const turns = `rq-${roundId}-`;
  return phase.startsWith(`${turns}q`) || phase === `${turns}off` || phase === `${turns}done`;
}

function phoneView(round: Round, team: Team, ctx: ViewCtx, t: TeamRelay, b: TeamBoard, open: boolean, viewer: RelayMember | null, chains: Chains, statusPart: () => string): RoundView {
  const mine = openCellsOf(b, viewer?.id);
  const phase = turnPhase(round.id, b, mine, viewer);
  // The team's chains: rendered once per turn (turnMemo), for its phones' parts and full panels alike.
  const p: PhoneProps = {
    code: ctx.game.code, round, b, viewer, mine, teamScore: team.score, remainingMs: teamRemainingMs(t, round, ctx.now), lang: ctx.lang, turn: phase,
    get safeChain() { return turnMemo(t, `chain-team:${ctx.lang}:${open}`, () => ChainTable({ b, view: "team", lang: ctx.lang })); },
  };
  const who = viewer?.id ?? 0;
  const key = `${round.status}:${round.pausedRemainingMs ?? ""}:${t.progress.version}:${team.score}:${who}`;
  // Rendered only when this phone's stream needs them (its key changed); the team's parts once per
  // state of the team, this phone's (its turn, last answer, hints) once per state and phone, the clock each time.
  // In pieces: the team's parts are the same string for its phones, so their bytes are made once (sse.ts).
  // A phone's turn (YourTurn, its hints in it) goes with them when it moves to another turn of the
  // round (`step`), and whenever the whole chain table does: a page back from a lost connection
  // tells the phase it loaded with, which may not be the turn it shows now.
  const parts = (withTurn: boolean): readonly string[] => [
    statusPart(),
    withTurn ? partial("rq-yours", YourTurn(p), KEEP_FOCUS) : "",
    memo(t, `turn:${ctx.lang}:${open}`, () => partial("rq-turn", TurnLine(p))),
    chains.draw(() => p.safeChain!),
    memo(t, `last:${ctx.lang}:${who}:${open}`, () => partial("rq-last", LastAnswer(p))),
    withTurn ? "" : memo(t, `hints:${ctx.lang}:${who}:${open}:${ctx.game.code}`, () =>
      mine.filter((c) => c.cycle > 1).map((c) => partial(`rq-hint-${c.question.questionId}`, HintBox({ code: p.code, round, cell: c, b, lang: ctx.lang }), KEEP_FOCUS)).join("")),
  ];
  let made: readonly string[] | undefined;
  let stepped: readonly string[] | undefined;
  const pieces = () => (made ??= parts(chains.whole));
  const view = lazyView(phase, () => str(PhonePanel(p)), () => pieces().join(""), key, pieces, () => phonePanelPieces(p));
  if (viewer && chains.seen) view.step = { from: (clientPhase) => isTurnPhase(round.id, clientPhase), pieces: () => (stepped ??= parts(true)) };
  return view;
}

export function teamView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView {
  const open = isOpen(round, ctx.now);
  const t = teamRelay(db, round.id, team.id);
  const row: TrackRow = { team, b: t ? boardOf(relayConfigOf(db, round), t, open) : null, remainingMs: t ? teamRemainingMs(t, round, ctx.now) : 0 };
  return {
    phase: `rq-${round.id}-board-${open ? "open" : "over"}`,
    full: str(BoardPanel({ round, row, lang: ctx.lang })),
    partials: partial("rq-b-body", BoardBody({ round, row, lang: ctx.lang })),
  };
}

export function screenView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  const { rows, finished, standings } = allBoards(db, round, ctx.now, false);
  const open = isOpen(round, ctx.now);
  // A team's row (its track, who is on turn) changes only with the team: drawn once per state; the clock is drawn each time.
  const versions = rows.map((row) => {
    if (!row.b) return rowVersion(row, round);
    const drawn = drawnRow(row as TrackRow & { b: TeamBoard }, round, ctx.lang);
    row.safeTrack = drawn.track;
    return drawn.version;
  });
  const config = relayConfigOf(db, round);
  const clocks = rows.filter((r) => r.b && !r.b.finished).map((r) => r.remainingMs);
  const p: ScreenProps = { round, rows, finished, standings, lang: ctx.lang, sharedMs: config.pacing === "together" && open && clocks.length ? Math.min(...clocks) : null };
  // The standings change only with the scores: drawn once per set of scores, kept by its version (the key itself is 20 teams long).
  const scores = versionOf(`${round.id}:${ctx.lang}:` + standings.teams.map((t) => `${t.id}.${t.score}.${t.rank}.${t.bracket ?? ""}.${t.name}`).join("|"));
  const safeStandings = standingsHtml.getOr(scores, () => str(ScreenStandings(p)));
  // A stream whose projector already shows these standings (its baseline) is not sent them again.
  const standingsShown = shownBefore(ctx.baseline, "rq-s-st", scores);
  return lazyView(
    `rq-${round.id}-${open ? "running" : "finished"}`,
    () => str(ScreenPanel(p)),
    partial("rq-s-clock", ScreenClock(p)) + screenTracks(p, versions, ctx.baseline) + partial("rq-s-order", ScreenOrder(p)) + (standingsShown ? "" : partial("rq-s-standings", safeStandings)),
  );
}

/**
 * What the projector drew of a team's row: its track and a short version of what the row shows
 * (see screenTracks), kept with the board it was drawn from, per language. A projector refreshes
 * at every answer of its game, which changed one team: the other rows are taken as they are.
 */
type DrawnRow = { name: string; status: Round["status"]; track: string; version: string };
/** A short version of what a team's row shows (its baseline item, see screenTracks). */
const rowVersion = (row: TrackRow, round: Round) => Bun.hash(trackRowState({ row, round })).toString(36);
const drawnRows = new WeakMap<TeamBoard, { [lang in Lang]?: DrawnRow }>();
function drawnRow(row: TrackRow & { b: TeamBoard }, round: Round, lang: Lang): DrawnRow {
  let byLang = drawnRows.get(row.b);
  if (!byLang) drawnRows.set(row.b, (byLang = {}));
  let drawn = byLang[lang];
  if (drawn?.name !== row.team.name || drawn.status !== round.status) {
    drawn = byLang[lang] = { name: row.team.name, status: round.status, track: str(TrackParts({ row, lang })), version: rowVersion(row, round) };
  }
  return drawn;
}

/**
 * Every flush of a game (an answer anywhere) refreshed all of the projector's tracks (≈ 17 KB for
 * 20 teams): a stream whose projector already shows them (its baseline: each row's version) gets
 * only the rows of teams that changed, each replacing itself; anything else gets them all. The
 * round is in what the baseline part holds, not in its name (so are the teachers' cards'): named
 * after the round, a stream's baseline kept one more part at every round, parsed at every refresh.
 */
function screenTracks(p: ScreenProps, versions: readonly string[], baseline?: Baseline): string {
  const layout = p.rows.map((row) => `${row.team.id}~${row.team.bracket ?? ""}`).join(",");
  const shown = itemsShown(baseline, "rq-s", `${p.round.id}|${layout}`, versions);
  if (!shown) return partial("rq-s-tracks", ScreenTracks(p));
  return p.rows.map((row, i) => (shown[i] ? "" : partial(`rq-s-row-${row.team.id}`, TrackRowView({ row, round: p.round, lang: p.lang }), "outerHTML"))).join("");
}

export function teacherView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  if (!isOpen(round, ctx.now)) {
    return lazyView(`rq-${round.id}-finished`, () => results(db, round, ctx) + `<p><a href="/teacher/games/${round.gameId}/rounds/${round.id}">→ ${rt(ctx.lang, "full_results")}</a></p>`, "");
  }
  const { rows, finished, standings } = allBoards(db, round, ctx.now, true, ctx.teams);
  // A team's chains (the bulk of its card) are drawn when its card is sent: once per state of the
  // team (teacherCards), from its cells' kept html. Kept with the team's state as well, they were
  // 8.5 MB of the live heap at fifty relays, and drawn once all the same.
  const p: TeacherProps = { game: ctx.game, round, boards: rows, finished, standings, now: ctx.now, lang: ctx.lang };
  // The hand-over forms are part of the phase (never replaced while the teacher picks names): a
  // change of who is in which team, or of who still holds questions, is a new phase.
  const people = rows.map((r) => `${r.team.id}:${r.members.map((m) => m.id).join(",")}:${r.b?.t.members.map((m) => `${m.id}.${m.participantId ?? ""}`).join(",") ?? ""}`).join("|");
  return lazyView(
    `rq-${round.id}-running-${Bun.hash(people).toString(36)}`,
    () => str(TeacherRunning(p)),
    partial("rq-t-status", TeacherStatus(p), KEEP_FOCUS) + partial("rq-t-order", FinishOrder({ finished, lang: ctx.lang })) + partial("rq-t-standings", Standings({ view: standings, lang: ctx.lang })) + teacherCards(p, ctx.baseline),
  );
}

/**
 * The teams' cards, redrawn every second on the teacher's panel, are most of its bytes (≈ 90 KB
 * for 20 teams of 4): a stream whose page already shows them (its baseline: each card's state)
 * gets only the cards whose team changed, each replacing itself; anything else gets them all.
 */
function teacherCards(p: TeacherProps, baseline?: Baseline): string {
  const layout = `${p.round.id}|` + p.boards.map((row) => row.team.id).join(",");
  const shown = itemsShown(baseline, "rq-t", layout, p.boards.map((row) => Bun.hash(teacherCardState({ row, round: p.round, now: p.now })).toString(36)));
  if (!shown) return partial("rq-t-teams", TeacherTeams(p));
  return p.boards.map((row, i) => (shown[i] ? "" : partial(`rq-t-team-${row.team.id}`, TeacherCard({ row, round: p.round, now: p.now, lang: p.lang }), "outerHTML"))).join("");
}

export function results(db: Conn, round: Round, ctx: ViewCtx): string {
  const { rows, finished } = allBoards(db, round, ctx.now, false);
  return str(ResultsPanel({ teams: rows, finished, lang: ctx.lang }));
}

/** The round's part of /api/game-state: each team's cycle, who is on turn, finished teams in order. Never an answer. */
export function relayState(db: Conn, round: Round, now: number): Record<string, unknown> {
  const config = relayConfigOf(db, round);
  const { rows, finished } = allBoards(db, round, now);
  return {
    sets: config.sets.map((s) => s.set), cycles: config.size, cycleSeconds: config.cycleSeconds, pacing: config.pacing,
    followThrough: config.followThrough, hintPenalty: config.hintPenalty, open: isOpen(round, now),
    teams: rows.filter((r) => r.b).map(({ team, b, remainingMs }) => ({
      teamId: team.id,
      cycle: Math.min(b!.cycle, config.size),
      finished: b!.finished,
      finishOrder: b!.t.progress.finishOrder,
      endsAt: b!.finished ? null : b!.t.progress.deadline,
      remainingMs,
      onTurn: b!.onTurn.map((m) => ({ participantId: m.participantId, nickname: m.nickname })),
      answered: b!.t.answers.size,
    })),
    finishedTeams: finished.map((f) => f.team.id),
  };
}

/** A question as exports and analytics name it; an answer and a hint on the same question share it (analytics counts both per question). */
function questionLabel(set: string | null, position: number, text: string): string {
  return `${set}-${position}: ${text.slice(0, 80)}`;
}

export function relayExportRows(db: Conn, round: Round): ExportRow[] {
  const config = relayConfigOf(db, round);
  const names = new Map(listTeams(db, round.gameId).map((t) => [t.id, t.name]));
  const out: ExportRow[] = [];
  for (const t of roundTeams(db, round.id)) {
    const members = new Map(t.members.map((m) => [m.id, m]));
    const base = { roundId: round.id, roundType: "relay_quiz" as const, teamId: t.teamId, team: names.get(t.teamId) ?? "" };
    for (const a of t.answers.values()) {
      const q = config.sets[a.setIndex]!.questions[a.position - 1]!;
      const m = members.get(a.memberId);
      out.push({
        ...base, participantId: m?.participantId ?? null, member: m?.nickname ?? null, kind: "answer",
        what: questionLabel(q.set, a.position, q.text),
        detail: `answer=${a.answer}; ${a.correct ? "correct" : "wrong"}; credit=${a.credit}; received=${a.receivedInput ?? "-"}; key=${q.answer ?? "?"}`,
        answer: a.answer, correct: a.correct,
        points: a.points, at: a.createdAt,
      });
    }
    for (const h of t.hints.values()) {
      const q = config.sets[h.setIndex]!.questions[h.position - 1]!;
      const m = members.get(h.memberId);
      out.push({
        ...base, participantId: m?.participantId ?? null, member: m?.nickname ?? null, kind: "hint",
        what: questionLabel(q.set, h.position, q.text), detail: `penalty=${h.penalty}; charged=${h.charged}; revealed=${q.trueInput ?? ""}`, points: -h.charged, at: h.createdAt,
      });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
