// Live counts for the teacher's activity and abuse pages, kept in memory like the rate limits
// (one process holds the event; a restart starting the counts afresh is harmless):
//   - answers per game, in 10-second slots over the last 10 minutes;
//   - attempts per client (every request a rate limit counts, allowed or refused), with the
//     busiest minute each client had in the last hour.
// Fed once per limited request (src/http/edges.ts), so every round type's answers are counted
// without a round knowing. The cost per request is a few map operations.

const SLOT_MS = 10_000;
const SLOTS_PER_MINUTE = 6;
/** Answers per game are kept this many minutes (the activity page's history). */
export const ANSWER_HISTORY_MINUTES = 10;
const HOUR_MS = 3_600_000;
/** Clients remembered at most; past it the longest-idle are forgotten first. */
const MAX_CLIENTS = 50_000;

/** Counts per 10-second slot in a ring; a slot is reused once its time has passed. */
class SlotRing {
  private counts: Int32Array;
  private slotOf: Float64Array;

  constructor(private size: number) {
    this.counts = new Int32Array(size);
    this.slotOf = new Float64Array(size).fill(-1);
  }

  add(now: number): void {
    const slot = Math.floor(now / SLOT_MS);
    const i = slot % this.size;
    if (this.slotOf[i] !== slot) {
      this.slotOf[i] = slot;
      this.counts[i] = 0;
    }
    this.counts[i]!++;
  }

  /** The sum over the slots `from` to `to` slots ago (0 = the current slot), inclusive. */
  sum(now: number, from: number, to: number): number {
    const current = Math.floor(now / SLOT_MS);
    let n = 0;
    for (let i = 0; i < this.size; i++) {
      const age = current - this.slotOf[i]!;
      if (this.slotOf[i]! >= 0 && age >= from && age <= to) n += this.counts[i]!;
    }
    return n;
  }
}

/** Who made an attempt: the client key the limits count (seat, device or address), and where it came from. */
export type AttemptBy = { key: string; address: string; gameId: number | null; seat: number | null };

export type ClientActivity = AttemptBy & { lastAt: number; peakPerMinute: number; peakAt: number; attempts: number };

/** `movedAt`: when the record last moved to the back of the clients map (see attempt). */
type ClientRecord = ClientActivity & { ring: SlotRing; movedAt: number };

export class ActivityMeter {
  private games = new Map<number, { ring: SlotRing; lastAt: number }>();
  private clients = new Map<string, ClientRecord>();
  private lastSweep = 0;

  /** One request a rate limit counted; `answered`: an answer from a seat that the limits let through. */
  attempt(by: AttemptBy, answered: boolean, now = Date.now()): void {
    this.sweep(now);
    let c = this.clients.get(by.key);
    if (!c) {
      c = { ...by, ring: new SlotRing(SLOTS_PER_MINUTE + 1), lastAt: now, peakPerMinute: 0, peakAt: 0, attempts: 0, movedAt: now };
      this.clients.set(by.key, c);
    } else {
      // The map is kept in the order clients were last seen, give or take a second, so the
      // longest-idle are at the front (sweep). Moving a record on every request of a busy phone
      // was most of this function's cost.
      if (now - c.movedAt >= 1000) {
        this.clients.delete(by.key);
        this.clients.set(by.key, c);
        c.movedAt = now;
      }
      c.address = by.address;
      if (by.gameId !== null) [c.gameId, c.seat] = [by.gameId, by.seat];
    }
    c.ring.add(now);
    c.attempts++;
    c.lastAt = now;
    // The last 60 s (six slots: the current one and five before it).
    const minute = c.ring.sum(now, 0, SLOTS_PER_MINUTE - 1);
    if (minute > c.peakPerMinute || c.peakAt < now - HOUR_MS) [c.peakPerMinute, c.peakAt] = [minute, now];
    if (answered && by.gameId !== null) this.answered(by.gameId, now);
  }

  private answered(gameId: number, now: number): void {
    let g = this.games.get(gameId);
    if (!g) this.games.set(gameId, (g = { ring: new SlotRing(ANSWER_HISTORY_MINUTES * SLOTS_PER_MINUTE + 1), lastAt: now }));
    g.ring.add(now);
    g.lastAt = now;
  }

  /** A game's answers per minute over the last `minutes` minutes, oldest first; the last is the past 60 s. */
  answersPerMinute(gameId: number, now = Date.now(), minutes = ANSWER_HISTORY_MINUTES): number[] {
    const g = this.games.get(gameId);
    return Array.from({ length: minutes }, (_, i) => {
      const ago = minutes - 1 - i;
      return g ? g.ring.sum(now, ago * SLOTS_PER_MINUTE, ago * SLOTS_PER_MINUTE + SLOTS_PER_MINUTE - 1) : 0;
    });
  }

  /** Games with answers in the history window. */
  activeGames(now = Date.now()): number[] {
    return [...this.games].filter(([, g]) => g.lastAt >= now - ANSWER_HISTORY_MINUTES * 60_000).map(([id]) => id);
  }

  /** Clients whose busiest minute in the last hour had more than `over` attempts, busiest first. */
  bursts(over: number, now = Date.now()): ClientActivity[] {
    const out: ClientActivity[] = [];
    for (const { ring: _ring, movedAt: _movedAt, ...c } of this.clients.values()) if (c.peakPerMinute > over && c.peakAt >= now - HOUR_MS) out.push(c);
    return out.sort((a, b) => b.peakPerMinute - a.peakPerMinute);
  }

  /** Forgets clients idle for an hour and games idle past the history, at most once a minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000 && this.clients.size < MAX_CLIENTS) return;
    this.lastSweep = now;
    // Oldest first (see attempt): stop at the first client seen within the hour.
    for (const [key, c] of this.clients) {
      if (c.lastAt >= now - HOUR_MS) break;
      this.clients.delete(key);
    }
    for (const [key] of this.clients) {
      if (this.clients.size < MAX_CLIENTS) break;
      this.clients.delete(key);
    }
    for (const [id, g] of this.games) if (g.lastAt < now - ANSWER_HISTORY_MINUTES * 60_000) this.games.delete(id);
  }
}
