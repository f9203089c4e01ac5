import { describe, expect, test } from 'bun:test';
import { checkExpression, defaultYearRules, MAX_SOLVER_DIGITS, solve, yearDigits, type YearOperators, type YearRules } from '../../../src/rounds/year-game/rules';

const ALL_ON: YearOperators = { power: true, factorial: true, perm: true, comb: true, sqrt: true, concat: true };
const ALL_OFF: YearOperators = { power: false, factorial: false, perm: false, comb: false, sqrt: false, concat: false };

/**
 * Wall-clock and CPU time of one cold call. Other test suites share this machine, so
 * the assertion uses the smaller of the two: wall time is inflated when the CPU is
 * contended, CPU time when JIT and GC threads run in parallel on an idle machine.
 */
function timed(rules: YearRules): { found: Map<number, string>; wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const found = solve(rules);
  const wall = performance.now() - started;
  const { user, system } = process.cpuUsage(cpuStart);
  return { found, wall, cpu: (user + system) / 1000 };
}

describe('solver timing', () => {
  const sets: [string, YearRules][] = [
    ['1 3 5 7 9, everything on', { ...defaultYearRules([1, 3, 5, 7, 9]), operators: ALL_ON }],
    ['0 3 4 7 8, everything on', { ...defaultYearRules([0, 3, 4, 7, 8]), operators: ALL_ON }],
    ['1 3 5 7 9, defaults', defaultYearRules([1, 3, 5, 7, 9])],
    ['0 2 4 6 8, defaults', defaultYearRules([0, 2, 4, 6, 8])],
    ['2 0 2 6, defaults', defaultYearRules(yearDigits(2026))],
    ['2 0 2 6, everything on', { ...defaultYearRules(yearDigits(2026)), operators: ALL_ON }],
  ];
  for (const [label, rules] of sets) {
    test(`${label} finishes in under a second`, () => {
      const { found, wall, cpu } = timed(rules);
      console.log(`solve(${label}): ${wall.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, ${found.size} targets`);
      expect(Math.min(wall, cpu)).toBeLessThan(1000);
    });
  }
});

describe('solver results', () => {
  test('five odd digits reach every target 1..100 with default operators', () => {
    const found = solve(defaultYearRules([1, 3, 5, 7, 9]));
    expect([...found.keys()]).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  test('2026 with default operators reaches at least 1..40, in ascending order', () => {
    const found = solve(defaultYearRules(yearDigits(2026)));
    const keys = [...found.keys()];
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    for (let t = 1; t <= 40; t++) expect(found.has(t)).toBe(true);
  });

  test('tiny digit sets', () => {
    expect(solve(defaultYearRules([]))).toEqual(new Map());
    expect(solve(defaultYearRules([3]))).toEqual(new Map([[3, '3'], [6, '3!']]));
    expect(solve(defaultYearRules([0]))).toEqual(new Map([[1, '0!']]));
    expect(solve({ ...defaultYearRules([3]), operators: ALL_OFF })).toEqual(new Map([[3, '3']]));
    expect(solve({ ...defaultYearRules([9]), operators: { ...ALL_OFF, sqrt: true } })).toEqual(new Map([[3, '√9'], [9, '9']]));
    const joined = solve({ ...defaultYearRules([1, 2]), operators: { ...ALL_OFF, concat: true } });
    expect([...joined.keys()]).toEqual([1, 2, 3, 12, 21]);
    expect([joined.get(12), joined.get(21)]).toEqual(['12', '21']);
  });

  test('more than MAX_SOLVER_DIGITS digits is refused rather than running for minutes', () => {
    expect(MAX_SOLVER_DIGITS).toBe(6);
    expect(() => solve(defaultYearRules([1, 2, 3, 4, 5, 6, 7]))).toThrow(RangeError);
  });

  test('switched-off operators never appear in examples', () => {
    const found = solve({ ...defaultYearRules([1, 3, 5, 7, 9]), operators: ALL_OFF });
    expect(found.size).toBeGreaterThan(50);
    for (const expr of found.values()) {
      expect(expr).not.toMatch(/[\^!PC√]/);
      expect(expr).not.toMatch(/\d\d/);
    }
  });

  test('joined digits and square roots add targets', () => {
    const base = solve(defaultYearRules(yearDigits(2026)));
    const more = solve({ ...defaultYearRules(yearDigits(2026)), operators: ALL_ON });
    expect(more.size).toBeGreaterThan(base.size);
    expect([...more.values()].some((e) => /\d\d/.test(e))).toBe(true);
  });

  test('custom target ranges are respected, including negative ones', () => {
    const rules = { ...defaultYearRules([2, 0, 2, 6]), targetMin: -20, targetMax: 0 };
    const found = solve(rules);
    expect([...found.keys()]).toEqual(Array.from({ length: 21 }, (_, i) => i - 20).filter((t) => found.has(t)));
    expect(found.size).toBeGreaterThan(15);
    for (const [t, expr] of found) expect(checkExpression(expr, rules)).toMatchObject({ ok: true, value: t });
    const wide = { ...defaultYearRules([1, 3, 5, 7, 9]), targetMin: 1, targetMax: 5000 };
    const many = solve(wide);
    expect(many.size).toBeGreaterThan(500);
    for (const [t, expr] of many) expect(checkExpression(expr, wide)).toMatchObject({ ok: true, value: t });
  }, 30_000);

  test('examples are bracketed for readers: no 3!! and no unbracketed √ under ^', () => {
    const found = solve({ ...defaultYearRules([1, 3, 5, 7, 9]), operators: ALL_ON });
    for (const expr of found.values()) {
      expect(expr).not.toContain('!!');
      expect(expr).not.toMatch(/√\d+\^/);
    }
  });
});
