// The Year Game's rule types, in one place: the parser, the evaluator, the solver and the
// judge all speak them, and none of them imports another's file just for a type.

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

/**
 * What the judge says about an expression: a stable reason, and which message explains it with
 * its parameters. The sentences themselves live in views/rounds/year-game/problems.ts and are
 * rendered at the edge in the viewer's language.
 */
export type YearMessageParams = {
  expression_too_long: { max: number };
  letter_x: Record<string, never>;
  bad_char: { char: string; pos: number };
  unfinished: Record<string, never>;
  missing_operator: { pos: number };
  unmatched_paren: { pos: number };
  unexpected: { text: string; pos: number };
  joining_off: { example: string };
  joined_leading_zero: { example: string };
  power_off: Record<string, never>;
  factorial_off: Record<string, never>;
  perm_off: Record<string, never>;
  comb_off: Record<string, never>;
  sqrt_off: Record<string, never>;
  digits_mismatch: { digits: string; missing: string; extra: string };
  numbers_too_large: { bits: number };
  factorial_domain: { max: number; got: string };
  choose_domain: { op: string; n: string; r: string };
  exponent_not_integer: { got: string };
  zero_pow_zero: Record<string, never>;
  zero_negative_power: Record<string, never>;
  sqrt_negative: Record<string, never>;
  sqrt_irrational: { value: string };
  division_by_zero: Record<string, never>;
  not_integer: { value: string };
  out_of_range: { value: string; min: number; max: number };
  target_mismatch: { value: number; claimed: number };
};
export type YearMessageId = keyof YearMessageParams;
export type YearMessage = { [K in YearMessageId]: { id: K; params: YearMessageParams[K] } }[YearMessageId];

export type YearProblem = { reason: YearErrorReason; message: YearMessage };

/** A problem with its message; `params` may be left out for messages that take none. */
export function yearProblem<K extends YearMessageId>(reason: YearErrorReason, id: K, ...params: YearMessageParams[K] extends Record<string, never> ? [] : [YearMessageParams[K]]): YearProblem {
  return { reason, message: { id, params: (params[0] ?? {}) as YearMessageParams[K] } as YearMessage };
}

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
