// Rounds keep time by themselves: each open round has one timer, at its earliest deadline (a
// round type reports its deadlines: one end time, or one per question or per team). The timer
// only records and announces what ran out; answers are refused by comparing with the stored
// deadlines regardless. Deadlines are absolute server times, so downtime counts, and after a
// restart `resumeAll` re-arms every open round from the database.
import { inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rounds, type Round } from "../db/schema.ts";
import type { Bus } from "../realtime/bus.ts";

/** What the clock needs of the round types (given by app.ts from the registry, so this file imports none). */
export type RoundTimers = {
  deadlines(round: Round): number[];
  expire(round: Round, now: number): { round: Round; changed: boolean } | null;
  /** A round was seen finished, after its commit (the event may end with it: src/event/finish.ts). */
  finished?(round: Round): void;
};

/** setTimeout overflows beyond ~24.8 days; a far deadline is re-checked daily instead. */
const MAX_WAIT_MS = 86_400_000;

export class RoundClock {
  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private db: Db, private bus: Bus, private rounds: RoundTimers) {}

  /** (Re)arms the round's timer after any change to it (status, deadlines). */
  track(round: Round): void {
    this.cancel(round.id);
    if (round.status === "finished") return this.rounds.finished?.(round);
    const deadlines = this.rounds.deadlines(round);
    if (!deadlines.length) return;
    const wait = Math.max(0, Math.min(...deadlines) - Date.now());
    this.timers.set(round.id, setTimeout(() => this.expire(round), Math.min(wait, MAX_WAIT_MS)));
  }

  /** After a round started or changed (committed): re-arm its timer and tell every screen. */
  changed(round: Round): void {
    this.track(round);
    this.bus.publish(round.gameId, "round", "scores");
  }

  cancel(roundId: number): void {
    const t = this.timers.get(roundId);
    if (t) clearTimeout(t);
    this.timers.delete(roundId);
  }

  /** At start-up (or after a restore): arm every open round; what ran out while the server was down closes now. */
  resumeAll(): void {
    this.stop();
    for (const r of this.db.select().from(rounds).where(inArray(rounds.status, ["running", "paused"])).all()) this.track(r);
  }

  /** Timers armed (one per open round with a deadline), for /api/health. */
  timerCount(): number {
    return this.timers.size;
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private expire(round: Round): void {
    this.timers.delete(round.id);
    const after = this.rounds.expire(round, Date.now());
    if (!after) return;
    if (after.changed) this.bus.publish(after.round.gameId, "round", "scores");
    this.track(after.round);
  }
}
