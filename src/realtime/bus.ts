// One in-process event bus. Routes publish after their transaction commits; SSE streams
// subscribe per game. Publications are coalesced per game: a burst of 30 joins in a second
// becomes a few flushes, and each flush renders each audience's fragment once.
//
// Two lanes per game. Phones and the projector (cheap to render, and what a class watches)
// are on the `live` lane, flushed at most every `coalesceMs`. The teacher's dashboard shows
// every team and every member — over a megabyte with a thousand students — so it is on the
// `overview` lane, refreshed at a slower pace; a change of game or round state (start, pause,
// end) still reaches it at the live pace. sse.ts chooses the lane for each stream. News of the
// lobby alone keeps a slower pace on the live lane too (LOBBY_FACTOR).

import { FlushQueue, LIVE_ROUTINE_LEAD_MS, ROUTINE_LEAD_MS, type Priority } from "./flush-queue.ts";

/** lobby: who is where; game: status; round: a round started/changed; scores: points moved; attempts: any answer (teacher only). */
export type Topic = "lobby" | "game" | "round" | "scores" | "attempts";

export type Lane = "live" | "overview";

export type Flush = {
  gameId: number;
  topics: ReadonlySet<Topic>;
  /** Monotonic per process; with the boot id it makes the SSE event id. */
  seq: number;
  /** Per-flush cache so a fragment is rendered once per audience, not once per stream. */
  memo: Map<string, unknown>;
  /**
   * Whose own screens may have changed: null = any (the usual case); a set = every publication
   * of this flush named its teams (publishForTeams), so a team's phones and board outside it skip
   * the flush without rendering. Screens of the whole game (projector, teacher) always look.
   */
  teams: ReadonlySet<number> | null;
};

type Listener = (flush: Flush) => void;

type LaneState = {
  listeners: Set<Listener>;
  pending: Set<Topic>;
  /** The teams named by every publication pending (see Flush.teams); null once one named none. */
  pendingTeams: Set<number> | null;
  /** A pending publication changes what screens show: an URGENT topic, or one announced urgent (flush-queue.ts). */
  urgent: boolean;
  /** A pending publication is an URGENT topic: a change of phase (a question opened, a round paused), which goes at once. */
  phase: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Fell due while the slice was used up: in that queue of the bus (flush-queue.ts). */
  waiting: Priority | null;
  dueAt: number;
  lastFlushAt: number;
};

/** A game's lanes, and the first frames its streams opening now share (see Bus.openingMemo). */
type GameChannel = Record<Lane, LaneState> & { opening: { at: number; memo: Map<string, unknown> } | null };

const LANES: readonly Lane[] = ["live", "overview"];
/** `attempts` (every answer, right or wrong) only feeds the teacher's panel: it never wakes the live lane's thousands of phones. */
const LIVE_TOPICS: ReadonlySet<Topic> = new Set(["lobby", "game", "round", "scores"]);
/** Topics that change what a screen is showing (not just its numbers) skip the overview's slower pace. */
const URGENT: ReadonlySet<Topic> = new Set(["game", "round"]);
/** The overview lane's interval is this many live intervals (100 ms -> 1 s by default). */
export const OVERVIEW_FACTOR = 10;
/**
 * News of the lobby alone (who joined, moved or left; the join rules) goes on the live lane at
 * most every this many live intervals (100 ms -> 500 ms). While a class joins, each team's phones
 * and the projector redrew and were sent their lists ten times a second: at 10,000 phones those
 * sends were a tenth of the server's work. A first join after a quiet spell still goes at once,
 * and any other news brings a waiting flush forward.
 */
export const LOBBY_FACTOR = 5;
/** While the flush queue is backed up (flush-queue.ts, BACKLOG_MS) the overview lane's interval is this many times longer. */
export const OVERVIEW_BACKLOG_FACTOR = 3;

/**
 * Streams of a game that open within this long of each other, with nothing published in between,
 * share their first frame (see Bus.openingMemo). A frame gives times left as of its render (a
 * page counts down from there), so a later stream's clock can show up to this much more time:
 * less than what Wi-Fi's delivery already adds now and then. One made just before a round's
 * deadline shows the round open until the round clock's publication, a moment later, closes it.
 */
export const OPENING_MEMO_MS = 250;

