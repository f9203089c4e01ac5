import type { Lang } from "../../src/errors.ts";
import type { RosterPreview } from "../../src/games/roster.ts";
import { Notice } from "../layout.tsx";
import { t } from "../i18n.ts";

const TEXT = {
  rows: { ko: "행", en: "rows" },
  fix_first: { ko: "오류를 고친 뒤 다시 올리세요.", en: "Fix the errors and upload again." },
  line: { ko: "행", en: "Line" },
  player: { ko: "이름", en: "Player" },
  team: { ko: "팀", en: "Team" },
  bracket: { ko: "조", en: "Bracket" },
  number: { ko: "번호", en: "No." },
  problems: { ko: "문제", en: "Problems" },
} as const;

export function RosterPreviewView({ lang, gameId, preview, csv }: { lang: Lang; gameId: number; preview: RosterPreview; csv: string }): JSX.Element {
  return (
    <div class="roster-preview">
      {preview.errors.map((e) => Notice({ kind: "error", message: e }))}
      <p>
        {preview.rows.length} {TEXT.rows[lang]} · {t(lang, "teams")}: <span safe>{preview.teams.map((tm) => `${tm.name}${tm.bracket ? ` (${tm.bracket})` : ""} ×${tm.size}`).join(", ")}</span>
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr><th>{TEXT.line[lang]}</th><th>{TEXT.player[lang]}</th><th>{TEXT.team[lang]}</th><th>{TEXT.bracket[lang]}</th><th>{TEXT.number[lang]}</th><th>{TEXT.problems[lang]}</th></tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr class={r.errors.length ? "row-error" : undefined}>
                <td>{r.line}</td>
                <td safe>{r.playerName}</td>
                <td safe>{r.teamName}</td>
                <td safe>{r.bracket ?? ""}</td>
                <td safe>{r.playerNumber ?? ""}</td>
                <td safe>{r.errors.join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.valid ? (
        <form method="post" action={`/teacher/games/${gameId}/roster/save`} hx-post={`/teacher/games/${gameId}/roster/save`} hx-target="#flash" class="stack">
          <textarea name="csv" hidden safe>{csv}</textarea>
          <button type="submit" class="primary">{t(lang, "save_roster")}</button>
        </form>
      ) : (
        Notice({ kind: "error", message: TEXT.fix_first[lang] })
      )}
    </div>
  );
}
