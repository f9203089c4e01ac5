// One in-process event bus. Routes publish after their transaction commits; SSE streams
// subscribe per game. Publications are coalesced per game: a burst of 30 joins in a second
// becomes a few flushes, and each flush renders each audience's fragment once.
//
// Two lanes per game. Phones and the projector (cheap to render, and what a class watches)
// are on the `live` lane, flushed at most every `coalesceMs`. The teacher's dashboard shows
// every team and every member — over a megabyte with a thousand students — so it is on the
// `overview` lane, refreshed at a slower pace; a change of game or round state (start, pause,
// end) still reaches it at the live pace. sse.ts chooses the lane for each stream.

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
  /** A pending publication changes what screens show: an URGENT topic, or one announced urgent (see flush). */
  urgent: boolean;
  /** A pending publication is an URGENT topic: a change of phase (a question opened, a round paused), which goes at once. */
  phase: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Fell due while the slice was used up: in the bus's queue of that name (see flush). */
  waiting: Priority | null;
  dueAt: number;
  lastFlushAt: number;
};

/** A game's lanes, and the first frames its streams opening now share (see Bus.openingMemo). */
type GameChannel = Record<Lane, LaneState> & { opening: { at: number; memo: Map<string, unknown> } | null };

/** Flushes held back by the slice run urgent first (what screens show changes), then routine. */
type Priority = "urgent" | "routine";

const LANES: readonly Lane[] = ["live", "overview"];
/** `attempts` (every answer, right or wrong) only feeds the teacher's panel: it never wakes the live lane's thousands of phones. */
const LIVE_TOPICS: ReadonlySet<Topic> = new Set(["lobby", "game", "round", "scores"]);
/** Topics that change what a screen is showing (not just its numbers) skip the overview's slower pace. */
const URGENT: ReadonlySet<Topic> = new Set(["game", "round"]);
/** The overview lane's interval is this many live intervals (100 ms -> 1 s by default). */
export const OVERVIEW_FACTOR = 10;
/** Most time spent flushing in one turn of the event loop before the requests waiting meanwhile are read (see flush). */
export const FLUSH_SLICE_MS = 5;

/**
 * While flushes wait this long in the queue the server is not keeping up (the district bench: one
 * core saturated), and the teachers' panels — the overview lane, each a large render: 18 % of the
 * district's server time — refresh at OVERVIEW_BACKLOG_FACTOR times their interval, leaving the
 * time to the phones and projectors a class watches. A change of phase still reaches them at once.
 */
export const BACKLOG_MS = 250;
export const OVERVIEW_BACKLOG_FACTOR = 3;

/**
 * Urgent flushes go ahead of routine ones by at most this much. A saturated server (the district
 * bench) had relay teams' next questions — a hundred a second — going ahead of the Year Game
 * games' updates every time, and those arrived 5 s late or not at all (100,000 of them) while the
 * relay's arrived within 2 s: a routine flush that has waited this long goes next. With 400 ms the
 * relay's next questions lagged instead (3,520 later than 5 s); 1 s gave 0 and 513.
 */
export const ROUTINE_LEAD_MS = 1000;

/**
 * Streams of a game that open within this long of each other, with nothing published in between,
 * share their first frame (see Bus.openingMemo). A frame gives times left as of its render (a
 * page counts down from there), so a later stream's clock can show up to this much more time:
 * less than what Wi-Fi's delivery already adds now and then. One made just before a round's
 * deadline shows the round open until the round clock's publication, a moment later, closes it.
 */
export const OPENING_MEMO_MS = 250;

/** When this turn of the event loop started flushing (-1: it has not). */
let sliceStartedAt = -1;

/**
 * A server that cannot keep up (the district bench: one core saturated) would starve the queue
 * with 5 ms slices — Score Steal questions that no phone showed within 5 s. Once the oldest
 * waiting flush has waited SLICE_GROWS_AFTER_MS, the slice grows by a quarter of the time past
 * that, up to MAX_FLUSH_SLICE_MS. Not sooner: a server that keeps up (the relay bench) has
 * flushes waiting tens of milliseconds, and a longer slice then held answers back (answer p99
 * 72–127 ms against 43–51 ms).
 */
