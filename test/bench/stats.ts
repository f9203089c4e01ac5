// Small numeric helpers for the bench report.

export type Dist = { count: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };

/** Percentiles of a sample (nearest-rank), in ms rounded to 0.1. */
export function dist(values: ArrayLike<number>): Dist {
  const n = values.length;
  if (n === 0) return { count: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 };
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const at = (q: number) => round1(sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!);
  return { count: n, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: round1(sorted[n - 1]!) };
}

/**
 * p99 of the samples in each `windowMs` of a run (0 for a window without any): `at` gives each
 * sample's time in ms from the run's start, in the same order. Shows whether a tail is spread over
 * the run or made in a few moments (rounds starting, a burst).
 */
export function p99ByWindow(values: ArrayLike<number>, at: ArrayLike<number>, windowMs: number): number[] {
  const windows: number[][] = [];
  for (let i = 0; i < values.length; i++) (windows[Math.max(0, Math.floor(at[i]! / windowMs))] ??= []).push(values[i]!);
  return Array.from(windows, (w) => (w ? dist(w).p99Ms : 0));
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The middle value (the upper one of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

export function minMax(values: number[]): { min: number; max: number } {
  if (!values.length) return { min: 0, max: 0 };
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** A growable Float64 list (latency samples can reach the hundreds of thousands). */
export class Samples {
  private buf = new Float64Array(1024);
  length = 0;
  push(x: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = x;
  }
  values(): Float64Array {
    return this.buf.subarray(0, this.length);
  }
}

export function table(rows: [string, string, string?][]): string {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([k, v, note]) => `  ${k.padEnd(w0)}  ${v.padStart(w1)}${note ? `  ${note}` : ""}`).join("\n");
}

/** Counts by key, e.g. error kinds. */
export class Tally {
  readonly counts: Record<string, number> = {};
  add(key: string, n = 1): void {
    this.counts[key] = (this.counts[key] ?? 0) + n;
  }
  total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
