// A round with one end time (rounds.ends_at): pause, resume, extend and end, and closing it when
// the time is up. A round type whose time is one countdown uses `singleDeadline` as its clock;
// types with a clock per question or per team write their own (see contract.ts).
import { and, eq } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { rounds, type Round } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { findRound } from "./current.ts";
import type { RoundModule } from "./contract.ts";

type Change = Result<{ round: Round }>;

function change(db: Db, gameId: number, roundId: number, body: (r: Round, now: number) => Partial<Round> | "bad_state", now: number): Change {
  return write(db, (tx) => {
    const r = findRound(tx, roundId);
    if (!r || r.gameId !== gameId) return fail("round_not_found");
    // A running round past its end is already over, whatever the timer has done so far.
    const effective: Round = r.status === "running" && r.endsAt <= now ? { ...r, status: "finished" } : r;
    const patch = body(effective, now);
    if (patch === "bad_state") return fail("bad_state");
    const round = tx.update(rounds).set(patch).where(eq(rounds.id, roundId)).returning().get();
    return { ok: true, round };
  });
}

/**
 * The round's timer fired: close it if its end time has passed. Returns the round if it is still
 * running (extended meanwhile: re-arm), the closed round, or null if there is nothing to do.
 */
export function closeIfOverdue(db: Db, roundId: number, now = Date.now()): Round | null {
  return write(db, (tx) => {
    const r = findRound(tx, roundId);
    if (!r || r.status !== "running") return null;
    if (r.endsAt > now) return r;
    return tx.update(rounds).set({ status: "finished", finishedAt: r.endsAt }).where(and(eq(rounds.id, roundId), eq(rounds.status, "running"))).returning().get() ?? null;
  });
}

export function pauseRound(db: Db, gameId: number, roundId: number, now = Date.now()): Change {
  return change(db, gameId, roundId, (r) => (r.status !== "running" ? "bad_state" : { status: "paused", pausedRemainingMs: r.endsAt - now }), now);
}

export function resumeRound(db: Db, gameId: number, roundId: number, now = Date.now()): Change {
  return change(db, gameId, roundId, (r) => (r.status !== "paused" ? "bad_state" : { status: "running", endsAt: now + (r.pausedRemainingMs ?? 0), pausedRemainingMs: null }), now);
}

export function extendRound(db: Db, gameId: number, roundId: number, seconds: number, now = Date.now()): Change {
  return change(db, gameId, roundId, (r) => {
    if (r.status === "running") return { endsAt: r.endsAt + seconds * 1000 };
    if (r.status === "paused") return { pausedRemainingMs: (r.pausedRemainingMs ?? 0) + seconds * 1000 };
    return "bad_state";
  }, now);
}

export function endRound(db: Db, gameId: number, roundId: number, now = Date.now()): Change {
  return change(db, gameId, roundId, (r) => (r.status === "finished" ? (r.finishedAt ? "bad_state" : { finishedAt: r.endsAt, status: "finished" }) : { status: "finished", endsAt: now, finishedAt: now, pausedRemainingMs: null }), now);
}

/** The clock of a round that is one countdown to `endsAt`. */
export const singleDeadline: RoundModule["clock"] = {
  deadlines: (_db, round) => (round.status === "running" ? [round.endsAt] : []),
  expire(db, roundId, now) {
    const round = closeIfOverdue(db, roundId, now);
    // Still running: it was extended meanwhile, and the clock only needs re-arming.
    return round && { round, changed: round.status !== "running" };
  },
  control(db, gameId, roundId, action, seconds, now) {
    switch (action) {
      case "pause": return pauseRound(db, gameId, roundId, now);
      case "resume": return resumeRound(db, gameId, roundId, now);
      case "extend": return extendRound(db, gameId, roundId, seconds, now);
      case "end": return endRound(db, gameId, roundId, now);
    }
  },
};
