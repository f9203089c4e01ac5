// Public façade of the Year Game rules: types, defaults, digit draws, judging,
// live preview and scoring. Everything here is pure (no I/O, no clock).

import { checkOperators, compareDigits, digitsProblem, evaluate, judge, tooLongProblem, usedDigits, valueProblem, MAX_EXPRESSION_LENGTH } from './evaluate';
import { formatNode, parse, tokenize } from './parse';
import { toString as ratToString } from './rational';

export { MAX_SOLVER_DIGITS, solve } from './solver';
export { MAX_BITS, MAX_EXPRESSION_LENGTH, MAX_FACTORIAL } from './evaluate';

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
