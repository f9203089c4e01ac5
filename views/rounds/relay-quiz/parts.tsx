// Relay Quiz building blocks shared by the screens: the clock, a team's chains, the progress
// track, the finishing order, the teacher's controls.
import type { Lang } from "../../../src/errors.ts";
import type { Game, RelayMember, Round, Team } from "../../../src/db/schema.ts";
import type { Cell, TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import { memberLetter } from "../../../src/rounds/relay-quiz/rules.ts";
import { asset } from "../../../src/assets.ts";
import { str } from "../../partial.ts";
import { rt } from "./text.ts";

/** The relay's stylesheet and KaTeX's: every relay panel brings them (see module.ts). */
export function RelayStyles(): JSX.Element {
  return (
    <>
      <link rel="stylesheet" href={asset("relay-quiz.css")} />
      <link rel="stylesheet" href={asset("vendor/katex/katex.min.css")} />
    </>
  );
}

/** A countdown from the server's remaining time (public/app.js counts it down; never the device clock). */
export function Clock({ ms, running, paused, lang }: { ms: number; running: boolean; paused: boolean; lang: Lang }): JSX.Element {
  const s = Math.ceil(ms / 1000);
  return (
    <span class="rq-clock">
      <span class="countdown" data-remaining-ms={String(ms)} data-running={String(running)} role="timer" aria-label={rt(lang, "time_left")} safe>
        {`${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`}
      </span>
      {paused ? <span class="pill warn">{rt(lang, "paused")}</span> : ""}
    </span>
  );
}

/**
 * "A Ana" — a member's letter in the team's order, and name; marked when they left the game.
 * Drawn once per member and language, kept with the member: a team's members are read anew when
 * anyone joins, leaves or is handed a question, never changed in place (store.ts readTeam), and
 * every cell, track and card names them (1.6 % of the server's time at 10,000 phones, drawn each time).
 */
export function MemberName({ m, lang }: { m: RelayMember; lang: Lang }): JSX.Element {
  let byLang = drawnNames.get(m);
  if (!byLang) drawnNames.set(m, (byLang = {}));
  return (byLang[lang] ??= str(
    <span class={`rq-member${m.participantId === null ? " left" : ""}`}>
      <b class="rq-letter" safe>{memberLetter(m.position)}</b> <span safe>{m.nickname}</span>
      {m.participantId === null ? <small class="muted"> ({rt(lang, "removed")})</small> : ""}
    </span>,
  ));
}
const drawnNames = new WeakMap<RelayMember, { [lang in Lang]?: string }>();

export type ChainView = "team" | "public" | "teacher";

function Verdict({ cell, lang }: { cell: Cell; lang: Lang }): JSX.Element {
  const a = cell.answer!;
  return (
    <span class={`rq-verdict ${a.correct ? "ok" : "bad"}`}>
      {a.correct ? "✓" : "✗"}
      {a.credit === "follow_through" ? <small class="rq-ft" title={rt(lang, "follow_through_credit")}> {rt(lang, "ft_short")}</small> : ""}
    </span>
  );
}

/**
 * One link of a chain. `public`: who holds it and whether it is answered — never the answer (other
 * teams answer the same sets). `team`: the answers as given, right or wrong. `teacher`: also the
 * true answer and the input received.
 */
function CellBody({ cell, view, lang }: { cell: Cell; view: ChainView; lang: Lang }): JSX.Element {
  const holders = cell.by ? [cell.by] : cell.holders;
  return (
    <>
      <span class="rq-holders">{holders.map((m) => <MemberName m={m} lang={lang} />)}</span>
      {cell.answer && view !== "public" ? (
        <span class="rq-given">
          <code safe>{cell.answer.answer}</code> <Verdict cell={cell} lang={lang} />
        </span>
      ) : cell.answer ? <span class="rq-given">✓ {rt(lang, "answered")}</span> : cell.status === "missed" ? <span class="rq-given muted">— {rt(lang, "not_answered")}</span> : ""}
      {cell.hint && view !== "public" ? <span class="rq-hint-mark" title={rt(lang, "hint_used")}>💡</span> : ""}
      {view === "teacher" ? <small class="rq-key muted">{rt(lang, "answer_key")}: <span safe>{cell.question.answer ?? "?"}</span></small> : ""}
    </>
  );
}

/**
 * The team's chains: a row per set, a column per cycle — so a row reads as the chain A → D → C → B.
 * Each cell names its holders' member ids (`data-h`), so one render serves the whole team and a
 * phone marks its own cells with a style (MineStyle).
 */
export function ChainTable({ b, view, lang }: { b: TeamBoard; view: ChainView; lang: Lang }): JSX.Element {
  return (
    <table class={`rq-chains rq-${view}`}>
      <thead>
        <tr>
          <th scope="col"></th>
          {b.chains[0]!.map((c) => <th scope="col" class={c.cycle === b.cycle ? "now" : undefined}>{rt(lang, "cycle")} {c.cycle}</th>)}
        </tr>
      </thead>
      <tbody>
        {b.chains.map((chain) => (
          <tr>
            <th scope="row" safe>{chain[0]!.set}</th>
            {chain.map((cell) => cellHtml(cell, view, lang) as "safe")}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * What was drawn of a cell, kept with the cell. A team's chains are drawn again at each of its
 * answers (for its phones and the teacher's panel), and one answer changes one cell: a board
 * takes over its previous board's unchanged cells as they are (board.ts teamBoard), so their
 * renders come from here. A string key per cell (its holders, answer, hint, …) cost 5 % of the
 * district bench's play in building and hashing keys, and its cache of 64,000 cells a quarter of
 * the server's live heap.
 */
type Drawn = { [view in ChainView]?: { [lang in Lang]?: string } } & { versions?: { [lang in Lang]?: string } };
const drawn = new WeakMap<Cell, Drawn>();
function drawnOf(cell: Cell): Drawn {
  let d = drawn.get(cell);
  if (!d) drawn.set(cell, (d = {}));
  return d;
}

const memberKey = (m: RelayMember) => (m.participantId === null ? `${m.id}x` : String(m.id));

/** A team-view cell's id: its set and cycle (one chain table per phone page). */
export const cellId = (cell: Pick<Cell, "setIndex" | "cycle">) => `rq-c-${cell.setIndex}-${cell.cycle}`;

/**
 * What a team-view cell shows, as a short hash: a phone's stream remembers it for each cell it
 * shows (TeamCells), also across a restart of the server, so it is made of what the cell shows.
 */
function cellVersion(cell: Cell, lang: Lang): string {
  const d = drawnOf(cell);
  const versions = (d.versions ??= {});
  return (versions[lang] ??= Bun.hash(`team|${lang}|${cell.status}|${cell.question.questionId}|${cell.answer?.id ?? ""}|${cell.hint?.id ?? ""}|${cell.by ? memberKey(cell.by) : ""}|${cell.holders.map(memberKey).join(",")}|${cellId(cell)}`).toString(36));
}

function cellHtml(cell: Cell, view: ChainView, lang: Lang): string {
  const byLang = (drawnOf(cell)[view] ??= {});
  return (byLang[lang] ??= str(
    <td class={`rq-cell ${cell.status}`} id={view === "team" ? cellId(cell) : undefined} data-h={cell.holders.map((h) => `m${h.id}`).join(" ")}>
      <CellBody cell={cell} view={view} lang={lang} />
    </td>,
  ));
}

/**
 * The team view's chains cell by cell, as ChainTable draws them: each cell's id, a short version
 * of what it shows, and its html; `shape`: what the rest of the table shows (its size, its set
 * names and which cycle is current). Two states with the same shape differ only in the cells
 * whose versions differ.
 */
export type TeamCells = { shape: string; cells: { id: string; version: string; html: () => string }[] };
export function teamCells(b: TeamBoard, lang: Lang): TeamCells {
  const shape = `${lang}|${b.cycle}|${b.chains.map((chain) => `${chain[0]!.set}:${chain.length}`).join(",")}`;
  return {
    shape: Bun.hash(shape).toString(36),
    cells: b.chains.flatMap((chain) => chain.map((cell) => ({ id: cellId(cell), version: cellVersion(cell, lang), html: () => cellHtml(cell, "team", lang) }))),
  };
}

/** A phone's own cells in its team's chains (ChainTable's `data-h`), marked. */
export function MineStyle({ memberId }: { memberId: number }): JSX.Element {
  return <style safe>{`.rq-phone td[data-h~=m${memberId}]{outline:3px solid var(--accent);outline-offset:-3px}`}</style>;
}

/** Cycle 1 … K as steps: done, now, to come (the projector's and the team board's progress). */
export function ProgressTrack({ b, lang }: { b: TeamBoard; lang: Lang }): JSX.Element {
  return (
    <ol class="rq-track" aria-label={rt(lang, "cycle")}>
      {b.chains[0]!.map((c) => {
        const answered = b.chains.filter((chain) => chain[c.cycle - 1]!.answer).length;
        const state = c.cycle < b.cycle ? "done" : c.cycle === b.cycle ? "now" : "later";
        return (
          <li class={state}>
            <span class="rq-step">{c.cycle}</span>
            {state === "now" || state === "done" ? <small>{answered}/{b.chains.length}</small> : ""}
          </li>
        );
      })}
    </ol>
  );
}

/** Teams in the order they finished (commit order). */
export function FinishOrder({ finished, lang }: { finished: { team: Team; order: number }[]; lang: Lang }): JSX.Element {
  if (!finished.length) return <p class="muted">{rt(lang, "nobody_finished")}</p>;
  return (
    <ol class="rq-finish">
      {finished.map((f) => (
        <li data-team-id={String(f.team.id)}>
          <span class="rq-place">{f.order}</span> <span safe>{f.team.name}</span>
        </li>
      ))}
    </ol>
  );
}

function Control({ game, round, action, label, confirm, extra }: { game: Game; round: Round; action: string; label: string; confirm?: string; extra?: string }): JSX.Element {
  const url = `/teacher/games/${game.id}/rounds/${round.id}/${action}${extra ?? ""}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="#flash" hx-confirm={confirm} class="inline">
      <button type="submit" safe>{label}</button>
    </form>
  );
}

/** Pause, resume, extend and end: the shared round controls. */
export function Controls({ game, round, lang }: { game: Game; round: Round; lang: Lang }): JSX.Element {
  return (
    <span class="controls">
      {round.status === "running" ? <Control game={game} round={round} action="pause" label={rt(lang, "pause")} /> : ""}
      {round.status === "paused" ? <Control game={game} round={round} action="resume" label={rt(lang, "resume")} /> : ""}
      <Control game={game} round={round} action="extend" extra="?seconds=60" label={rt(lang, "extend1")} />
      <Control game={game} round={round} action="end" label={rt(lang, "end")} confirm={rt(lang, "confirm_end")} />
    </span>
  );
}
