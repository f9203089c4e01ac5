// Exports and merged results: column headers, sheet names and page text (ko, en).
import type { Lang } from "../../src/errors.ts";
import type { Column, ColumnKey, GameTableName } from "../../src/exports/table.ts";
import { texts } from "../i18n.ts";

const COLUMNS: Record<ColumnKey, Record<Lang, string>> = {
  bracket: { ko: "조", en: "Bracket" },
  rank: { ko: "순위", en: "Rank" },
  team: { ko: "팀", en: "Team" },
  members: { ko: "인원", en: "Members" },
  total: { ko: "총점", en: "Total" },
  member: { ko: "학생", en: "Member" },
  joined_at: { ko: "참가 시각", en: "Joined at" },
  finds: { ko: "찾은 수", en: "Numbers found" },
  answers: { ko: "답한 수", en: "Answers" },
  correct: { ko: "정답", en: "Correct" },
  points: { ko: "점수", en: "Points" },
  time: { ko: "시각", en: "Time" },
  round: { ko: "라운드", en: "Round" },
  round_type: { ko: "라운드 종류", en: "Round type" },
  round_points: { ko: "라운드", en: "Round" },
  other: { ko: "기타", en: "Other" },
  reason: { ko: "사유", en: "Reason" },
  delta: { ko: "변화", en: "Change" },
  running_total: { ko: "누적 점수", en: "Running total" },
  number: { ko: "수", en: "Number" },
  expression: { ko: "식", en: "Expression" },
  question: { ko: "문제", en: "Question" },
  answer: { ko: "답", en: "Answer" },
  answer_ms: { ko: "걸린 시간(ms)", en: "Time taken (ms)" },
  kind: { ko: "종류", en: "Kind" },
  what: { ko: "내용", en: "What" },
  detail: { ko: "자세히", en: "Detail" },
  class_label: { ko: "반", en: "Class" },
  game: { ko: "게임", en: "Game" },
  game_code: { ko: "코드", en: "Code" },
};

/** A column's header: a round's column is named by its number and type ("2. Score Steal"). */
export function columnHeader(lang: Lang, c: Column): string {
  return c.round ? `${c.round.n}. ${c.round.label}` : COLUMNS[c.key][lang];
}

const SHEETS: Record<GameTableName | "merged", Record<Lang, string>> = {
  summary: { ko: "요약", en: "Summary" },
  rounds: { ko: "라운드별 점수", en: "Rounds" },
  members: { ko: "학생별 기여", en: "Members" },
  ledger: { ko: "점수 기록", en: "Ledger" },
  year_finds: { ko: "연도 게임 찾은 수", en: "Year Game finds" },
  steal_answers: { ko: "점수 뺏기 답", en: "Score Steal answers" },
  relay_chains: { ko: "릴레이 연결", en: "Relay chains" },
  merged: { ko: "합친 결과", en: "Merged results" },
};

export function sheetTitle(lang: Lang, name: GameTableName | "merged"): string {
  return SHEETS[name][lang];
}

export const xt = texts({
  export_results: { ko: "결과 내보내기", en: "Export results" },
  excel_all: { ko: "Excel (모든 시트)", en: "Excel (all sheets)" },
  csv_tables: { ko: "CSV 표", en: "CSV tables" },
  merged_title: { ko: "여러 반 결과 합치기", en: "Merged results across classes" },
  merge_selected: { ko: "고른 게임 결과 합치기", en: "Merge results of the chosen games" },
  merge_help: { ko: "같은 행사를 여러 반에서 한 경우, 게임을 골라 모든 팀을 조별로 한 번에 순위를 매깁니다.", en: "The same event run in several classes: choose the games to rank all their teams together, bracket by bracket." },
  games_merged: { ko: "합친 게임", en: "Games merged" },
  no_teams: { ko: "팀이 없습니다.", en: "No teams." },
  download: { ko: "내려받기", en: "Download" },
  choose: { ko: "선택", en: "Choose" },
});
