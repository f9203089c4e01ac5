import { describe, expect, test } from 'bun:test';
import {
  checkExpression,
  defaultYearRules,
  drawDigits,
  pointsFor,
  previewExpression,
  yearDigits,
  YEAR_ERROR_REASONS,
  type YearErrorReason,
  type YearOperators,
  type YearRules,
} from '../../../src/rounds/year-game/rules';
import { yearProblemText } from '../../../views/rounds/year-game/problems.ts';

const ALL_ON: YearOperators = { power: true, factorial: true, perm: true, comb: true, sqrt: true, concat: true };
const ALL_OFF: YearOperators = { power: false, factorial: false, perm: false, comb: false, sqrt: false, concat: false };
const withOps = (rules: YearRules, operators: YearOperators): YearRules => ({ ...rules, operators });

const odd = defaultYearRules([1, 3, 5, 7, 9]);
const even = defaultYearRules([0, 2, 4, 6, 8]);
const year = defaultYearRules(yearDigits(2026));
const RULES = {
  odd,
  even,
  year,
  oddAll: withOps(odd, ALL_ON),
  evenAll: withOps(even, ALL_ON),
  yearAll: withOps(year, ALL_ON),
  oddNone: withOps(odd, ALL_OFF),
  yearNone: withOps(year, ALL_OFF),
  nines: defaultYearRules([9, 9, 9, 9]),
  two: withOps(defaultYearRules([2]), ALL_ON),
  narrow: { ...odd, targetMin: 10, targetMax: 20 },
  longNines: withOps(defaultYearRules(new Array(78).fill(9)), ALL_ON),
} satisfies Record<string, YearRules>;
type RulesName = keyof typeof RULES;

/** [rules, expression, expected value or error reason] */
type Case = [RulesName, string, number | YearErrorReason];