export const MAX_FLUSH_SLICE_MS = 50;
export const SLICE_GROWS_AFTER_MS = 150;

/** Whether this turn has flushed for `budgetMs` already; the first call of a turn starts its slice. */
function sliceUsedUp(budgetMs: number): boolean {
  if (sliceStartedAt < 0) {
    sliceStartedAt = performance.now();
    setImmediate(() => { sliceStartedAt = -1; });
    return false;
  }
  return performance.now() - sliceStartedAt >= budgetMs;
}

export class Bus {
  private channels = new Map<number, GameChannel>();
  private seq = 0;
  /** `since`: when the flush fell due (Date.now() ms). */
  private waiting: Record<Priority, { gameId: number; lane: Lane; since: number }[]> = { urgent: [], routine: [] };
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  /** A drain is queued (an immediate, or a timer for the next turn: drainTimer). */
  private drainScheduled = false;
  /** Drops opening memos once expired (see openingMemo). */
  private openingSweep: ReturnType<typeof setTimeout> | null = null;
  readonly bootId = Date.now().toString(36);
  private readonly intervals: Record<Lane, number>;

  constructor(coalesceMs: number, overviewMs = coalesceMs * OVERVIEW_FACTOR) {
    this.intervals = { live: coalesceMs, overview: Math.max(coalesceMs, overviewMs) };
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
   * slower pace): the flush is not held back behind other games' (see flush).
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
      const interval = lane === "overview" && !topics.some((t) => URGENT.has(t)) ? this.intervals.overview * (this.backedUp(now) ? OVERVIEW_BACKLOG_FACTOR : 1) : this.intervals.live;
      // Leading edge after a quiet period, then at most one flush per interval. A pending
      // flush is only ever brought forward (an urgent topic on the overview lane).
      const due = Math.max(now, st.lastFlushAt + interval);
      if (st.waiting) {
        if (st.phase) {
          // A change of phase does not wait (see flush): first in the queue, whatever the slice.
          this.waiting.urgent.unshift(this.unqueue(gameId, lane, st));
          st.waiting = "urgent";
        } else if (st.urgent && st.waiting === "routine") {
          this.waiting.urgent.push(this.unqueue(gameId, lane, st));
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

  /** Flushes waiting in the queue for a slice (see flush). */
  queuedFlushes(): number {
    return this.waiting.urgent.length + this.waiting.routine.length;
  }

  currentSeq(): number {
    return this.seq;
  }

  /** Stops pending timers (shutdown, tests). */
  close(): void {
    for (const ch of this.channels.values()) for (const lane of LANES) if (ch[lane].timer) clearTimeout(ch[lane].timer!);
    if (this.drainTimer) clearTimeout(this.drainTimer);
    if (this.openingSweep) clearTimeout(this.openingSweep);
    this.drainTimer = this.openingSweep = null;
    // A drain already queued as an immediate finds the queue empty.
    this.drainScheduled = false;
    this.waiting = { urgent: [], routine: [] };
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

  private flush(gameId: number, lane: Lane): void {
    const ch = this.channels.get(gameId);
    if (!ch) return;
    const st = ch[lane];
    st.timer = null;
    // Games' flushes fall due together — one group commit answers for many games at once — and
    // timers due together run back to back in one turn of the event loop: with 25 classes the
    // bench measured 49 flushes, 360 ms, in one turn, every request waiting meanwhile. So a flush
    // that falls due waits in a queue, drained by an immediate: in Bun's turn, timers run first,
    // then immediates in the order they were queued, then the requests that arrived are read. The
    // answers read in the last turn queued their group commit (an immediate) before this one, so
    // they are stored and answered before any flush runs (a flush run from its timer made them
    // wait for it: answer p99 of the relay bench 36–93 ms, median 54, against 26–50, median 39).
    // Once a turn has flushed for its slice (FLUSH_SLICE_MS, see sliceBudget), the rest wait for
    // the next turn, after the requests that arrived meanwhile: urgent flushes first (a relay
    // team's next question), then routine ones, each in the order it fell due; a routine flush
    // that has waited ROUTINE_LEAD_MS goes next all the same. While the queue is backed up
    // (BACKLOG_MS) the teachers' panels fall due at a third of their pace (see announce).
    // A change of phase (an URGENT topic: a Score Steal question opened, a round started or
    // paused) is rare and every phone of the game waits for it: it goes at once, queue or not.
    // Announced-urgent flushes went at once too before; in the relay bench, cycle changes of many
    // teams then ran back to back and answers waited behind them (answer p99 89–100 ms, against
    // 35–52 ms once they waited in the queue).
    if (st.phase) {
      this.run(gameId, ch, lane);
      return;
    }
    st.waiting = st.urgent ? "urgent" : "routine";
    this.waiting[st.waiting].push({ gameId, lane, since: st.dueAt });
    this.scheduleDrain("this turn");
  }

  /**
   * The queue is drained by an immediate: after the immediates queued before it (group commits).
   * "next turn": after the timer pass of the next turn, which comes after the requests that
   * arrived meanwhile are read (Bun runs immediates before that read, so one queued now would not do).
   */
  private scheduleDrain(when: "this turn" | "next turn"): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    const drainNow = () => setImmediate(() => {
      this.drainScheduled = false;
      this.drainTimer = null;
      this.drain();
    });
    if (when === "next turn") this.drainTimer = setTimeout(drainNow, 0);
    else drainNow();
  }

  /** Runs the waiting flushes, urgent first (see ROUTINE_LEAD_MS), until the slice is used up; the rest wait for the next turn. */
  private drain(): void {
    for (;;) {
      const routine = this.waiting.routine[0];
      const queue = this.waiting.urgent.length && !(routine && Date.now() - routine.since >= ROUTINE_LEAD_MS) ? this.waiting.urgent : this.waiting.routine;
      const next = queue[0];
      if (!next) return;
      const ch = this.channels.get(next.gameId);
      if (ch && !ch[next.lane].phase && sliceUsedUp(this.sliceBudget())) {
        this.scheduleDrain("next turn");
        return;
      }
      queue.shift();
      if (!ch) continue;
      ch[next.lane].waiting = null;
      this.run(next.gameId, ch, next.lane);
    }
  }

  /** How long (ms) the oldest flush in the queue has waited; 0 when none waits (`now`: Date.now()). */
  private longestWait(now: number): number {
    const oldest = Math.min(this.waiting.urgent[0]?.since ?? Infinity, this.waiting.routine[0]?.since ?? Infinity);
    return oldest === Infinity ? 0 : now - oldest;
  }

  /** The oldest flush in the queue has waited BACKLOG_MS. */
  private backedUp(now: number): boolean {
    return this.longestWait(now) >= BACKLOG_MS;
  }

  /** FLUSH_SLICE_MS, or more while flushes have waited long (see MAX_FLUSH_SLICE_MS). */
  private sliceBudget(): number {
    return Math.min(MAX_FLUSH_SLICE_MS, Math.max(FLUSH_SLICE_MS, (this.longestWait(Date.now()) - SLICE_GROWS_AFTER_MS) / 4));
  }

  /** Takes a waiting lane out of its queue; its entry keeps when it fell due. */
  private unqueue(gameId: number, lane: Lane, st: LaneState): { gameId: number; lane: Lane; since: number } {
    const queue = this.waiting[st.waiting!];
    const at = queue.findIndex((w) => w.gameId === gameId && w.lane === lane);
    st.waiting = null;
    return (at >= 0 ? queue.splice(at, 1)[0] : undefined) ?? { gameId, lane, since: st.dueAt };
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
