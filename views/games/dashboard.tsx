import type { Lang } from "../../src/errors.ts";
import type { GameSummary } from "../../src/games/queries.ts";
import { Layout, Notice } from "../layout.tsx";
import { statusLabel, t } from "../i18n.ts";
import { at } from "../admin/text.ts";
import { GameCleanupActions } from "../admin/game-actions.tsx";
import { gt } from "../guide/text.ts";
import { MergeCheckbox, MergeForm } from "../exports/merge-form.tsx";
import { act } from "../activity/text.ts";

export function TeacherNav({ lang }: { lang: Lang }): JSX.Element {
  return (
    <nav class="nav">
      <a href="/teacher">{t(lang, "dashboard")}</a>
      <a href="/teacher/questions">{t(lang, "question_bank")}</a>
      <a href="/teacher/archive">{at(lang, "archive")}</a>
      <a href="/teacher/activity">{act(lang, "activity")}</a>
      <a href="/teacher/abuse">{act(lang, "abuse")}</a>
      <a href="/teacher/settings">{at(lang, "settings")}</a>
      <form method="post" action="/logout" class="inline">
        <button type="submit" class="link">{t(lang, "logout")}</button>
      </form>
    </nav>
  );
}

export function DashboardPage({ lang, games, error }: { lang: Lang; games: GameSummary[]; error?: string }): JSX.Element {
  return Layout({
    lang,
    title: t(lang, "dashboard"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <>
        <section class="card">
          <h1>{t(lang, "dashboard")}</h1>
          <p><a class="small-link" href="/teacher/guide">{gt(lang, "link")}</a></p>
          <GamesTable lang={lang} games={games} />
        </section>
        <section class="card">
          <h2>{t(lang, "new_game")}</h2>
          <CreateGameForm lang={lang} error={error} />
        </section>
      </>
    ),
  });
}

function GamesTable({ lang, games }: { lang: Lang; games: GameSummary[] }): JSX.Element {
  if (!games.length) return (<p class="muted">{t(lang, "no_games")}</p>);
  return (
    <>
    <table class="games">
      <thead>
        <tr>
          <th></th>
          <th>{t(lang, "code")}</th>
          <th>{t(lang, "title")}</th>
          <th>{t(lang, "class_label")}</th>
          <th>{t(lang, "teams")}</th>
          <th>{t(lang, "players")}</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        {games.map((g) => (
          <tr class={`status-${g.status}`}>
            <td><MergeCheckbox lang={lang} gameId={g.id} /></td>
            <td class="mono" safe>{g.code}</td>
            <td safe>{g.title}</td>
            <td safe>{g.classLabel}</td>
            <td>{g.teamCount}</td>
            <td>{g.participantCount} / {g.maxParticipants}</td>
            <td>
              <span class={`pill status-${g.status}`}>{statusLabel(lang, g.status)}</span>{" "}
              <a href={`/teacher/games/${g.id}`}>{t(lang, "open")}</a>{" "}
              <GameCleanupActions lang={lang} game={g} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    <MergeForm lang={lang} />
    </>
  );
}

function CreateGameForm({ lang, error }: { lang: Lang; error?: string }): JSX.Element {
  return (
    <form method="post" action="/teacher/games" hx-post="/teacher/games" hx-target="#create-msg" hx-swap="innerHTML" class="grid-form">
      <label>
        {t(lang, "title")}
        <input name="title" required maxlength="60" value="Team Math Challenge" />
      </label>
      <label>
        {t(lang, "class_label")}
        <input name="classLabel" maxlength="40" />
      </label>
      <label>
        {t(lang, "team_count")}
        <input name="teamCount" type="number" min="2" max="20" value="4" required />
      </label>
      <label>
        {t(lang, "max_participants")}
        <input name="maxParticipants" type="number" min="1" max="1000" value="40" required />
      </label>
      <label>
        {t(lang, "join_mode")}
        <select name="joinMode">
          <option value="auto">{t(lang, "mode_auto")}</option>
          <option value="choose">{t(lang, "mode_choose")}</option>
          <option value="roster">{t(lang, "mode_roster")}</option>
        </select>
      </label>
      <label>
        {t(lang, "late_join")}
        <select name="lateJoin">
          <option value="on">{t(lang, "late_join_on")}</option>
          <option value="off">{t(lang, "late_join_off")}</option>
        </select>
      </label>
      <label class="wide">
        {t(lang, "team_names")}
        <textarea name="teamNames" rows="3" maxlength="900"></textarea>
      </label>
      <div id="create-msg" class="wide">{error ? Notice({ kind: "error", message: error }) : ""}</div>
      <button type="submit" class="primary">{t(lang, "create_button")}</button>
    </form>
  );
}
