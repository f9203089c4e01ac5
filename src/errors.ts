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
  unknown_round_type: { status: 422, en: "There is no round of that type.", ko: "그런 종류의 라운드는 없습니다." },
  plan_locked: { status: 409, en: "That part of the plan has been played and cannot change.", ko: "계획의 그 부분은 이미 진행되어 바꿀 수 없습니다." },
  plan_done: { status: 409, en: "Every round of the plan has been played or skipped. Add a round to the plan, or finish the game.", ko: "계획의 라운드를 모두 진행했거나 건너뛰었습니다. 계획에 라운드를 더하거나 게임을 끝내세요." },
  plan_entry_not_found: { status: 404, en: "The plan has no round at that place.", ko: "계획의 그 자리에 라운드가 없습니다." },
  adjustment_not_found: { status: 404, en: "That score change does not exist in this game.", ko: "이 게임에 그 점수 기록이 없습니다." },
  not_adjustment: { status: 409, en: "Only a teacher's adjustment can be undone. To correct points from a round, add an adjustment.", ko: "선생님의 점수 조정만 되돌릴 수 있습니다. 라운드 점수를 고치려면 조정을 추가하세요." },
  already_undone: { status: 409, en: "That adjustment has already been undone.", ko: "그 조정은 이미 되돌렸습니다." },
  round_running: { status: 409, en: "A round is already running. End it first.", ko: "이미 진행 중인 라운드가 있습니다. 먼저 끝내세요." },
  already_found: { status: 409, en: "Your team already found that number.", ko: "우리 팀이 이미 찾은 수입니다." },
  question_closed: { status: 403, en: "This question is closed; answers are no longer accepted.", ko: "이 문제는 닫혔습니다. 더 이상 답을 받지 않습니다." },
  team_already_answered: { status: 409, en: "Your team has already answered this question.", ko: "우리 팀은 이 문제에 이미 답했습니다." },
  not_winner: { status: 409, en: "Only the team that won this question may choose whom to steal from.", ko: "이 문제를 이긴 팀만 점수를 뺏을 팀을 고를 수 있습니다." },
  already_stolen: { status: 409, en: "The steal for this question has already been made.", ko: "이 문제의 점수 뺏기는 이미 끝났습니다." },
  target_protected: { status: 409, en: "That team is protected on this question.", ko: "그 팀은 이번 문제에서 보호받고 있습니다." },
  target_not_eligible: { status: 422, en: "You cannot steal from that team (your own team, or another bracket).", ko: "그 팀에게서는 뺏을 수 없습니다 (우리 팀이거나 다른 조입니다)." },
  pick_pending: { status: 409, en: "A winning team has not chosen whom to steal from yet. Pick for them or skip the pick first.", ko: "이긴 팀이 아직 뺏을 팀을 고르지 않았습니다. 대신 고르거나 건너뛰세요." },
  round_closed: { status: 403, en: "The round is over; answers are no longer accepted.", ko: "라운드가 끝나 더 이상 답을 받지 않습니다." },
  invalid_expression: { status: 422, en: "That expression is not valid.", ko: "올바른 식이 아닙니다." },
  invalid_answer: { status: 422, en: "Type an answer of 1 to 100 characters.", ko: "1~100자의 답을 입력하세요." },
  no_questions: { status: 409, en: "There are no usable questions for that choice. Check the question bank (a relay set needs questions 1, 2, 3 … without gaps).", ko: "그 선택에 쓸 수 있는 문제가 없습니다. 문제 은행을 확인하세요 (릴레이 세트는 1, 2, 3 … 번 문제가 빠짐없이 있어야 합니다)." },
  question_not_found: { status: 404, en: "That question is not in the bank.", ko: "문제 은행에 그 문제가 없습니다." },
  image_too_large: { status: 413, en: "That image is larger than 5 MB.", ko: "그림이 5MB보다 큽니다." },
  unsupported_image: { status: 415, en: "Use a PNG, JPEG, WebP or GIF image (SVG and other files are not accepted).", ko: "PNG, JPEG, WebP, GIF 그림만 쓸 수 있습니다 (SVG나 다른 파일은 받지 않습니다)." },
  import_invalid: { status: 422, en: "The file could not be imported; nothing was saved. See the rows with problems.", ko: "파일을 가져오지 못했습니다. 아무것도 저장되지 않았습니다. 문제가 있는 줄을 확인하세요." },
  import_expired: { status: 410, en: "This import preview has expired or was saved already. Upload the file again.", ko: "이 가져오기 미리보기는 만료되었거나 이미 저장되었습니다. 파일을 다시 올리세요." },
  not_your_turn: { status: 403, en: "It is not your turn: this question is a teammate's, or not open now.", ko: "지금은 내 차례가 아닙니다. 팀원의 문제이거나 지금 열린 문제가 아닙니다." },
  already_answered: { status: 409, en: "Your team has already answered this question.", ko: "우리 팀이 이미 이 문제에 답했습니다." },
  teams_locked: { status: 409, en: "Students cannot change teams while this round runs. End the round first.", ko: "이 라운드가 진행되는 동안에는 팀을 바꿀 수 없습니다. 먼저 라운드를 끝내세요." },
  no_previous_answer: { status: 409, en: "This is the first question of its chain: there is no previous answer.", ko: "이 문제는 연결의 첫 문제라 앞 답이 없습니다." },
  sets_taken: { status: 409, en: "The bank already has other questions in relay sets with these names (P1 … S2), perhaps the other language's demo. Delete or rename those sets first.", ko: "문제 은행의 같은 이름 릴레이 세트(P1 … S2)에 이미 다른 문제가 있습니다 (다른 언어의 데모일 수 있습니다). 그 세트를 먼저 지우거나 이름을 바꾸세요." },
  game_in_play: { status: 409, en: "The game is being played. Finish it before deleting it.", ko: "진행 중인 게임입니다. 먼저 게임을 끝낸 뒤 삭제하세요." },
  game_not_finished: { status: 409, en: "Only finished games can be archived.", ko: "끝난 게임만 보관할 수 있습니다." },
  invalid_backup: { status: 422, en: "That file is not a TMC backup, or it is damaged.", ko: "TMC 백업 파일이 아니거나 손상된 파일입니다." },
  backup_too_new: { status: 409, en: "This backup was made by a newer version of TMC. Restore it with that version.", ko: "더 새로운 버전의 TMC로 만든 백업입니다. 그 버전에서 복원하세요." },
  wrong_current_password: { status: 403, en: "The current password is not right.", ko: "현재 비밀번호가 맞지 않습니다." },
  password_too_short: { status: 400, en: "The new password must be 6 to 200 characters long.", ko: "새 비밀번호는 6~200자여야 합니다." },
  codes_exhausted: { status: 503, en: "Too many open games; finish some first.", ko: "열린 게임이 너무 많습니다. 몇 개를 먼저 끝내세요." },
  wrong_pin: { status: 403, en: "That PIN is not right. Ask your teacher for the PIN that goes with your name.", ko: "PIN이 맞지 않습니다. 내 이름의 PIN을 선생님께 물어보세요." },
  cross_site: { status: 403, en: "This request came from another page or site, so it was refused. Open TMC's own page and try again.", ko: "다른 페이지나 사이트에서 온 요청이라 거절했습니다. TMC 페이지에서 직접 다시 시도하세요." },
  unknown_host: { status: 421, en: "This server does not answer to that name. Open it by this computer's address (shown when TMC starts) or localhost.", ko: "이 서버는 그 이름으로는 응답하지 않습니다. TMC를 시작할 때 보이는 이 컴퓨터의 주소나 localhost로 여세요." },
  too_many_streams: { status: 429, en: "Too many live pages are open from this device or network. Close a few tabs and try again.", ko: "이 기기나 네트워크에서 열린 실시간 화면이 너무 많습니다. 탭 몇 개를 닫고 다시 시도하세요." },
  rate_limited: { status: 429, en: "Too many tries. Wait a moment and try again.", ko: "너무 많이 시도했습니다. 잠시 후 다시 시도하세요." },
  payload_too_large: { status: 413, en: "That request is too large.", ko: "요청이 너무 큽니다." },
  internal: { status: 500, en: "Something went wrong on the server. Please try again.", ko: "서버에 문제가 생겼습니다. 다시 시도하세요." },
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type Lang = "ko" | "en";

