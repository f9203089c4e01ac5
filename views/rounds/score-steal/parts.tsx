// Score Steal building blocks shared by its screens.
import type { Lang } from "../../../src/errors.ts";
import type { QuestionSnapshot } from "../../../src/questions/snapshot.ts";
import { imageUrl } from "../../../src/questions/images.ts";
import { QuestionBody } from "../../questions/question.tsx";
import type { StealState, StealTeam } from "../../../src/rounds/score-steal/reads.ts";
import type { BracketRow } from "../../../src/rounds/score-steal/store.ts";
import { st } from "./text.ts";

/** Milliseconds as seconds to the millisecond: 4213 → "4.213". */
export function secs(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** A bracket's clock for its open question: the server's remaining time, counted down by the page. */
export function QuestionClock({ b, paused, now, lang }: { b: BracketRow; paused: boolean; now: number; lang: Lang }): JSX.Element {
  const running = b.phase === "question_open" && !paused;
  const left = b.phase !== "question_open" ? 0 : paused ? (b.pausedRemainingMs ?? 0) : Math.max(0, (b.deadlineAt ?? now) - now);
  const s = Math.ceil(left / 1000);
  return (
    <span class="ss-clock">
      <span class="countdown" data-remaining-ms={String(left)} data-running={String(running)} role="timer" aria-label={st(lang, "time_left")} safe>
        {`${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`}
      </span>
      {paused ? <span class="pill warn">{st(lang, "paused")}</span> : ""}
    </span>
  );
}

/** The question as students see it (the bank's QuestionBody): text with math, the image (only ever rendered for an opened question), the unit. */
export function QuestionView({ q, lang, big }: { q: QuestionSnapshot; lang: Lang; big?: boolean }): JSX.Element {
  return <div class={`question${big ? " big" : ""}`}>{QuestionBody({ text: q.text, imageUrl: q.image ? imageUrl(q.image) : null, unit: q.unit, lang, size: big ? "projector" : "phone" }) as "safe"}</div>;
}

export function Shield({ lang }: { lang: Lang }): JSX.Element {
  return <span class="shield" role="img" title={st(lang, "shielded")} aria-label={st(lang, "shielded")}>🛡</span>;
}

/** The steal of a bracket on a question, in one line. */
export function StealLine({ s, teams, lang }: { s: StealState["steals"][number]; teams: StealTeam[]; lang: Lang }): JSX.Element {
  const name = (id: number | null) => teams.find((t) => t.id === id)?.name ?? "?";
  if (s.targetTeamId === null) {
    return <p class="steal-line"><b safe>{name(s.winnerTeamId)}</b> +{s.gained} · {st(lang, "from_nobody")}</p>;
  }
  return (
    <p class="steal-line">
      <b safe>{name(s.winnerTeamId)}</b> {st(lang, "stole")} <b>{s.gained}</b> {st(lang, "points")} {st(lang, "from")} <b safe>{name(s.targetTeamId)}</b>
      <span class="steal-delta loss">−{s.taken}</span><span class="steal-delta gain">+{s.gained}</span>
    </p>
  );
}

/** Standings of one bracket (or all teams), with shields. */
export function BracketStandings({ teams, bracket, lang, highlight, big, heading = true }: { teams: StealTeam[]; bracket: string; lang: Lang; highlight?: number; big?: boolean; heading?: boolean }): JSX.Element {
  const rows = teams.filter((t) => t.bracket === bracket).sort((a, b) => a.rank - b.rank || a.position - b.position);
  return (
    <section class={`bracket${big ? " big" : ""}`}>
      {bracket && heading ? <h3 class="bracket-name" safe>{bracket}</h3> : ""}
      <ol class="standings">
        {rows.map((t) => (
          <li class={t.id === highlight ? "mine" : undefined} data-team-id={t.id} data-score={String(t.score)}>
            <span class="rank">{t.rank}</span>
            <span class="name"><span safe>{t.name}</span>{t.shielded ? <Shield lang={lang} /> : ""}</span>
            <span class="score">{t.score}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Whether a question's answer is a number (then the answer pad shows number keys). */
export { isNumericAnswer } from "../../../src/rounds/score-steal/numeric.ts";
