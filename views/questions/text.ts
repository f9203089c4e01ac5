// Question bank UI text (ko, en): the pages, the editor's field labels, the import help.
import { texts } from "../i18n.ts";
import type { Lang } from "../../src/errors.ts";
import { QUESTION_REASONS, reasonMessage, type QuestionReason } from "../../src/questions/reasons.ts";
import type { FieldError } from "../../src/questions/validate.ts";

const TEXT = {
  bank: { ko: "문제 은행", en: "Question bank" },
  new_question: { ko: "새 문제", en: "New question" },
  edit_question: { ko: "문제 고치기", en: "Edit question" },
  import: { ko: "가져오기", en: "Import" },
  import_title: { ko: "문제 가져오기", en: "Import questions" },
  export: { ko: "내보내기", en: "Export" },
  filter: { ko: "찾기", en: "Filter" },
  search: { ko: "검색어", en: "Search" },
  all: { ko: "전체", en: "All" },
  score_steal: { ko: "점수 뺏기", en: "Score Steal" },
  relay: { ko: "릴레이", en: "Relay" },
  no_questions: { ko: "조건에 맞는 문제가 없습니다.", en: "No questions match." },
  empty_bank: { ko: "문제 은행이 비어 있습니다. 새 문제를 쓰거나, 파일을 가져오거나, 데모 문제를 넣어 보세요.", en: "The bank is empty. Write a question, import a file, or add the demo questions." },
  shown_of: { ko: "개 중 처음", en: "shown of" },
  narrow: { ko: "조건을 좁혀 보세요.", en: "Narrow the filter to see the rest." },
  count_questions: { ko: "문제", en: "questions" },
  sets: { ko: "릴레이 세트", en: "Relay sets" },
  set_ok: { ko: "이상 없음", en: "OK" },
  set_problem: { ko: "문제 있음", en: "Has problems" },
  open: { ko: "열기", en: "Open" },
  edit: { ko: "고치기", en: "Edit" },
  save: { ko: "저장", en: "Save" },
  saved: { ko: "저장했습니다.", en: "Saved." },
  preview: { ko: "미리보기", en: "Preview" },
  preview_hint: { ko: "학생 휴대폰과 프로젝터에 보이는 모습입니다. 입력하는 대로 바뀝니다.", en: "As students will see it on a phone and on the projector; it follows your typing." },
  phone: { ko: "휴대폰", en: "Phone" },
  projector: { ko: "프로젝터", en: "Projector" },
  math_problems: { ko: "수식 문제", en: "Math problems" },
  at_char: { ko: "번째 글자", en: "at character" },
  image: { ko: "그림", en: "Image" },
  figure_alt: { ko: "문제 그림", en: "Figure for the question" },
  no_image: { ko: "그림이 없습니다.", en: "No image." },
  choose_image: { ko: "그림 파일 (PNG, JPEG, WebP, GIF, 5MB까지)", en: "Image file (PNG, JPEG, WebP or GIF, up to 5 MB)" },
  upload_image: { ko: "그림 올리기", en: "Upload image" },
  remove_image: { ko: "그림 빼기", en: "Remove image" },
  image_secret: { ko: "그림은 문제가 열린 뒤에만 학생에게 보입니다.", en: "Students see the image only once the question is open." },
  try_answer: { ko: "답 시험해 보기", en: "Try an answer" },
  try_hint: { ko: "라운드와 같은 채점기로 확인합니다.", en: "Checked by the same checker the rounds use." },
  answer_to_try: { ko: "시험할 답", en: "Answer to try" },
  previous_given: { ko: "받은 앞 답 T (비우면 정답 연결의 값)", en: "Previous answer T as received (empty: the chain's correct one)" },
  check: { ko: "확인", en: "Check" },
  accepted: { ko: "정답으로 인정됩니다.", en: "Accepted as correct." },
  not_accepted: { ko: "정답이 아닙니다.", en: "Not accepted." },
  expected: { ko: "기대한 답", en: "Expected" },
  follow_through: { ko: "받은 앞 답을 따라 맞힘", en: "correct for the previous answer received" },
  duplicate: { ko: "복제", en: "Duplicate" },
  delete: { ko: "지우기…", en: "Delete…" },
  delete_confirm: { ko: "이 문제를 지울까요? 되돌릴 수 없습니다. 이미 치른 라운드의 기록은 그대로 남습니다.", en: "Delete this question? This cannot be undone. Rounds already played keep their copy." },
  delete_yes: { ko: "예, 지웁니다", en: "Yes, delete it" },
  deleted: { ko: "문제를 지웠습니다.", en: "Question deleted." },
  back_to_bank: { ko: "문제 은행으로", en: "Back to the bank" },
  set_view: { ko: "세트 보기", en: "View the set" },
  set: { ko: "세트", en: "Set" },
  chain: { ko: "답의 연결", en: "The chain of answers" },
  chain_hint: { ko: "각 문제의 정답이 다음 문제의 T가 됩니다.", en: "Each question's correct answer is the next one's T." },
  input_t: { ko: "T (앞 답)", en: "T (previous)" },
  correct_answer: { ko: "정답", en: "Correct answer" },
  problem: { ko: "문제점", en: "Problem" },
  move: { ko: "순서", en: "Move" },
  move_up: { ko: "위로", en: "up" },
  move_down: { ko: "아래로", en: "down" },
  add_to_set: { ko: "이 세트에 문제 더하기", en: "Add a question to this set" },
  question: { ko: "문제", en: "Question" },
  warnings: { ko: "연결 경고", en: "Chain warnings" },
  demo: { ko: "데모 문제 넣기", en: "Add the demo questions" },
  demo_hint: { ko: "이 프로그램에 들어 있는 예시 문제(점수 뺏기 10문제, 릴레이 세트 P1…S2)를 넣습니다. 다시 넣으면 데모 문제만 원래대로 돌아갑니다.", en: "Adds the example questions shipped with this program (10 Score Steal questions, relay sets P1…S2). Adding again restores the demo questions only." },
  demo_lang: { ko: "언어", en: "Language" },
  korean: { ko: "한국어", en: "Korean" },
  english: { ko: "영어", en: "English" },
  demo_added: { ko: "데모 문제를 넣었습니다", en: "Demo questions added" },
  sets_taken_list: { ko: "이미 쓰이는 세트", en: "Sets already in use" },
  created: { ko: "새로 추가", en: "added" },
  updated: { ko: "고침", en: "updated" },
  file: { ko: "파일 (CSV, JSON 또는 ZIP)", en: "File (CSV, JSON or ZIP)" },
  import_hint: { ko: "먼저 미리보기로 각 줄을 확인합니다. 저장은 전부 되거나 하나도 안 됩니다.", en: "The preview shows every row first. Saving saves every row or none." },
  check_file: { ko: "미리보기", en: "Preview" },
  line: { ko: "줄", en: "Line" },
  action: { ko: "처리", en: "Action" },
  action_create: { ko: "추가", en: "Add" },
  action_update: { ko: "고침", en: "Update" },
  action_none: { ko: "—", en: "—" },
  errors: { ko: "오류", en: "Errors" },
  rows_total: { ko: "줄", en: "rows" },
  rows_with_errors: { ko: "줄에 오류", en: "with errors" },
  fix_and_retry: { ko: "오류를 고친 뒤 다시 올리세요. 아무것도 저장되지 않았습니다.", en: "Fix the errors and upload again. Nothing was saved." },
  save_import: { ko: "가져오기 저장", en: "Save the import" },
  import_saved: { ko: "가져왔습니다", en: "Imported" },
  csv_columns: { ko: "CSV 열", en: "CSV columns" },
  csv_columns_hint: { ko: "첫 줄에 열 이름을 적습니다 (순서 자유, category와 text만 꼭 필요). 한국어 열 이름도 됩니다. 목록은 |로 나눕니다.", en: "The first row names the columns (any order; only category and text are required). Korean names work too. Lists are separated by |." },
  column: { ko: "열", en: "Column" },
  korean_name: { ko: "한국어 이름", en: "Korean name" },
  meaning: { ko: "뜻", en: "Meaning" },
  template: { ko: "양식 내려받기", en: "Download a template" },
  template_ko: { ko: "한국어 양식 (CSV)", en: "Korean template (CSV)" },
  template_en: { ko: "영어 양식 (CSV)", en: "English template (CSV)" },
  excel_note: { ko: "엑셀에서 저장한 CSV(CP949)도 읽습니다. 엑셀은 3/4 같은 값을 날짜로 바꿀 수 있으니 그 열은 텍스트 형식으로 두세요.", en: "CSV saved by Korean Excel (CP949) is read too. Excel may turn 3/4 into a date: format such columns as text." },
  zip_note: { ko: "ZIP: questions.csv 또는 questions.json과 그 안에서 이름으로 가리킨 그림 파일들.", en: "ZIP: questions.csv or questions.json and the image files it names." },
  yes: { ko: "예", en: "yes" },
  points_short: { ko: "점", en: "pts" },
  tags_hint: { ko: "쉼표로 나눕니다", en: "separated by commas" },
  lines_hint: { ko: "한 줄에 하나", en: "one per line" },
  table_hint: { ko: "한 줄에 하나: 앞 답 = 이 문제의 답 (예: 5 = 1)", en: "One per line: previous answer = this answer (e.g. 5 = 1)" },
  formula_hint: { ko: "예: T + 5, 2*T, (T+1)/2, T^2 - 1", en: "e.g. T + 5, 2*T, (T+1)/2, T^2 - 1" },
  relay_fields: { ko: "릴레이 설정", en: "Relay settings" },
  more_fields: { ko: "더 보기: 시간, 풀이, 태그…", en: "More: time, explanation, tags…" },
  unit: { ko: "단위", en: "Unit" },
} as const satisfies Record<string, Record<Lang, string>>;

