// The bus's queue of flushes that fell due (bus.ts). Games' flushes fall due together — one group
// commit answers for many games at once — and timers due together run back to back in one turn of
// the event loop: with 25 classes the bench measured 49 flushes, 360 ms, in one turn, every request
// waiting meanwhile. So a flush that falls due waits here, drained by an immediate: in Bun's turn,
// timers run first, then immediates in the order they were queued, then the requests that arrived
// are read. The answers read in the last turn queued their group commit (an immediate) before this
// drain, so they are stored and answered before any flush runs (a flush run from its timer made
// them wait for it: answer p99 of the relay bench 36–93 ms, median 54, against 26–50, median 39).
//
// Once a turn has flushed for its slice (FLUSH_SLICE_MS, see sliceBudget), the rest wait for the
// next turn, after the requests that arrived meanwhile: urgent flushes first (a relay team's next
// question), then routine ones, each in the order it fell due; a routine flush that has waited
// ROUTINE_LEAD_MS goes next all the same (phones' and projectors' after LIVE_ROUTINE_LEAD_MS while
// the urgent ones are kept up with). While the queue is backed up (BACKLOG_MS) the teachers'
// panels fall due at a third of their pace (bus.ts, announce). A change of phase (a Score Steal
// question opened, a round started or paused) is rare and every phone of the game waits for it:
// it goes at once, queue or not (`goesAtOnce`). Announced-urgent flushes went at once too before;
// in the relay bench, cycle changes of many teams then ran back to back and answers waited behind
// them (answer p99 89–100 ms, against 35–52 ms once they waited in the queue).

/** Most time spent flushing in one turn of the event loop before the requests waiting meanwhile are read. */
export const FLUSH_SLICE_MS = 5;

/**
 * While flushes wait this long in the queue the server is not keeping up (the district bench: one
 * core saturated), and the teachers' panels — the overview lane, each a large render: 18 % of the
 * district's server time — refresh at OVERVIEW_BACKLOG_FACTOR times their interval (bus.ts),
 * leaving the time to the phones and projectors a class watches. A change of phase still reaches
 * them at once.
 */
export const BACKLOG_MS = 250;

/**
 * Urgent flushes go ahead of routine ones by at most this much. A saturated server (the district
 * bench) had relay teams' next questions — a hundred a second — going ahead of the Year Game
 * games' updates every time, and those arrived 5 s late or not at all (100,000 of them) while the
 * relay's arrived within 2 s: a routine flush that has waited this long goes next. With 400 ms the
 * relay's next questions lagged instead (3,520 later than 5 s); 1 s gave 0 and 513.
 */
export const ROUTINE_LEAD_MS = 1000;

/**
 * A routine flush of phones and projectors (the live lane: a Year Game find, a score) goes next
 * once it has waited this long, while the urgent flushes are kept up with (the oldest has waited
 * less than SLICE_GROWS_AFTER_MS). At 5,000 phones of the district mix (the core 85 % busy) the
 * Year Game's finds waited behind the relay's next questions for up to ROUTINE_LEAD_MS: fan-out
 * p99 214–664 ms, median 274, under 250 ms in 3 of 11 runs; with this lead 164–251 ms, median
 * 216, in 7 of 9, the relay's cycle changes still 114–184 ms. A server that cannot keep up keeps
 * ROUTINE_LEAD_MS for every routine flush: at 10,000 phones this lead for every live flush halved
 * the Year Game's fan-out p99 and doubled the relay's (1.7 → 3.3 s), and a relay team waits for its
 * next question to go on.
 */
export const LIVE_ROUTINE_LEAD_MS = 200;

/**
 * A server that cannot keep up (the district bench: one core saturated) would starve the queue
 * with 5 ms slices — Score Steal questions that no phone showed within 5 s. Once the oldest
 * waiting urgent flush has waited SLICE_GROWS_AFTER_MS, the slice grows by a quarter of the time
 * past that, up to MAX_FLUSH_SLICE_MS. Not sooner: a server that keeps up (the relay bench) has
 * flushes waiting tens of milliseconds, and a longer slice then held answers back (answer p99
 * 72–127 ms against 43–51 ms). Not for routine flushes: they are meant to wait (each coalesces
 * what comes meanwhile, and goes next after ROUTINE_LEAD_MS). While they grew it too, the district
 * bench's Year Game updates, always behind, kept every slice at 50 ms, and answers and joins
 * waited behind them. Medians of 7 runs each (60 s): answer p99 127 → 79 ms (Year Game) and
 * 133 → 70 ms (relay), Score Steal bursts 141 → 71 ms, 10,000 joins 5.43 → 4.90 s; but the relay's
 * next questions reach their phones later (cycle-change fan-out p99 212 → 324 ms), and Year Game
 * finds too (844 → 995 ms).
 */
export const MAX_FLUSH_SLICE_MS = 50;
export const SLICE_GROWS_AFTER_MS = 150;

/** Flushes held back by the slice run urgent first (what screens show changes), then routine. */
export type Priority = "urgent" | "routine";

/** A game's lane waiting to flush; `since`: when it fell due (Date.now() ms). */
export type Waiting<L extends string> = { gameId: number; lane: L; since: number };

