// The student's relay panel. On turn: their question(s) — text, picture, unit — the chain's
// earlier answers, the hint button with its cost, the answer pad, feedback. Off turn: whose turn
// it is, the team's chains so far, the countdown. The parts with ids are updated live in place.
import type { Lang } from "../../../src/errors.ts";
import type { RelayMember, Round } from "../../../src/db/schema.ts";
import type { Cell, TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import { deriveAnswer } from "../../../src/questions/relay-rule.ts";
import { parseNumber } from "../../../src/questions/number.ts";
import { AnswerPad } from "../answer-pad.tsx";
import { QuestionBody } from "./question.tsx";
import { ChainTable, Clock, MemberName, MineStyle, RelayStyles } from "./parts.tsx";
import { rt } from "./text.ts";
import { str } from "../../partial.ts";

export type PhoneProps = {
  code: string;
  round: Round;
  b: TeamBoard;
  /** The phone's member in the round; null for a student who joined after it started. */
  viewer: RelayMember | null;
  mine: Cell[];
  teamScore: number;
  remainingMs: number;
  lang: Lang;
  /** The team's ChainTable already rendered (one render serves the team's phones), else drawn here. */
  safeChain?: string;
  /** The phone's phase (its turn: which questions it holds), shown on its own part (YourTurn). */
  turn?: string;
};

/** The team's status line: the same on each of its phones. */
export function PhoneStatus({ b, round, teamScore, remainingMs, lang }: Pick<PhoneProps, "b" | "round" | "teamScore" | "remainingMs" | "lang">): JSX.Element {
  return (
    <div class="rq-status">
      {b.finished ? "" : <Clock ms={remainingMs} running={round.status === "running"} paused={round.status === "paused"} lang={lang} />}
      <span class="pill">{rt(lang, "cycle")} <b>{Math.min(b.cycle, b.config.size)}</b> / {b.config.size}</span>
      <span class="pill">{rt(lang, "team_score")} <b class="team-score">{teamScore}</b></span>
    </div>
  );
}

/** Whose turn it is now (or that the team is done / waits for the others). */
export function TurnLine({ b, lang }: PhoneProps): JSX.Element {
  if (b.finished) return <p class="big-status rq-done">{rt(lang, "team_done")} <b>{b.t.progress.finishOrder}</b>{lang === "ko" ? rt(lang, "place") : " "}{lang === "ko" ? "" : rt(lang, "place")}</p>;
  if (!b.onTurn.length) return <p class="muted">{b.config.pacing === "together" ? rt(lang, "waiting_teams") : rt(lang, "nobody_on_turn")}</p>;
  return (
    <p class="rq-turn">
      {rt(lang, "waiting_for")}: {b.onTurn.map((m) => <MemberName m={m} lang={lang} />)}
    </p>
  );
}

/** The viewer's last answer and how it went: state, so a live update can never wipe it. */
export function LastAnswer({ b, viewer, lang }: PhoneProps): JSX.Element {
  if (!viewer) return "";
  let last: Cell | null = null;
  for (const chain of b.chains) for (const c of chain) if (c.answer?.memberId === viewer.id && (!last || c.answer.id > last.answer!.id)) last = c;
  if (!last) return "";
  const a = last.answer!;
  return (
    <p class={`notice ${a.correct ? "notice-ok" : "notice-error"} rq-last`} role="status">
      {rt(lang, "last_answer")} (<span safe>{`${last.set} · ${last.cycle}`}</span>): <code safe>{a.answer}</code> — {a.correct ? rt(lang, "correct") : rt(lang, "wrong")}
      {a.credit === "follow_through" ? ` (${rt(lang, "follow_through_credit")})` : ""}
      {a.points ? ` +${a.points}` : ""}
    </p>
  );
}

/** The hint of a question: the button with its cost, or the revealed true previous answer. */
export function HintBox({ code, round, cell, b, lang, charged }: { code: string; round: Round; cell: Cell; b: TeamBoard; lang: Lang; charged?: number }): JSX.Element {
  const qid = String(cell.question.questionId);
  if (cell.hint || charged !== undefined) {
    const taken = charged ?? cell.hint!.charged;
    return (
      <p class="notice notice-info rq-hint-shown">
        💡 {rt(lang, "hint_shown")}: <b safe>{cell.question.trueInput ?? ""}</b>
        {taken ? <small> (−{taken} {rt(lang, "hint_charged")})</small> : ""}
      </p>
    );
  }
  const action = `/g/${code}/relay/${round.id}/hint`;
  const penalty = b.config.hintPenalty;
  return (
    <form method="post" action={action} hx-post={action} hx-target={`#rq-hint-${qid}`} hx-swap="innerHTML" hx-confirm={penalty > 0 ? rt(lang, "hint_confirm") : undefined}>
      <input type="hidden" name="questionId" value={qid} />
      <button type="submit" class="rq-hint-button">💡 {rt(lang, "hint_button")} <small>({penalty > 0 ? `−${penalty} ${rt(lang, "hint_cost")}` : rt(lang, "hint_free")})</small></button>
    </form>
  );
}

/** The chain's earlier links as given to this member (their answers, whoever gave them). */
function Earlier({ b, cell, lang }: { b: TeamBoard; cell: Cell; lang: Lang }): JSX.Element {
  if (cell.cycle === 1) return <p class="muted">{rt(lang, "first_link")}</p>;
  const before = b.chains[cell.setIndex]!.slice(0, cell.cycle - 1);
  return (
    <div class="rq-earlier">
      <span class="muted">{rt(lang, "earlier_answers")}:</span>
      <ol>
        {before.map((c) => (
          <li>
            <span class="pill" safe>{`${c.set} · ${c.cycle}`}</span> {c.by ? <MemberName m={c.by} lang={lang} /> : ""}{" "}
            {c.answer ? <code class="rq-given" safe>{c.answer.answer}</code> : <span class="muted">— {rt(lang, "not_answered")}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Whether the answer this member received is unusable (missing, not a number, not in the table, undefined). */
function noUsableInput(b: TeamBoard, cell: Cell): boolean {
  if (!cell.question.usesPrevious) return false;
  const previous = b.chains[cell.setIndex]![cell.cycle - 2]?.answer?.answer ?? null;
  return !deriveAnswer(cell.question, previous, cell.question.inputUnit).ok;
}

export function QuestionCard({ p, cell }: { p: PhoneProps; cell: Cell }): JSX.Element {
  const q = cell.question;
  const qid = String(q.questionId);
  const numeric = q.answer !== null && parseNumber(q.answer, q.unit) !== null;
  return (
    <article class="rq-card" id={`rq-q-${qid}`}>
      <header>
        <span class="pill rq-slot" safe>{`${cell.set} · ${cell.cycle} / ${p.b.config.size}`}</span>
        <span class="muted">{q.points} {rt(p.lang, "hint_cost")}</span>
      </header>
      <QuestionBody q={q} lang={p.lang} />
      <Earlier b={p.b} cell={cell} lang={p.lang} />
      {noUsableInput(p.b, cell) ? <p class="notice notice-info">{rt(p.lang, "no_usable_input")}</p> : ""}
      {cell.cycle > 1 ? <div id={`rq-hint-${qid}`} class="rq-hint"><HintBox code={p.code} round={p.round} cell={cell} b={p.b} lang={p.lang} /></div> : ""}
      <AnswerPad lang={p.lang} action={`/g/${p.code}/relay/${p.round.id}/answer`} target={`#rq-fb-${qid}`} numeric={numeric} hidden={{ questionId: qid }} unit={q.unit} />
      <div id={`rq-fb-${qid}`} class="rq-feedback" aria-live="assertive"></div>
    </article>
  );
}

/** The whole panel (a live update sends only the parts with ids while the viewer stays in this phase). */
export function PhonePanel(p: PhoneProps): JSX.Element {
  return phonePanelPieces(p).join("");
}

/**
 * PhonePanel in three pieces: the phone's own part, the team's chains (the same string for the
 * team's phones: see RoundView.fullPieces), the end.
 */
export function phonePanelPieces(p: PhoneProps): readonly [string, string, string] {
  return [
    `<section class="card rq-phone">${str(<PanelTop {...p} />)}<div id="rq-team" class="table-scroll">`,
    p.safeChain ?? str(<ChainTable b={p.b} view="team" lang={p.lang} />),
    "</div></section>",
  ];
}

function PanelTop(p: PhoneProps): JSX.Element {
  return (
    <>
      <RelayStyles />
      <div id="rq-status"><PhoneStatus {...p} /></div>
      {!p.viewer ? <p class="notice notice-info">{rt(p.lang, "late_joiner")}</p> : ""}
      <div id="rq-yours">{YourTurn(p)}</div>
      <div id="rq-turn"><TurnLine {...p} /></div>
      <div id="rq-last"><LastAnswer {...p} /></div>
      <h2>{rt(p.lang, "team_chains")}</h2>
      {p.viewer ? <MineStyle memberId={p.viewer.id} /> : ""}
    </>
  );
}

/**
 * The phone's own part of the turn: its question(s), or that it waits for the others. A phone
 * moving between turns of the round is sent this region alone (RoundView.step), not its panel.
 */
export function YourTurn(p: PhoneProps): JSX.Element {
  return (
    <div data-turn={p.turn}>
      {p.mine.length ? (
        <div class="rq-mine">
          <h2 class="rq-your-turn">{rt(p.lang, "your_turn")} {p.mine.length > 1 ? <small>{rt(p.lang, "your_questions")}</small> : ""}</h2>
          {p.mine.map((cell) => <QuestionCard p={p} cell={cell} />)}
        </div>
      ) : p.viewer && !p.b.finished ? <p class="rq-off">{rt(p.lang, "off_turn")}</p> : ""}
    </div>
  );
}

/** For a team that plays no part in this relay (it had no members when it started). */
export function SitOutPanel({ lang }: { lang: Lang }): JSX.Element {
  return (
    <section class="card rq-phone">
      <RelayStyles />
      <p class="big-status">{rt(lang, "team_out")}</p>
    </section>
  );
}
