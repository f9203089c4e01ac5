// The teacher in Score Steal: the start form; while it runs, each bracket's phase and controls,
// every team's answer as it arrives (right or wrong, time), the correct answer, the question queue.
import type { Lang } from "../../../src/errors.ts";
import type { Game } from "../../../src/db/schema.ts";
import type { Question } from "../../../src/questions/question.ts";
import type { StealState } from "../../../src/rounds/score-steal/reads.ts";
import { answersOf, pickPending, stealOf } from "../../../src/rounds/score-steal/reads.ts";
import { pickPromptAt } from "../../../src/rounds/score-steal/control.ts";
import { STEAL_DEFAULTS } from "../../../src/rounds/score-steal/types.ts";
import { QuestionClock, QuestionView, secs, Shield, StealLine } from "./parts.tsx";
import { st } from "./text.ts";

export function StealStartForm({ game, lang, bank }: { game: Game; lang: Lang; bank: Question[] }): JSX.Element {
  const action = `/teacher/games/${game.id}/rounds`;
  return (
    <form class="grid-form ss-start" method="post" action={action} hx-post={action} hx-target="#flash" hx-swap="innerHTML">
      <input type="hidden" name="type" value="score_steal" />
      <fieldset class="wide">
        <legend>{st(lang, "questions")}</legend>
        {bank.length === 0 ? <p class="muted">{st(lang, "no_bank_questions")} <a href="/teacher/questions">{st(lang, "to_bank")}</a></p> : (
          <ul class="check-list">
            {bank.map((q) => (
              <li><label class="choice"><input type="checkbox" name="questionIds" value={String(q.id)} /> <span safe>{q.text.length > 80 ? `${q.text.slice(0, 80)}…` : q.text}</span> <small class="muted">({q.points})</small></label></li>
            ))}
          </ul>
        )}
      </fieldset>
      <label>{st(lang, "tag")}<input name="tag" maxlength="40" /></label>
      <label class="choice"><input type="checkbox" name="shuffle" value="on" /> {st(lang, "shuffle")}</label>
      <label>{st(lang, "seconds_per_question")}<input name="secondsPerQuestion" type="number" min="5" max="3600" value={String(STEAL_DEFAULTS.secondsPerQuestion)} /></label>
      <label>{st(lang, "wrong_penalty")}<input name="wrongPenalty" type="number" min="0" max="10000" value={String(STEAL_DEFAULTS.wrongPenalty)} /></label>
      <label class="choice"><input type="checkbox" name="gainOnlyTaken" value="on" /> {st(lang, "gain_only_taken")}</label>
      <label>{st(lang, "protection")}
        <select name="protection">
          <option value="next_question">{st(lang, "protection_next_question")}</option>
          <option value="round">{st(lang, "protection_round")}</option>
          <option value="none">{st(lang, "protection_none")}</option>
        </select>
      </label>
      <button type="submit" class="primary">{st(lang, "start")}</button>
    </form>
  );
}

export type TeacherProps = { s: StealState; lang: Lang; now: number };

