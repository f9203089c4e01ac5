// Rounds end by themselves at their end time: one timer per running round. The timer only
// records and announces the end; answers are refused by comparing with endsAt regardless.
import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { rounds, type Round } from "../db/schema.ts";
import type { Bus } from "../realtime/bus.ts";
import { closeIfOverdue } from "./timing.ts";

export class RoundClock {
  private timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private db: Db, private bus: Bus) {}

  /** (Re)arms the timer for a round after any change to its status or end time. */
  track(round: Round): void {
    this.cancel(round.id);
    if (round.status !== "running") return;
    const wait = Math.max(0, round.endsAt - Date.now());
    // setTimeout overflows beyond ~24.8 days; re-check daily instead.
    const timer = setTimeout(() => this.expire(round.id), Math.min(wait, 86_400_000));
    this.timers.set(round.id, timer);
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

  /** At start-up: arm every running round (ones that ended while the server was down close now). */
  resumeAll(): void {
    for (const r of this.db.select().from(rounds).where(eq(rounds.status, "running")).all()) this.track(r);
  }

  /** Timers armed (one per running round), for /api/health. */
  timerCount(): number {
    return this.timers.size;
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private expire(roundId: number): void {
    this.timers.delete(roundId);
    const closed = closeIfOverdue(this.db, roundId);
    if (!closed) return;
    if (closed.status === "running") return this.track(closed);
    this.bus.publish(closed.gameId, "round", "scores");
  }
}
