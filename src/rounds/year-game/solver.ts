// Finds every reachable target with one short example each.
//
// Dynamic programming over sub-multisets of the digits: each multiset maps every value
// it can make to its shortest known expression, built by combining two disjoint
// sub-multisets with a binary operator and then applying ! and √ a few times.
// The full multiset is not tabulated (that would be most of the work): for each split
// and each goal we look up the one partner that would hit the goal.
//
// Speed comes from plain JS numbers instead of BigInt: numerators and denominators are
// capped (VALUE_CAP, DEN_CAP), so every intermediate product stays below 2^53 and the
// arithmetic is still exact. Values beyond the caps are dropped, which may hide an
// exotic solution but never creates a wrong one; and `solve` in rules.ts re-judges
// every example with the real evaluator before reporting it.

import type { YearOperators, YearRules } from './types.ts';
import { formatNode, withReaderParens, type BinaryOp, type YearNode } from './parse';

/**
 * Largest |numerator| and denominator kept. Measured on 60 digit sets, raising these
 * to 10^6 / 10^6 finds no extra target but doubles the time.
 */
const VALUE_CAP = 100_000;
const DEN_CAP = 1_000;
/** > 2 · DEN_CAP, so n * KEY_SHIFT + d is a unique int32 key that decodes by rounding. */
const KEY_SHIFT = 2_048;
/** How many ! / √ may be stacked directly on one value, e.g. (3!)! or √(√16). */
const MAX_UNARY_CHAIN = 2;
/** Bounds memory and time should someone ask for many digits; unreached for five. */
const MAX_VALUES_PER_SET = 200_000;
/** Exponents and r in nPr/nCr tried by brute force; beyond this results exceed the cap. */
const SMALL_INT = 20;
/** With more goals than this, tabulating the full multiset is cheaper than goal lookups. */
const MAX_GOALS = 2_000;
/** Six digits already take seconds, and each extra digit multiplies the work. */
export const MAX_SOLVER_DIGITS = 6;

type Entry = { n: number; d: number; node: YearNode; size: number; chain: number };

/**
 * Value key -> entry by open addressing over typed arrays: about twice as fast as a
 * Map, and the solver is little more than these lookups.
 */
class Values {
  readonly entries: Entry[] = [];
  private keys = new Int32Array(64);
  private slots = new Int32Array(64); // entry index + 1; 0 marks an empty slot

  get size(): number {
    return this.entries.length;
  }

