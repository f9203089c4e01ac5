// Exact evaluation of a parsed expression, with every arithmetic guard (division by
// zero, domains of !, P, C, √ and ^, and size limits). Rule checks such as operator
// switches, the digit multiset and the target range live in rules.ts.

import { yearProblem, type YearProblem } from './types.ts';
import type { YearNode } from './parse';
import * as Q from '../../math/rational.ts';
import type { Rational } from '../../math/rational.ts';

/**
 * Largest numerator/denominator, in bits, at any step. 256 bits (~10^77) leaves every
 * sensible 5-digit expression alone (20! is 62 bits, 9^(8·7) is 178) while bounding
 * the work per operation to a few microseconds.
 */
export const MAX_BITS = 256;
/** Factorials are limited as a game rule, not for speed: 20! still fits comfortably. */
export const MAX_FACTORIAL = 20;

class EvalFailure {
  constructor(readonly problem: YearProblem) {}
}

const tooLarge = (): never => {
  throw new EvalFailure(
    yearProblem('too_large', 'numbers_too_large', { bits: MAX_BITS }),
  );
};
const domain = (problem: YearProblem): never => {
  throw new EvalFailure(problem);
};

function bounded(r: Rational): Rational {
  return Q.sizeBits(r) > MAX_BITS ? tooLarge() : r;
}

function factorial(a: Rational): Rational {
  if (!Q.isInteger(a) || a.num < 0n || a.num > BigInt(MAX_FACTORIAL)) {
    return domain(yearProblem('domain', 'factorial_domain', { max: MAX_FACTORIAL, got: Q.toString(a) }));
  }
  let r = 1n;
  for (let i = 2n; i <= a.num; i++) r *= i;
  return Q.integer(r);
}

function choose(op: 'P' | 'C', a: Rational, b: Rational): Rational {
  const n = a.num;
  const r = b.num;
  if (!Q.isInteger(a) || !Q.isInteger(b) || r < 0n || r > n) {
    return domain(yearProblem('domain', 'choose_domain', { op: op === 'P' ? 'nPr' : 'nCr', n: Q.toString(a), r: Q.toString(b) }));
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
    return domain(yearProblem('domain', 'exponent_not_integer', { got: Q.toString(exp) }));
  }
  const e = exp.num;
  if (Q.isZero(base)) {
    if (e > 0n) return Q.ZERO;
    return e === 0n
      ? domain(yearProblem('domain', 'zero_pow_zero'))
      : domain(yearProblem('domain', 'zero_negative_power'));
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
        return domain(yearProblem('domain', 'sqrt_negative'));
      }
      const root = Q.sqrtExact(a);
      return (
        root ??
        domain(yearProblem('domain', 'sqrt_irrational', { value: Q.toString(a) }))
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
            throw new EvalFailure(yearProblem('division_by_zero', 'division_by_zero'));
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
