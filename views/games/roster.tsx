import type { Lang } from "../../src/errors.ts";
import type { RosterPreview, RosterProblem } from "../../src/games/roster.ts";
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
  pin: { ko: "PIN", en: "PIN" },
  problems: { ko: "문제", en: "Problems" },
} as const;

type P<K extends RosterProblem["id"]> = Extract<RosterProblem, { id: K }>["params"];
const REASON: Record<string, Record<Lang, string>> = {
  empty: { en: "empty", ko: "비어 있음" },
  too_long: { en: "too long", ko: "너무 김" },
  control_chars: { en: "characters that cannot be shown", ko: "표시할 수 없는 문자" },
  invalid_unicode: { en: "broken characters", ko: "깨진 문자" },
};
const PIN_REASON: Record<string, Record<Lang, string>> = {
  empty: { en: "empty (the file has a pin column, so every name needs one)", ko: "비어 있음 (pin 열이 있으면 모든 이름에 PIN이 필요합니다)" },
  too_long: { en: "longer than 12 characters", ko: "12자보다 김" },
  characters: { en: "only letters and digits", ko: "글자와 숫자만 쓸 수 있음" },
};
const PROBLEMS: { [K in RosterProblem["id"]]: Record<Lang, (p: P<K>) => string> } = {
  missing_column: { en: (p) => `missing column "${p.column}"`, ko: (p) => `"${p.column}" 열이 없습니다` },
  unknown_columns: { en: (p) => `unknown columns ignored: ${p.columns}`, ko: (p) => `모르는 열은 무시됩니다: ${p.columns}` },
  player_name: { en: (p) => `player_name: ${REASON[p.reason]?.en ?? p.reason}`, ko: (p) => `player_name: ${REASON[p.reason]?.ko ?? p.reason}` },
  team_name: { en: (p) => `team_name: ${REASON[p.reason]?.en ?? p.reason}`, ko: (p) => `team_name: ${REASON[p.reason]?.ko ?? p.reason}` },
  pin: { en: (p) => `pin: ${PIN_REASON[p.reason]?.en ?? p.reason}`, ko: (p) => `pin: ${PIN_REASON[p.reason]?.ko ?? p.reason}` },
  duplicate_name: { en: (p) => `duplicate name (line ${p.line})`, ko: (p) => `중복 이름 (${p.line}행)` },
  too_many_rows: { en: (p) => `only the first ${p.max} rows are read`, ko: (p) => `처음 ${p.max}행만 읽습니다` },
  csv: { en: (p) => `line ${p.line}: the file is not valid CSV (${p.message})`, ko: (p) => `${p.line}행: CSV 형식이 올바르지 않습니다 (${p.message})` },
  two_brackets: { en: (p) => `team "${p.team}" is in two brackets`, ko: (p) => `"${p.team}" 팀이 두 조에 있습니다` },
  no_rows: { en: () => "no rows", ko: () => "행이 없습니다" },
  team_count: { en: (p) => `a game has 2–20 teams; this roster has ${p.count}`, ko: (p) => `팀은 2~20개여야 합니다 (이 명단: ${p.count}개)` },
};

/** A roster problem in the viewer's language (plain text: render it escaped). */
export function rosterProblemText(e: RosterProblem, lang: Lang): string {
  return (PROBLEMS[e.id][lang] as (p: unknown) => string)(e.params);
}

export function RosterPreviewView({ lang, gameId, preview, csv }: { lang: Lang; gameId: number; preview: RosterPreview; csv: string }): JSX.Element {
  return (
    <div class="roster-preview">
      {preview.errors.map((e) => Notice({ kind: e.id === "unknown_columns" ? "info" : "error", message: rosterProblemText(e, lang) }))}
      <p>
        {preview.rows.length} {TEXT.rows[lang]} · {t(lang, "teams")}: <span safe>{preview.teams.map((tm) => `${tm.name}${tm.bracket ? ` (${tm.bracket})` : ""} ×${tm.size}`).join(", ")}</span>
      </p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr><th>{TEXT.line[lang]}</th><th>{TEXT.player[lang]}</th><th>{TEXT.team[lang]}</th><th>{TEXT.bracket[lang]}</th><th>{TEXT.number[lang]}</th>{preview.pins ? <th>{TEXT.pin[lang]}</th> : ""}<th>{TEXT.problems[lang]}</th></tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr class={r.errors.length ? "row-error" : undefined}>
                <td>{r.line}</td>
                <td safe>{r.playerName}</td>
                <td safe>{r.teamName}</td>
                <td safe>{r.bracket ?? ""}</td>
                <td safe>{r.playerNumber ?? ""}</td>
                {preview.pins ? <td safe>{r.pin ?? ""}</td> : ""}
                <td safe>{r.errors.map((e) => rosterProblemText(e, lang)).join("; ")}</td>
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
