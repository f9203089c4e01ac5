// Cleanup pages: the archived games, and the confirmation before a game is deleted.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { GameSummary } from "../../src/games/queries.ts";
import { Layout, Notice } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { t } from "../i18n.ts";
import { at } from "./text.ts";
import { GameCleanupActions } from "./game-actions.tsx";
import { ExportLinks } from "../exports/links.tsx";
import { MergeCheckbox, MergeForm } from "../exports/merge-form.tsx";

export function ArchivePage({ lang, games }: { lang: Lang; games: GameSummary[] }): JSX.Element {
  return Layout({
    lang,
    title: at(lang, "archived_games"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card">
        <h1>{at(lang, "archived_games")}</h1>
        {games.length === 0 ? <p class="muted">{at(lang, "no_archived")}</p> : (
          <>
          <table class="games">
            <thead>
              <tr><th></th><th>{t(lang, "code")}</th><th>{t(lang, "title")}</th><th>{t(lang, "class_label")}</th><th>{t(lang, "players")}</th><th></th></tr>
            </thead>
            <tbody>
              {games.map((g) => (
                <tr>
                  <td><MergeCheckbox lang={lang} gameId={g.id} /></td>
                  <td class="mono" safe>{g.code}</td>
                  <td safe>{g.title}</td>
                  <td safe>{g.classLabel}</td>
                  <td>{g.participantCount}</td>
                  <td class="status-row">
                    <a href={`/teacher/games/${g.id}`}>{t(lang, "open")}</a>
                    <GameCleanupActions lang={lang} game={g} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <MergeForm lang={lang} />
          </>
        )}
      </section>
    ),
  });
}

/** The confirmation step: says what goes, and offers the export first. */
export function DeleteGamePage({ lang, game }: { lang: Lang; game: Game }): JSX.Element {
  const inPlay = game.status === "started";
  return Layout({
    lang,
    title: at(lang, "delete_title"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card narrow">
        <h1>{at(lang, "delete_title")}</h1>
        <p><b safe>{game.title}</b> <span class="mono" safe>{game.code}</span> <span class="muted" safe>{game.classLabel}</span></p>
        {inPlay ? Notice({ kind: "error", message: at(lang, "finish_first") }) : (
          <>
            {Notice({ kind: "error", message: at(lang, "delete_warning") })}
            <p>
              {at(lang, "export_first")} <a href={`/teacher/games/${game.id}/results`}>{at(lang, "results_and_export")}</a>
            </p>
            <ExportLinks lang={lang} gameId={game.id} />
            <form method="post" action={`/teacher/games/${game.id}/delete`} class="inline">
              <button type="submit" class="danger">{at(lang, "delete_confirm")}</button>
              <a class="button" href={game.archivedAt !== null ? "/teacher/archive" : "/teacher"}>{at(lang, "cancel")}</a>
            </form>
          </>
        )}
      </section>
    ),
  });
}
