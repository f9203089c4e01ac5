// The teacher's analytics page: the statistics card, score over time per bracket, then per round
// the points per team, answers (accuracy, median time), questions and hints, and the round type's
// own part (e.g. the Year Game's coverage); per student, contribution and accuracy. Printable.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { GameStats, RoundAnalytics, Timeline } from "../../src/event/analytics.ts";
import type { Contribution } from "../../src/event/contributions.ts";
import type { GameResults } from "../../src/event/results.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { ChartPlaceholder, ScoreChart } from "./chart.tsx";
import { EventLinks, MembersTable, percent } from "./results.tsx";
import { et, typeName } from "./text.ts";

export type AnalyticsProps = {
  lang: Lang; game: Game; timeline: Timeline; rounds: RoundAnalytics[]; stats: GameStats; members: Contribution[]; results: GameResults;
  /** Each round's own section (the module's `analytics`), rendered by the caller, by round id. */
  safeSections: Map<number, string>;
};

function StatsCard({ lang, stats }: { lang: Lang; stats: GameStats }): JSX.Element {
  const items: [string, string][] = [
    [et(lang, "participants"), String(stats.participants)],
    [et(lang, "teams"), String(stats.teams)],
    [et(lang, "answers"), String(stats.answers)],
    [et(lang, "accuracy"), percent(stats.correct, stats.answers)],
    [et(lang, "average_score"), String(stats.averageScore)],
    [et(lang, "best_score"), String(stats.bestScore)],
    [et(lang, "rounds_played"), String(stats.roundsPlayed)],
  ];
  return (
    <section class="card stats-card">
      <h2>{et(lang, "stats")}</h2>
      <dl class="stats">
        {items.map(([k, v]) => <div><dt safe>{k}</dt><dd safe>{v}</dd></div>)}
      </dl>
    </section>
  );
}

function seconds(ms: number | null): string {
  return ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`;
}

/** Per question: answers and accuracy, and hints bought on it when the round has any (the Relay Quiz). */
function QuestionsTable({ lang, questions }: { lang: Lang; questions: RoundAnalytics["questions"] }): JSX.Element {
  const hints = questions.some((q) => q.hints > 0);
  return (
    <details class="round-questions">
      <summary>{et(lang, "question")} ({questions.length})</summary>
      <table>
        <thead><tr><th scope="col">{et(lang, "question")}</th><th scope="col">{et(lang, "answers")}</th><th scope="col">{et(lang, "accuracy")}</th>{hints ? <th scope="col">{et(lang, "hints")}</th> : ""}</tr></thead>
        <tbody>
          {questions.map((q) => <tr><th scope="row" safe>{q.what}</th><td class="num">{q.answers}</td><td class="num" safe>{percent(q.correct, q.answers)}</td>{hints ? <td class="num">{q.hints}</td> : ""}</tr>)}
        </tbody>
      </table>
    </details>
  );
}

function RoundSection({ lang, r, safeSection }: { lang: Lang; r: RoundAnalytics; safeSection: string }): JSX.Element {
  return (
    <section class="card round-analytics" data-round-id={String(r.round.id)}>
      <h2 safe>{`${r.number}. ${typeName(lang, r.round.type)}`}</h2>
      <div class="table-scroll">
        <table class="round-teams">
          <thead>
            <tr>
              <th scope="col">{et(lang, "team")}</th>
              <th scope="col">{et(lang, "points")}</th>
              {r.teams.length ? <><th scope="col">{et(lang, "answers")}</th><th scope="col">{et(lang, "accuracy")}</th><th scope="col">{et(lang, "median_time")}</th><th scope="col">{et(lang, "hints")}</th></> : ""}
            </tr>
          </thead>
          <tbody>
            {r.points.map((p) => {
              const a = r.teams.find((t) => t.teamId === p.teamId);
              return (
                <tr data-team-id={String(p.teamId)}>
                  <th scope="row" safe>{p.name}</th>
                  <td class="num">{p.points}</td>
                  {a ? <><td class="num">{a.answers}</td><td class="num" safe>{percent(a.correct, a.answers)}</td><td class="num" safe>{seconds(a.medianMs)}</td><td class="num">{a.hints}</td></> : ""}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {r.questions.length ? <QuestionsTable lang={lang} questions={r.questions} /> : ""}
      {safeSection as "safe"}
    </section>
  );
}

export function AnalyticsPage(p: AnalyticsProps): JSX.Element {
  const { lang, game, timeline } = p;
  return Layout({
    lang, title: `${et(lang, "analytics")} · ${game.title}`, bodyClass: "teacher analytics", nav: TeacherNav({ lang }),
    children: (
      <>
        <EventLinks lang={lang} game={game} />
        <h1>{et(lang, "analytics")} · <span safe>{game.title}</span></h1>
        <StatsCard lang={lang} stats={p.stats} />
        <section class="card">
          <h2>{et(lang, "chart")}</h2>
          {timeline.events === 0 ? <ChartPlaceholder lang={lang} /> : timeline.brackets.map((b, i) => (
            <div class="chart-bracket">
              {b.bracket ? <h3 safe>{b.bracket}</h3> : ""}
              <ScoreChart lang={lang} id={`chart-${i}`} label={b.bracket ?? ""} start={timeline.start} end={timeline.end} series={b.series} rounds={timeline.rounds} />
            </div>
          ))}
        </section>
        {p.rounds.length ? p.rounds.map((r) => <RoundSection lang={lang} r={r} safeSection={p.safeSections.get(r.round.id) ?? ""} />) : <p class="muted">{et(lang, "no_rounds_yet")}</p>}
        <MembersTable lang={lang} results={p.results} members={p.members} />
      </>
    ),
  });
}
