// Sliding-window rate limits. In memory: one process holds the game, and a restart forgiving
// recent attempts is harmless. Refusals are recorded for the teacher.
//
// Who is counted (the reasoning behind each default is in the README, "Limits"): every limit that
// a device cookie could sidestep is also counted per network address, whatever the cookies say —
// joins per device and per address, answers per seat (a seat token cannot be forged) and per
// address, logins per address only. A request without a valid (signed) device cookie is counted
// by its address alone (a made-up cookie buys nothing), and new device cookies are themselves
// limited per address (mayIssueDevice), so fetching real ones in a loop adds budget only up to that
// ceiling — and never past the per-address windows.
import type { Config, RateSpec } from "../config.ts";
import { BoundedCache } from "../cache/bounded.ts";
import { write, type Db } from "../db/client.ts";
import { abuseEvents } from "../db/schema.ts";
import { hashToken } from "../auth/tokens.ts";
import { LoginBackoff } from "./login-backoff.ts";

export type Bucket = "join" | "answer" | "create" | "login";

/** How a client key (`d:<device>`, `p:<seat>`, `a:<address>`) is stored and shown: hashed, short. */
export function clientHash(clientKey: string): string {
  return hashToken(clientKey).slice(0, 16);
}

/** A signed device as stored on a seat and shown in the abuse view (the same hash as its refusals' client); null for none. */
export function deviceHash(device: string | null): string | null {
  return device === null ? null : clientHash(`d:${device}`);
}

export class SlidingWindow {
  /** Per key, the times of its counted hits, oldest first (`head` skips the expired ones). */
  private hits = new Map<string, { times: number[]; head: number }>();
  private lastSweep = 0;

  constructor(private spec: RateSpec) {}

  /** Seconds until `key` may be counted again; 0 = now. Counts nothing. */
  retryAfter(key: string, now = Date.now()): number {
    if (this.spec === "off") return 0;
    const { limit, windowMs } = this.spec;
    this.sweep(now, windowMs);
    const entry = this.hits.get(key);
    if (!entry) return 0;
    const from = now - windowMs;
    while (entry.head < entry.times.length && entry.times[entry.head]! <= from) entry.head++;
    if (entry.head > 64 && entry.head * 2 > entry.times.length) {
      entry.times = entry.times.slice(entry.head);
      entry.head = 0;
    }
    if (entry.times.length - entry.head < limit) return 0;
    return Math.max(1, Math.ceil((entry.times[entry.head]! + windowMs - now) / 1000));
  }

  add(key: string, now = Date.now()): void {
    if (this.spec === "off") return;
    let entry = this.hits.get(key);
    if (!entry) this.hits.set(key, (entry = { times: [], head: 0 }));
    entry.times.push(now);
  }

  /** Counts a hit if allowed; returns 0 if allowed, else the seconds until the oldest hit leaves the window. */
  hit(key: string, now = Date.now()): number {
    const retry = this.retryAfter(key, now);
    if (!retry) this.add(key, now);
    return retry;
  }

  /** Forget idle clients so a long event does not accumulate keys. */
  private sweep(now: number, windowMs: number): void {
    if (now - this.lastSweep < windowMs) return;
    this.lastSweep = now;
    for (const [key, e] of this.hits) if (e.head >= e.times.length || e.times[e.times.length - 1]! <= now - windowMs) this.hits.delete(key);
  }
}

/** Who is asking, as the limits see it. `device` is null without a valid signed cookie. */
export type Asker = { readonly address: string; readonly device: string | null; seatId(): number | null };

export type Scope = "device" | "seat" | "address";
type WindowName = "join" | "joinAddress" | "answer" | "answerAddress" | "create" | "login";

/** Each bucket's windows and what each counts. A request is allowed only if every window allows it. */
const RULES: Record<Bucket, { window: WindowName; scope: Scope }[]> = {
  join: [{ window: "join", scope: "device" }, { window: "joinAddress", scope: "address" }],
  answer: [{ window: "answer", scope: "seat" }, { window: "answerAddress", scope: "address" }],
  create: [{ window: "create", scope: "device" }],
  login: [{ window: "login", scope: "address" }],
};

/** The key a limit counts `who` by: the seat (for answers), else the signed device, else the address. */
export function keyOf(scope: Scope, who: Asker): string {
  if (scope === "seat") {
    const seat = who.seatId();
    if (seat !== null) return `p:${seat}`;
  }
  if (scope !== "address") {
    const device = who.device;
    if (device !== null) return `d:${device}`;
  }
  // No signed device cookie (or past the address's ceiling of new ones): the address is the device.
  return `a:${who.address}`;
}

export type LimitSpecs = Pick<Config, "rateLimitJoin" | "rateLimitJoinAddress" | "rateLimitAnswer" | "rateLimitAnswerAddress" | "rateLimitCreate" | "rateLimitLogin" | "rateLimitNewDevice" | "loginBackoff">;

export class RateLimits {
  private windows: Record<WindowName, SlidingWindow>;
  private newDevices: SlidingWindow;
  /** When each client's last refusal was recorded (at most one a second each). */
  private lastRecorded = new BoundedCache<string, number>(10_000);
  /** Consecutive failed logins per address and the wait they impose. */
  readonly loginBackoff: LoginBackoff;

  constructor(specs: LimitSpecs, private db: Db) {
    this.windows = {
      join: new SlidingWindow(specs.rateLimitJoin),
      joinAddress: new SlidingWindow(specs.rateLimitJoinAddress),
      answer: new SlidingWindow(specs.rateLimitAnswer),
      answerAddress: new SlidingWindow(specs.rateLimitAnswerAddress),
      create: new SlidingWindow(specs.rateLimitCreate),
      login: new SlidingWindow(specs.rateLimitLogin),
    };
    this.newDevices = new SlidingWindow(specs.rateLimitNewDevice);
    this.loginBackoff = new LoginBackoff(specs.loginBackoff);
  }

  /** 0 = allowed (and counted in every window); otherwise Retry-After seconds, and the refusal is recorded (at most once a second per client). */
  check(bucket: Bucket, who: Asker, path: string, now = Date.now()): number {
    const rules = RULES[bucket].map((r) => ({ window: this.windows[r.window], key: keyOf(r.scope, who) }));
    let retryAfter = 0;
    let refusedKey = "";
    for (const r of rules) {
      const retry = r.window.retryAfter(r.key, now);
      if (retry > retryAfter) [retryAfter, refusedKey] = [retry, r.key];
    }
    if (retryAfter === 0) {
      for (const r of rules) r.window.add(r.key, now);
      return 0;
    }
    this.record(bucket, refusedKey, path, who.address, now);
    return retryAfter;
  }

  /** May this address be given one more new device cookie now? (Counts it if so.) */
  mayIssueDevice(address: string, now = Date.now()): boolean {
    return this.newDevices.hit(`a:${address}`, now) === 0;
  }

  /** A refusal, for the teacher's abuse view (client keys hashed; the address as it is: the teacher acts on it). */
  record(bucket: string, clientKey: string, path: string, address: string, now = Date.now()): void {
    const recordKey = `${bucket}:${clientKey}`;
    if ((this.lastRecorded.get(recordKey) ?? 0) >= now - 1000) return;
    this.lastRecorded.set(recordKey, now);
    write(this.db, (tx) => {
      tx.insert(abuseEvents).values({ bucket, clientKey: clientHash(clientKey), path: path.slice(0, 200), address: address.slice(0, 64) }).run();
    });
  }
}
