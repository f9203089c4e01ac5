// Stable error codes shared by the pages and the JSON API; translated only at the edge.

export const ERRORS = {
  invalid_input: { status: 400, en: "Some of the information is missing or not valid.", ko: "입력한 정보가 없거나 올바르지 않습니다." },
  invalid_json: { status: 400, en: "The request body is not valid JSON.", ko: "요청 본문이 올바른 JSON이 아닙니다." },
  unauthorized: { status: 401, en: "Please log in as the teacher first.", ko: "먼저 교사로 로그인하세요." },
  wrong_password: { status: 401, en: "That password is not right.", ko: "비밀번호가 맞지 않습니다." },
  forbidden: { status: 403, en: "You are not allowed to do that.", ko: "이 작업을 할 권한이 없습니다." },
  not_participant: { status: 403, en: "Join the game first.", ko: "먼저 게임에 참가하세요." },
  not_found: { status: 404, en: "Nothing here.", ko: "찾을 수 없습니다." },
  game_not_found: { status: 404, en: "No game has that code. Check the code on the screen.", ko: "그 코드의 게임이 없습니다. 화면의 코드를 확인하세요." },
  team_not_found: { status: 404, en: "That team does not exist in this game.", ko: "이 게임에 그 팀이 없습니다." },
  participant_not_found: { status: 404, en: "That student is not in this game.", ko: "이 게임에 그 학생이 없습니다." },
  round_not_found: { status: 404, en: "That round does not exist.", ko: "그 라운드가 없습니다." },
  game_full: { status: 409, en: "This game is full.", ko: "이 게임은 자리가 다 찼습니다." },
  nickname_taken: { status: 409, en: "Someone in this game already uses that nickname. Pick another.", ko: "이 게임에 같은 닉네임이 이미 있습니다. 다른 닉네임을 고르세요." },
  game_locked: { status: 409, en: "The teacher has closed joining for now.", ko: "선생님이 지금은 참가를 막아 두었습니다." },
  game_not_joinable: { status: 409, en: "This game is no longer accepting players.", ko: "이 게임은 더 이상 참가를 받지 않습니다." },
  roster_name_taken: { status: 409, en: "That name has already been claimed on another device.", ko: "그 이름은 이미 다른 기기에서 선택되었습니다." },
  roster_required: { status: 409, en: "Pick your name from the list.", ko: "목록에서 이름을 고르세요." },
  bad_state: { status: 409, en: "The game is not in a state that allows this.", ko: "지금 게임 상태에서는 할 수 없습니다." },
  round_running: { status: 409, en: "A round is already running. End it first.", ko: "이미 진행 중인 라운드가 있습니다. 먼저 끝내세요." },
  already_found: { status: 409, en: "Your team already found that number.", ko: "우리 팀이 이미 찾은 수입니다." },
  round_closed: { status: 403, en: "The round is over; answers are no longer accepted.", ko: "라운드가 끝나 더 이상 답을 받지 않습니다." },
  invalid_expression: { status: 422, en: "That expression is not valid.", ko: "올바른 식이 아닙니다." },
  game_in_play: { status: 409, en: "The game is being played. Finish it before deleting it.", ko: "진행 중인 게임입니다. 먼저 게임을 끝낸 뒤 삭제하세요." },
  game_not_finished: { status: 409, en: "Only finished games can be archived.", ko: "끝난 게임만 보관할 수 있습니다." },
  invalid_backup: { status: 422, en: "That file is not a TMC backup, or it is damaged.", ko: "TMC 백업 파일이 아니거나 손상된 파일입니다." },
  backup_too_new: { status: 409, en: "This backup was made by a newer version of TMC. Restore it with that version.", ko: "더 새로운 버전의 TMC로 만든 백업입니다. 그 버전에서 복원하세요." },
  wrong_current_password: { status: 403, en: "The current password is not right.", ko: "현재 비밀번호가 맞지 않습니다." },
  password_too_short: { status: 400, en: "The new password must be 6 to 200 characters long.", ko: "새 비밀번호는 6~200자여야 합니다." },
  codes_exhausted: { status: 503, en: "Too many open games; finish some first.", ko: "열린 게임이 너무 많습니다. 몇 개를 먼저 끝내세요." },
  rate_limited: { status: 429, en: "Too many tries. Wait a moment and try again.", ko: "너무 많이 시도했습니다. 잠시 후 다시 시도하세요." },
  payload_too_large: { status: 413, en: "That request is too large.", ko: "요청이 너무 큽니다." },
  internal: { status: 500, en: "Something went wrong on the server. Please try again.", ko: "서버에 문제가 생겼습니다. 다시 시도하세요." },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = "ko" | "en";

export type Fail = { ok: false; code: ErrorCode; detail?: Record<string, unknown>; message?: string };
export type Result<T extends object = object> = ({ ok: true } & T) | Fail;

export function fail(code: ErrorCode, detail?: Record<string, unknown>, message?: string): Fail {
  return { ok: false, code, ...(detail ? { detail } : {}), ...(message ? { message } : {}) };
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/** Thrown inside a write() body to roll back with a typed error; caught by domain functions. */
export class Rollback extends Error {
  constructor(readonly failure: Fail) {
    super(failure.code);
  }
}
