// Public façade of the Year Game rules: types, defaults, digit draws, judging,
// live preview and scoring. Everything here is pure (no I/O, no clock).

import { evaluate } from './evaluate';
import { formatNode, parse, tokenize, type Token, type YearNode } from './parse';
import { isInteger, toString as ratToString, type Rational } from '../../math/rational.ts';
import { solveCandidates } from './solver';

export { MAX_SOLVER_DIGITS } from './solver';

/** Longest accepted input, in UTF-16 units; checked before any tokenizing. */
export const MAX_EXPRESSION_LENGTH = 80;

export type YearOperators = {
  power: boolean;
  factorial: boolean;
  perm: boolean;
  comb: boolean;
  sqrt: boolean;
  concat: boolean;
};

export type YearRules = {
  digits: number[];
  targetMin: number;
  targetMax: number;
  operators: YearOperators;
};

export type YearErrorReason =
  | 'syntax'
  | 'digits_mismatch'
  | 'not_integer'
  | 'out_of_range'
  | 'division_by_zero'
  | 'domain'
  | 'operator_not_allowed'
  | 'too_large';

export const YEAR_ERROR_REASONS: readonly YearErrorReason[] = [
  'syntax',
  'digits_mismatch',
  'not_integer',
  'out_of_range',
  'division_by_zero',
  'domain',
  'operator_not_allowed',
  'too_large',
];

export type YearProblem = { reason: YearErrorReason; message: string; messageKo: string };

export type YearCheckResult =
  | { ok: true; value: number; normalized: string }
  | ({ ok: false } & YearProblem);

export type YearPreview = {
  /** Exact value ("12", "2/3", "-1/4") once the input parses and evaluates; otherwise null. */
  value: string | null;
  /** The input parses and uses every given digit exactly once, i.e. it is ready to submit. */
  complete: boolean;
  /** Digits typed so far, in order, repeats kept (for greying out keypad buttons). */
  usedDigits: number[];
  /** A problem that more typing cannot fix, or the final verdict once complete. */
  error?: YearProblem;
};

export type YearScoring = { kind: 'value' } | { kind: 'range' } | { kind: 'flat'; points: number };

export function defaultYearRules(digits: number[]): YearRules {
  return {
    digits: [...digits],
    targetMin: 1,
    targetMax: 100,
    operators: { power: true, factorial: true, perm: true, comb: true, sqrt: false, concat: false },
  };
}

function problem(reason: YearErrorReason, message: string, messageKo: string): YearProblem {
  return { reason, message, messageKo };
}

const OPERATOR_NAMES: Record<Exclude<keyof YearOperators, 'concat'>, [string, string]> = {
  power: ['Powers (^)', '거듭제곱(^)'],
  factorial: ['Factorials (!)', '팩토리얼(!)'],
  perm: ['Permutations (P)', '순열(P)'],
  comb: ['Combinations (C)', '조합(C)'],
  sqrt: ['Square roots (√)', '제곱근(√)'],
};

const SYMBOL_SWITCH: Partial<Record<string, Exclude<keyof YearOperators, 'concat'>>> = {
  '^': 'power',
  '!': 'factorial',
  P: 'perm',
  C: 'comb',
  sqrt: 'sqrt',
};

/**
 * Works on tokens rather than the tree so the live preview can flag a switched-off
 * operator while the expression is still unfinished.
 * Leading zeros (02) are a `syntax` error: "02" is not how anyone writes a number,
 * and allowing it would make 0 free to attach anywhere.
 */
function checkOperators(tokens: readonly Token[], ops: YearOperators): YearProblem | null {
  for (const t of tokens) {
    if (t.kind === 'num') {
      if (t.digits.length < 2) continue;
      if (!ops.concat) {
        return problem(
          'operator_not_allowed',
          `Joining digits into one number (like ${t.digits.join('')}) is turned off for this round; use each digit on its own.`,
          `이번 라운드에서는 숫자를 이어 붙여(예: ${t.digits.join('')}) 쓸 수 없어요. 숫자를 하나씩 따로 써 주세요.`,
        );
      }
      if (t.digits[0] === 0) {
        return problem(
          'syntax',
          `A joined number cannot start with 0 (${t.digits.join('')}).`,
          `이어 붙인 수는 0으로 시작할 수 없어요 (${t.digits.join('')}).`,
        );
      }
      continue;
    }
    const key = SYMBOL_SWITCH[t.sym];
    if (key !== undefined && !ops[key]) {
      const [en, ko] = OPERATOR_NAMES[key];
      return problem('operator_not_allowed', `${en} are turned off for this round.`, `이번 라운드에서는 ${ko}을(를) 쓸 수 없어요.`);
    }
  }
  return null;
}