export class Bus {
  private channels = new Map<number, GameChannel>();
  private seq = 0;
  /** Flushes that fell due, run a slice of a turn at a time (flush-queue.ts). */
  private readonly queue = new FlushQueue<Lane>(
    (w) => {
      const ch = this.channels.get(w.gameId);
      if (!ch) return;
      ch[w.lane].waiting = null;
      this.run(w.gameId, ch, w.lane);
    },
    (w) => this.channels.get(w.gameId)?.[w.lane].phase ?? true,
    (w) => (w.lane === "live" ? LIVE_ROUTINE_LEAD_MS : ROUTINE_LEAD_MS),
  );
  /** Drops opening memos once expired (see openingMemo). */
  private openingSweep: ReturnType<typeof setTimeout> | null = null;
  readonly bootId = Date.now().toString(36);
  private readonly intervals: Record<Lane | "lobby", number>;

  constructor(coalesceMs: number, overviewMs = coalesceMs * OVERVIEW_FACTOR) {
    this.intervals = { live: coalesceMs, overview: Math.max(coalesceMs, overviewMs), lobby: Math.min(coalesceMs * LOBBY_FACTOR, Math.max(coalesceMs, overviewMs)) };
  }

  subscribe(gameId: number, listener: Listener, lane: Lane = "live"): () => void {
    const ch = this.channel(gameId);
    ch[lane].listeners.add(listener);
    return () => {
      ch[lane].listeners.delete(listener);
      // A restore closes every stream: what reopens after it must not get frames of the old rows.
      if (ch.live.listeners.size + ch.overview.listeners.size === 0) ch.opening = null;
      this.dropIfIdle(gameId, ch);
    };
  }

  /**
   * A per-audience memo for the first frames of this game's streams (like Flush.memo for a flush).
   * After a restart every phone reconnects at once, and each stream's first frame was its own
   * render: a team's fifty phones drew the same panel fifty times. Renders kept here serve the
   * streams that open while nothing is published for the game, for OPENING_MEMO_MS at most; the
   * memo is forgotten at the game's next publication and when its last stream closes. A game
   * nobody watches (no stream subscribed yet) gets a memo of its own each time.
   */
  openingMemo(gameId: number, now = performance.now()): Map<string, unknown> {
    const ch = this.channels.get(gameId);
    if (!ch) return new Map();
    if (!ch.opening || now - ch.opening.at > OPENING_MEMO_MS) {
      ch.opening = { at: now, memo: new Map() };
      this.openingSweep ??= setTimeout(() => this.sweepOpenings(), OPENING_MEMO_MS);
    }
    return ch.opening.memo;
  }

  /** Drops expired opening memos: a quiet game would otherwise keep its last (a teacher's panel is a megabyte). */
  private sweepOpenings(): void {
    this.openingSweep = null;
    const now = performance.now();
    let kept = false;
    for (const ch of this.channels.values()) {
      if (ch.opening && now - ch.opening.at > OPENING_MEMO_MS) ch.opening = null;
      kept ||= ch.opening !== null;
    }
    if (kept) this.openingSweep = setTimeout(() => this.sweepOpenings(), OPENING_MEMO_MS);
  }

  publish(gameId: number, ...topics: Topic[]): void {
    this.announce(gameId, { topics });
  }

  /**
   * A change that touches only these teams' own state (a relay answer: that team's chain and
   * score): other teams' phones are not woken for it. Whole-game screens still are.
   */
  publishForTeams(gameId: number, teams: readonly number[], ...topics: Topic[]): void {
    this.announce(gameId, { teams, topics });
  }

