// Score Steal's results: per question and bracket the winner and time, every team's answer and
// time, the steal and penalties; per team the round's points; per member who answered for the team.
import type { Lang } from "../../../src/errors.ts";
import type { StealState } from "../../../src/rounds/score-steal/reads.ts";
import { answersOf, stealOf } from "../../../src/rounds/score-steal/reads.ts";
import { secs, StealLine } from "./parts.tsx";
import { st } from "./text.ts";

/** Points each team won or lost in this round, from the round's rows: penalties (answers) and steals (gains included). */
export function roundPointsByTeam(s: StealState): Map<number, number> {
  const out = new Map<number, number>();
  const add = (id: number | null, n: number) => { if (id !== null) out.set(id, (out.get(id) ?? 0) + n); };
  for (const a of s.answers) add(a.teamId, a.applied);
  for (const x of s.steals) {
    add(x.winnerTeamId, x.gained);
    add(x.targetTeamId, -x.taken);
  }
  return out;
}

export function StealResults({ s, lang, compact }: { s: StealState; lang: Lang; compact?: boolean }): JSX.Element {
  const points = roundPointsByTeam(s);
  const asked = s.questions.filter((q) => q.openedAt !== null);
  const members = new Map<string, { team: string; name: string; n: number; right: number }>();
  for (const a of s.answers) {
    const team = s.teams.find((t) => t.id === a.teamId)?.name ?? "";
    const key = `${a.teamId}:${a.memberName}`;
    const m = members.get(key) ?? members.set(key, { team, name: a.memberName, n: 0, right: 0 }).get(key)!;
    m.n++;
    if (a.correct) m.right++;
  }
  return (
    <section class="card ss-results">
      <h2>{st(lang, "name")}</h2>
      <table class="totals">
        <thead><tr><th>{st(lang, "team")}</th><th>{st(lang, "bracket")}</th><th>{st(lang, "total")}</th><th>{st(lang, "score")}</th></tr></thead>
        <tbody>
          {[...s.teams].sort((a, b) => a.bracket.localeCompare(b.bracket) || a.rank - b.rank).map((t) => (
            <tr><td safe>{t.name}</td><td safe>{t.bracket}</td><td>{(points.get(t.id) ?? 0) > 0 ? "+" : ""}{points.get(t.id) ?? 0}</td><td>{t.score}</td></tr>
          ))}
        </tbody>
      </table>
      {compact ? "" : (
        <>
          {asked.map((q) => (
            <article class="ss-result-question">
              <h3>{st(lang, "question_of")} {q.position}: <span safe>{q.snapshot.text.length > 100 ? `${q.snapshot.text.slice(0, 100)}…` : q.snapshot.text}</span></h3>
              <p>{st(lang, "answer_is")}: <b safe>{q.snapshot.answer ?? ""}</b></p>
              {s.brackets.map((b) => {
                const steal = stealOf(s, q.position, b.bracket);
                const rows = answersOf(s, q.position).filter((a) => s.teams.find((t) => t.id === a.teamId)?.bracket === b.bracket);
                const winner = rows.find((a) => a.outcome === "won");
                return (
                  <div class="bracket-result">
                    {b.bracket ? <h4 safe>{b.bracket}</h4> : ""}
                    {winner ? <p>🏆 <b safe>{s.teams.find((t) => t.id === winner.teamId)?.name ?? ""}</b> <span safe>{secs(winner.answerMs)}</span>{st(lang, "seconds")}</p> : <p class="muted">{st(lang, "no_winner")}</p>}
                    {steal ? <StealLine s={steal} teams={s.teams} lang={lang} /> : ""}
                    <table class="answers">
                      <thead><tr><th>{st(lang, "team")}</th><th>{st(lang, "member")}</th><th>{st(lang, "given")}</th><th>{st(lang, "result")}</th><th>{st(lang, "time")}</th><th>{st(lang, "penalty")}</th></tr></thead>
                      <tbody>
                        {rows.map((a) => (
                          <tr class={a.correct ? "right" : "wrong"}>
                            <td safe>{s.teams.find((t) => t.id === a.teamId)?.name ?? ""}</td><td safe>{a.memberName}</td><td safe>{a.answer}</td>
                            <td>{a.correct ? "✓" : "✗"}{a.outcome.startsWith("late") ? ` (${st(lang, "late")})` : ""}</td><td><span safe>{secs(a.answerMs)}</span></td>
                            <td>{a.penalty ? `−${a.penalty}${a.applied !== -a.penalty ? ` (${a.applied})` : ""}` : ""}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                );
              })}
            </article>
          ))}
          <h3>{st(lang, "answered_for_team")}</h3>
          <table class="members">
            <thead><tr><th>{st(lang, "team")}</th><th>{st(lang, "member")}</th><th>{st(lang, "answers")}</th><th>{st(lang, "correct")}</th></tr></thead>
            <tbody>{[...members.values()].map((m) => <tr><td safe>{m.team}</td><td safe>{m.name}</td><td>{m.n}</td><td>{m.right}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </section>
  );
}
