// Exact rationals over BigInt. Floats are never used for judging: 2/3 must stay
// 2/3 and (1/3)*3 must be exactly 1, otherwise a correct answer could be refused.
//
// Invariant for every value built through `rational`: den > 0 and gcd(|num|, den) = 1,
// so structural equality is numeric equality and `toString` is canonical.

export type Rational = { readonly num: bigint; readonly den: bigint };

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

function absBig(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function gcd(a: bigint, b: bigint): bigint {
  a = absBig(a);
  b = absBig(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Builds a normalised rational. A zero denominator is a caller bug, hence the throw. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('rational: zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g === 1n ? { num: n, den: d } : { num: n / g, den: d / g };
}

export function integer(n: bigint | number): Rational {
  return { num: BigInt(n), den: 1n };
}

export function add(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num + b.num, den: 1n };
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function sub(a: Rational, b: Rational): Rational {
  return add(a, neg(b));
}

export function mul(a: Rational, b: Rational): Rational {
  if (a.den === 1n && b.den === 1n) return { num: a.num * b.num, den: 1n };
  return rational(a.num * b.num, a.den * b.den);
}

/** Throws on b = 0; the evaluator checks first so it can report `division_by_zero`. */
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('rational: division by zero');
  return rational(a.num * b.den, a.den * b.num);
}

export function neg(a: Rational): Rational {
  return { num: -a.num, den: a.den };
}

/**
 * Integer power with no size guard: callers must bound the result first
 * (see `powBitsUpperBound`), since 9^(9^9) would otherwise hang the process.
 */
export function pow(base: Rational, exp: bigint): Rational {
  if (exp === 0n) return ONE;
  if (exp < 0n) {
    if (base.num === 0n) throw new RangeError('rational: zero to a negative power');
    // gcd(num, den) = 1 is preserved by powers, so only the sign needs fixing.
    const inv = base.num < 0n ? { num: -base.den, den: -base.num } : { num: base.den, den: base.num };
    return pow(inv, -exp);
  }
  return { num: base.num ** exp, den: base.den ** exp };
}

export function isZero(a: Rational): boolean {
  return a.num === 0n;
}

export function isInteger(a: Rational): boolean {
  return a.den === 1n;
}

export function equals(a: Rational, b: Rational): boolean {
  return a.num === b.num && a.den === b.den;
}

export function compare(a: Rational, b: Rational): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function toString(a: Rational): string {
  return a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`;
}

/** Number of bits of |x|; 0 for 0. */
export function bitLength(x: bigint): number {
  x = absBig(x);
  if (x === 0n) return 0;
  // toString(16) is far faster than a shift loop for big values.
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

/** The larger of the bit lengths of numerator and denominator: our size measure. */
export function sizeBits(a: Rational): number {
  return Math.max(bitLength(a.num), bitLength(a.den));
}

/** Floor square root of a non-negative BigInt (Newton's method). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt: negative');
  if (n < 2n) return n;
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** Exact square root, or null when it is not rational (or the input is negative). */
export function sqrtExact(a: Rational): Rational | null {
  if (a.num < 0n) return null;
  const n = isqrt(a.num);
  const d = isqrt(a.den);
  // Lowest terms means sqrt(num/den) is rational iff both parts are perfect squares.
  if (n * n !== a.num || d * d !== a.den) return null;
  return { num: n, den: d };
}
