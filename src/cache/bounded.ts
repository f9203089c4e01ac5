// The one cache shape of the server: a map that keeps at most `max` entries and lets the least
// recently used go first. Caches of rows read from the database are kept per database handle
// (see `dbMemo` in src/db/prepared.ts): row ids repeat across databases (tests open many), and a
// restore replaces every row at once.

export class BoundedCache<K, V> {
  private map = new Map<K, V>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError("cache: max must be at least 1");
  }

  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      // Map keeps insertion order: moving a hit to the back makes the front the least recently used.
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): V {
    this.map.delete(key);
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
    return value;
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
  }

  get size(): number {
    return this.map.size;
  }
}
