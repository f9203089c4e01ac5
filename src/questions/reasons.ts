// Every reason code the question bank reports — a field that fails validation, a chain
// problem, an import problem, a refused answer, a math problem, an unusable relay input — with
// its text in Korean and English. Domain code returns only the codes; the edge renders
// `reasonMessage(code, lang)` (fields are named by the caller: "answerTable: …").
import type { Lang } from "../errors.ts";

export const QUESTION_REASONS = {
  // validate.ts — one field
  not_object: { en: "Send the question as an object of fields.", ko: "문제를 필드들의 객체로 보내세요." },
  unknown_field: { en: "This field is not part of a question (check the spelling).", ko: "문제에 없는 항목입니다 (철자를 확인하세요)." },
  required: { en: "Fill this in.", ko: "이 항목을 채우세요." },
  not_text: { en: "This must be text.", ko: "글자로 써야 합니다." },
  not_integer: { en: "This must be a whole number.", ko: "정수여야 합니다." },
  not_boolean: { en: "This must be yes or no.", ko: "예 또는 아니오여야 합니다." },
  not_list: { en: "This must be a list.", ko: "목록이어야 합니다." },
  too_long: { en: "This is too long.", ko: "너무 깁니다." },
  too_many: { en: "This list has too many items.", ko: "목록의 항목이 너무 많습니다." },
  out_of_range: { en: "This number is outside the allowed range.", ko: "허용 범위를 벗어난 수입니다." },
  bad_characters: { en: "This contains control characters.", ko: "제어 문자가 들어 있습니다." },
  bad_category: { en: "The category must be score_steal or relay.", ko: "분류는 score_steal 또는 relay여야 합니다." },
  bad_set_name: { en: "A set name uses letters, digits, - and _ only (e.g. P1).", ko: "세트 이름에는 글자, 숫자, -, _만 쓸 수 있습니다 (예: P1)." },
  bad_external_id: { en: "An external id uses letters, digits and . _ : - only.", ko: "외부 ID에는 글자, 숫자와 . _ : -만 쓸 수 있습니다." },
  not_for_score_steal: { en: "Score Steal questions have no set, order or previous answer.", ko: "점수 뺏기 문제에는 세트, 순서, 앞 답이 없습니다." },
  first_question: { en: "The first question of a set has no previous answer to use.", ko: "세트의 첫 문제는 앞 답을 쓸 수 없습니다." },
  rule_required: { en: "Say how the answer follows from T: a formula or a table.", ko: "답이 T에서 어떻게 나오는지 식이나 표로 적으세요." },
  two_rules: { en: "Give a formula or a table, not both.", ko: "식과 표 중 하나만 적으세요." },
  rule_without_previous: { en: "A formula or table needs \"uses the previous answer\".", ko: "식이나 표를 쓰려면 '앞 답 사용'을 켜세요." },
  not_with_previous: { en: "Alternatives do not apply to an answer computed from T.", ko: "T로 계산되는 답에는 다른 정답을 둘 수 없습니다." },
  formula_syntax: { en: "The formula cannot be read (e.g. T + 5, 2*T, (T+1)/2, T^2 - 1).", ko: "식을 읽을 수 없습니다 (예: T + 5, 2*T, (T+1)/2, T^2 - 1)." },
  formula_without_t: { en: "The formula does not use T.", ko: "식에 T가 없습니다." },
  table_empty: { en: "The table has no rows.", ko: "표에 줄이 없습니다." },
  table_bad_row: { en: "Each table row needs an input and an answer.", ko: "표의 각 줄에 입력과 답이 있어야 합니다." },
  table_duplicate_input: { en: "This input is already in the table.", ko: "이 입력은 이미 표에 있습니다." },
  // chain.ts / relay-rule.ts — a step of a chain, or the input a student received
  order_gap: { en: "The set's questions are not numbered 1, 2, 3 … without gaps.", ko: "세트의 문제 번호가 1, 2, 3 … 처럼 빠짐없이 이어지지 않습니다." },
  previous_missing: { en: "There is no previous answer to use.", ko: "사용할 앞 답이 없습니다." },
  answer_mismatch: { en: "The stated answer differs from what the formula or table gives.", ko: "적은 답이 식이나 표로 나오는 답과 다릅니다." },
  missing: { en: "No answer was passed on.", ko: "전달된 답이 없습니다." },
  not_a_number: { en: "The answer passed on is not a number.", ko: "전달된 답이 수가 아닙니다." },
  not_in_table: { en: "The answer passed on is not in the table.", ko: "전달된 답이 표에 없습니다." },
  division_by_zero: { en: "The formula divides by zero for this input.", ko: "이 입력에서 식이 0으로 나눕니다." },
  too_large: { en: "The numbers get too large.", ko: "수가 너무 커집니다." },
  undefined: { en: "The formula is not defined for this input.", ko: "이 입력에서는 식의 값이 정의되지 않습니다." },
  // answer-check.ts — a refused answer (invalid_answer)
  empty: { en: "Type an answer.", ko: "답을 입력하세요." },
  // math.ts
  latex_error: { en: "This math cannot be read; it is shown as plain text.", ko: "이 수식을 읽을 수 없어 글자 그대로 보입니다." },
  untrusted_command: { en: "Links, pictures and HTML are not allowed inside math; it is shown as plain text.", ko: "수식 안에는 링크, 그림, HTML을 쓸 수 없어 글자 그대로 보입니다." },
  // images.ts / import
  image_missing: { en: "The image file named here is not in the file.", ko: "여기 적힌 그림 파일이 없습니다." },
  image_too_large: { en: "The image is larger than 5 MB.", ko: "그림이 5MB보다 큽니다." },
  unsupported_image: { en: "Only PNG, JPEG, WebP and GIF images are accepted.", ko: "PNG, JPEG, WebP, GIF 그림만 받습니다." },
  // import.ts — the whole file or one row
  empty_file: { en: "The file is empty.", ko: "파일이 비어 있습니다." },
  file_too_large: { en: "The file is too large.", ko: "파일이 너무 큽니다." },
  bad_json: { en: "The file is not valid JSON (a list of questions).", ko: "올바른 JSON (문제 목록) 파일이 아닙니다." },
  missing_column: { en: "A required column is missing from the header.", ko: "머리글에 꼭 필요한 열이 없습니다." },
  unknown_column: { en: "The header has a column this program does not know.", ko: "머리글에 알 수 없는 열이 있습니다." },
  duplicate_column: { en: "The header names a column twice.", ko: "머리글에 같은 열이 두 번 있습니다." },
  too_many_rows: { en: "The file has too many questions.", ko: "파일에 문제가 너무 많습니다." },
  zip_bad: { en: "The zip file cannot be read.", ko: "zip 파일을 읽을 수 없습니다." },
  zip_too_large: { en: "The zip file is too large.", ko: "zip 파일이 너무 큽니다." },
  zip_too_many_entries: { en: "The zip file holds too many files.", ko: "zip 파일 안의 파일이 너무 많습니다." },
  zip_bomb: { en: "The zip file unpacks to far more than it holds; refused.", ko: "zip 파일이 풀면 지나치게 커집니다. 받지 않습니다." },
  zip_no_questions: { en: "The zip file holds no questions.csv or questions.json.", ko: "zip 파일에 questions.csv나 questions.json이 없습니다." },
  duplicate_external_id: { en: "Another row has the same external id.", ko: "다른 줄에 같은 외부 ID가 있습니다." },
  duplicate_set_order: { en: "Another row has the same set and order.", ko: "다른 줄에 같은 세트와 순서가 있습니다." },
  set_order_taken: { en: "The bank already has another question at this set and order.", ko: "은행에 이미 같은 세트와 순서의 다른 문제가 있습니다." },
  // snapshot.ts — why a selection has no questions (no_questions)
  empty_selection: { en: "No question matches this choice.", ko: "이 선택에 맞는 문제가 없습니다." },
  set_missing: { en: "This set is not in the bank.", ko: "은행에 이 세트가 없습니다." },
  set_incomplete: { en: "This set's questions are not numbered 1, 2, 3 … without gaps.", ko: "이 세트의 문제 번호가 빠짐없이 이어지지 않습니다." },
  set_broken: { en: "This set's chain has a problem (see the bank).", ko: "이 세트의 연결에 문제가 있습니다 (문제 은행을 보세요)." },
  duplicate_set: { en: "The same set is chosen twice.", ko: "같은 세트를 두 번 골랐습니다." },
  set_sizes_differ: { en: "The chosen sets do not all have the same number of questions.", ko: "고른 세트들의 문제 수가 같지 않습니다." },
} as const satisfies Record<string, Record<Lang, string>>;

export type QuestionReason = keyof typeof QUESTION_REASONS;

export function reasonMessage(reason: QuestionReason, lang: Lang): string {
  return QUESTION_REASONS[reason][lang];
}