const VALID: Case[] = [
  // odd digits 1 3 5 7 9, default operators
  ['odd', '1+3+5+7+9', 25],
  ['odd', '9*7-5*3+1', 49],
  ['odd', '9×7−5×3+1', 49],
  ['odd', '9·7-5·3+1', 49],
  ['odd', '9⋅7-5⋅3+1', 49],
  ['odd', '(9+7)/(5-3)+1', 9],
  ['odd', '(9+7)÷(5−3)+1', 9],
  ['odd', '9+7*5-3-1', 40],
  ['odd', '3^(9-7)+5+1', 15],
  ['odd', '(5-3)^(9-7)*1', 4],
  ['odd', '-1+3+5+7+9', 23],
  ['odd', '−1+3+5+7+9', 23],
  ['odd', '-9+7*5+3-1', 28],
  ['odd', '3!+5+7+9+1', 28],
  ['odd', '5P3+7-9+1', 59],
  ['odd', '5p3+7-9+1', 59],
  ['odd', '5C3+7+9+1', 27],
  ['odd', '5c3+7+9+1', 27],
  ['odd', '9C7+5+3-1', 43],
  ['odd', '7P1+9+5+3', 24],
  ['odd', '1^3+5+7+9', 22],
  ['odd', '9-7+5*3-1', 16],
  ['odd', '(1+3)!-5-7+9', 21],
  ['odd', '(9-7)^5+3-1', 34],
  ['odd', '9*(7-5)*3+1', 55],
  ['odd', '(9*7+5)/(3-1)', 34],
  ['odd', '9/3*7+5-1', 25],
  ['odd', ' 9 / 3 * 7 + 5 - 1 ', 25],
  ['odd', '9\t/ 3\n* 7 + 5 - 1', 25],
  ['odd', '5*3*7-9*1', 96],
  ['odd', '-(1-3)*5+7+9', 26],
  ['odd', '9-(7-(5-(3-1)))', 5],
  ['odd', '((1+3))*5+7-9', 18],
  ['odd', '3!!/((7+5)*(9+1))', 6],
  ['odd', '(9+1)^(5-3)-7', 93],
  ['odd', '(7+3)*(9+1)/5', 20],
  ['odd', '5^(3-1)+9-7', 27],
  ['odd', '3^(9-7)^1+5', 14],
  ['odd', '-1^9+3+5+7', 14],
  ['odd', '-1^(9-7)+3+5', 7],
  ['odd', '(-1)^(9-7)+3+5', 9],
  ['odd', '9*-1+3+5+7', 6],
  ['odd', '9--1+3+5+7', 25],
  ['odd', '(7-5)^-1*(9+3)', 6],
  ['odd', '(7-5)^−1*(9+3)', 6],
  ['odd', '9/(7-5)*(3-1)', 9],
  ['odd', '1/3*9*5+7', 22],
  ['odd', '(7-5)!+9+3+1', 15],
  ['odd', '1^(9^7)+3+5', 9],
  ['odd', '(1+3)C(7-5)*9', 54],
  ['odd', '9C(7-5)+3+1', 40],
  ['odd', '5P3P1+7+9', 76],
  ['odd', '5C3C1+7+9', 26],
  ['odd', '(9-7)^3^1+5', 13],
  ['odd', '7-5--3-1+9', 13],
  ['odd', '1*3*5*7-9', 96],
  ['odd', '(1+9)*(3+7)/5', 20],
  ['odd', '(3+5+7+9)*1', 24],
  ['odd', '(1+3)!*(9-7)+5', 53],
  ['odd', '(3!)!/(9+7+5-1)', 36],
  // even digits 0 2 4 6 8
  ['even', '0+2+4+6+8', 20],
  ['even', '8*6-4-2+0', 42],
  ['even', '8×6−4−2+0', 42],
  ['even', '(8+6)*(4+2)+0', 84],
  ['even', '8*6*2+4*0', 96],
  ['even', '0!+2+4+6+8', 21],
  ['even', '(0!+2)!+4+6+8', 24],
  ['even', '8^0+6+4+2', 13],
  ['even', '2^4+6+8+0', 30],
  ['even', '2^(8-6)*4+0', 16],
  ['even', '(6-2)!+8/4+0', 26],
  ['even', '6P2+8+4+0', 42],
  ['even', '6C2+8+4+0', 27],
  ['even', '8C6+4+2+0', 34],
  ['even', '8P0+6+4+2', 13],
  ['even', '(8+4)/(6-2)+0', 3],
  ['even', '8/(6-4)*2+0', 8],
  ['even', '0-2+4+6+8', 16],
  ['even', '-0+2+4+6+8', 20],
  ['even', '6!/(8+4)/2+0', 30],
  ['even', '(2+4)!/(8*6)+0', 15],
  ['even', '8*(6+4)+2+0', 82],
  ['even', '(8-6)^4*2+0', 32],
  ['even', '0^2+4+6+8', 18],
  ['even', '4!+8*6/2+0', 48],
  ['even', '8*6+4*2+0', 56],
  ['even', '(6+4)*8+2*0', 80],
  ['even', '(8+2)*(6+4)+0', 100],
  ['even', '2*4-8+6+0', 6],
  // year digits 2 0 2 6
  ['year', '2+0+2+6', 10],
  ['year', '2*0+2+6', 8],
  ['year', '(2+0+2)*6', 24],
  ['year', '2^6+2+0', 66],
  ['year', '6^2+2+0', 38],
  ['year', '(6+2)^2+0', 64],
  ['year', '6P2+2+0', 32],
  ['year', '6C2*2+0', 30],
  ['year', '(2+0)!*6*2', 24],
  ['year', '0!+2+2+6', 11],
  ['year', '(0!+2)!*2+6', 18],
  ['year', '6/2+2+0', 5],
  ['year', '2^(6-2)+0', 16],
  ['year', '-2+2+6+0', 6],
  ['year', '2-2-0+6', 6],
  ['year', '6^(2-2)+0', 1],
  ['year', '6^0*2*2', 4],
  ['year', '(6-2)!+2+0', 26],
  ['year', '6*2*2-0', 24],
  ['year', '2*6^2+0', 72],
  ['year', '(6+2)C2+0', 28],
  ['year', '6C(2+2)+0', 15],
  ['year', '6P(2+0)*2', 60],
  ['year', '2+0+2+6' + ' '.repeat(73), 10],
  ['year', '2−−−0+2+6', 10],
  ['year', '(2+0)!*2+6', 10],
  // everything on: square roots and joined digits
  ['yearAll', '20+26', 46],
  ['yearAll', '26-20', 6],
  ['yearAll', '62-20', 42],
  ['yearAll', '2*26+0', 52],
  ['yearAll', '√(2*2)+60', 62],
  ['yearAll', '√(2+2)*6+0', 12],
  ['yearAll', '60/2-2', 28],
  ['yearAll', '√(2+2)^6+0', 64],
  ['yearAll', 'sqrt(2+2)*6+0', 12],
  ['yearAll', 'SQRT(2+2)*6+0', 12],
  ['oddAll', '√9+1+3+5+7', 19],
  ['oddAll', 'sqrt(9)+1+3+5+7', 19],
  ['oddAll', 'sqrt 9+1+3+5+7', 19],
  ['oddAll', '√(1+3)*5+7+9', 26],
  ['oddAll', '√√(79+5-3)*1', 3],
  ['oddAll', '13+57+9', 79],
  ['oddAll', '97-53+1', 45],
  ['oddAll', '1+35+7*9', 99],
  ['oddAll', '(√9)!+1+3+5+7', 22],
  ['oddAll', '√(3^(9-7))+5-1', 7],
  ['evenAll', '86-42+0', 44],
  ['evenAll', '√(64)+8+2+0', 18],
  ['evenAll', '√64+2+0+8', 18],
  ['evenAll', '√(8*2)+√4+6+0', 12],
  ['oddNone', '1+3+5+7+9', 25],
  ['oddNone', '(9+7)/(5-3)*1', 8],
  ['yearNone', '(2+2)*6+0', 24],
  ['narrow', '9-7+5*3-1', 16],
];