function usedDigits(tokens: readonly Token[]): number[] {
  return tokens.flatMap((t) => (t.kind === 'num' ? t.digits : []));
}

/**
 * Multiset difference both ways; both empty means every given digit was used exactly
 * once. A Map rather than ten counters, so a malformed rule digit (say 12) is reported
 * missing instead of being silently ignored.
 */
function compareDigits(used: readonly number[], given: readonly number[]): { missing: number[]; extra: number[] } {
  const counts = new Map<number, number>();
  for (const d of given) counts.set(d, (counts.get(d) ?? 0) + 1);
  const extra: number[] = [];
  for (const d of used) {
    const left = counts.get(d) ?? 0;
    if (left > 0) counts.set(d, left - 1);
    else extra.push(d);
  }
  const missing = given.filter((d) => {
    const left = counts.get(d) ?? 0;
    if (left > 0) counts.set(d, left - 1);
    return left > 0;
  });
  return { missing, extra };
}

function digitsProblem(given: readonly number[], missing: readonly number[], extra: readonly number[]): YearProblem {
  const list = given.join(', ');
  let en = `Use each of the digits ${list} exactly once.`;
  let ko = `숫자 ${list}을(를) 각각 정확히 한 번씩 써야 해요.`;
  if (missing.length > 0) {
    en += ` Missing: ${missing.join(', ')}.`;
    ko += ` 빠진 숫자: ${missing.join(', ')}.`;
  }
  if (extra.length > 0) {
    en += ` Extra or not given: ${extra.join(', ')}.`;
    ko += ` 더 썼거나 주어지지 않은 숫자: ${extra.join(', ')}.`;
  }
  return problem('digits_mismatch', en, ko);
}

function tooLongProblem(): YearProblem {
  return problem(
    'too_large',
    `The expression is too long (at most ${MAX_EXPRESSION_LENGTH} characters).`,
    `식이 너무 길어요 (최대 ${MAX_EXPRESSION_LENGTH}자).`,
  );
}

type Judgement = { ok: true; value: Rational; ast: YearNode } | { ok: false; problem: YearProblem };

/**
 * The complete check in a fixed order: length, characters, switched-off operators,
 * grammar, digit multiset, arithmetic, whole number, range. Earlier problems win
 * because they make later ones meaningless.
 */
function judge(expr: string, rules: YearRules): Judgement {
  if (expr.length > MAX_EXPRESSION_LENGTH) return { ok: false, problem: tooLongProblem() };
  const tokenized = tokenize(expr);
  if (!tokenized.ok) return tokenized;
  const opProblem = checkOperators(tokenized.tokens, rules.operators);
  if (opProblem) return { ok: false, problem: opProblem };
  const parsed = parse(tokenized.tokens);
  if (!parsed.ok) return parsed;
  const { missing, extra } = compareDigits(usedDigits(tokenized.tokens), rules.digits);
  if (missing.length > 0 || extra.length > 0) {
    return { ok: false, problem: digitsProblem(rules.digits, missing, extra) };
  }
  const evaluation = evaluate(parsed.ast);
  if (!evaluation.ok) return evaluation;
  const problem = valueProblem(evaluation.value, rules);
  return problem ? { ok: false, problem } : { ok: true, value: evaluation.value, ast: parsed.ast };
}

/** Whole-number and range requirements on a final value. */
function valueProblem(value: Rational, rules: YearRules): YearProblem | null {
  const shown = ratToString(value);
  if (!isInteger(value)) {
    return problem('not_integer', `The value is ${shown}, which is not a whole number.`, `값이 ${shown}(으)로 정수가 아니에요.`);
  }
  // Mixed bigint/number comparison is exact and cannot throw on odd bounds like 1.5.
  if (value.num < rules.targetMin || value.num > rules.targetMax) {
    return problem(
      'out_of_range',
      `The value ${shown} is outside the target range ${rules.targetMin}–${rules.targetMax}.`,
      `값 ${shown}은(는) 목표 범위 ${rules.targetMin}~${rules.targetMax}를 벗어났어요.`,
    );
  }
  return null;
}

