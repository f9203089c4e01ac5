// The server's one cache shape: at most `max` entries, least recently used out first, except that
// a hit on an entry used within the last max/2 moves leaves it where it is (moving every hit cost
// a tenth of a projector's render). Checked against an exact LRU on random use.
import { describe, expect, test } from "bun:test";
import { BoundedCache } from "../../src/cache/bounded.ts";

describe("BoundedCache", () => {
  test("keeps at most max entries; the least recently used goes first", () => {
    const c = new BoundedCache<string, number>(4);
    for (const [i, k] of ["a", "b", "c", "d"].entries()) c.set(k, i);
    expect(c.get("a")).toBe(0); // a was the oldest: the hit moves it to the back
    c.set("e", 4);
    expect(c.size).toBe(4);
    expect(c.get("b")).toBeUndefined();
    expect(["a", "c", "d", "e"].map((k) => c.get(k))).toEqual([0, 2, 3, 4]);
    expect(c.getOr("f", () => 5)).toBe(5);
    expect(c.size).toBe(4);
  });

  test("max 1 keeps the last entry; max below 1 is refused", () => {
    const c = new BoundedCache<string, number>(1);
    c.set("a", 1);
    c.set("b", 2);
    expect([c.get("a"), c.get("b")]).toEqual([undefined, 2]);
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });

  test("random use: never over max, and every key used within the last max/2 uses is still there", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const max of [2, 5, 16, 100]) {
      const c = new BoundedCache<number, number>(max);
      const recent: number[] = [];
      for (let i = 0; i < 20_000; i++) {
        const k = Math.floor(random() * max * 3);
        if (c.get(k) === undefined) c.set(k, k * 10);
        recent.push(k);
        if (recent.length > max / 2) recent.shift();
        expect(c.size).toBeLessThanOrEqual(max);
        for (const r of recent) if (c.get(r) !== r * 10) throw new Error(`max ${max}: key ${r}, used within the last ${max / 2} uses, was evicted`);
      }
    }
  });

  test("evicts oldest first through many evictions, deletes and clears (the kept walk over the map)", () => {
    const max = 1000;
    const c = new BoundedCache<number, number>(max);
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 50 * max; k++) {
        c.set(k, k);
        if (k % 7 === 3) c.delete(k - 500);
      }
      // Only the newest keys are left, less the ones deleted among them.
      const kept = [];
      for (let k = 0; k < 50 * max; k++) if (c.get(k) !== undefined) kept.push(k);
      const expected = [];
      for (let k = 49 * max - 1000; k < 50 * max; k++) if (!((k + 500) % 7 === 3 && k + 500 < 50 * max)) expected.push(k);
      expect(kept).toEqual(expected.slice(-c.size));
      expect(kept[0]).toBeGreaterThanOrEqual(49 * max - 1000);
      c.clear();
      expect(c.size).toBe(0);
    }
  });

  test("idleMs: an entry unused for a whole period goes at the next set; one read or set meanwhile stays", () => {
    let now = 1_000;
    const c = new BoundedCache<string, number>(100, { idleMs: 60_000, now: () => now });
    c.set("a", 1);
    c.set("b", 2);
    now += 60_000; // a period ends: nothing was unused for a whole one yet
    c.set("c", 3);
    expect(c.size).toBe(3);
    now += 30_000;
    expect(c.get("a")).toBe(1); // read in the second period
    now += 30_000; // the second period ends: only b went unused through it (c was set in it)
    c.set("d", 4);
    expect(c.size).toBe(3);
    expect([c.get("a"), c.get("b"), c.get("c"), c.get("d")]).toEqual([1, undefined, 3, 4]);
    // Without sets nothing is swept; the next set starts a period, the one after drops what it left unused.
    now += 600_000;
    c.set("e", 5);
    expect(c.size).toBe(4);
    now += 60_000;
    c.set("f", 6);
    expect([c.size, c.get("e"), c.get("f")]).toEqual([2, 5, 6]);
    // Eviction by size still works with idle sweeps, oldest first.
    const small = new BoundedCache<string, number>(2, { idleMs: 10, now: () => now });
    for (const k of ["a", "b", "c"]) small.set(k, 0);
    expect([small.get("a"), small.get("b"), small.get("c")]).toEqual([undefined, 0, 0]);
  });

  test("idleMs: a big cache is swept a few entries per set, and entries used meanwhile stay", () => {
    let now = 0;
    const c = new BoundedCache<number, number>(10_000, { idleMs: 1_000, now: () => now });
    for (let i = 0; i < 1_000; i++) c.set(i, i);
    now += 1_000;
    c.set(-1, 0); // the first period ends (nothing was idle through a whole one)
    for (let i = 0; i < 100; i++) c.get(i);
    for (let i = 2; i <= 30; i++) c.set(-i, 0); // lets that sweep finish
    expect(c.size).toBe(1_030);
    now += 1_000;
    c.set(-100, 0); // the second period ends: 100..999 went unused through it
    expect(c.size).toBeGreaterThan(1_030 - 64);
    c.get(500); // used during the sweep: stays
    for (let i = 101; i <= 130; i++) c.set(-i, 0);
    expect(c.get(500)).toBe(500);
    expect([c.get(0), c.get(99), c.get(100), c.get(999)]).toEqual([0, 99, undefined, undefined]);
    expect(c.size).toBe(100 + 1 + 29 + 1 + 30 + 1); // 0..99, 500, -2..-30, -1 (set in the second period), -101..-130, -100
    c.clear();
    c.set(1, 1);
    expect(c.size).toBe(1);
  });

  test("without idleMs nothing expires", () => {
    let now = 0;
    const c = new BoundedCache<string, number>(10, { now: () => now });
    c.set("a", 1);
    now += 10 ** 9;
    c.set("b", 2);
    expect(c.get("a")).toBe(1);
  });
});
