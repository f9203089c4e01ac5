// The one cache shape of the server: a map that keeps at most `max` entries and lets the least
// recently used go first (and, with `idleMs`, drops what nobody used for a while). Caches of
// rows read from the database are kept per database handle (see `dbMemo` in src/db/prepared.ts):
// row ids repeat across databases (tests open many), and a restore replaces every row at once.

/**
 * `idleMs`: entries unused through a whole period of that length are dropped, a few at each set
 * after it (see sweepIdle). A cache sized for the busiest event (every relay team of fifty games)
 * otherwise keeps what finished rounds drew until it is full: at 3,000 phones the kept heap grew
 * by 40 MB in 75 s of play. `now`: the clock (tests).
 */
export type CacheOptions = { idleMs?: number; now?: () => number };

/**
 * For caches of what rounds read and draw: what a finished round (or a cell's older state) left
 * goes after 15–30 s unused. What is on screen is read at every refresh of its game; a miss
 * redraws one cell or reads one team or one round's rules again (tens of microseconds).
 */
export const CACHE_IDLE_MS = 15_000;

/** A cached value, the use count when it last moved (see get), the idle period it was last used in. */
type Entry<V> = { value: V; used: number; period: number };

/** Entries a sweep for idle ones looks at per set (see sweepIdle). */
const SWEEP_STEP = 64;

export class BoundedCache<K, V> {
  /** In order of last use (as far as it matters, see get): the first entry goes first. */
  private map = new Map<K, Entry<V>>();
  /** Counts uses that moved an entry to the back; an entry's `used` is the count when it last moved. */
  private uses = 0;
  /**
   * Walks the map from its oldest entry, and is kept between evictions. Taking the first key
   * afresh (`map.keys().next()`) steps over every entry deleted since the map last rehashed: a
   * hit moved to the back and every eviction leaves one. At 20,000 entries an eviction cost 13 µs
   * that way, and a tenth of the district bench's server time. Kept, it passes each one once.
   * An entry behind it was evicted (only eviction moves it), and a moved or new entry goes to the
   * back, ahead of it: its next key is always the least recently used.
   */
  private oldest: Iterator<K> = this.map.keys();

  /**
   * Idle entries (see CacheOptions): at each period's end (idleMs), those unused through the whole
   * period go. A sweep walks the map a few entries per set (SWEEP_STEP): at once, 64,000 entries
   * held the event loop for 16 ms.
   */
  private period = 0;
  private sweepAt = 0;
  private sweep: { entries: Iterator<[K, Entry<V>]>; unusedSince: number } | null = null;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(readonly max: number, options: CacheOptions = {}) {
    if (!(max >= 1)) throw new RangeError("cache: max must be at least 1");
    this.idleMs = options.idleMs ?? 0;
    this.now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    e.period = this.period;
    // Moving a hit to the back (a delete and a set of the Map) was a tenth of a projector's render,
    // which looks up every team's cached state. An entry moved within the last max/2 moves is in
    // the newer half and not near eviction, so it stays where it is: whatever was used within the
    // last max/2 moves is never evicted, the rest goes least recently used first.
    if (this.uses - e.used >= this.max / 2) {
      this.map.delete(key);
      e.used = ++this.uses;
      this.map.set(key, e);
    }
    return e.value;
  }

  set(key: K, value: V): V {
    if (this.idleMs) this.sweepIdle();
    this.map.delete(key);
    if (this.map.size >= this.max) this.map.delete(this.nextOldest());
    this.map.set(key, { value, used: ++this.uses, period: this.period });
    return value;
  }

  /**
   * Drops the entries unused for a whole period (between idleMs and twice that), SWEEP_STEP at a
   * time. Entries used or added during a sweep belong to the new period and stay.
   */
  private sweepIdle(): void {
    if (!this.sweep) {
      const now = this.now();
      if (now < this.sweepAt) return;
      if (this.sweepAt) this.sweep = { entries: this.map.entries(), unusedSince: this.period };
      this.period++;
      this.sweepAt = now + this.idleMs;
    }
    for (let n = 0; this.sweep && n < SWEEP_STEP; n++) {
      const next = this.sweep.entries.next();
      if (next.done) this.sweep = null;
      else if (next.value[1].period < this.sweep.unusedSince) this.map.delete(next.value[0]);
    }
  }

  private nextOldest(): K {
    let next = this.oldest.next();
    // An iterator that has once reached the end stays there (the map had emptied as it passed).
    if (next.done) next = (this.oldest = this.map.keys()).next();
    return next.value as K;
  }

  /** The cached value, or `make()`'s, remembered. */
  getOr(key: K, make: () => V): V {
    const v = this.get(key);
    return v !== undefined ? v : this.set(key, make());
  }

  delete(key: K): void {
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.oldest = this.map.keys();
    this.sweep = null;
  }

  get size(): number {
    return this.map.size;
  }
}
