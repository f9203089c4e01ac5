// Sliding-window rate limits per client. In memory: one process holds the game, and a
// restart forgiving recent attempts is harmless. Refusals are recorded for the teacher.
import type { RateSpec } from "../config.ts";
import { write, type Db } from "../db/client.ts";
import { abuseEvents } from "../db/schema.ts";
import { hashToken } from "../auth/tokens.ts";

export type Bucket = "join" | "answer" | "create" | "login";

export class SlidingWindow {
  private hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(private spec: RateSpec) {}

  /** Counts a hit; returns 0 if allowed, else the seconds until the oldest hit leaves the window. */
  hit(key: string, now = Date.now()): number {
    if (this.spec === "off") return 0;
    const { limit, windowMs } = this.spec;
    this.sweep(now, windowMs);
    const from = now - windowMs;
    let times = this.hits.get(key);
    if (!times) this.hits.set(key, (times = []));
    while (times.length && times[0]! <= from) times.shift();
    if (times.length >= limit) return Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000));
    times.push(now);
    return 0;
  }

  /** Forget idle clients so a long event does not accumulate keys. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) if (!times.length || times[times.length - 1]! <= now - windowMs) this.hits.delete(key);
  }
}

export class RateLimits {
  private windows: Record<Bucket, SlidingWindow>;
  private lastRecorded = new Map<string, number>();

  constructor(specs: Record<Bucket, RateSpec>, private db: Db) {
    this.windows = {
      join: new SlidingWindow(specs.join),
      answer: new SlidingWindow(specs.answer),
      create: new SlidingWindow(specs.create),
      login: new SlidingWindow(specs.login),
    };
  }

  /** 0 = allowed; otherwise Retry-After seconds, and the refusal is recorded (at most once a second per client). */
  check(bucket: Bucket, clientKey: string, path: string, now = Date.now()): number {
    const retryAfter = this.windows[bucket].hit(clientKey, now);
    if (retryAfter > 0) {
      const recordKey = `${bucket}:${clientKey}`;
      if ((this.lastRecorded.get(recordKey) ?? 0) < now - 1000) {
        this.lastRecorded.set(recordKey, now);
        if (this.lastRecorded.size > 10_000) this.lastRecorded.clear();
        write(this.db, (tx) => {
          tx.insert(abuseEvents).values({ bucket, clientKey: hashToken(clientKey).slice(0, 16), path: path.slice(0, 200) }).run();
        });
      }
    }
    return retryAfter;
  }
}