function Control({ url, label, confirm, primary, fields }: { url: string; label: string; confirm?: string; primary?: boolean; fields?: Record<string, string> }): JSX.Element {
  return (
    <form method="post" action={url} hx-post={url} hx-target="#flash" hx-swap="innerHTML" hx-confirm={confirm} class="inline">
      {Object.entries(fields ?? {}).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
      <button type="submit" class={primary ? "primary" : undefined} safe>{label}</button>
    </form>
  );
}

export function TeacherControls({ s, lang }: TeacherProps): JSX.Element {
  const base = `/teacher/games/${s.round.gameId}/rounds/${s.round.id}`;
  const racing = s.brackets.some((b) => b.phase === "question_open");
  const unrevealed = s.brackets.some((b) => b.position !== null && b.revealedAt === null);
  const waiting = s.brackets.some((b) => pickPending(s, b));
  const left = s.questions.filter((q) => q.openedAt === null);
  if (s.round.status === "finished") return <p class="muted">{st(lang, "round_over")}</p>;
  return (
    <div class="controls ss-controls">
      {/* An empty questionId (the next one): a form with no field at all posts an empty body, which the route's form schema refuses. */}
      {!racing && !waiting && !unrevealed && left.length ? <Control url={`${base}/open`} label={st(lang, "open_next")} primary fields={{ questionId: "" }} /> : ""}
      {unrevealed ? <Control url={`${base}/reveal`} label={st(lang, "reveal")} /> : ""}
      {racing ? <Control url={`${base}/skip`} label={st(lang, "skip")} /> : ""}
      {racing ? <Control url={`${base}/extend?seconds=30`} label={st(lang, "extend")} /> : ""}
      {s.round.status === "running" ? <Control url={`${base}/pause`} label={st(lang, "pause")} /> : <Control url={`${base}/resume`} label={st(lang, "resume")} primary />}
      {!waiting ? <Control url={`${base}/end`} label={st(lang, "end")} confirm={st(lang, "confirm_end")} /> : ""}
    </div>
  );
}

/** Each bracket: phase, clock, winner and time, the pick (with the teacher's pick after 30 s), every answer so far. */
export function TeacherBrackets({ s, lang, now }: TeacherProps): JSX.Element {
  const pos = s.current?.position;
  const base = `/teacher/games/${s.round.gameId}/rounds/${s.round.id}`;
  return (
    <div class="brackets">
      {s.brackets.map((b) => {
        const winner = s.teams.find((t) => t.id === b.winnerTeamId);
        const steal = pos ? stealOf(s, pos, b.bracket) : undefined;
        const pending = pickPending(s, b);
        const answers = pos ? answersOf(s, pos).filter((a) => s.teams.find((t) => t.id === a.teamId)?.bracket === b.bracket) : [];
        return (
          <section class="bracket card">
            <h3>{b.bracket ? <span safe>{b.bracket}</span> : st(lang, "all_teams")} · <span class={`pill phase-${b.phase}`}>{st(lang, `phase_${b.phase}`)}</span>
              {b.phase === "question_open" ? <QuestionClock b={b} paused={s.round.status === "paused"} now={now} lang={lang} /> : ""}
            </h3>
            {winner ? <p>🏆 <b safe>{winner.name}</b> <span safe>{secs(b.winnerMs ?? 0)}</span>{st(lang, "seconds")}</p> : ""}
            {steal ? <StealLine s={steal} teams={s.teams} lang={lang} /> : ""}
            {pending && winner ? (
              <div class={`pick-for${b.wonAt !== null && now >= pickPromptAt(b.wonAt) ? " prompt" : ""}`}>
                {b.wonAt !== null && now >= pickPromptAt(b.wonAt) ? <p class="notice notice-info" role="alert">{st(lang, "pick_prompt")}</p> : ""}
                <form method="post" action={`${base}/steal-for`} hx-post={`${base}/steal-for`} hx-target="#flash" hx-swap="innerHTML" class="inline">
                  <input type="hidden" name="teamId" value={String(winner.id)} />
                  <label>{st(lang, "pick_for")}
                    <select name="targetTeamId">
                      {s.teams.filter((t) => t.bracket === b.bracket && t.id !== winner.id && !t.shielded).map((t) => <option value={String(t.id)} safe>{t.name}</option>)}
                      <option value="none">{st(lang, "skip_pick")}</option>
                    </select>
                  </label>
                  <button type="submit">{st(lang, "pick_for")}</button>
                </form>
              </div>
            ) : ""}
            <table class="answers">
              <thead><tr><th>{st(lang, "team")}</th><th>{st(lang, "member")}</th><th>{st(lang, "given")}</th><th>{st(lang, "result")}</th><th>{st(lang, "time")}</th></tr></thead>
              <tbody>
                {answers.map((a) => (
                  <tr class={a.correct ? "right" : "wrong"}>
                    <td safe>{s.teams.find((t) => t.id === a.teamId)?.name ?? ""}</td>
                    <td safe>{a.memberName}</td>
                    <td safe>{a.answer}</td>
                    <td>{a.correct ? "✓" : "✗"}{a.outcome.startsWith("late") ? ` (${st(lang, "late")})` : ""}{a.applied < 0 ? ` ${a.applied}` : ""}</td>
                    <td><span safe>{secs(a.answerMs)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p class="muted"><span safe>{s.teams.filter((t) => t.bracket === b.bracket).map((t) => `${t.name} ${t.score}`).join(" · ")}</span>{s.teams.some((t) => t.bracket === b.bracket && t.shielded) ? <Shield lang={lang} /> : ""}</p>
          </section>
        );
      })}
    </div>
  );
}

/** The question in play with its answer (the teacher sees it), and the queue. */
export function TeacherQuestion({ s, lang }: TeacherProps): JSX.Element {
  const base = `/teacher/games/${s.round.gameId}/rounds/${s.round.id}`;
  const idle = !s.brackets.some((b) => b.phase === "question_open" || pickPending(s, b) || (b.position !== null && b.revealedAt === null));
  return (
    <div class="ss-question">
      {s.current ? (
        <>
          <QuestionView q={s.current.snapshot} lang={lang} />
          <p>{st(lang, "answer_is")}: <b safe>{s.current.snapshot.answer ?? ""}</b>{s.current.snapshot.unit ? <span safe>{` ${s.current.snapshot.unit}`}</span> : ""} · {s.current.snapshot.points} {st(lang, "points")}</p>
        </>
      ) : ""}
      <details class="queue" open={!s.current}>
        <summary>{st(lang, "queue")} ({s.questions.filter((q) => q.openedAt !== null).length}/{s.questions.length})</summary>
        <ol>
          {s.questions.map((q) => (
            <li class={q.openedAt !== null ? "asked" : undefined}>
              <span safe>{q.snapshot.text.length > 60 ? `${q.snapshot.text.slice(0, 60)}…` : q.snapshot.text}</span>
              {q.openedAt !== null ? <small class="muted"> · {st(lang, "asked")}</small> : idle && s.round.status === "running" ? <Control url={`${base}/open`} label={st(lang, "open_this")} fields={{ questionId: String(q.snapshot.questionId) }} /> : ""}
            </li>
          ))}
        </ol>
      </details>
    </div>
  );
}

export function TeacherPanel(p: TeacherProps): JSX.Element {
  return (
    <section class="card ss-teacher">
      <h2>{st(p.lang, "name")}</h2>
      <div id="ss-t-controls"><TeacherControls {...p} /></div>
      <div id="ss-t-question"><TeacherQuestion {...p} /></div>
      <div id="ss-t-brackets"><TeacherBrackets {...p} /></div>
    </section>
  );
}
