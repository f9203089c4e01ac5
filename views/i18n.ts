// UI text in Korean and English. Keys are grouped by page; errors live in src/errors.ts.
import type { Lang } from "../src/errors.ts";

const TEXT = {
  app_name: { ko: "팀 수학 챌린지", en: "Team Math Challenge" },
  lang_switch: { ko: "English", en: "한국어" },
  // join
  join_title: { ko: "게임 참가", en: "Join a game" },
  game_code: { ko: "게임 코드", en: "Game code" },
  game_code_hint: { ko: "화면에 보이는 숫자를 입력하세요", en: "Type the number shown on the screen" },
  next: { ko: "다음", en: "Next" },
  nickname: { ko: "닉네임", en: "Nickname" },
  nickname_hint: { ko: "1~20자, 게임 안에서 겹치지 않게", en: "1–20 characters, unique in this game" },
  join_button: { ko: "참가하기", en: "Join" },
  choose_team: { ko: "팀 고르기", en: "Choose your team" },
  choose_name: { ko: "내 이름 고르기", en: "Pick your name" },
  roster_pin: { ko: "PIN (선생님이 알려 준 번호)", en: "PIN (from your teacher)" },
  continue_as: { ko: "계속하기:", en: "Continue as" },
  other_code: { ko: "다른 코드 입력", en: "Use another code" },
  members: { ko: "명", en: "members" },
  member: { ko: "명", en: "member" },
  // seat
  you_are: { ko: "내 닉네임", en: "You are" },
  your_team: { ko: "우리 팀", en: "Your team" },
  waiting_start: { ko: "선생님이 시작하기를 기다리는 중…", en: "Waiting for the teacher to start…" },
  game_started: { ko: "게임이 시작되었습니다!", en: "The game has started!" },
  waiting_round: { ko: "다음 라운드를 기다리는 중…", en: "Waiting for the next round…" },
  game_over: { ko: "게임이 끝났습니다", en: "The game is over" },
  reconnecting: { ko: "다시 연결하는 중…", en: "Reconnecting…" },
  removed: { ko: "선생님이 게임에서 내보냈습니다.", en: "The teacher removed you from the game." },
  // teacher
  login_title: { ko: "교사 로그인", en: "Teacher login" },
  password: { ko: "비밀번호", en: "Password" },
  login_button: { ko: "로그인", en: "Log in" },
  logout: { ko: "로그아웃", en: "Log out" },
  dashboard: { ko: "게임 목록", en: "Games" },
  question_bank: { ko: "문제 은행", en: "Question bank" },
  new_game: { ko: "새 게임 만들기", en: "Create a game" },
  title: { ko: "제목", en: "Title" },
  class_label: { ko: "반", en: "Class" },
  team_count: { ko: "팀 수", en: "Teams" },
  max_participants: { ko: "최대 인원", en: "Max players" },
  join_mode: { ko: "팀 배정 방식", en: "Team assignment" },
  late_join: { ko: "게임 시작 후 참가", en: "Joining after the start" },
  late_join_on: { ko: "허용 (늦게 온 학생도 참가)", en: "Allowed (latecomers can join)" },
  late_join_off: { ko: "허용 안 함", en: "Not allowed" },
  late_join_allow: { ko: "늦은 참가 허용", en: "Allow latecomers" },
  late_join_refuse: { ko: "늦은 참가 막기", en: "No latecomers" },
  no_latecomers: { ko: "시작 후 참가 불가", en: "No joining after the start" },
  mode_auto: { ko: "자동 (인원이 적은 팀으로)", en: "Automatic (smallest team)" },
  mode_choose: { ko: "학생이 선택", en: "Students choose" },
  mode_roster: { ko: "명단에서 이름 선택", en: "Pick name from roster" },
  team_names: { ko: "팀 이름 (한 줄에 하나, 비우면 기본값)", en: "Team names (one per line, blank for defaults)" },
  create_button: { ko: "만들기", en: "Create" },
  no_games: { ko: "아직 게임이 없습니다.", en: "No games yet." },
  status_waiting: { ko: "대기 중", en: "Waiting" },
  status_started: { ko: "진행 중", en: "Started" },
  status_finished: { ko: "끝남", en: "Finished" },
  players: { ko: "참가자", en: "Players" },
  teams: { ko: "팀", en: "Teams" },
  open: { ko: "열기", en: "Open" },
  code: { ko: "코드", en: "Code" },
  start_game: { ko: "게임 시작", en: "Start game" },
  finish_game: { ko: "게임 끝내기", en: "Finish game" },
  confirm_finish: { ko: "게임을 끝낼까요? 되돌릴 수 없습니다.", en: "Finish the game? This cannot be undone." },
  lock: { ko: "참가 막기", en: "Lock joining" },
  unlock: { ko: "참가 열기", en: "Unlock joining" },
  locked: { ko: "참가 잠김", en: "Joining locked" },
  rebalance: { ko: "팀 인원 맞추기", en: "Re-balance teams" },
  shuffle: { ko: "팀 섞기", en: "Shuffle teams" },
  rename: { ko: "이름 바꾸기", en: "Rename" },
  move_to: { ko: "이동", en: "Move to" },
  kick: { ko: "내보내기", en: "Remove" },
  confirm_kick: { ko: "이 학생을 내보낼까요?", en: "Remove this student?" },
  projector: { ko: "프로젝터 화면", en: "Projector screen" },
  team_board: { ko: "팀 보드", en: "Team board" },
  ledger: { ko: "점수 기록", en: "Score ledger" },
  board_public: { ko: "프로젝터와 같은 화면입니다. 팀의 풀이는 그 팀 학생, 선생님, 또는 선생님이 준 팀 보드 링크로만 볼 수 있습니다.", en: "This is the projector's view. A team's own work shows only to its members, the teacher, or the team board link the teacher gives out." },
  join_at: { ko: "참가 주소", en: "Join at" },
  empty_team: { ko: "아직 아무도 없음", en: "Nobody yet" },
  roster: { ko: "명단 가져오기 (CSV)", en: "Import roster (CSV)" },
  roster_help: { ko: "열: player_name, team_name, bracket(선택), player_number(선택), pin(선택: 있으면 학생이 자기 이름을 고를 때 PIN을 입력해야 합니다)", en: "Columns: player_name, team_name, bracket (optional), player_number (optional), pin (optional: then a student must type it to claim their name)" },
  preview: { ko: "미리보기", en: "Preview" },
  save_roster: { ko: "명단 저장", en: "Save roster" },
  roster_saved: { ko: "명단을 저장했습니다", en: "Roster saved" },
  abuse: { ko: "제한된 요청", en: "Refused requests" },
  score: { ko: "점수", en: "Score" },
  rank: { ko: "순위", en: "Rank" },
  back: { ko: "돌아가기", en: "Back" },
  all_teams: { ko: "전체", en: "All teams" },
} as const satisfies Record<string, Record<Lang, string>>;

