// One in-process event bus. Routes publish after their transaction commits; SSE streams
// subscribe per game. Publications are coalesced per game: a burst of 30 joins in a second
// becomes a few flushes, and each flush renders each audience's fragment once.

/** lobby: who is where; game: status; round: a round started/changed; scores: points moved; attempts: any answer (teacher only). */
export type Topic = "lobby" | "game" | "round" | "scores" | "attempts";

export type Flush = {
  gameId: number;
  topics: ReadonlySet<Topic>;
  /** Monotonic per process; with the boot id it makes the SSE event id. */
  seq: number;
  /** Per-flush cache so a fragment is rendered once per audience, not once per stream. */
  memo: Map<string, unknown>;
};

type Listener = (flush: Flush) => void;

type GameChannel = {
  listeners: Set<Listener>;
  pending: Set<Topic>;
  timer: ReturnType<typeof setTimeout> | null;
  lastFlushAt: number;
};

export class Bus {
  private channels = new Map<number, GameChannel>();
  private seq = 0;
  readonly bootId = Date.now().toString(36);

  constructor(private coalesceMs: number) {}

  subscribe(gameId: number, listener: Listener): () => void {
    const ch = this.channel(gameId);
    ch.listeners.add(listener);
    return () => {
      ch.listeners.delete(listener);
      if (ch.listeners.size === 0 && !ch.timer) this.channels.delete(gameId);
    };
  }

  publish(gameId: number, ...topics: Topic[]): void {
    const ch = this.channels.get(gameId);
    if (!ch) return; // nobody is watching this game
    for (const t of topics) ch.pending.add(t);
    if (ch.timer) return;
    // Leading edge after a quiet period, then at most one flush per coalesce window.
    const wait = Math.max(0, ch.lastFlushAt + this.coalesceMs - Date.now());
    ch.timer = setTimeout(() => this.flush(gameId), wait);
  }

  subscriberCount(gameId?: number): number {
    if (gameId !== undefined) return this.channels.get(gameId)?.listeners.size ?? 0;
    let n = 0;
    for (const ch of this.channels.values()) n += ch.listeners.size;
    return n;
  }

  currentSeq(): number {
    return this.seq;
  }

  /** Stops pending timers (shutdown, tests). */
  close(): void {
    for (const ch of this.channels.values()) if (ch.timer) clearTimeout(ch.timer);
    this.channels.clear();
  }

  private channel(gameId: number): GameChannel {
    let ch = this.channels.get(gameId);
    if (!ch) {
      ch = { listeners: new Set(), pending: new Set(), timer: null, lastFlushAt: 0 };
      this.channels.set(gameId, ch);
    }
    return ch;
  }

  private flush(gameId: number): void {
    const ch = this.channels.get(gameId);
    if (!ch) return;
    ch.timer = null;
    ch.lastFlushAt = Date.now();
    const flush: Flush = { gameId, topics: ch.pending, seq: ++this.seq, memo: new Map() };
    ch.pending = new Set();
    for (const listener of [...ch.listeners]) {
      try {
        listener(flush);
      } catch (err) {
        console.error(`realtime: listener for game ${gameId} failed:`, err);
      }
    }
    if (ch.listeners.size === 0) this.channels.delete(gameId);
  }
}
