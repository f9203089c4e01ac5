// The event's text (ko, en): the plan, between rounds, results, the ledger, analytics, the podium.
import type { Lang } from "../../src/errors.ts";
import type { RoundTypeName } from "../../src/event/plan.ts";
import { texts } from "../i18n.ts";

export const et = texts({
  plan: { ko: "게임 계획", en: "The event plan" },
  plan_help: { ko: "라운드는 이 순서로 진행됩니다. 아직 하지 않은 라운드는 순서를 바꾸고, 빼고, 더하고, 건너뛰고, 설정을 바꿀 수 있습니다.", en: "Rounds are played in this order. Rounds not yet played can be reordered, removed, added, skipped or given other settings." },
  edit_plan: { ko: "계획 고치기", en: "Edit the plan" },
  no_plan: { ko: "이 게임에는 계획이 없습니다. 아래에서 라운드를 더하세요.", en: "This game has no plan. Add rounds below." },
  state_next: { ko: "다음", en: "Next" },
  state_pending: { ko: "대기", en: "Later" },
  state_running: { ko: "진행 중", en: "Running" },
  state_done: { ko: "끝남", en: "Done" },
  state_skipped: { ko: "건너뜀", en: "Skipped" },
  not_available: { ko: "이 버전에서는 쓸 수 없음", en: "not available in this build" },
  start_next: { ko: "다음 라운드 시작", en: "Start the next round" },
  start_game: { ko: "게임 시작", en: "Start the game" },
  finish_event: { ko: "게임 끝내고 시상대 보기", en: "Finish the game and show the podium" },
  round_running: { ko: "라운드가 진행 중입니다. 끝나면 다음 라운드를 시작할 수 있습니다.", en: "A round is running. When it ends, the next one can start." },
  skip: { ko: "건너뛰기", en: "Skip" },
  unskip: { ko: "다시 넣기", en: "Put back" },
  up: { ko: "위로", en: "Move up" },
  down: { ko: "아래로", en: "Move down" },
  remove: { ko: "빼기", en: "Remove" },
  add_round: { ko: "라운드 더하기", en: "Add a round" },
  add: { ko: "더하기", en: "Add" },
  settings: { ko: "설정", en: "Settings" },
  save_settings: { ko: "설정 저장", en: "Save settings" },
  setting_default: { ko: "기본값", en: "Default" },
  setting_on: { ko: "켜기", en: "On" },
  setting_off: { ko: "끄기", en: "Off" },
  default_value: { ko: "기본값", en: "default" },
  yes: { ko: "예", en: "yes" },
  no: { ko: "아니요", en: "no" },
  settings_help: { ko: "비워 두면 기본값입니다. 목록은 쉼표로 나눕니다.", en: "Leave a field empty for its default. Separate list items with commas." },
  round_n: { ko: "라운드", en: "Round" },
  // between rounds
  next_up: { ko: "다음:", en: "Next:" },
  last_round: { ko: "지난 라운드", en: "The last round" },
  no_more_rounds: { ko: "계획한 라운드를 모두 마쳤습니다", en: "Every planned round has been played" },
  your_place: { ko: "우리 팀 순위", en: "Your team's place" },
  of: { ko: "팀 중", en: "of" },
  tied: { ko: "공동", en: "tied" },
  standings: { ko: "순위", en: "Standings" },
  // results
  results: { ko: "최종 결과", en: "Results" },
  total: { ko: "합계", en: "Total" },
  adjustments: { ko: "조정", en: "Adjustments" },
  rank: { ko: "순위", en: "Rank" },
  team: { ko: "팀", en: "Team" },
  members: { ko: "학생별 기여", en: "Contributions per student" },
  member: { ko: "학생", en: "Student" },
  found: { ko: "연도 게임: 찾은 수", en: "Year Game: numbers found" },
  steal_answers: { ko: "점수 뺏기: 낸 답 (정답)", en: "Score Steal: answers sent (right)" },
  relay_answers: { ko: "릴레이: 답 (정답)", en: "Relay: answers (right)" },
  hints: { ko: "힌트", en: "Hints" },
  accuracy: { ko: "정확도", en: "Accuracy" },
  points: { ko: "점수", en: "Points" },
  ledger: { ko: "점수 기록", en: "Score ledger" },
  analytics: { ko: "분석", en: "Analytics" },
  podium: { ko: "시상대", en: "Podium" },
  projector_podium: { ko: "프로젝터 시상대", en: "Podium on the projector" },
  no_rounds_yet: { ko: "아직 진행한 라운드가 없습니다.", en: "No round has been played yet." },
  // ledger
  when: { ko: "시각", en: "When" },
  change: { ko: "변동", en: "Change" },
  running_total: { ko: "누계", en: "Total" },
  what: { ko: "내용", en: "What" },
  who: { ko: "누가", en: "Who" },
  teacher: { ko: "선생님", en: "the teacher" },
  rules: { ko: "규칙", en: "the rules" },
  undo: { ko: "되돌리기", en: "Undo" },
  confirm_undo: { ko: "이 조정을 되돌릴까요? 반대 기록이 추가됩니다.", en: "Undo this adjustment? A reversing row is added." },
  undone: { ko: "되돌림", en: "undone" },
  adjust: { ko: "점수 조정", en: "Adjust the score" },
  adjust_help: { ko: "점수를 더하거나 (빼려면 - 를 붙여) 이유와 함께 기록합니다. 점수는 0 아래로 내려가지 않습니다.", en: "Add points (or take them away with a minus sign) with a reason. A score never goes below 0." },
  reason: { ko: "이유", en: "Reason" },
  adjusted: { ko: "조정했습니다", en: "Adjusted" },
  ledger_empty: { ko: "아직 점수 기록이 없습니다.", en: "No score changes yet." },
  ends_at_score: { ko: "마지막 누계가 팀 점수입니다", en: "The last total is the team's score" },
  // explanations of ledger rows
  x_number: { ko: "수 {n}을(를) 찾음", en: "found the number {n}" },
  x_steal_took: { ko: "{q}번 문제: {team}에게서 점수를 뺏음", en: "question {q}: stole the points from {team}" },
  x_steal_took_nobody: { ko: "{q}번 문제: 이겨서 점수를 받음 (뺏을 팀 없음)", en: "question {q}: won the points (from nobody)" },
  x_steal_lost: { ko: "{q}번 문제: {team}에게 점수를 뺏김", en: "question {q}: points stolen by {team}" },
  x_steal_free: { ko: "{q}번 문제: 이겨서 점수를 받음 (뺏을 팀 없음)", en: "question {q}: won the points (nobody to steal from)" },
  x_penalty: { ko: "{q}번 문제: 틀린 답 감점", en: "question {q}: wrong answer penalty" },
  x_relay_answer: { ko: "{set} 세트 {n}번 답", en: "set {set}, question {n}: answer" },
  x_relay_hint: { ko: "{set} 세트 {n}번 힌트 감점", en: "set {set}, question {n}: hint penalty" },
  x_adjustment: { ko: "선생님 조정: {note}", en: "teacher's adjustment: {note}" },
  x_undo: { ko: "조정 #{id} 되돌림", en: "undo of adjustment #{id}" },
  x_other: { ko: "기타: {reason}", en: "other: {reason}" },
  // analytics
  chart: { ko: "시간에 따른 점수", en: "Score over time" },
  chart_empty: { ko: "아직 점수가 없어 그래프를 그릴 수 없습니다.", en: "No points yet: nothing to chart." },
  minutes: { ko: "분", en: "min" },
  per_round: { ko: "라운드별", en: "Per round" },
  answers: { ko: "답", en: "Answers" },
  correct: { ko: "정답", en: "Right" },
  median_time: { ko: "답 시간 (중앙값)", en: "Median answer time" },
  question: { ko: "문제", en: "Question" },
  stats: { ko: "게임 통계", en: "Statistics" },
  participants: { ko: "참가자", en: "Participants" },
  teams: { ko: "팀", en: "Teams" },
  average_score: { ko: "평균 점수", en: "Average score" },
  best_score: { ko: "최고 점수", en: "Best score" },
  rounds_played: { ko: "진행한 라운드", en: "Rounds played" },
  print: { ko: "인쇄", en: "Print" },
  // podium
  reveal_next: { ko: "다음 순위 공개", en: "Reveal the next place" },
  reveal_back: { ko: "한 단계 되돌리기", en: "Hide the last place" },
  all_revealed: { ko: "모든 순위를 공개했습니다", en: "Every place is revealed" },
  podium_none: { ko: "점수를 얻은 팀이 없어 시상대가 없습니다.", en: "No team scored: there is no podium." },
  place_1: { ko: "1위", en: "1st" },
  place_2: { ko: "2위", en: "2nd" },
  place_3: { ko: "3위", en: "3rd" },
  final_place: { ko: "최종 순위", en: "Final place" },
  your_contribution: { ko: "나의 기여", en: "Your contribution" },
  links: { ko: "결과와 분석", en: "Results and analytics" },
});

