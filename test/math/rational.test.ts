import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import * as Q from '../../src/math/rational.ts';

const ratArb = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.boolean())
  .map(([n, d, flip]) => Q.rational(n, flip ? -d : d));

describe('rational', () => {
  test('normalises sign and common factors', () => {
    expect(Q.rational(4, 6)).toEqual({ num: 2n, den: 3n });
    expect(Q.rational(4, -6)).toEqual({ num: -2n, den: 3n });
    expect(Q.rational(-4, -6)).toEqual({ num: 2n, den: 3n });
    expect(Q.rational(0, -5)).toEqual({ num: 0n, den: 1n });
    expect(() => Q.rational(1, 0)).toThrow(RangeError);
  });

  test('toString', () => {
    expect(Q.toString(Q.rational(2, 3))).toBe('2/3');
    expect(Q.toString(Q.rational(-2, 3))).toBe('-2/3');
    expect(Q.toString(Q.rational(12))).toBe('12');
    expect(Q.toString(Q.rational(0, 7))).toBe('0');
  });

  test('exact arithmetic', () => {
    const third = Q.rational(1, 3);
    expect(Q.mul(third, Q.integer(3))).toEqual(Q.ONE);
    expect(Q.add(Q.rational(1, 6), Q.rational(1, 3))).toEqual(Q.rational(1, 2));
    expect(Q.sub(Q.rational(1, 2), Q.rational(1, 2))).toEqual(Q.ZERO);
    expect(Q.div(Q.rational(2, 3), Q.rational(4, 9))).toEqual(Q.rational(3, 2));
    expect(() => Q.div(Q.ONE, Q.ZERO)).toThrow(RangeError);
    expect(Q.pow(Q.rational(-2, 3), -3n)).toEqual(Q.rational(-27, 8));
    expect(Q.pow(Q.rational(5, 7), 0n)).toEqual(Q.ONE);
    expect(Q.isInteger(Q.rational(6, 3))).toBe(true);
    expect(Q.compare(Q.rational(1, 3), Q.rational(1, 2))).toBe(-1);
  });

  test('square roots are exact or refused', () => {
    expect(Q.sqrtExact(Q.rational(9, 4))).toEqual(Q.rational(3, 2));
    expect(Q.sqrtExact(Q.integer(2))).toBeNull();
    expect(Q.sqrtExact(Q.integer(-4))).toBeNull();
    expect(Q.sqrtExact(Q.ZERO)).toEqual(Q.ZERO);
  });

  test('bitLength', () => {
    expect([0n, 1n, 2n, 3n, 255n, 256n, -256n].map(Q.bitLength)).toEqual([0, 1, 2, 2, 8, 9, 9]);
    expect(Q.bitLength(2n ** 256n - 1n)).toBe(256);
  });

  test('field laws hold (property)', () => {
    fc.assert(
      fc.property(ratArb, ratArb, (a, b) => {
        expect(Q.sub(Q.add(a, b), b)).toEqual(a);
        if (!Q.isZero(b)) expect(Q.div(Q.mul(a, b), b)).toEqual(a);
        expect(Q.gcd(a.num, a.den)).toBe(a.num === 0n ? a.den : 1n);
        expect(a.den > 0n).toBe(true);
      }),
    );
  });

  test('isqrt is the floor square root (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 300n }), (n) => {
        const r = Q.isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });
});
