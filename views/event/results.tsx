// The teacher's final results: per bracket the ranking with each round's points, adjustments and
// the total (ties share a rank, marked "="), then what each student contributed.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { GameResults } from "../../src/event/results.ts";
import type { Contribution } from "../../src/event/contributions.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { ExportLinks } from "../exports/links.tsx";
import { et, typeName } from "./text.ts";

export function percent(correct: number, of: number): string {
  return of ? `${Math.round((correct / of) * 100)}%` : "—";
}

export function EventLinks({ lang, game }: { lang: Lang; game: Game }): JSX.Element {
  const base = `/teacher/games/${game.id}`;
  return (
    <p class="event-links no-print">
      <a href={base}>← <span safe>{game.title}</span></a> · <a href={`${base}/results`}>{et(lang, "results")}</a> · <a href={`${base}/analytics`}>{et(lang, "analytics")}</a>
    </p>
  );
}

export function ResultsTables({ lang, game, results }: { lang: Lang; game: Game; results: GameResults }): JSX.Element {
  return (
    <>
      {results.brackets.map((b) => (
        <section class="card results-bracket" data-bracket={b.bracket ?? ""}>
          <h2 safe>{b.bracket ?? et(lang, "results")}</h2>
          <div class="table-scroll">
            <table class="results-table">
              <thead>
                <tr>
                  <th scope="col">{et(lang, "rank")}</th>
                  <th scope="col">{et(lang, "team")}</th>
                  {results.rounds.map((r) => <th scope="col" safe>{`${r.number}. ${typeName(lang, r.type)}`}</th>)}
                  <th scope="col">{et(lang, "adjustments")}</th>
                  <th scope="col">{et(lang, "total")}</th>
                </tr>
              </thead>
              <tbody>
                {b.teams.map((t) => {
                  const tied = b.teams.some((o) => o.teamId !== t.teamId && o.rank === t.rank);
                  return (
                    <tr data-team-id={String(t.teamId)} class={tied ? "tied" : undefined}>
                      <td class="rank">{t.rank}{tied ? "=" : ""}</td>
                      <th scope="row"><a href={`/teacher/games/${game.id}/teams/${t.teamId}/ledger`} safe>{t.name}</a></th>
                      {t.rounds.map((r) => <td class="num">{r.points}</td>)}
                      <td class="num adjustments">{t.adjustments}</td>
                      <td class="num total"><b>{t.total}</b></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}

export function MembersTable({ lang, results, members }: { lang: Lang; results: GameResults; members: Contribution[] }): JSX.Element {
  const teams = results.brackets.flatMap((b) => b.teams);
  return (
    <section class="card">
      <h2>{et(lang, "members")}</h2>
      <div class="table-scroll">
        <table class="members-table">
          <thead>
            <tr>
              <th scope="col">{et(lang, "team")}</th>
              <th scope="col">{et(lang, "member")}</th>
              <th scope="col">{et(lang, "found")}</th>
              <th scope="col">{et(lang, "steal_answers")}</th>
              <th scope="col">{et(lang, "relay_answers")}</th>
              <th scope="col">{et(lang, "hints")}</th>
              <th scope="col">{et(lang, "accuracy")}</th>
              <th scope="col">{et(lang, "points")}</th>
            </tr>
          </thead>
          <tbody>
            {teams.flatMap((t) => members.filter((m) => m.teamId === t.teamId).map((m) => (
              <tr class="member-row" data-participant-id={String(m.participantId)}>
                <td safe>{t.name}</td>
                <th scope="row" safe>{m.nickname}</th>
                <td class="num">{m.found}</td>
                <td class="num">{m.stealAnswers} ({m.stealCorrect})</td>
                <td class="num">{m.relayAnswers} ({m.relayCorrect})</td>
                <td class="num">{m.hints}</td>
                <td class="num" safe>{percent(m.correct, m.answers)}</td>
                <td class="num">{m.points}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ResultsPage({ lang, game, results, members }: { lang: Lang; game: Game; results: GameResults; members: Contribution[] }): JSX.Element {
  return Layout({
    lang, title: `${et(lang, "results")} · ${game.title}`, bodyClass: "teacher", nav: TeacherNav({ lang }),
    children: (
      <>
        <EventLinks lang={lang} game={game} />
        <h1>{et(lang, "results")} · <span safe>{game.title}</span></h1>
        {results.rounds.length ? "" : <p class="muted">{et(lang, "no_rounds_yet")}</p>}
        <div class="no-print"><ExportLinks lang={lang} gameId={game.id} /></div>
        <ResultsTables lang={lang} game={game} results={results} />
        <MembersTable lang={lang} results={results} members={members} />
      </>
    ),
  });
}