export type BankTextKey = keyof typeof TEXT;

export const qt = texts(TEXT);

/** The editor's label for each field of a question (also names the field in error messages). */
export const FIELD_LABELS = {
  category: { ko: "분류", en: "Category" },
  set: { ko: "세트", en: "Set" },
  order: { ko: "순서", en: "Order" },
  text: { ko: "문제", en: "Question" },
  answer: { ko: "정답", en: "Answer" },
  alternatives: { ko: "다른 정답", en: "Other accepted answers" },
  points: { ko: "배점", en: "Points" },
  timeLimitSeconds: { ko: "제한 시간(초)", en: "Time limit (seconds)" },
  explanation: { ko: "풀이 (답 공개 후 보임)", en: "Explanation (shown after the answer)" },
  unit: { ko: "단위", en: "Unit" },
  tags: { ko: "태그", en: "Tags" },
  externalId: { ko: "외부 ID", en: "External id" },
  usesPrevious: { ko: "앞 문제의 답(T)을 사용", en: "Uses the previous answer (T)" },
  answerFormula: { ko: "T로 답 구하는 식", en: "Answer formula in T" },
  answerTable: { ko: "답표", en: "Answer table" },
  image: { ko: "그림", en: "Image" },
  sets: { ko: "세트", en: "Sets" },
} as const satisfies Record<string, Record<Lang, string>>;

