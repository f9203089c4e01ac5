// What the Year Game judge's problems say, in Korean and English. The judge returns a message id
// and its parameters (src/rounds/year-game/types.ts); the edge renders them here.
import type { Lang } from "../../../src/errors.ts";
import type { YearMessage, YearMessageId, YearMessageParams } from "../../../src/rounds/year-game/types.ts";

type Say<K extends YearMessageId> = Record<Lang, (p: YearMessageParams[K]) => string>;

const PROBLEMS: { [K in YearMessageId]: Say<K> } = {
  expression_too_long: { en: (p) => `The expression is too long (at most ${p.max} characters).`, ko: (p) => `식이 너무 길어요 (최대 ${p.max}자).` },
  letter_x: { en: () => "Use × or * for multiplication, not the letter x.", ko: () => "곱셈은 문자 x가 아니라 × 또는 *로 써 주세요." },
  bad_char: { en: (p) => `The character “${p.char}” at position ${p.pos} cannot be used.`, ko: (p) => `${p.pos}번째 글자 “${p.char}”은(는) 쓸 수 없어요.` },
  unfinished: { en: () => "The expression is not finished.", ko: () => "식이 아직 끝나지 않았어요." },
  missing_operator: { en: (p) => `An operator is missing before position ${p.pos}: write 2×3, not 2(3).`, ko: (p) => `${p.pos}번째 앞에 연산 기호가 빠졌어요. 2(3) 대신 2×3처럼 써 주세요.` },
  unmatched_paren: { en: (p) => `The “)” at position ${p.pos} has no matching “(” or closes an empty group.`, ko: (p) => `${p.pos}번째 “)”와 짝이 맞는 “(”가 없거나 괄호 안이 비어 있어요.` },
  unexpected: { en: (p) => `“${p.text}” at position ${p.pos} is not expected here.`, ko: (p) => `${p.pos}번째 “${p.text}”은(는) 이 자리에 올 수 없어요.` },
  joining_off: {
    en: (p) => `Joining digits into one number (like ${p.example}) is turned off for this round; use each digit on its own.`,
    ko: (p) => `이번 라운드에서는 숫자를 이어 붙여(예: ${p.example}) 쓸 수 없어요. 숫자를 하나씩 따로 써 주세요.`,
  },
  joined_leading_zero: { en: (p) => `A joined number cannot start with 0 (${p.example}).`, ko: (p) => `이어 붙인 수는 0으로 시작할 수 없어요 (${p.example}).` },
  power_off: { en: () => "Powers (^) are turned off for this round.", ko: () => "이번 라운드에서는 거듭제곱(^)을(를) 쓸 수 없어요." },
  factorial_off: { en: () => "Factorials (!) are turned off for this round.", ko: () => "이번 라운드에서는 팩토리얼(!)을(를) 쓸 수 없어요." },
  perm_off: { en: () => "Permutations (P) are turned off for this round.", ko: () => "이번 라운드에서는 순열(P)을(를) 쓸 수 없어요." },
  comb_off: { en: () => "Combinations (C) are turned off for this round.", ko: () => "이번 라운드에서는 조합(C)을(를) 쓸 수 없어요." },
  sqrt_off: { en: () => "Square roots (√) are turned off for this round.", ko: () => "이번 라운드에서는 제곱근(√)을(를) 쓸 수 없어요." },
  digits_mismatch: {
    en: (p) => `Use each of the digits ${p.digits} exactly once.` + (p.missing ? ` Missing: ${p.missing}.` : "") + (p.extra ? ` Extra or not given: ${p.extra}.` : ""),
    ko: (p) => `숫자 ${p.digits}을(를) 각각 정확히 한 번씩 써야 해요.` + (p.missing ? ` 빠진 숫자: ${p.missing}.` : "") + (p.extra ? ` 더 썼거나 주어지지 않은 숫자: ${p.extra}.` : ""),
  },
  numbers_too_large: { en: (p) => `The numbers get too large to work with (over ${p.bits} bits); try a smaller expression.`, ko: (p) => `계산 중에 수가 너무 커져요 (${p.bits}비트 초과). 더 작은 식을 써 보세요.` },
  factorial_domain: { en: (p) => `Factorial (!) needs a whole number from 0 to ${p.max}; got ${p.got}.`, ko: (p) => `팩토리얼(!)은 0부터 ${p.max}까지의 정수에만 쓸 수 있어요 (받은 값: ${p.got}).` },
  choose_domain: { en: (p) => `${p.op} needs whole numbers with 0 ≤ r ≤ n; got n = ${p.n}, r = ${p.r}.`, ko: (p) => `${p.op}은 0 ≤ r ≤ n인 정수에만 쓸 수 있어요 (n = ${p.n}, r = ${p.r}).` },
  exponent_not_integer: { en: (p) => `Exponents must be whole numbers; got ${p.got}.`, ko: (p) => `지수는 정수여야 해요 (받은 값: ${p.got}).` },
  zero_pow_zero: { en: () => "0^0 is undefined.", ko: () => "0^0은 정의되지 않아요." },
  zero_negative_power: { en: () => "0 cannot be raised to a negative power.", ko: () => "0의 음수 거듭제곱은 정의되지 않아요." },
  sqrt_negative: { en: () => "The square root of a negative number is not allowed.", ko: () => "음수의 제곱근은 구할 수 없어요." },
  sqrt_irrational: { en: (p) => `√${p.value} is not a rational number.`, ko: (p) => `√${p.value}은(는) 유리수가 아니에요.` },
  division_by_zero: { en: () => "Division by zero is not allowed.", ko: () => "0으로 나눌 수 없어요." },
  not_integer: { en: (p) => `The value is ${p.value}, which is not a whole number.`, ko: (p) => `값이 ${p.value}(으)로 정수가 아니에요.` },
  out_of_range: { en: (p) => `The value ${p.value} is outside the target range ${p.min}–${p.max}.`, ko: (p) => `값 ${p.value}은(는) 목표 범위 ${p.min}~${p.max}를 벗어났어요.` },
  target_mismatch: { en: (p) => `The expression makes ${p.value}, not ${p.claimed}.`, ko: (p) => `이 식의 값은 ${p.claimed}이(가) 아니라 ${p.value}입니다.` },
};

/** The sentence for a judge's problem, in the viewer's language (plain text: render it escaped). */
export function yearProblemText(m: YearMessage, lang: Lang): string {
  return (PROBLEMS[m.id][lang] as (p: unknown) => string)(m.params);
}
