// Public façade of the Year Game rules: types, defaults, digit draws, judging,
// live preview and scoring. Everything here is pure (no I/O, no clock).

import { evaluate } from './evaluate';
import { formatNode, parse, tokenize, type Token, type YearNode } from './parse';
import { isInteger, toString as ratToString, type Rational } from '../../math/rational.ts';
import { solveCandidates } from './solver';
import { yearProblem, type YearCheckResult, type YearOperators, type YearPreview, type YearProblem, type YearRules, type YearScoring } from './types.ts';

export { MAX_SOLVER_DIGITS } from './solver';

/** Longest accepted input, in UTF-16 units; checked before any tokenizing. */
export const MAX_EXPRESSION_LENGTH = 80;

export type { YearCheckResult, YearErrorReason, YearOperators, YearPreview, YearProblem, YearRules, YearScoring } from './types.ts';
export { YEAR_ERROR_REASONS } from './types.ts';

export function defaultYearRules(digits: number[]): YearRules {
  return {
    digits: [...digits],
    targetMin: 1,
    targetMax: 100,
    operators: { power: true, factorial: true, perm: true, comb: true, sqrt: false, concat: false },
  };
}

const OPERATOR_OFF = { power: 'power_off', factorial: 'factorial_off', perm: 'perm_off', comb: 'comb_off', sqrt: 'sqrt_off' } as const;

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
        return yearProblem('operator_not_allowed', 'joining_off', { example: t.digits.join('') });
      }
      if (t.digits[0] === 0) {
        return yearProblem('syntax', 'joined_leading_zero', { example: t.digits.join('') });
      }
      continue;
    }
    const key = SYMBOL_SWITCH[t.sym];
    if (key !== undefined && !ops[key]) {
      return yearProblem('operator_not_allowed', OPERATOR_OFF[key]);
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
  return yearProblem('digits_mismatch', 'digits_mismatch', { digits: given.join(', '), missing: missing.join(', '), extra: extra.join(', ') });
}

function tooLongProblem(): YearProblem {
  return yearProblem('too_large', 'expression_too_long', { max: MAX_EXPRESSION_LENGTH });
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
    return yearProblem('not_integer', 'not_integer', { value: shown });
  }
  // Mixed bigint/number comparison is exact and cannot throw on odd bounds like 1.5.
  if (value.num < rules.targetMin || value.num > rules.targetMax) {
    return yearProblem('out_of_range', 'out_of_range', { value: shown, min: rules.targetMin, max: rules.targetMax });
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