/**
 * Runs `job` in the next turn, after the requests that arrived meanwhile are read and the group
 * commits they queued (immediates): the timer pass of the next turn comes after that read, and Bun
 * runs immediates before it, so an immediate queued now would not do. The first frames' queue
 * (first-frames.ts) waits the same way.
 */
export function inNextTurn(job: () => void): ReturnType<typeof setTimeout> {
  return setTimeout(() => setImmediate(job), 0);
}

/** When this turn of the event loop started flushing (-1: it has not). */
let sliceStartedAt = -1;

/** Whether this turn has flushed for `budgetMs` already; the first call of a turn starts its slice. */
function sliceUsedUp(budgetMs: number): boolean {
  if (sliceStartedAt < 0) {
    sliceStartedAt = performance.now();
    setImmediate(() => { sliceStartedAt = -1; });
    return false;
  }
  return performance.now() - sliceStartedAt >= budgetMs;
}

export class FlushQueue<L extends string> {
  private waiting: Record<Priority, Waiting<L>[]> = { urgent: [], routine: [] };
  private drainTimer: ReturnType<typeof setTimeout> | null = null;
  /** A drain is queued (an immediate, or a timer for the next turn: drainTimer). */
  private drainScheduled = false;

  /**
   * `run`: the flush of a lane taken from the queue. `goesAtOnce`: a lane whose flush runs
   * whatever is left of the slice (a change of phase, or a game gone).
   */
  constructor(
    private readonly run: (w: Waiting<L>) => void,
    private readonly goesAtOnce: (w: Waiting<L>) => boolean,
    /** How long a routine flush waits behind urgent ones that are kept up with (LIVE_ROUTINE_LEAD_MS or ROUTINE_LEAD_MS). */
    private readonly routineLead: (w: Waiting<L>) => number,
  ) {}

  push(priority: Priority, w: Waiting<L>): void {
    this.waiting[priority].push(w);
    this.scheduleDrain("this turn");
  }

  /**
   * Moves a waiting lane to the urgent queue: first (a change of phase) or last (an urgent
   * announcement). Its entry keeps when it fell due.
   */
  promote(gameId: number, lane: L, from: Priority, first: boolean, dueAt: number): void {
    const queue = this.waiting[from];
    const at = queue.findIndex((w) => w.gameId === gameId && w.lane === lane);
    const w = (at >= 0 ? queue.splice(at, 1)[0] : undefined) ?? { gameId, lane, since: dueAt };
    if (first) this.waiting.urgent.unshift(w);
    else this.waiting.urgent.push(w);
  }

  /** Flushes waiting for a slice. */
  size(): number {
    return this.waiting.urgent.length + this.waiting.routine.length;
  }

  /** The oldest flush in the queue has waited BACKLOG_MS. */
  backedUp(now: number): boolean {
    return this.longestWait(now) >= BACKLOG_MS;
  }

  /** Forgets every waiting flush (shutdown, tests); a drain already queued as an immediate finds the queue empty. */
  close(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    this.drainScheduled = false;
    this.waiting = { urgent: [], routine: [] };
  }

  /** The queue is drained by an immediate (after the immediates queued before it: group commits), this turn or the next (inNextTurn). */
  private scheduleDrain(when: "this turn" | "next turn"): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    const drain = () => {
      this.drainScheduled = false;
      this.drainTimer = null;
      this.drain();
    };
    if (when === "next turn") this.drainTimer = inNextTurn(drain);
    else setImmediate(drain);
  }

  /** Runs the waiting flushes, urgent first (see ROUTINE_LEAD_MS and LIVE_ROUTINE_LEAD_MS), until the slice is used up; the rest wait for the next turn. */
  private drain(): void {
    for (;;) {
      const [queue, at] = this.next(Date.now());
      const next = queue[at];
      if (!next) return;
      if (!this.goesAtOnce(next) && sliceUsedUp(this.sliceBudget())) {
        this.scheduleDrain("next turn");
        return;
      }
      queue.splice(at, 1);
      this.run(next);
    }
  }

  /** The queue and place of the flush to run next: urgent first, but a routine flush that has waited its lead goes ahead. */
  private next(now: number): [Waiting<L>[], number] {
    const { urgent, routine } = this.waiting;
    if (!urgent.length) return [routine, 0];
    const keepingUp = now - urgent[0]!.since < SLICE_GROWS_AFTER_MS;
    const k = routine.findIndex((w) => now - w.since >= (keepingUp ? this.routineLead(w) : ROUTINE_LEAD_MS));
    return k >= 0 ? [routine, k] : [urgent, 0];
  }

  /** How long (ms) the oldest flush in the queue has waited; 0 when none waits (`now`: Date.now()). */
  private longestWait(now: number): number {
    const oldest = Math.min(this.waiting.urgent[0]?.since ?? Infinity, this.waiting.routine[0]?.since ?? Infinity);
    return oldest === Infinity ? 0 : now - oldest;
  }

  /** FLUSH_SLICE_MS, or more while urgent flushes have waited long (see MAX_FLUSH_SLICE_MS). */
  private sliceBudget(): number {
    const urgent = this.waiting.urgent[0];
    const waited = urgent ? Date.now() - urgent.since : 0;
    return Math.min(MAX_FLUSH_SLICE_MS, Math.max(FLUSH_SLICE_MS, (waited - SLICE_GROWS_AFTER_MS) / 4));
  }
}