export type TextKey = keyof typeof TEXT;

/** Returns the literal text type, so the XSS scanner knows it is our own constant text. */
export function t<K extends TextKey, L extends Lang>(lang: L, key: K): (typeof TEXT)[K][L] {
  return TEXT[key][lang];
}

/**
 * A feature's own text table (one per feature, keyed by message id, Korean and English), read
 * the same way as t(): `const ssText = texts({ winner: { ko: "…", en: "…" } }); ssText(lang, "winner")`.
 */
export function texts<const T extends Record<string, Record<Lang, string>>>(table: T) {
  return <K extends keyof T, L extends Lang>(lang: L, key: K): T[K][L] => table[key][lang];
}

/** A game's status as shown on a pill: waiting, in play, finished. (A literal type, like t(): xss-scan sees it is ours.) */
export function statusLabel<L extends Lang>(lang: L, status: string) {
  return t(lang, status === "waiting" ? "status_waiting" : status === "started" ? "status_started" : "status_finished");
}

/** The viewer's choice (cookie), else the browser's preference, else `fallback` (the teacher's default language). */
export function pickLang(cookieValue: unknown, acceptLanguage: string | null, fallback: Lang = "ko"): Lang {
  if (cookieValue === "ko" || cookieValue === "en") return cookieValue;
  if (!acceptLanguage || !/\b(ko|en)\b/i.test(acceptLanguage)) return fallback;
  return /^\s*ko\b/i.test(acceptLanguage) || !/\ben\b/i.test(acceptLanguage) ? "ko" : "en";
}
