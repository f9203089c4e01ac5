// How late the event loop runs: a timer asks to run every 20 ms and records how much later than
// that it ran. Every request, answer and live update waits behind whatever holds the loop, so
// this is the server's own measure of "slow" (exposed on /api/health, read by the benches).
// Since start (1-ms buckets) and over the last minute (the latest samples, kept in a ring).

const TICK_MS = 20;
const BUCKETS = 2000; // 0–1999 ms; later than that counts in the last bucket
const RECENT = 60_000 / TICK_MS;

export type LoopDelay = { samples: number; p50Ms: number; p99Ms: number; maxMs: number };

export class LoopDelayMonitor {
  private counts = new Uint32Array(BUCKETS);
  private total = 0;
  private max = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = 0;
  private recent = new Float32Array(RECENT);
  private recentCount = 0;

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      const late = Math.max(0, now - this.last - TICK_MS);
      this.last = now;
      this.counts[Math.min(BUCKETS - 1, Math.floor(late))]!++;
      this.recent[this.recentCount++ % RECENT] = late;
      this.total++;
      if (late > this.max) this.max = late;
    }, TICK_MS);
    // The monitor alone must not keep a stopping server alive.
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Percentiles since start. */
  sinceStart(): LoopDelay {
    return { samples: this.total, p50Ms: this.percentile(0.5), p99Ms: this.percentile(0.99), maxMs: round(this.max) };
  }

  /** Percentiles over the last minute. */
  lastMinute(): LoopDelay {
    const n = Math.min(this.recentCount, RECENT);
    if (n === 0) return { samples: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
    const sorted = this.recent.slice(0, n).sort();
    const at = (q: number) => round(sorted[Math.min(n - 1, Math.ceil(n * q) - 1)]!);
    return { samples: n, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted[n - 1]!) };
  }

  private percentile(q: number): number {
    if (this.total === 0) return 0;
    const want = Math.ceil(this.total * q);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= want) return i + 1;
    }
    return BUCKETS;
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** One process, one event loop: one monitor, started on first use. */
let shared: LoopDelayMonitor | null = null;
export function processLoopDelay(): LoopDelayMonitor {
  if (!shared) {
    shared = new LoopDelayMonitor();
    shared.start();
  }
  return shared;
}
