// A phone in Score Steal: the question and the team's one answer, the result, the winner's target
// picker, the steal, the revealed answer. Depends only on the team (one render serves all its phones).
import type { Lang } from "../../../src/errors.ts";
import type { StealState, StealTeam } from "../../../src/rounds/score-steal/reads.ts";
import { answersOf, bracketRow, pickPending, stealOf } from "../../../src/rounds/score-steal/reads.ts";
import { AnswerPad } from "../answer-pad.tsx";
import { BracketStandings, isNumericAnswer, QuestionClock, QuestionView, secs, Shield, StealLine } from "./parts.tsx";
import { st } from "./text.ts";

export type PhoneProps = { s: StealState; team: StealTeam; code: string; lang: Lang; now: number };

/**
 * What a phone shows, named: a change of stage replaces the panel (a new question, the team's
 * answer sent, the question closed); anything else — the winner, the steal, the reveal, scores —
 * updates its parts, so a teammate still typing keeps what they typed.
 */
export function phoneStage(p: PhoneProps): string {
  const b = bracketRow(p.s, p.team.bracket);
  if (p.s.round.status === "finished") return "over";
  if (!b || b.position === null) return "ready";
  const mine = answersOf(p.s, b.position).some((a) => a.teamId === p.team.id);
  return `${b.position}-${mine ? "answered" : mayAnswer(p) ? "open" : "closed"}`;
}

/** The team may still send its answer: racing, or after the bracket's winner until the answer is shown. */
function mayAnswer({ s, team }: PhoneProps): boolean {
  const b = bracketRow(s, team.bracket);
  if (!b || b.position === null || b.revealedAt !== null || s.round.status !== "running") return false;
  return b.phase === "question_open" || (b.winnerTeamId !== null && (b.phase === "choosing_target" || b.phase === "question_closed"));
}

/** `clock: false` leaves the countdown out (what the phone shows apart from the ticking time: see studentView's key). */
export function PhoneStatus({ s, team, lang, now, clock = true }: PhoneProps & { clock?: boolean }): JSX.Element {
  const b = bracketRow(s, team.bracket);
  return (
    <div class="ss-status">
      <span class="pill">{st(lang, "your_team")}: <b safe>{team.name}</b></span>
      <span class="pill">{st(lang, "score")} <b>{team.score}</b></span>
      {clock && b && b.phase === "question_open" ? <QuestionClock b={b} paused={s.round.status === "paused"} now={now} lang={lang} /> : ""}
    </div>
  );
}

/** The team's own answer, once sent: what, who, right or wrong, how fast. */
function TeamAnswer({ s, team, lang }: PhoneProps): JSX.Element {
  const b = bracketRow(s, team.bracket)!;
  const mine = answersOf(s, b.position!).find((a) => a.teamId === team.id);
  if (!mine) return "";
  return (
    <div class={`team-answer ${mine.correct ? "right" : "wrong"}`}>
      <p>{st(lang, "team_answer")}: <b safe>{mine.answer}</b> <span class="muted">({st(lang, "sent_by")} <span safe>{mine.memberName}</span>)</span></p>
      <p>
        <b>{mine.correct ? st(lang, "correct") : st(lang, "wrong")}</b>
        {" "}{st(lang, "in_time")} <span safe>{secs(mine.answerMs)}</span>{st(lang, "seconds")}
        {mine.applied < 0 ? <span class="pill warn">{mine.applied}</span> : ""}
      </p>
      {mine.outcome === "won" ? <p class="big-note">{st(lang, "you_won")}</p> : ""}
    </div>
  );
}

