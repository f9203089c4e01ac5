// After the round: per team the numbers and points, per member the numbers they found,
// the numbers nobody found, and the solver's example for every reachable number.
import type { Lang } from "../../../src/errors.ts";
import type { TeamWithMembers } from "../../../src/games/queries.ts";
import type { Find, YearConfig } from "../../../src/rounds/year-game/domain.ts";
import { yt } from "./text.ts";

export type ResultsProps = { config: YearConfig; teams: TeamWithMembers[]; finds: Find[]; solutions: Map<number, string>; lang: Lang; compact?: boolean };

export function TeamResults({ teams, finds, lang }: ResultsProps): JSX.Element {
  const byTeam = new Map<number, Find[]>();
  for (const f of finds) (byTeam.get(f.teamId) ?? byTeam.set(f.teamId, []).get(f.teamId)!).push(f);
  return (
    <div class="yg-results">
      {teams.map((team) => {
        const mine = byTeam.get(team.id) ?? [];
        const people = new Map<string, Find[]>();
        for (const f of mine) (people.get(f.finderName) ?? people.set(f.finderName, []).get(f.finderName)!).push(f);
        // members who found nothing are listed too: a contribution of zero is information
        for (const m of team.members) if (!people.has(m.nickname)) people.set(m.nickname, []);
        return (
          <article class="team-card" data-team-id={String(team.id)}>
            <header>
              <b safe>{team.name}</b>
              <small class="muted">
                {mine.length} · {yt(lang, "points")} <b>{mine.reduce((n, f) => n + f.points, 0)}</b>
              </small>
            </header>
            <p class="yg-numbers" safe>{mine.map((f) => f.target).join(", ") || "—"}</p>
            <table class="contrib">
              <caption>{yt(lang, "contributions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{yt(lang, "member")}</th>
                  <th scope="col">{yt(lang, "found")}</th>
                  <th scope="col">{yt(lang, "numbers")}</th>
                </tr>
              </thead>
              <tbody>
                {[...people].sort((a, b) => b[1].length - a[1].length).map(([name, list]) => (
                  <tr class="member-contribution">
                    <th scope="row" safe>{name}</th>
                    <td>{list.length}</td>
                    <td safe>{list.map((f) => f.target).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
        );
      })}
    </div>
  );
}

export function Unfound({ config, finds, solutions, lang }: ResultsProps): JSX.Element {
  const found = new Set(finds.map((f) => f.target));
  const unfound: number[] = [];
  const unreachable: number[] = [];
  for (let n = config.rules.targetMin; n <= config.rules.targetMax; n++) {
    if (found.has(n)) continue;
    (solutions.has(n) ? unfound : unreachable).push(n);
  }
  return (
    <div class="yg-unfound">
      <h3>{yt(lang, "unfound")}</h3>
      <ul class="examples">
        {unfound.length ? unfound.map((n) => (
          <li>
            <b>{n}</b> = <code safe>{solutions.get(n)!}</code>
          </li>
        )) : <li>{yt(lang, "none")}</li>}
      </ul>
      <h3>{yt(lang, "unreachable")}</h3>
      <p safe>{unreachable.join(", ") || "—"}</p>
    </div>
  );
}

export function Examples({ solutions, lang }: ResultsProps): JSX.Element {
  return (
    <details class="yg-examples">
      <summary>{yt(lang, "examples")} ({solutions.size})</summary>
      <ul class="examples">
        {[...solutions].sort((a, b) => a[0] - b[0]).map(([n, expr]) => (
          <li>
            <b>{n}</b> = <code safe>{expr}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ResultsPanel(p: ResultsProps): JSX.Element {
  return (
    <section class="card yg-results-panel">
      <h2>
        {yt(p.lang, "results")} · {yt(p.lang, "digits")} <span safe>{p.config.rules.digits.join(" ")}</span>
      </h2>
      <TeamResults {...p} />
      {p.compact ? "" : <Unfound {...p} />}
      {p.compact ? "" : <Examples {...p} />}
    </section>
  );
}
