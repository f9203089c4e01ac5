// Exact evaluation and the full judging pipeline (without the public result shapes,
// which live in rules.ts). The solver re-judges its own answers through `judge`, so
// anything it reports has passed exactly the checks a student's answer would.

import type { YearErrorReason, YearOperators, YearProblem, YearRules } from './rules';
import { parse, tokenize, type Token, type YearNode } from './parse';
import * as Q from './rational';
import type { Rational } from './rational';

/** Longest accepted input, in UTF-16 units; checked before any tokenizing. */
export const MAX_EXPRESSION_LENGTH = 80;
/**
 * Largest numerator/denominator, in bits, at any step. 256 bits (~10^77) leaves every
 * sensible 5-digit expression alone (20! is 62 bits, 9^(8·7) is 178) while bounding
 * the work per operation to a few microseconds.
 */
export const MAX_BITS = 256;
/** Factorials are limited as a game rule, not for speed: 20! still fits comfortably. */
export const MAX_FACTORIAL = 20;

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
export function checkOperators(tokens: readonly Token[], ops: YearOperators): YearProblem | null {
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

export function usedDigits(tokens: readonly Token[]): number[] {
  return tokens.flatMap((t) => (t.kind === 'num' ? t.digits : []));
}

/**
 * Multiset difference both ways; both empty means every given digit was used exactly
 * once. A Map rather than ten counters, so a malformed rule digit (say 12) is reported
 * missing instead of being silently ignored.
 */
export function compareDigits(used: readonly number[], given: readonly number[]): { missing: number[]; extra: number[] } {
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

export function digitsProblem(given: readonly number[], missing: readonly number[], extra: readonly number[]): YearProblem {
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

class EvalFailure {
  constructor(readonly problem: YearProblem) {}
}

const tooLarge = (): never => {
  throw new EvalFailure(
    problem(
      'too_large',
      `The numbers get too large to work with (over ${MAX_BITS} bits); try a smaller expression.`,
      `계산 중에 수가 너무 커져요 (${MAX_BITS}비트 초과). 더 작은 식을 써 보세요.`,
    ),
  );
};
const domain = (message: string, messageKo: string): never => {
  throw new EvalFailure(problem('domain', message, messageKo));
};

function bounded(r: Rational): Rational {
  return Q.sizeBits(r) > MAX_BITS ? tooLarge() : r;
}

function factorial(a: Rational): Rational {
  if (!Q.isInteger(a) || a.num < 0n || a.num > BigInt(MAX_FACTORIAL)) {
    return domain(
      `Factorial (!) needs a whole number from 0 to ${MAX_FACTORIAL}; got ${Q.toString(a)}.`,
      `팩토리얼(!)은 0부터 ${MAX_FACTORIAL}까지의 정수에만 쓸 수 있어요 (받은 값: ${Q.toString(a)}).`,
    );
  }
  let r = 1n;
  for (let i = 2n; i <= a.num; i++) r *= i;
  return Q.integer(r);
}

function choose(op: 'P' | 'C', a: Rational, b: Rational): Rational {
  const n = a.num;
  const r = b.num;
  if (!Q.isInteger(a) || !Q.isInteger(b) || r < 0n || r > n) {
    return domain(
      `${op === 'P' ? 'nPr' : 'nCr'} needs whole numbers with 0 ≤ r ≤ n; got n = ${Q.toString(a)}, r = ${Q.toString(b)}.`,
      `${op === 'P' ? 'nPr' : 'nCr'}은 0 ≤ r ≤ n인 정수에만 쓸 수 있어요 (n = ${Q.toString(a)}, r = ${Q.toString(b)}).`,
    );
  }
  // Each loop step at least doubles the result (or the loop is short), so the bit
  // check ends any huge n or r after a few hundred steps.
  let result = 1n;
  if (op === 'P') {
    for (let i = 0n; i < r; i++) {
      result *= n - i;
      if (Q.bitLength(result) > MAX_BITS) tooLarge();
    }
  } else {
    const k = r < n - r ? r : n - r;
    for (let i = 0n; i < k; i++) {
      result = (result * (n - i)) / (i + 1n);
      if (Q.bitLength(result) > MAX_BITS) tooLarge();
    }
  }
  return Q.integer(result);
}

function power(base: Rational, exp: Rational): Rational {
  if (!Q.isInteger(exp)) {
    return domain(
      `Exponents must be whole numbers; got ${Q.toString(exp)}.`,
      `지수는 정수여야 해요 (받은 값: ${Q.toString(exp)}).`,
    );
  }
  const e = exp.num;
  if (Q.isZero(base)) {
    if (e > 0n) return Q.ZERO;
    return e === 0n
      ? domain('0^0 is undefined.', '0^0은 정의되지 않아요.')
      : domain('0 cannot be raised to a negative power.', '0의 음수 거듭제곱은 정의되지 않아요.');
  }
  // ±1 stays small whatever the exponent, so 1^(9^9) must not be refused.
  if (base.den === 1n && (base.num === 1n || base.num === -1n)) {
    return base.num === 1n || e % 2n === 0n ? Q.ONE : base;
  }
  const absE = e < 0n ? -e : e;
  // Here |num| ≥ 2 or den ≥ 2, so the result has at least |e| bits: refuse before
  // computing. Otherwise (bits-1)·|e| is a lower bound on the result's size.
  if (absE > BigInt(MAX_BITS)) return tooLarge();
  const bits = Q.sizeBits(base);
  if ((bits - 1) * Number(absE) >= MAX_BITS) return tooLarge();
  return bounded(Q.pow(base, e));
}

function evalNode(node: YearNode): Rational {
  switch (node.kind) {
    case 'num':
      return bounded(Q.integer(BigInt(node.digits.join(''))));
    case 'group':
      return evalNode(node.inner);
    case 'neg':
      return Q.neg(evalNode(node.arg));
    case 'fact':
      return factorial(evalNode(node.arg));
    case 'sqrt': {
      const a = evalNode(node.arg);
      if (a.num < 0n) {
        return domain('The square root of a negative number is not allowed.', '음수의 제곱근은 구할 수 없어요.');
      }
      const root = Q.sqrtExact(a);
      return (
        root ??
        domain(
          `√${Q.toString(a)} is not a rational number.`,
          `√${Q.toString(a)}은(는) 유리수가 아니에요.`,
        )
      );
    }
    case 'bin': {
      const l = evalNode(node.left);
      const r = evalNode(node.right);
      switch (node.op) {
        case '+':
          return bounded(Q.add(l, r));
        case '-':
          return bounded(Q.sub(l, r));
        case '*':
          return bounded(Q.mul(l, r));
        case '/':
          if (Q.isZero(r)) {
            throw new EvalFailure(problem('division_by_zero', 'Division by zero is not allowed.', '0으로 나눌 수 없어요.'));
          }
          return bounded(Q.div(l, r));
        case '^':
          return power(l, r);
        case 'P':
        case 'C':
          return choose(node.op, l, r);
      }
    }
  }
}

export type Evaluation = { ok: true; value: Rational } | { ok: false; problem: YearProblem };

export function evaluate(ast: YearNode): Evaluation {
  try {
    return { ok: true, value: evalNode(ast) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, problem: e.problem };
    throw e;
  }
}

export function tooLongProblem(): YearProblem {
  return problem(
    'too_large',
    `The expression is too long (at most ${MAX_EXPRESSION_LENGTH} characters).`,
    `식이 너무 길어요 (최대 ${MAX_EXPRESSION_LENGTH}자).`,
  );
}

export type Judgement = { ok: true; value: Rational; ast: YearNode } | { ok: false; problem: YearProblem };

/**
 * The complete check in a fixed order: length, characters, switched-off operators,
 * grammar, digit multiset, arithmetic, whole number, range. Earlier problems win
 * because they make later ones meaningless.
 */
export function judge(expr: string, rules: YearRules): Judgement {
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
export function valueProblem(value: Rational, rules: YearRules): YearProblem | null {
  const shown = Q.toString(value);
  if (!Q.isInteger(value)) {
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
