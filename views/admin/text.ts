// Settings, backup and cleanup pages: UI text (ko, en).
import type { Lang } from "../../src/errors.ts";
import { texts } from "../i18n.ts";

const TEXT = {
  settings: { ko: "설정", en: "Settings" },
  archive: { ko: "보관함", en: "Archive" },
  // backup and restore
  backup: { ko: "백업", en: "Backup" },
  download_backup: { ko: "백업 내려받기", en: "Download backup" },
  backup_help: { ko: "게임이 진행 중이어도 데이터베이스 전체를 그대로 복사합니다. 학생들은 계속 답할 수 있습니다.", en: "A copy of the whole database, taken while games go on: students keep answering." },
  auto_backups: { ko: "자동 백업", en: "Automatic backups" },
  auto_on: { ko: "켜짐: 게임이 끝날 때와 매일, 최근 {n}개를 보관", en: "On: when a game finishes and daily, the last {n} kept" },
  auto_off: { ko: "꺼짐 (--auto-backup on 으로 켭니다)", en: "Off (turn on with --auto-backup on)" },
  backups_in: { ko: "백업 폴더", en: "Backups folder" },
  no_backups: { ko: "아직 백업이 없습니다.", en: "No backups yet." },
  file: { ko: "파일", en: "File" },
  size: { ko: "크기", en: "Size" },
  made: { ko: "만든 때", en: "Made" },
  restore: { ko: "복원", en: "Restore" },
  restore_help: { ko: "백업 파일로 모든 게임을 되돌립니다. 지금의 데이터베이스는 먼저 백업 폴더에 저장됩니다. 열려 있는 모든 화면이 새로 고쳐지고, 백업에 없는 학생은 다시 참가합니다. 비밀번호와 설정은 그대로입니다.", en: "Replaces every game with the backup's. The current database is first saved in the backups folder. Every open screen reloads; students whose seat is not in the backup join again. Your password and settings stay as they are." },
  restore_file: { ko: "백업 파일 (.db)", en: "Backup file (.db)" },
  restore_confirm: { ko: "지금의 게임들이 백업의 내용으로 바뀝니다", en: "The current games will be replaced by the backup's" },
  restore_button: { ko: "복원하기", en: "Restore" },
  restore_limit: { ko: "최대 크기", en: "Largest file" },
  restore_unconfirmed: { ko: "확인란을 선택한 뒤 다시 복원하세요.", en: "Tick the confirmation box, then restore again." },
  restored: { ko: "복원했습니다: 게임 {n}개. 이전 데이터베이스는 {file} 에 저장했습니다.", en: "Restored: {n} game(s). The previous database is saved as {file}." },
  // password
  password: { ko: "교사 비밀번호", en: "Teacher password" },
  current_password: { ko: "현재 비밀번호", en: "Current password" },
  new_password: { ko: "새 비밀번호 (6자 이상)", en: "New password (at least 6 characters)" },
  repeat_password: { ko: "새 비밀번호 다시 입력", en: "New password again" },
  change_password: { ko: "비밀번호 바꾸기", en: "Change password" },
  password_changed: { ko: "비밀번호를 바꿨습니다. 다른 곳의 교사 로그인은 모두 끝났습니다.", en: "Password changed. Every other teacher login has ended." },
  passwords_differ: { ko: "새 비밀번호 두 개가 서로 다릅니다.", en: "The two new passwords differ." },
  password_flag_note: { ko: "이 서버는 --admin-password 로 시작되었습니다. 다음에 시작할 때 그 비밀번호가 다시 적용됩니다.", en: "This server was started with --admin-password: that password applies again at the next start." },
  // language
  default_language: { ko: "기본 언어", en: "Default language" },
  default_language_help: { ko: "브라우저가 한국어도 영어도 원하지 않을 때 보여 줄 언어입니다.", en: "Shown when a browser asks for neither Korean nor English." },
  korean: { ko: "한국어", en: "Korean" },
  english: { ko: "영어", en: "English" },
  save: { ko: "저장", en: "Save" },
  saved: { ko: "저장했습니다.", en: "Saved." },
  // limits and about
  rate_limits: { ko: "요청 제한 (읽기 전용)", en: "Rate limits (read-only)" },
  rate_limits_help: { ko: "서버를 시작할 때 옵션이나 환경 변수로 바꿉니다.", en: "Change them with the flag or environment variable when starting the server." },
  limit: { ko: "제한", en: "Limit" },
  option: { ko: "옵션", en: "Option" },
  off: { ko: "끔", en: "off" },
  bucket_join: { ko: "참가", en: "Joining" },
  bucket_answer: { ko: "답 제출", en: "Answers" },
  bucket_create: { ko: "게임 만들기", en: "Creating games" },
  bucket_login: { ko: "교사 로그인", en: "Teacher login" },
  per: { ko: "회 /", en: "per" },
  about: { ko: "이 서버", en: "This server" },
  data_folder: { ko: "데이터 폴더", en: "Data folder" },
  database_size: { ko: "데이터베이스 크기", en: "Database size" },
  version: { ko: "버전", en: "Version" },
  retain: { ko: "끝난 게임 자동 삭제", en: "Finished games deleted after" },
  retain_days: { ko: "{n}일 후", en: "{n} days" },
  retain_off: { ko: "안 함 (--retain-days 로 켭니다)", en: "Never (set with --retain-days)" },
  // archive and delete
  archived_games: { ko: "보관한 게임", en: "Archived games" },
  no_archived: { ko: "보관한 게임이 없습니다.", en: "No archived games." },
  archive_game: { ko: "보관", en: "Archive" },
  unarchive: { ko: "목록으로 되돌리기", en: "Back to the list" },
  delete: { ko: "삭제", en: "Delete" },
  delete_title: { ko: "게임 삭제", en: "Delete a game" },
  delete_warning: { ko: "이 게임의 팀, 학생, 라운드, 답, 점수가 모두 영구히 지워집니다. 되돌릴 수 없습니다.", en: "Its teams, students, rounds, answers and scores are all removed for good. This cannot be undone." },
  export_first: { ko: "먼저 결과를 내보내세요:", en: "Export the results first:" },
  results_and_export: { ko: "결과와 내보내기", en: "Results and export" },
  delete_confirm: { ko: "영구히 삭제", en: "Delete for good" },
  cancel: { ko: "취소", en: "Cancel" },
  finish_first: { ko: "진행 중인 게임은 삭제할 수 없습니다. 먼저 게임을 끝내세요.", en: "A game being played cannot be deleted. Finish it first." },
} as const satisfies Record<string, Record<Lang, string>>;

export type AdminKey = keyof typeof TEXT;

export const at = texts(TEXT);

/** Text with {placeholders} filled: the result holds data, so render it with `safe`. */
export function atWith(lang: Lang, key: AdminKey, values: Record<string, string | number>): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}