export function checkExpression(expr: string, rules: YearRules): YearCheckResult {
  const verdict = judge(expr, rules);
  if (!verdict.ok) return { ok: false, ...verdict.problem };
  return { ok: true, value: Number(verdict.value.num), normalized: formatNode(verdict.ast) };
}

/**
 * Live feedback while typing. Unfinished input ("2+", "(3") is not an error, and
 * neither is a digit not yet used; whole-number and range verdicts wait until the
 * expression is complete, since "2/3" may still become "2/3×6".
 */
export function previewExpression(expr: string, rules: YearRules): YearPreview {
  const typed: number[] = [];
  for (let i = 0; i < expr.length; i++) {
    const c = expr.charCodeAt(i);
    if (c >= 48 && c <= 57) typed.push(c - 48);
  }
  const fail = (error?: YearProblem): YearPreview => ({ value: null, complete: false, usedDigits: typed, ...(error && { error }) });

  if (expr.length > MAX_EXPRESSION_LENGTH) return fail(tooLongProblem());
  // "s", "sq", "sqr" at the end are "sqrt" being typed on a keyboard, not an error yet.
  const partialWord = /(?:s|sq|sqr)$/i.exec(expr);
  const tokenized = tokenize(partialWord ? expr.slice(0, partialWord.index) : expr);
  if (!tokenized.ok) return fail(tokenized.problem);
  const opProblem = checkOperators(tokenized.tokens, rules.operators);
  if (opProblem) return fail(opProblem);
  const { missing, extra } = compareDigits(usedDigits(tokenized.tokens), rules.digits);
  if (extra.length > 0) return fail(digitsProblem(rules.digits, missing, extra));
  if (partialWord) return fail();
  const parsed = parse(tokenized.tokens);
  if (!parsed.ok) return fail(parsed.incomplete ? undefined : parsed.problem);
  const evaluation = evaluate(parsed.ast);
  if (!evaluation.ok) return fail(evaluation.problem);

  const complete = missing.length === 0;
  const preview: YearPreview = { value: ratToString(evaluation.value), complete, usedDigits: typed };
  const problem = complete ? valueProblem(evaluation.value, rules) : null;
  if (problem) preview.error = problem;
  return preview;
}

/**
 * Every integer target in range that the solver can make, with one example each.
 * Each example is re-judged exactly as a student's answer would be, so nothing wrong
 * is ever reported (the solver's fast arithmetic is tested to agree anyway).
 * Throws RangeError beyond MAX_SOLVER_DIGITS digits.
 */
export function solve(rules: YearRules): Map<number, string> {
  const verified = new Map<number, string>();
  for (const [target, expr] of solveCandidates(rules)) {
    const verdict = judge(expr, rules);
    if (verdict.ok && verdict.value.num === BigInt(target)) verified.set(target, expr);
  }
  return verified;
}

/** One digit from each pair {0,1} {2,3} {4,5} {6,7} {8,9}: always five distinct digits, ascending. */
export function drawDigits(random: () => number = Math.random): number[] {
  // `< 0.5` rather than floor(random()*2) keeps a sloppy generator returning 1 in range.
  return [0, 2, 4, 6, 8].map((low) => (random() < 0.5 ? low : low + 1));
}

/** Digits of a year in writing order, e.g. 2026 -> [2, 0, 2, 6]. */
export function yearDigits(year: number): number[] {
  if (!Number.isSafeInteger(year) || year < 0) throw new RangeError(`yearDigits: not a year: ${year}`);
  return String(year)
    .split('')
    .map((c) => c.charCodeAt(0) - 48);
}

export function pointsFor(target: number, scoring: YearScoring): number {
  switch (scoring.kind) {
    case 'value':
      return target;
    case 'range':
      // Bands of ten: 1–9 -> 10, 10–19 -> 20, …, 90–99 -> 100, capped at 100.
      return target <= 0 ? 10 : Math.min(100, (Math.floor(target / 10) + 1) * 10);
    case 'flat':
      return scoring.points;
  }
}