/**
 * A refusal: a stable code, and in `detail` what a person needs to fix it — `field` (which input),
 * `reason` (a stable sub-code) and their parameters. Never a sentence: the edge renders the text
 * in the viewer's language (failText).
 */
export type Fail = { ok: false; code: ErrorCode; detail?: Record<string, unknown> };
export type Result<T extends object = object> = ({ ok: true } & T) | Fail;

export function fail(code: ErrorCode, detail?: Record<string, unknown>): Fail {
  return { ok: false, code, ...(detail ? { detail } : {}) };
}

export function errorMessage(code: ErrorCode, lang: Lang): string {
  return ERRORS[code][lang];
}

export function errorStatus(code: ErrorCode): number {
  return ERRORS[code].status;
}

/**
 * Sharper texts for a code with a given reason or field, e.g. `bad_state` + `game_waiting` →
 * "Start the game before a round." Each feature declares its own table (keyed "code:field:reason",
 * "code:reason" or "code:field") where it defines its refusals; the edge looks them up here.
 */
type Texts = Record<string, Record<Lang, string>>;
const reasonTexts = new Map<string, Record<Lang, string>>();
export function declareReasonTexts(table: Texts): void {
  for (const [key, text] of Object.entries(table)) reasonTexts.set(key, text);
}

/** The text for a refusal: the sharpest one declared for its reason or field, else its code's. */
export function failText(f: Pick<Fail, "code" | "detail">, lang: Lang): string {
  const reason = f.detail?.reason;
  const field = f.detail?.field;
  const r = typeof reason === "string" ? reason : "";
  const fl = typeof field === "string" ? field : "";
  const sharp = (r && fl && reasonTexts.get(`${f.code}:${fl}:${r}`)) || (r && reasonTexts.get(`${f.code}:${r}`)) || (fl && reasonTexts.get(`${f.code}:${fl}`));
  if (sharp) return sharp[lang];
  // A refused field without a sharper text is still named, so a person can find it on the form.
  if (f.code === "invalid_input" && /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(fl)) return `${ERRORS[f.code][lang]} (${fl})`;
  return ERRORS[f.code][lang];
}


/** Thrown inside a write() body to roll back with a typed error; caught by domain functions. */
export class Rollback extends Error {
  constructor(readonly failure: Fail) {
    super(failure.code);
  }
}
