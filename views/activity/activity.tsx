// The teacher's live activity page. The panel reloads itself every few seconds (htmx polling of
// the same URL, which answers an htmx request with the panel alone).
import type { Lang } from "../../src/errors.ts";
import type { ActivityReport } from "../../src/activity/report.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { statusLabel } from "../i18n.ts";
import { act } from "./text.ts";

export const ACTIVITY_POLL_S = 3;

const BARS = "▁▂▃▄▅▆▇█";

/** Answers per minute as a row of bars, scaled to the busiest minute shown. */
function sparkline(values: number[]): string {
  const top = Math.max(1, ...values);
  return values.map((v) => (v === 0 ? "·" : BARS[Math.min(BARS.length - 1, Math.floor((v / top) * (BARS.length - 1)))])).join("");
}

export function ActivityPanel({ lang, report }: { lang: Lang; report: ActivityReport }): JSX.Element {
  if (!report.games.length) return <p class="muted">{act(lang, "no_games")}</p>;
  return (
    <table class="activity">
      <thead>
        <tr>
          <th>{act(lang, "game")}</th><th>{act(lang, "status")}</th><th>{act(lang, "joined")}</th><th>{act(lang, "connected")}</th>
          <th>{act(lang, "streams")}</th><th>{act(lang, "answers_minute")}</th><th>{act(lang, "answers_history")}</th>
        </tr>
      </thead>
      <tbody>
        {report.games.map((g) => (
          <tr data-game-id={String(g.gameId)}>
            <td><a href={`/teacher/games/${g.gameId}`} safe>{g.title}</a> <span class="mono" safe>{g.code}</span> <span class="muted" safe>{g.classLabel}</span></td>
            <td><span class={`pill status-${g.status}`}>{statusLabel(lang, g.status)}</span>{g.locked ? <span class="pill warn">{act(lang, "locked")}</span> : ""}</td>
            <td class="num">{g.joined}</td>
            <td class="num" data-testid="connected">{g.connected}</td>
            <td class="num">{g.streams}</td>
            <td class="num" data-testid="answers">{g.answersLastMinute}</td>
            <td class="sparkline" title={g.answersPerMinute.join(" ")} safe>{sparkline(g.answersPerMinute)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th>{act(lang, "total")}</th><th></th><th class="num">{report.totals.joined}</th><th class="num">{report.totals.connected}</th>
          <th class="num">{report.totals.streams}</th><th class="num">{report.totals.answersLastMinute}</th><th></th>
        </tr>
      </tfoot>
    </table>
  );
}

export function ActivityPage({ lang, report }: { lang: Lang; report: ActivityReport }): JSX.Element {
  return Layout({
    lang,
    title: act(lang, "activity"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card">
        <h1>{act(lang, "activity")}</h1>
        <p class="muted">{act(lang, "activity_help")}</p>
        <div id="activity-panel" hx-get="/teacher/activity" hx-trigger={`every ${ACTIVITY_POLL_S}s`} hx-swap="innerHTML">
          <ActivityPanel lang={lang} report={report} />
        </div>
      </section>
    ),
  });
}