  /**
   * `teams`: as publishForTeams. `urgent`: what screens show changes although the topics are
   * routine (a relay team's next question, announced as "scores" so the teacher's panel keeps its
   * slower pace): the flush is not held back behind other games' (flush-queue.ts).
   */
  announce(gameId: number, news: { topics: readonly Topic[]; teams?: readonly number[]; urgent?: boolean }): void {
    const { topics } = news;
    const teams = news.teams ?? null;
    const ch = this.channels.get(gameId);
    if (!ch) return; // nobody is watching this game
    ch.opening = null;
    const now = Date.now();
    for (const lane of LANES) {
      const st = ch[lane];
      if (st.listeners.size === 0) continue;
      const wanted = lane === "live" ? topics.filter((t) => LIVE_TOPICS.has(t)) : topics;
      if (wanted.length === 0) continue;
      // A lane with nothing pending starts from "no team named yet" (an empty set).
      if (st.pending.size === 0) st.pendingTeams = new Set();
      for (const t of wanted) st.pending.add(t);
      if (wanted.some((t) => URGENT.has(t))) st.phase = st.urgent = true;
      if (news.urgent) st.urgent = true;
      if (teams === null) st.pendingTeams = null;
      else if (st.pendingTeams) for (const id of teams) st.pendingTeams.add(id);
      const interval = lane === "overview" && !topics.some((t) => URGENT.has(t)) ? this.intervals.overview * (this.queue.backedUp(now) ? OVERVIEW_BACKLOG_FACTOR : 1)
        : lane === "live" && wanted.every((t) => t === "lobby") ? this.intervals.lobby : this.intervals.live;
      // Leading edge after a quiet period, then at most one flush per interval. A pending
      // flush is only ever brought forward (an urgent topic on the overview lane).
      const due = Math.max(now, st.lastFlushAt + interval);
      if (st.waiting) {
        if (st.phase) {
          // A change of phase does not wait (flush-queue.ts): first in the queue, whatever the slice.
          this.queue.promote(gameId, lane, st.waiting, true, st.dueAt);
          st.waiting = "urgent";
        } else if (st.urgent && st.waiting === "routine") {
          this.queue.promote(gameId, lane, st.waiting, false, st.dueAt);
          st.waiting = "urgent";
        }
        continue;
      }
      if (st.timer && st.dueAt <= due) continue;
      if (st.timer) clearTimeout(st.timer);
      st.dueAt = due;
      st.timer = setTimeout(() => this.flush(gameId, lane), due - now);
    }
  }

  subscriberCount(gameId?: number): number {
    const count = (ch: GameChannel) => ch.live.listeners.size + ch.overview.listeners.size;
    if (gameId !== undefined) {
      const ch = this.channels.get(gameId);
      return ch ? count(ch) : 0;
    }
    let n = 0;
    for (const ch of this.channels.values()) n += count(ch);
    return n;
  }

  /** Flushes waiting on a timer or in the queue (at most one per game and lane), for /api/health. */
  pendingTimers(): number {
    let n = 0;
    for (const ch of this.channels.values()) for (const lane of LANES) if (ch[lane].timer || ch[lane].waiting) n++;
    return n;
  }

  /** Flushes waiting in the queue for a slice (flush-queue.ts). */
  queuedFlushes(): number {
    return this.queue.size();
  }

  currentSeq(): number {
    return this.seq;
  }

  /** Stops pending timers (shutdown, tests). */
  close(): void {
    for (const ch of this.channels.values()) for (const lane of LANES) if (ch[lane].timer) clearTimeout(ch[lane].timer!);
    if (this.openingSweep) clearTimeout(this.openingSweep);
    this.openingSweep = null;
    this.queue.close();
    this.channels.clear();
  }

  private channel(gameId: number): GameChannel {
    let ch = this.channels.get(gameId);
    if (!ch) {
      const lane = (): LaneState => ({ listeners: new Set(), pending: new Set(), pendingTeams: null, urgent: false, phase: false, timer: null, waiting: null, dueAt: 0, lastFlushAt: 0 });
      ch = { live: lane(), overview: lane(), opening: null };
      this.channels.set(gameId, ch);
    }
    return ch;
  }

  private dropIfIdle(gameId: number, ch: GameChannel): void {
    if (LANES.every((l) => ch[l].listeners.size === 0 && !ch[l].timer && !ch[l].waiting) && this.channels.get(gameId) === ch) this.channels.delete(gameId);
  }

  /** A lane's flush falls due: a change of phase runs now; anything else waits in the queue (flush-queue.ts). */
  private flush(gameId: number, lane: Lane): void {
    const ch = this.channels.get(gameId);
    if (!ch) return;
    const st = ch[lane];
    st.timer = null;
    if (st.phase) {
      this.run(gameId, ch, lane);
      return;
    }
    st.waiting = st.urgent ? "urgent" : "routine";
    this.queue.push(st.waiting, { gameId, lane, since: st.dueAt });
  }

  private run(gameId: number, ch: GameChannel, lane: Lane): void {
    const st = ch[lane];
    st.lastFlushAt = Date.now();
    const flush: Flush = { gameId, topics: st.pending, seq: ++this.seq, memo: new Map(), teams: st.pendingTeams };
    st.pending = new Set();
    st.pendingTeams = null;
    st.urgent = false;
    st.phase = false;
    for (const listener of [...st.listeners]) {
      try {
        listener(flush);
      } catch (err) {
        console.error(`realtime: listener for game ${gameId} failed:`, err);
      }
    }
    this.dropIfIdle(gameId, ch);
  }
}