const INVALID: Case[] = [
  // syntax
  ['odd', '2(3)', 'syntax'],
  ['year', '(2+0)(2+6)', 'syntax'],
  ['year', '2+', 'syntax'],
  ['year', '', 'syntax'],
  ['year', '   ', 'syntax'],
  ['year', '(2+0+2+6', 'syntax'],
  ['year', '2+0+2+6)', 'syntax'],
  ['year', '2x0+2+6', 'syntax'],
  ['year', '2X0+2+6', 'syntax'],
  ['year', '2++0+2+6', 'syntax'],
  ['year', '+2+0+2+6', 'syntax'],
  ['year', '2+0+2+6=10', 'syntax'],
  ['year', '2 0+2+6', 'syntax'],
  ['year', '()', 'syntax'],
  ['year', '2,0+2+6', 'syntax'],
  ['year', '2+0+2+6.', 'syntax'],
  ['year', '!2+0+2+6', 'syntax'],
  ['year', '2^^0+2+6', 'syntax'],
  ['year', '２+0+2+6', 'syntax'],
  ['odd', '1e3+5+7+9', 'syntax'],
  ['oddAll', 'sqr(9)+1+3+5+7', 'syntax'],
  ['odd', '5P', 'syntax'],
  ['odd', 'P5', 'syntax'],
  ['year', '\u0000', 'syntax'],
  ['year', '😀', 'syntax'],
  ['year', '\ud800', 'syntax'],
  ['year', '2+0+2+6\udc00', 'syntax'],
  ['yearAll', '02+26', 'syntax'],
  ['yearAll', '2+026', 'syntax'],
  ['yearAll', '√', 'syntax'],
  ['yearAll', '√-4', 'syntax'],
  ['year', '2*/0+2+6', 'syntax'],
  ['year', '(2+0)2+6', 'syntax'],
  ['year', '2!(0+2+6)', 'syntax'],
  ['yearAll', '2√(2+0+6)', 'syntax'],
  ['odd', '5C-3+1+7+9', 'syntax'],
  // digits_mismatch
  ['odd', '1+3+5+7', 'digits_mismatch'],
  ['odd', '1+3+5+7+9+1', 'digits_mismatch'],
  ['odd', '1+3+5+7+8', 'digits_mismatch'],
  ['year', '2+0+6', 'digits_mismatch'],
  ['year', '2+2+2+0+6', 'digits_mismatch'],
  ['year', '2+0+2+6+0', 'digits_mismatch'],
  ['even', '0+2+4+6+8+2', 'digits_mismatch'],
  ['even', '1+2+4+6+8', 'digits_mismatch'],
  ['yearAll', '2026-2020', 'digits_mismatch'],
  ['odd', '2(3)+1', 'syntax'],
  ['odd', '9^9^9^9', 'digits_mismatch'],
  ['oddAll', '(3-5+1)^(9^7)+100', 'digits_mismatch'],
  ['evenAll', '√(2+4+6+8+0+16)', 'digits_mismatch'],
  ['two', '√(2*2)', 'digits_mismatch'],
  // not_integer
  ['year', '(2+2)/(0+6)', 'not_integer'],
  ['odd', '1/3+5+7+9', 'not_integer'],
  ['odd', '(1+3+5+7)/9', 'not_integer'],
  ['even', '8/6+4+2+0', 'not_integer'],
  ['year', '(2+0)/(2*6)', 'not_integer'],
  ['odd', '(9+7)/(5*3)+1', 'not_integer'],
  ['year', '2^(0-6)*2', 'not_integer'],
  ['oddAll', '135/(9-7)', 'not_integer'],
  // out_of_range
  ['odd', '9*7*5*3*1', 'out_of_range'],
  ['odd', '1-3-5-7-9', 'out_of_range'],
  ['odd', '1*3*5-7-9', 'out_of_range'],
  ['year', '2*0*2*6', 'out_of_range'],
  ['year', '6!+2+2+0', 'out_of_range'],
  ['even', '8*6*4*2+0', 'out_of_range'],
  ['narrow', '1+3+5+7+9', 'out_of_range'],
  ['narrow', '1*3+5+7-9', 'out_of_range'],
  ['yearAll', '202-6', 'out_of_range'],
  ['yearAll', '2062', 'out_of_range'],
  ['oddAll', '(3-5+1)^(9^7)', 'out_of_range'],
  ['even', '(8+6+4+2+0)!', 'out_of_range'],
  ['even', '8/(4-6)+2+0', 'out_of_range'],
  // division_by_zero
  ['year', '6/0+2+2', 'division_by_zero'],
  ['year', '(2+6)/(2*0)', 'division_by_zero'],
  ['year', '6/(2-2)+0', 'division_by_zero'],
  ['even', '8/(6-4-2)+0', 'division_by_zero'],
  ['odd', '9/(1+7-3-5)', 'division_by_zero'],
  ['even', '(8+6+4+2)/0', 'division_by_zero'],
  ['even', '(8+6+4+2)÷0', 'division_by_zero'],
  ['yearAll', '26/(2*0)', 'division_by_zero'],
  // domain
  ['two', '√2', 'domain'],
  ['two', 'sqrt(2)', 'domain'],
  ['yearAll', '√(2+0)+2+6', 'domain'],
  ['yearAll', '√(0-2-2-6)', 'domain'],
  ['odd', '(1/3)!+5+7+9', 'domain'],
  ['odd', '(1-3)!+5+7+9', 'domain'],
  ['odd', '(1+3+5+7+9)!', 'domain'],
  ['even', '(4!)!+8+6+2+0', 'domain'],
  ['odd', '3P5+1+7+9', 'domain'],
  ['odd', '3C5+1+7+9', 'domain'],
  ['odd', '(1/3)C5+7+9', 'domain'],
  ['odd', '9C(1/3)+5+7', 'domain'],
  ['odd', '(1-3)C5+7+9', 'domain'],
  ['odd', '9P(1-3)+5+7', 'domain'],
  ['year', '0^(2-6)+2', 'domain'],
  ['even', '0^(8-6-2)+4', 'domain'],
  ['even', '4^(2/8)+6+0', 'domain'],
  ['year', '2^(2/6)+0', 'domain'],
  ['oddAll', '√(3+5)+1+7+9', 'domain'],
  ['evenAll', '√(2/8)^4+6+0', 'not_integer'],
  // operator_not_allowed
  ['oddNone', '1^3+5+7+9', 'operator_not_allowed'],
  ['oddNone', '3!+1+5+7+9', 'operator_not_allowed'],
  ['oddNone', '5P3+1+7+9', 'operator_not_allowed'],
  ['oddNone', '5C3+1+7+9', 'operator_not_allowed'],
  ['oddNone', '√9+1+3+5+7', 'operator_not_allowed'],
  ['oddNone', '13+5+7+9', 'operator_not_allowed'],
  ['odd', '√9+1+3+5+7', 'operator_not_allowed'],
  ['odd', 'sqrt(9)+1+3+5+7', 'operator_not_allowed'],
  ['odd', '13+5+7+9', 'operator_not_allowed'],
  ['year', '20+26', 'operator_not_allowed'],
  ['year', '02+26', 'operator_not_allowed'],
  ['yearNone', '2^6+2+0', 'operator_not_allowed'],
  ['yearNone', '√', 'operator_not_allowed'],
  // too_large
  ['nines', '9^9^9^9', 'too_large'],
  ['nines', '(9^9)^(9^9)', 'too_large'],
  ['nines', '9!^9!^9!^9!', 'too_large'],
  ['even', '8^(6^4)*2+0', 'too_large'],
  ['odd', '9^(7^5)*3-1', 'too_large'],
  ['oddAll', '97^53^1', 'too_large'],
  ['oddAll', '(3/97)^51', 'too_large'],
  ['year', '1'.repeat(81), 'too_large'],
  ['year', '2+0+2+6' + ' '.repeat(74), 'too_large'],
  ['year', 'x'.repeat(10_000), 'too_large'],
  ['longNines', `${'9'.repeat(76)}/9*9`, 'out_of_range'],
  ['longNines', '9'.repeat(78), 'too_large'],
];