/** Names of the round types, including those this build may lack (the plan can name them). */
const TYPE_NAMES: Record<RoundTypeName, Record<Lang, string>> = {
  year_game: { ko: "연도 게임", en: "Year Game" },
  score_steal: { ko: "점수 뺏기", en: "Score Steal" },
  relay_quiz: { ko: "릴레이 퀴즈", en: "Relay Quiz" },
};

/** The projector's intro of a round: its rules in two lines. */
const INTROS: Record<RoundTypeName, Record<Lang, [string, string]>> = {
  year_game: {
    ko: ["주어진 숫자를 모두 한 번씩 써서 1부터 100까지의 수를 만드세요.", "팀이 새로 찾은 수마다 점수를 얻습니다."],
    en: ["Use every given digit exactly once to make the numbers 1 to 100.", "Each number your team finds first scores points."],
  },
  score_steal: {
    ko: ["문제마다 조에서 가장 먼저 맞힌 팀이 이깁니다.", "이긴 팀은 다른 팀의 점수를 뺏어 옵니다. 틀리면 감점!"],
    en: ["For each question, the first team in its bracket to answer right wins.", "The winner steals the points from a team of its choice. Wrong answers cost points!"],
  },
  relay_quiz: {
    ko: ["팀원이 차례로 문제를 풀고 답을 다음 사람에게 넘깁니다.", "정답마다 점수, 힌트는 감점입니다."],
    en: ["Team members solve in turn, each passing their answer on to the next.", "Every right answer scores; a hint costs points."],
  },
};

export function typeName<L extends Lang>(lang: L, type: string): string {
  return TYPE_NAMES[type as RoundTypeName]?.[lang] ?? type;
}

export function introLines(lang: Lang, type: string): [string, string] {
  return INTROS[type as RoundTypeName]?.[lang] ?? ["", ""];
}

/** Fills {name} slots of a text with the given values (values are escaped where rendered). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** "1st" / "2nd" / "3rd" / "4th"; Korean "1위". */
export function placeLabel(lang: Lang, place: number): string {
  if (lang === "ko") return `${place}위`;
  const s = place % 100 >= 11 && place % 100 <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[place % 10] ?? "th";
  return `${place}${s}`;
}