  private slotOf(key: number): number {
    const mask = this.slots.length - 1;
    let i = (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
    while (this.slots[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  get(key: number): Entry | undefined {
    const slot = key === key ? this.slots[this.slotOf(key)]! : 0; // NaN keys are never stored
    return slot === 0 ? undefined : this.entries[slot - 1];
  }

  set(key: number, entry: Entry): void {
    const i = this.slotOf(key);
    if (this.slots[i] !== 0) return void (this.entries[this.slots[i]! - 1] = entry);
    this.keys[i] = key;
    this.slots[i] = this.entries.push(entry);
    if (this.entries.length * 2 <= this.slots.length) return;
    const { keys, slots } = this;
    this.keys = new Int32Array(keys.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    for (let j = 0; j < slots.length; j++) {
      if (slots[j] === 0) continue;
      const k = this.slotOf(keys[j]!);
      this.keys[k] = keys[j]!;
      this.slots[k] = slots[j]!;
    }
  }
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Normalised exact key, or NaN when the value is outside the caps (so never stored). */
function keyOf(n: number, d: number): number {
  if (d === 0) return NaN;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (d !== 1) {
    const g = gcd(n, d);
    n /= g;
    d /= g;
  }
  return n > VALUE_CAP || n < -VALUE_CAP || d > DEN_CAP ? NaN : n * KEY_SHIFT + d;
}

/**
 * Records a value if it is new or has a shorter expression. The node is described
 * by (make, a, b) and only built on success: most offers are duplicates.
 */
function offer(out: Values, n: number, d: number, size: number, chain: number, make: BinaryOp | 'fact' | 'sqrt' | YearNode, a?: Entry, b?: Entry): Entry | undefined {
  const key = keyOf(n, d);
  if (key !== key) return undefined;
  const existing = out.get(key);
  if (existing !== undefined ? existing.size <= size : out.size >= MAX_VALUES_PER_SET) return undefined;
  const node: YearNode =
    typeof make === 'object'
      ? make
      : make === 'fact' || make === 'sqrt'
        ? { kind: make, arg: a!.node }
        : { kind: 'bin', op: make, left: a!.node, right: b!.node };
  const kn = Math.round(key / KEY_SHIFT);
  const entry = { n: kn === 0 ? 0 : kn, d: key - kn * KEY_SHIFT, node, size, chain };
  out.set(key, entry);
  return entry;
}

/** Integer power within the caps, or null (also for 0^0 and 0^negative, as the judge refuses those). */
function powerOf(n: number, d: number, e: number): [number, number] | null {
  if (n === 0) return e > 0 ? [0, 1] : null;
  if (d === 1 && (n === 1 || n === -1)) return e % 2 === 0 ? [1, 1] : [n, 1];
  if (Math.abs(e) > SMALL_INT) return null; // |n| ≥ 2 or d ≥ 2, so far past the caps
  if (e < 0) {
    const t = n;
    n = n < 0 ? -d : d;
    d = t < 0 ? -t : t;
    e = -e;
  }
  let pn = 1;
  let pd = 1;
  for (let i = 0; i < e; i++) {
    pn *= n;
    pd *= d;
    if (Math.abs(pn) > VALUE_CAP || pd > DEN_CAP) return null;
  }
  return [pn, pd];
}

function permOrComb(op: 'P' | 'C', n: number, r: number): number | null {
  if (r < 0 || r > n) return null;
  let result = 1;
  const k = op === 'P' ? r : Math.min(r, n - r);
  for (let i = 0; i < k; i++) {
    result = op === 'P' ? result * (n - i) : (result * (n - i)) / (i + 1);
    if (result > VALUE_CAP) return null;
  }
  return result;
}

/** ^, P and C for one pair of values; `keep` filters results (the goal set, at the top). */
function offerOthers(out: Values, a: Entry, b: Entry, ops: YearOperators, keep?: Set<number>): void {
  if (b.d !== 1) return;
  const size = a.size + b.size + 1;
  const p = ops.power ? powerOf(a.n, a.d, b.n) : null;
  if (p && (!keep || (p[1] === 1 && keep.has(p[0])))) offer(out, p[0], p[1], size, 0, '^', a, b);
  if (a.d !== 1) return;
  for (const op of ['P', 'C'] as const) {
    const v = (op === 'P' ? ops.perm : ops.comb) ? permOrComb(op, a.n, b.n) : null;
    if (v !== null && (!keep || keep.has(v))) offer(out, v, 1, size, 0, op, a, b);
  }
}

function combineAll(out: Values, as: Values, bs: Values, ops: YearOperators, commutativeDone: boolean): void {
  for (const a of as.entries) {
    for (const b of bs.entries) {
      const size = a.size + b.size + 1;
      if (!commutativeDone) {
        offer(out, a.n * b.d + b.n * a.d, a.d * b.d, size, 0, '+', a, b);
        offer(out, a.n * b.n, a.d * b.d, size, 0, '*', a, b);
      }
      offer(out, a.n * b.d - b.n * a.d, a.d * b.d, size, 0, '-', a, b);
      if (b.n !== 0) offer(out, a.n * b.d, a.d * b.n, size, 0, '/', a, b);
      offerOthers(out, a, b, ops);
    }
  }
}

/**
 * Goal-directed combineAll for the full multiset: only results in `goals` matter, so
 * for + − × ÷ we walk the smaller side s and look up the partner p = pn/pd.
 */
function combineToward(out: Values, ls: Values, rs: Values, goals: Set<number>, ops: YearOperators, commutativeDone: boolean): void {
  const hit = (op: BinaryOp, t: number, l: Entry | undefined, r: Entry | undefined): void => {
    if (l && r) offer(out, t, 1, l.size + r.size + 1, 0, op, l, r);
  };
  const sLeft = ls.size <= rs.size;
  const [small, big] = sLeft ? [ls, rs] : [rs, ls];
  const pair = (op: BinaryOp, t: number, s: Entry, pn: number, pd: number): void => {
    const p = big.get(keyOf(pn, pd));
    if (sLeft) hit(op, t, s, p);
    else hit(op, t, p, s);
  };
  const targets = [...goals];
  for (const s of small.entries) {
    for (const t of targets) {
      if (!commutativeDone) pair('+', t, s, t * s.d - s.n, s.d);
      if (!commutativeDone && s.n !== 0) pair('*', t, s, t * s.d, s.n);
      if (sLeft) pair('-', t, s, s.n - t * s.d, s.d); // s − p = t
      else pair('-', t, s, t * s.d + s.n, s.d); // p − s = t
      if (sLeft && t !== 0 && s.n !== 0) pair('/', t, s, s.n, s.d * t); // s ÷ p = t
      if (!sLeft && s.n !== 0) pair('/', t, s, t * s.n, s.d); // p ÷ s = t
    }
  }
  if (goals.has(0)) {
    // 0 × x and 0 ÷ x work for any partner, which the lookups above cannot express.
    const zeroL = ls.get(keyOf(0, 1));
    hit('*', 0, zeroL, rs.entries[0]);
    hit('*', 0, ls.entries[0], rs.get(keyOf(0, 1)));
    hit('/', 0, zeroL, rs.entries.find((e) => e.n !== 0));
  }
  // l^r, lPr, lCr only land on a goal when l is goal-sized (or 1/k for negative powers):
  // larger l give larger results for every r ≥ 1, and r = 0 gives 1 for any l anyway.
  const limit = Math.max(...targets.map(Math.abs));
  const smallR = rs.entries.filter((e) => e.d === 1 && Math.abs(e.n) <= SMALL_INT);
  const anyInt = rs.entries.find((e) => e.d === 1);
  for (const l of ls.entries) {
    if (l.d === 1 ? Math.abs(l.n) > limit : Math.abs(l.n) !== 1 || l.d > limit) continue;
    for (const r of smallR) offerOthers(out, l, r, ops, goals);
    // Large right operands that still give small results: 1^r, nC(n−2), nC(n−1), nCn.
    if (l.d === 1 && l.n === 1 && anyInt) offerOthers(out, l, anyInt, ops, goals);
    if (l.d !== 1 || l.n <= SMALL_INT) continue;
    for (const r of [l.n - 2, l.n - 1, l.n]) {
      const e = rs.get(keyOf(r, 1));
      if (e) offerOthers(out, l, e, ops, goals);
    }
  }
}

/** Applies ! and √ to every value (and to their results, up to MAX_UNARY_CHAIN deep). */
function closeUnary(out: Values, ops: YearOperators): void {
  if (!ops.factorial && !ops.sqrt) return;
  const queue = [...out.entries];
  while (queue.length > 0) {
    const e = queue.pop()!;
    // Skip entries since replaced by a shorter expression: the replacement is queued too.
    if (e.chain >= MAX_UNARY_CHAIN || out.get(e.n * KEY_SHIFT + e.d) !== e) continue;
    const next = (n: number, d: number, kind: 'fact' | 'sqrt'): void => {
      const made = offer(out, n, d, e.size + 1, e.chain + 1, kind, e);
      if (made) queue.push(made);
    };
    // 0! = 1 is useful; 1! and 2! only lengthen the expression; 9! is past the cap.
    if (ops.factorial && e.d === 1 && (e.n === 0 || (e.n >= 3 && e.n <= 8))) {
      let f = 1;
      for (let i = 2; i <= e.n; i++) f *= i;
      next(f, 1, 'fact');
    }
    if (ops.sqrt && e.n > 0 && e.n !== e.d) {
      const [rn, rd] = [Math.round(Math.sqrt(e.n)), Math.round(Math.sqrt(e.d))];
      if (rn * rn === e.n && rd * rd === e.d) next(rn, rd, 'sqrt');
    }
  }
}

/** Targets plus the values that one or two ! / √ steps turn into a target. */
function goalsFor(rules: YearRules): Set<number> | null {
  const lo = Math.max(Math.ceil(rules.targetMin), -VALUE_CAP);
  const hi = Math.min(Math.floor(rules.targetMax), VALUE_CAP);
  if (hi - lo + 1 > MAX_GOALS) return null;
  const goals = new Set<number>();
  for (let t = lo; t <= hi; t++) goals.add(t);
  for (let round = 0; round < MAX_UNARY_CHAIN; round++) {
    for (const g of [...goals]) {
      if (rules.operators.sqrt && g > 0 && g * g <= VALUE_CAP) goals.add(g * g);
      for (let k = 0, f = 1; rules.operators.factorial && k <= 8; f *= ++k) if (f === g) goals.add(k);
    }
  }
  return goals;
}

/** Distinct numbers made by writing the digits side by side in some order, no leading 0. */
function joinedNumbers(digits: number[]): number[][] {
  if (digits.length === 1) return [digits];
  const results = new Map<string, number[]>();
  const walk = (rest: number[], acc: number[]): void => {
    if (rest.length === 0 && acc[0] !== 0) results.set(acc.join(''), acc);
    rest.forEach((d, i) => walk(rest.filter((_, j) => j !== i), [...acc, d]));
  };
  walk(digits, []);
  return [...results.values()];
}

/** Every value of the full multiset that lies in `goals` (all values when goals is null). */
function reach(rules: YearRules, goals: Set<number> | null): Values {
  const { digits, operators: ops } = rules;
  const full = (1 << digits.length) - 1;
  const members = (mask: number): number[] => digits.filter((_, i) => mask & (1 << i));
  const nameOf = (mask: number): string => members(mask).sort((x, y) => x - y).join('');
  // Smaller subsets first, since each table is built from tables of its parts.
  const masks = Array.from({ length: full }, (_, i) => i + 1).sort((x, y) => members(x).length - members(y).length);
  const tables = new Map<string, Values>();
  for (const mask of masks) {
    const name = nameOf(mask);
    if (tables.has(name)) continue;
    const out = new Values();
    if (members(mask).length === 1 || ops.concat) {
      for (const number of joinedNumbers(members(mask))) offer(out, Number(number.join('')), 1, 1, 0, { kind: 'num', digits: number });
    }
    const donePairs = new Set<string>();
    for (let a = (mask - 1) & mask; a > 0; a = (a - 1) & mask) {
      const [na, nb] = [nameOf(a), nameOf(mask ^ a)];
      if (donePairs.has(`${na}|${nb}`)) continue;
      donePairs.add(`${na}|${nb}`);
      const mirrored = donePairs.has(`${nb}|${na}`) && na !== nb;
      if (mask === full && goals) combineToward(out, tables.get(na)!, tables.get(nb)!, goals, ops, mirrored);
      else combineAll(out, tables.get(na)!, tables.get(nb)!, ops, mirrored);
    }
    closeUnary(out, ops);
    tables.set(name, out);
  }
  return tables.get(nameOf(full))!;
}

/**
 * Targets → example expressions, not yet re-judged: rules.ts `solve` does that, and
 * tests check these raw results directly so a solver bug cannot hide behind the filter.
 */
export function solveCandidates(rules: YearRules): Map<number, string> {
  if (rules.digits.length > MAX_SOLVER_DIGITS) {
    throw new RangeError(`solve: at most ${MAX_SOLVER_DIGITS} digits, got ${rules.digits.length}`);
  }
  if (rules.digits.length === 0) return new Map();
  const entries = reach(rules, goalsFor(rules))
    .entries.filter((e) => e.d === 1 && e.n >= rules.targetMin && e.n <= rules.targetMax)
    .sort((x, y) => x.n - y.n);
  return new Map(entries.map((e) => [e.n, formatNode(withReaderParens(e.node))]));
}