const ALL_CASES = [...VALID, ...INVALID];

describe('checkExpression table', () => {
  test('has at least 200 cases and covers every reason several times', () => {
    expect(ALL_CASES.length).toBeGreaterThanOrEqual(200);
    for (const reason of YEAR_ERROR_REASONS) {
      expect(ALL_CASES.filter((c) => c[2] === reason).length).toBeGreaterThanOrEqual(4);
    }
  });

  for (const [name, expr, expected] of ALL_CASES) {
    const label = expr.length > 40 ? `${JSON.stringify(expr.slice(0, 30))}…(${expr.length} chars)` : JSON.stringify(expr);
    test(`${name}: ${label} → ${expected}`, () => {
      const result = checkExpression(expr, RULES[name]);
      if (typeof expected === 'number') {
        expect(result).toMatchObject({ ok: true, value: expected });
      } else {
        expect(result).toMatchObject({ ok: false, reason: expected });
        if (!result.ok) {
          expect(yearProblemText(result.message, 'en').length).toBeGreaterThan(0);
          expect(yearProblemText(result.message, 'ko').length).toBeGreaterThan(0);
        }
      }
    });
  }
});

describe('checkExpression details', () => {
  test('9^9^9^9 is refused as too_large within 50 ms', () => {
    // The smaller of wall and CPU time, so a busy shared machine cannot fail this.
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const result = checkExpression('9^9^9^9', RULES.nines);
    const wall = performance.now() - started;
    const { user, system } = process.cpuUsage(cpuStart);
    expect(Math.min(wall, (user + system) / 1000)).toBeLessThan(50);
    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
  });

  test('exactly 80 characters is accepted, 81 is too_large', () => {
    const base = '1+3+5+7+9';
    expect(checkExpression(base.padEnd(80), odd)).toMatchObject({ ok: true, value: 25 });
    expect(checkExpression(base.padEnd(81), odd)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  test('normalized uses keypad symbols and keeps the written parentheses', () => {
    const cases: [RulesName, string, string][] = [
      ['year', '(2+0)!*2+6', '(2 + 0)! × 2 + 6'],
      ['odd', '9*-1+3+5+7', '9 × −1 + 3 + 5 + 7'],
      ['odd', '(9+7)/(5-3)+1', '(9 + 7) ÷ (5 − 3) + 1'],
      ['odd', '5p3+7-9+1', '5P3 + 7 − 9 + 1'],
      ['odd', '5c3+7+9+1', '5C3 + 7 + 9 + 1'],
      ['odd', '3^(9-7)^1+5', '3^(9 − 7)^1 + 5'],
      ['oddAll', 'sqrt(9)+1+3+5+7', '√(9) + 1 + 3 + 5 + 7'],
      ['oddAll', '√9+1+3+5+7', '√9 + 1 + 3 + 5 + 7'],
      ['odd', '(7-5)^-1*(9+3)', '(7 − 5)^−1 × (9 + 3)'],
      ['odd', '3!!/((7+5)*(9+1))', '3!! ÷ ((7 + 5) × (9 + 1))'],
    ];
    for (const [name, expr, normalized] of cases) {
      expect(checkExpression(expr, RULES[name])).toEqual({ ok: true, value: expect.any(Number), normalized });
    }
  });

  test('ASCII and keypad symbols are equivalent', () => {
    const pairs: [RulesName, string, string][] = [
      ['odd', '9*7-5*3+1', '9×7−5×3+1'],
      ['odd', '9*7-5*3+1', '9·7-5·3+1'],
      ['odd', '(9+7)/(5-3)+1', '(9+7)÷(5−3)+1'],
      ['odd', '5P3+7-9+1', '5p3+7−9+1'],
      ['odd', '5C3+7+9+1', '5c3+7+9+1'],
      ['oddAll', 'sqrt(9)+1+3+5+7', '√(9)+1+3+5+7'],
      ['year', '2-2-0+6', '2−2−0+6'],
    ];
    for (const [name, ascii, symbols] of pairs) {
      expect(checkExpression(ascii, RULES[name])).toEqual(checkExpression(symbols, RULES[name]));
    }
  });

  test('precedence: −2^2 is −(2^2), ^ is right-associative, P/C bind tighter than ×', () => {
    const r = withOps(defaultYearRules([2, 2, 3]), ALL_ON);
    const free = { ...r, targetMin: -1000, targetMax: 1000 };
    expect(checkExpression('-2^2+3', free)).toMatchObject({ ok: true, value: -1 });
    expect(checkExpression('(-2)^2+3', free)).toMatchObject({ ok: true, value: 7 });
    expect(checkExpression('2^3^2', { ...free, digits: [2, 3, 2] })).toMatchObject({ ok: true, value: 512 });
    expect(checkExpression('(2^3)^2', { ...free, digits: [2, 3, 2] })).toMatchObject({ ok: true, value: 64 });
    expect(checkExpression('2*3P2', free)).toMatchObject({ ok: true, value: 12 });
    expect(checkExpression('2^3C2', free)).toMatchObject({ ok: true, value: 28 });
    expect(checkExpression('3!^2+2', free)).toMatchObject({ ok: true, value: 38 });
    expect(checkExpression('√4!', { ...free, digits: [4] })).toMatchObject({ ok: false, reason: 'domain' });
    expect(checkExpression('(√4)!', { ...free, digits: [4] })).toMatchObject({ ok: true, value: 2 });
    expect(checkExpression('√4^3', { ...free, digits: [4, 3] })).toMatchObject({ ok: true, value: 8 });
  });

  test('error messages come in English and Korean', () => {
    const result = checkExpression('(2+2)/(0+6)', year);
    expect(result).toMatchObject({ ok: false, reason: 'not_integer' });
    if (result.ok) return;
    expect(Object.keys(result).sort()).toEqual(['message', 'ok', 'reason']);
    expect(yearProblemText(result.message, 'en')).toContain('2/3');
    expect(yearProblemText(result.message, 'ko')).toMatch(/[가-힣]/);
    const off = checkExpression('13+5+7+9', odd);
    expect(off.ok).toBe(false);
    if (!off.ok) expect(yearProblemText(off.message, 'en')).toContain('Joining digits');
  });

  test('a malformed rule digit can never be satisfied', () => {
    expect(checkExpression('1+2', { ...odd, digits: [12, 1, 2] })).toMatchObject({ ok: false, reason: 'digits_mismatch' });
    expect(checkExpression('12', { ...odd, digits: [12], operators: ALL_ON })).toMatchObject({ ok: false, reason: 'digits_mismatch' });
  });

  test('odd target bounds do not throw', () => {
    expect(checkExpression('1+3+5+7+9', { ...odd, targetMin: 0.5, targetMax: 25.5 })).toMatchObject({ ok: true, value: 25 });
    expect(checkExpression('1+3+5+7+9', { ...odd, targetMin: 30, targetMax: 20 })).toMatchObject({ reason: 'out_of_range' });
  });
});

describe('previewExpression', () => {
  test('(2+2)/(0+6) shows 2/3 and the not_integer verdict', () => {
    expect(previewExpression('(2+2)/(0+6)', year)).toEqual({
      value: '2/3',
      complete: true,
      usedDigits: [2, 2, 0, 6],
      error: expect.objectContaining({ reason: 'not_integer' }),
    });
  });

  const cases: [RulesName, string, { value: string | null; complete: boolean; usedDigits: number[]; reason?: YearErrorReason }][] = [
    ['year', '', { value: null, complete: false, usedDigits: [] }],
    ['year', '2+', { value: null, complete: false, usedDigits: [2] }],
    ['year', '(2+2)/(0', { value: null, complete: false, usedDigits: [2, 2, 0] }],
    ['year', '2*0+2', { value: '2', complete: false, usedDigits: [2, 0, 2] }],
    ['year', '2-6', { value: '-4', complete: false, usedDigits: [2, 6] }],
    ['year', '2/6', { value: '1/3', complete: false, usedDigits: [2, 6] }],
    ['year', '2*0+2+6', { value: '8', complete: true, usedDigits: [2, 0, 2, 6] }],
    ['year', '6/0', { value: null, complete: false, usedDigits: [6, 0], reason: 'division_by_zero' }],
    ['year', '2(', { value: null, complete: false, usedDigits: [2], reason: 'syntax' }],
    ['year', '2+2+2', { value: null, complete: false, usedDigits: [2, 2, 2], reason: 'digits_mismatch' }],
    ['year', '2/3', { value: null, complete: false, usedDigits: [2, 3], reason: 'digits_mismatch' }],
    ['year', '√', { value: null, complete: false, usedDigits: [], reason: 'operator_not_allowed' }],
    ['year', '20', { value: null, complete: false, usedDigits: [2, 0], reason: 'operator_not_allowed' }],
    ['year', '2^(0-6', { value: null, complete: false, usedDigits: [2, 0, 6] }],
    ['year', '2*0*2*6', { value: '0', complete: true, usedDigits: [2, 0, 2, 6], reason: 'out_of_range' }],
    ['yearAll', '√(2', { value: null, complete: false, usedDigits: [2] }],
    ['yearAll', '√2', { value: null, complete: false, usedDigits: [2], reason: 'domain' }],
    ['nines', '9^9^9^9', { value: null, complete: false, usedDigits: [9, 9, 9, 9], reason: 'too_large' }],
    ['year', '2'.repeat(81), { value: null, complete: false, usedDigits: new Array(81).fill(2), reason: 'too_large' }],
    ['year', '2x', { value: null, complete: false, usedDigits: [2], reason: 'syntax' }],
    ['yearAll', 'sq', { value: null, complete: false, usedDigits: [] }],
    ['yearAll', '2+SQR', { value: null, complete: false, usedDigits: [2] }],
    ['yearAll', '2+sqrt', { value: null, complete: false, usedDigits: [2] }],
    ['yearAll', '2s6', { value: null, complete: false, usedDigits: [2, 6], reason: 'syntax' }],
    ['year', '2+2+2+s', { value: null, complete: false, usedDigits: [2, 2, 2], reason: 'digits_mismatch' }],
  ];
  for (const [name, expr, want] of cases) {
    test(`${name}: ${JSON.stringify(expr.length > 30 ? `${expr.slice(0, 10)}…` : expr)}`, () => {
      const got = previewExpression(expr, RULES[name]);
      const reason = got.error ? { reason: got.error.reason } : {};
      expect({ value: got.value, complete: got.complete, usedDigits: got.usedDigits, ...reason }).toEqual(want);
      if (got.error) expect(yearProblemText(got.error.message, 'ko').length).toBeGreaterThan(0);
    });
  }
});

describe('pointsFor', () => {
  const value: [number, number][] = [
    [1, 1],
    [9, 9],
    [10, 10],
    [76, 76],
    [100, 100],
  ];
  const range: [number, number][] = [
    [-5, 10],
    [0, 10],
    [1, 10],
    [5, 10],
    [9, 10],
    [10, 20],
    [19, 20],
    [20, 30],
    [45, 50],
    [76, 80],
    [89, 90],
    [90, 100],
    [99, 100],
    [100, 100],
    [150, 100],
  ];
  for (const [target, points] of value) {
    test(`value: ${target} → ${points}`, () => expect(pointsFor(target, { kind: 'value' })).toBe(points));
  }
  for (const [target, points] of range) {
    test(`range: ${target} → ${points}`, () => expect(pointsFor(target, { kind: 'range' })).toBe(points));
  }
  for (const [target, points] of [
    [1, 5],
    [50, 5],
    [100, 5],
    [7, 0],
    [7, 12],
  ] as const) {
    test(`flat ${points}: ${target} → ${points}`, () => expect(pointsFor(target, { kind: 'flat', points })).toBe(points));
  }
});

describe('drawDigits, yearDigits, defaultYearRules', () => {
  test('drawDigits takes one digit from each pair, ascending', () => {
    expect(drawDigits(() => 0)).toEqual([0, 2, 4, 6, 8]);
    expect(drawDigits(() => 0.999)).toEqual([1, 3, 5, 7, 9]);
    expect(drawDigits(() => 1)).toEqual([1, 3, 5, 7, 9]);
    let i = 0;
    expect(drawDigits(() => [0.1, 0.9][i++ % 2]!)).toEqual([0, 3, 4, 7, 8]);
    for (let k = 0; k < 200; k++) {
      const digits = drawDigits();
      expect(digits).toHaveLength(5);
      digits.forEach((d, pair) => expect(Math.floor(d / 2)).toBe(pair));
    }
  });

  test('yearDigits keeps writing order and repeats', () => {
    expect(yearDigits(2026)).toEqual([2, 0, 2, 6]);
    expect(yearDigits(1999)).toEqual([1, 9, 9, 9]);
    expect(yearDigits(0)).toEqual([0]);
    expect(() => yearDigits(-1)).toThrow(RangeError);
    expect(() => yearDigits(20.5)).toThrow(RangeError);
  });

  test('defaultYearRules', () => {
    const digits = [2, 0, 2, 6];
    const rules = defaultYearRules(digits);
    expect(rules).toEqual({
      digits: [2, 0, 2, 6],
      targetMin: 1,
      targetMax: 100,
      operators: { power: true, factorial: true, perm: true, comb: true, sqrt: false, concat: false },
    });
    digits.push(9);
    expect(rules.digits).toEqual([2, 0, 2, 6]);
  });
});