/** What happened in the bracket: the winner (and how much slower we were), the pick, the steal, the answer once shown. */
export function PhoneOutcome(p: PhoneProps): JSX.Element {
  const { s, team, lang } = p;
  const b = bracketRow(s, team.bracket);
  if (!b || b.position === null || s.round.status === "finished") return "";
  const q = s.questions.find((x) => x.position === b.position)!.snapshot;
  const mine = answersOf(s, b.position).find((a) => a.teamId === team.id);
  const winner = s.teams.find((t) => t.id === b.winnerTeamId);
  const steal = stealOf(s, b.position, b.bracket);
  return (
    <>
      {winner && winner.id !== team.id ? (
        <p class="winner-line">{st(lang, "winner_was")}: <b safe>{winner.name}</b> · <span safe>{secs(b.winnerMs ?? 0)}</span>{st(lang, "seconds")}
          {mine && mine.outcome.startsWith("late") ? <span class="muted"> (+<span safe>{secs(Math.max(0, mine.answerMs - (b.winnerMs ?? 0)))}</span>{st(lang, "seconds")} {st(lang, "slower")})</span> : ""}
        </p>
      ) : ""}
      {winner && pickPending(s, b) ? (winner.id === team.id ? <TargetPicker {...p} /> : <p><b safe>{winner.name}</b> {st(lang, "choosing")}</p>) : ""}
      {steal ? <StealLine s={steal} teams={s.teams} lang={lang} /> : ""}
      {b.revealedAt !== null ? (
        <div class="revealed">
          <p>{st(lang, "answer_is")}: <b safe>{q.answer ?? ""}</b>{q.unit ? <span safe>{` ${q.unit}`}</span> : ""}</p>
          {!winner ? <p class="muted">{st(lang, "no_winner")}</p> : ""}
          {q.explanation ? <p class="explanation"><b>{st(lang, "explanation")}:</b> <span safe>{q.explanation}</span></p> : ""}
        </div>
      ) : winner && !pickPending(s, b) ? <p class="muted">{st(lang, "waiting_others")}</p> : ""}
    </>
  );
}

export function PhonePanel(p: PhoneProps): JSX.Element {
  const { s, team, lang } = p;
  const b = bracketRow(s, team.bracket);
  const body = (() => {
    if (s.round.status === "finished") return <p class="big-note">{st(lang, "round_over")}</p>;
    if (!b || b.position === null) return <p class="big-note">{st(lang, "get_ready")}</p>;
    const q = s.questions.find((x) => x.position === b.position)!.snapshot;
    return (
      <>
        <p class="muted">{st(lang, "question_of")} {b.position} {st(lang, "of")} {s.questions.length}</p>
        <QuestionView q={q} lang={lang} />
        {mayAnswer(p) && !answersOf(s, b.position).some((a) => a.teamId === team.id) ? (
          <AnswerPad lang={lang} action={`/g/${p.code}/steal/${s.round.id}/answer`} target="#ss-feedback" numeric={isNumericAnswer(q)} unit={q.unit} />
        ) : <TeamAnswer {...p} />}
        <div id="ss-feedback" aria-live="assertive"></div>
        <div id="ss-outcome" aria-live="polite"><PhoneOutcome {...p} /></div>
      </>
    );
  })();
  return (
    <section class="card ss-play">
      <div id="ss-status"><PhoneStatus {...p} /></div>
      {body}
      <div id="ss-standings"><BracketStandings teams={s.teams} bracket={team.bracket} lang={lang} highlight={team.id} /></div>
    </section>
  );
}

/** The winning team's picker: every team of the bracket, its own and shielded ones disabled. */
function TargetPicker({ s, team, code, lang }: PhoneProps): JSX.Element {
  const points = s.current?.snapshot.points ?? 0;
  const action = `/g/${code}/steal/${s.round.id}/target`;
  return (
    <fieldset class="target-picker">
      <legend>{st(lang, "choose_target")} (+{points} {st(lang, "points")})</legend>
      {s.teams.filter((t) => t.bracket === team.bracket && t.id !== team.id).map((t) => (
        <form method="post" action={action} hx-post={action} hx-target="#ss-feedback" hx-swap="innerHTML" class="inline">
          <input type="hidden" name="targetTeamId" value={String(t.id)} />
          <button type="submit" class="big target" disabled={t.shielded}>
            <span safe>{t.name}</span> · {t.score}{t.shielded ? <Shield lang={lang} /> : ""}
          </button>
        </form>
      ))}
    </fieldset>
  );
}
