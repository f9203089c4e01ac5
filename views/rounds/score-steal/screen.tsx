// The projector in Score Steal: the question and its countdown, which teams have answered (not
// what), each bracket's winner and time, the steal as it happens, shields, standings per bracket.
import type { Lang } from "../../../src/errors.ts";
import type { StealState } from "../../../src/rounds/score-steal/reads.ts";
import { answersOf, pickPending, stealOf } from "../../../src/rounds/score-steal/reads.ts";
import { BracketStandings, QuestionClock, QuestionView, secs, StealLine } from "./parts.tsx";
import { st } from "./text.ts";

export type ScreenProps = { s: StealState; lang: Lang; now: number };

export function ScreenStatus({ s, lang, now }: ScreenProps): JSX.Element {
  const b = s.brackets.find((x) => x.phase === "question_open") ?? s.brackets[0];
  return (
    <div class="ss-screen-status">
      {s.current ? <span class="pill">{st(lang, "question_of")} {s.current.position} {st(lang, "of")} {s.questions.length}</span> : ""}
      {b && b.phase === "question_open" ? <QuestionClock b={b} paused={s.round.status === "paused"} now={now} lang={lang} /> : ""}
    </div>
  );
}

/** Per bracket: who has answered (ticks, never what), the winner and time, the steal. */
export function ScreenBrackets({ s, lang }: ScreenProps): JSX.Element {
  const pos = s.current?.position;
  return (
    <div class="brackets big">
      {s.brackets.map((b) => {
        const answered = new Set(pos ? answersOf(s, pos).map((a) => a.teamId) : []);
        const winner = s.teams.find((t) => t.id === b.winnerTeamId);
        const steal = pos ? stealOf(s, pos, b.bracket) : undefined;
        return (
          <section class="bracket">
            {b.bracket ? <h2 class="bracket-name" safe>{b.bracket}</h2> : ""}
            {pos && b.phase !== "ready" ? (
              <ul class="answered-list">
                {s.teams.filter((t) => t.bracket === b.bracket).map((t) => (
                  <li class={answered.has(t.id) ? "done" : undefined}><span safe>{t.name}</span> {answered.has(t.id) ? "✓" : ""}</li>
                ))}
              </ul>
            ) : ""}
            {winner ? <p class="winner-line big">🏆 <b safe>{winner.name}</b> <span safe>{secs(b.winnerMs ?? 0)}</span>{st(lang, "seconds")}</p> : b.revealedAt !== null ? <p class="muted">{st(lang, "no_winner")}</p> : ""}
            {winner && pickPending(s, b) ? <p><b safe>{winner.name}</b> {st(lang, "choosing")}</p> : ""}
            {steal ? <div class="steal-anim"><StealLine s={steal} teams={s.teams} lang={lang} /></div> : ""}
            <BracketStandings teams={s.teams} bracket={b.bracket} lang={lang} big heading={false} />
          </section>
        );
      })}
    </div>
  );
}

export function ScreenPanel(p: ScreenProps): JSX.Element {
  const { s, lang } = p;
  const q = s.current?.snapshot;
  const revealed = s.brackets.length > 0 && s.brackets.every((b) => b.revealedAt !== null);
  return (
    <section class="ss-screen">
      <h1 class="round-title">{st(lang, "name")}</h1>
      <div id="ss-s-status"><ScreenStatus {...p} /></div>
      {s.round.status === "finished" ? <p class="big-note">{st(lang, "round_over")}</p> : q ? <QuestionView q={q} lang={lang} big /> : <p class="big-note">{st(lang, "get_ready")}</p>}
      {q && revealed && s.round.status !== "finished" ? <p class="revealed big">{st(lang, "answer_is")}: <b safe>{q.answer ?? ""}</b>{q.unit ? <span safe>{` ${q.unit}`}</span> : ""}</p> : ""}
      <div id="ss-s-brackets"><ScreenBrackets {...p} /></div>
    </section>
  );
}
