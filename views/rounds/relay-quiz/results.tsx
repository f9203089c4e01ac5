// After the relay: each team's chains drawn as A → D → C → B with every answer, right or wrong,
// follow-through credit and hints, the true answers, and points per member and per team.
import type { Lang } from "../../../src/errors.ts";
import type { Team } from "../../../src/db/schema.ts";
import type { Cell, TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import { memberPoints, teamRoundPoints } from "../../../src/rounds/relay-quiz/board.ts";
import { FinishOrder, MemberName, RelayStyles } from "./parts.tsx";
import { rt } from "./text.ts";

export type ResultsProps = { teams: { team: Team; b: TeamBoard | null }[]; finished: { team: Team; order: number }[]; lang: Lang; compact?: boolean };

function Link({ cell, lang }: { cell: Cell; lang: Lang }): JSX.Element {
  const who = cell.by ?? cell.holders[0];
  const a = cell.answer;
  return (
    <li class={`rq-link ${a ? (a.correct ? "ok" : "bad") : "missed"}`}>
      {who ? <MemberName m={who} lang={lang} /> : <span class="muted">?</span>}
      <span class="rq-link-answer">
        {a ? <code safe>{a.answer}</code> : <span class="muted">—</span>}
        {a ? (a.correct ? " ✓" : " ✗") : ""}
        {a?.credit === "follow_through" ? <small class="rq-ft"> {rt(lang, "follow_through_credit")}</small> : ""}
        {cell.hint ? <small class="rq-hint-mark"> 💡 −{cell.hint.charged}</small> : ""}
      </span>
      <small class="muted rq-key">{rt(lang, "answer_key")}: <span safe>{cell.question.answer ?? "?"}</span>{a && a.points ? ` · +${a.points}` : ""}</small>
    </li>
  );
}

/** One team's chains and points. */
export function TeamResult({ team, b, lang, compact }: { team: Team; b: TeamBoard | null; lang: Lang; compact?: boolean }): JSX.Element {
  if (!b) return <article class="team-card"><header><b safe>{team.name}</b> <small class="muted">{rt(lang, "sits_out")}</small></header></article>;
  return (
    <article class="team-card rq-result" data-team-id={String(team.id)}>
      <header>
        <b safe>{team.name}</b>
        {b.t.progress.finishOrder ? <span class="pill rq-finished">{rt(lang, "finished")} · {b.t.progress.finishOrder}</span> : ""}
        <span>{rt(lang, "team_total")}: <b class="rq-team-points">{teamRoundPoints(b)}</b></span>
      </header>
      {b.chains.map((chain) => (
        <div class="rq-chain">
          <b class="rq-chain-set" safe>{chain[0]!.set}</b>
          <ol class="rq-links">{chain.map((cell) => <Link cell={cell} lang={lang} />)}</ol>
        </div>
      ))}
      {compact ? "" : (
        <table class="contrib">
          <caption>{rt(lang, "per_member")}</caption>
          <thead>
            <tr>
              <th scope="col">{rt(lang, "member")}</th>
              <th scope="col">{rt(lang, "answers_n")}</th>
              <th scope="col">{rt(lang, "earned")}</th>
              <th scope="col">{rt(lang, "hints")}</th>
            </tr>
          </thead>
          <tbody>
            {memberPoints(b).map((m) => (
              <tr class="member-contribution">
                <th scope="row"><MemberName m={m.member} lang={lang} /></th>
                <td>{m.correct}/{m.answers}</td>
                <td>{m.earned}</td>
                <td>{m.hints ? `−${m.hints}` : "0"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

export function ResultsPanel(p: ResultsProps): JSX.Element {
  return (
    <section class="card rq-results">
      <RelayStyles />
      <h2>{rt(p.lang, "name")} · {rt(p.lang, "results")}</h2>
      <h3>{rt(p.lang, "finish_order")}</h3>
      <FinishOrder finished={p.finished} lang={p.lang} />
      <div class="rq-results-teams">
        {p.teams.map(({ team, b }) => <TeamResult team={team} b={b} lang={p.lang} compact={p.compact} />)}
      </div>
    </section>
  );
}