export type FieldName = keyof typeof FIELD_LABELS;

export const fl = texts(FIELD_LABELS);

/** A field's label, or the raw field name for one the editor does not know (e.g. an unknown CSV field). */
export function fieldLabel(field: string, lang: Lang): string {
  return field in FIELD_LABELS ? FIELD_LABELS[field as FieldName][lang] : field;
}

const isReason = (r: unknown): r is QuestionReason => typeof r === "string" && r in QUESTION_REASONS;

/** A field problem's reason in words ("Fill this in."). */
export function reasonText(e: Pick<FieldError, "reason">, lang: Lang): string {
  return isReason(e.reason) ? reasonMessage(e.reason, lang) : String(e.reason);
}

/** One field problem in words: "Answer: Fill this in." (an item of a list says which: "Tags 2: …"). */
export function fieldErrorText(e: FieldError, lang: Lang): string {
  const where = e.field ? `${fieldLabel(e.field, lang)}${e.index !== undefined ? ` ${e.index + 1}` : ""}: ` : "";
  return where + reasonText(e, lang);
}

/** The meaning of each CSV column, for the import page (keys as in src/questions/csv.ts). */
export const CSV_HELP: Record<string, Record<Lang, string>> = {
  external_id: { ko: "내 ID. 은행에 같은 ID가 있으면 그 문제를 고칩니다", en: "your id for the row; a row whose id is in the bank updates that question" },
  category: { ko: "score_steal 또는 relay (점수뺏기 / 릴레이도 됨)", en: "score_steal or relay (also 점수뺏기 / 릴레이)" },
  set: { ko: "릴레이: 세트 이름, 예: P1", en: "relay: the set's name, e.g. P1" },
  order: { ko: "릴레이: 세트 안의 순서 1..50", en: "relay: position in the set, 1..50" },
  text: { ko: "문제. 수식은 $…$ 또는 \\(…\\) 사이에", en: "the question; LaTeX between $…$ or \\(…\\)" },
  image: { ko: "ZIP 가져오기: ZIP 안의 그림 파일 이름 (예: images/tri.png)", en: "zip import: the image's file name inside the zip (e.g. images/tri.png)" },
  answer: { ko: "정답. T로 계산되는 릴레이 답은 비움", en: "the answer; empty for a relay answer computed from T" },
  alternatives: { ko: "다른 정답, a|b", en: "other accepted answers, a|b" },
  points: { ko: "기본 100 (1..10000)", en: "default 100 (1..10000)" },
  time_limit_seconds: { ko: "5..3600, 라운드의 문제당 시간 대신", en: "5..3600, overrides the round's time per question" },
  explanation: { ko: "답을 공개한 뒤 보임", en: "shown after the answer is revealed" },
  unit: { ko: "예: cm. 그러면 12 대신 12 cm도 정답 (12 mm는 아님)", en: "e.g. cm: then 12 cm is accepted for 12 (12 mm is not)" },
  tags: { ko: "a|b", en: "a|b" },
  uses_previous: { ko: "릴레이: 앞 답 T로 답이 정해지면 yes", en: "relay: yes when the answer follows from the previous answer T" },
  answer_formula: { ko: "T + 5, 2*T, 2T, (T+1)/2, T^2 - 1", en: "T + 5, 2*T, 2T, (T+1)/2, T^2 - 1" },
  answer_table: { ko: "앞답=답 쌍, 1=4|2=9|3/4=1/2", en: "input=answer pairs, 1=4|2=9|3/4=1/2" },
};

/**
 * User text for an attribute value. @kitajs/html escapes only `"` in attributes, which is safe
 * (the value cannot end early) but leaves `<` readable in the page source; escaping it too keeps
 * a search box holding `<script>` from looking like markup to anyone reading the HTML.
 */
export function attrText(s: string | null | undefined): string {
  return (s ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
