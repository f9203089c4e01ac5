// The merged results page: every team of the chosen games ranked together, per bracket.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { MergedTeam } from "../../src/exports/merged.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { columnHeader, xt } from "./text.ts";

export function mergedUrl(gameIds: number[], format: "json" | "xlsx" | "csv"): string {
  return `/api/results/merged?games=${gameIds.join(",")}&format=${format}`;
}

const COLS = ["bracket", "rank", "team", "class_label", "game", "members", "total"] as const;

export function MergedPage({ lang, games, teams }: { lang: Lang; games: Game[]; teams: MergedTeam[] }): JSX.Element {
  const ids = games.map((g) => g.id);
  const head = (key: (typeof COLS)[number]) => columnHeader(lang, { key, kind: "text" });
  return Layout({
    lang,
    title: xt(lang, "merged_title"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card">
        <h1>{xt(lang, "merged_title")}</h1>
        <p class="muted">{xt(lang, "merge_help")}</p>
        <p>
          {xt(lang, "games_merged")}:{" "}
          {games.map((g) => <span class="pill"><span safe>{g.title}</span> <span class="muted" safe>{g.classLabel}</span> <span class="mono" safe>{g.code}</span></span>)}
        </p>
        <p>
          {xt(lang, "download")}: <a href={mergedUrl(ids, "xlsx")}>Excel</a> · <a href={mergedUrl(ids, "csv")}>CSV</a>
        </p>
        {teams.length === 0 ? <p class="muted">{xt(lang, "no_teams")}</p> : (
          <table class="results merged">
            <thead><tr>{COLS.map((k) => <th safe>{head(k)}</th>)}</tr></thead>
            <tbody>
              {teams.map((m) => (
                <tr>
                  <td safe>{m.bracket ?? ""}</td>
                  <td>{m.rank}</td>
                  <td safe>{m.team}</td>
                  <td safe>{m.classLabel}</td>
                  <td><a href={`/teacher/games/${m.gameId}`} safe>{m.game}</a></td>
                  <td>{m.members}</td>
                  <td>{m.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    ),
  });
}
