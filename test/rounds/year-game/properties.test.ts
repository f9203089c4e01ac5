import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import {
  checkExpression,
  defaultYearRules,
  drawDigits,
  previewExpression,
  solve,
  yearDigits,
  YEAR_ERROR_REASONS,
  type YearOperators,
  type YearRules,
} from '../../../src/rounds/year-game/rules';
import { yearProblemText } from '../../../views/rounds/year-game/problems.ts';
import { solveCandidates } from '../../../src/rounds/year-game/solver';

/** Small deterministic PRNG so digit draws are reproducible from a fast-check seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYPAD = [...'0123456789', '+', '-', '−', '*', '×', '·', '/', '÷', '^', '!', 'P', 'p', 'C', 'c', '√', 'sqrt', '(', ')', ' '];
const keypadString = (maxLength: number) => fc.array(fc.constantFrom(...KEYPAD), { maxLength }).map((parts) => parts.join(''));
const operatorsArb: fc.Arbitrary<YearOperators> = fc.record({
  power: fc.boolean(),
  factorial: fc.boolean(),
  perm: fc.boolean(),
  comb: fc.boolean(),
  sqrt: fc.boolean(),
  concat: fc.boolean(),
});
const digitsArb = fc.oneof(
  fc.integer().map((seed) => drawDigits(mulberry32(seed))),
  fc.integer({ min: 1000, max: 2999 }).map(yearDigits),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 6 }),
);
const rulesArb: fc.Arbitrary<YearRules> = fc.record({
  digits: digitsArb,
  targetMin: fc.integer({ min: -50, max: 50 }),
  targetMax: fc.integer({ min: 0, max: 1000 }),
  operators: operatorsArb,
});
const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary', minLength: 75, maxLength: 120 }),
  keypadString(40),
  keypadString(90),
);

const reasons = new Set<string>(YEAR_ERROR_REASONS);

describe('never throws, always answers with a typed result', () => {
  test('checkExpression', () => {
    fc.assert(
      fc.property(anyString, rulesArb, (expr, rules) => {
        const result = checkExpression(expr, rules);
        if (result.ok) {
          expect(Number.isInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(rules.targetMin);
          expect(result.value).toBeLessThanOrEqual(rules.targetMax);
          expect(typeof result.normalized).toBe('string');
        } else {
          expect(reasons.has(result.reason)).toBe(true);
          expect(yearProblemText(result.message, 'en').length).toBeGreaterThan(0);
          expect(yearProblemText(result.message, 'ko').length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('previewExpression', () => {
    fc.assert(
      fc.property(anyString, rulesArb, (expr, rules) => {
        const preview = previewExpression(expr, rules);
        expect(preview.value === null || /^-?\d+(\/\d+)?$/.test(preview.value)).toBe(true);
        expect(typeof preview.complete).toBe('boolean');
        expect(preview.usedDigits).toEqual([...expr].filter((c) => c >= '0' && c <= '9').map(Number));
        if (preview.error) expect(reasons.has(preview.error.reason)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test('a keypad-built 80-character expression is judged in well under a millisecond', () => {
    const samples = fc.sample(keypadString(80).filter((s) => s.length <= 80), { numRuns: 3000, seed: 42 });
    samples.push('9^9^9^9', '9!^9!^9!', `${'('.repeat(39)}9${')'.repeat(39)}`, '9'.repeat(80), `${'9'.repeat(38)}C${'9'.repeat(37)}`);
    const rules: YearRules = { digits: [9, 9, 9, 9], targetMin: 1, targetMax: 100, operators: { power: true, factorial: true, perm: true, comb: true, sqrt: true, concat: true } };
    const loose = { ...rules, digits: new Array(80).fill(9) };
    for (const s of samples) checkExpression(s, rules); // warm up the JIT
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (const s of samples) {
      checkExpression(s, rules);
      checkExpression(s, loose);
      previewExpression(s, rules);
    }
    const { user, system } = process.cpuUsage(cpuStart);
    // The smaller of wall and CPU time, so a busy shared machine cannot fail this.
    const elapsed = Math.min(performance.now() - started, (user + system) / 1000);
    const perCall = elapsed / (samples.length * 3);
    console.log(`checkExpression/previewExpression: ${(perCall * 1000).toFixed(1)} µs per call`);
    expect(perCall).toBeLessThan(0.2);
  });
});

describe('check and preview agree', () => {
  const keypadRules = fc.record({
    digits: digitsArb,
    targetMin: fc.constant(-1000),
    targetMax: fc.constant(1000),
    operators: operatorsArb,
  });

  test('a complete preview without error is exactly an accepted expression', () => {
    fc.assert(
      fc.property(keypadString(16), keypadRules, (expr, rules) => {
        const result = checkExpression(expr, rules);
        const preview = previewExpression(expr, rules);
        if (result.ok) {
          expect(preview).toEqual({ value: String(result.value), complete: true, usedDigits: preview.usedDigits });
        } else if (preview.complete) {
          expect(preview.error?.reason).toBe(result.reason);
        }
      }),
      { numRuns: 5000 },
    );
  });

  test('normalized form re-parses to the same value and is a fixed point', () => {
    // Expressions over the digits themselves, so that acceptance is not too rare.
    const arb = fc.tuple(fc.integer({ min: 1, max: 4 }), operatorsArb).chain(([n, operators]) =>
      fc
        .array(fc.constantFrom(...KEYPAD.filter((k) => !/\d/.test(k)), '1', '2', '3'), { maxLength: 12 })
        .map((parts) => ({ expr: parts.join(''), operators, n })),
    );
    let accepted = 0;
    fc.assert(
      fc.property(arb, ({ expr, operators }) => {
        const digits = [...expr].filter((c) => c >= '0' && c <= '9').map(Number);
        const rules: YearRules = { digits, targetMin: -1e6, targetMax: 1e6, operators };
        const first = checkExpression(expr, rules);
        if (!first.ok) return;
        accepted++;
        const again = checkExpression(first.normalized, rules);
        expect(again).toEqual(first);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('solver output is always accepted by checkExpression', () => {
  const verifyAll = (rules: YearRules): number => {
    const found = solveCandidates(rules);
    for (const [target, expr] of found) {
      const result = checkExpression(expr, rules);
      expect({ target, expr, result }).toEqual({ target, expr, result: { ok: true, value: target, normalized: expr } });
    }
    return found.size;
  };

  test('random five-digit draws, random operator switches', () => {
    fc.assert(
      fc.property(fc.integer(), operatorsArb, (seed, operators) => {
        verifyAll({ ...defaultYearRules(drawDigits(mulberry32(seed))), operators });
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  test('random years, default operators and everything on', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2999 }), fc.boolean(), (y, everything) => {
        const rules = defaultYearRules(yearDigits(y));
        if (everything) rules.operators = { ...rules.operators, sqrt: true, concat: true };
        verifyAll(rules);
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  test('unusual ranges and digit counts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: -200, max: 50 }),
        fc.integer({ min: 0, max: 500 }),
        operatorsArb,
        (digits, targetMin, width, operators) => {
          verifyAll({ digits, targetMin, targetMax: targetMin + width, operators });
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);

  test('solve() drops nothing from the unverified candidates', () => {
    for (const digits of [[1, 3, 5, 7, 9], [0, 2, 4, 6, 8], [2, 0, 2, 6], [0, 3, 4, 7, 8]]) {
      const rules = defaultYearRules(digits);
      rules.operators.sqrt = true;
      rules.operators.concat = true;
      expect(solve(rules)).toEqual(solveCandidates(rules));
    }
  }, 30_000);
});
