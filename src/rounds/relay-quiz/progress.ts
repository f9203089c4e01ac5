// Where the teams are, kept inside transactions: a team's cycle ends when its time is up (the
// next one starts at the deadline, so downtime counts and a restart catches up cycle by cycle)
// or when every question of it is answered (the next one starts now, with its full time). With
// `together` pacing every team moves at once; a team that completes the last cycle is finished
// either way, and finishing order is commit order. When no team is left, the round is over.
// Also the teacher's pause, resume, extend and end, and the clock the shared code arms.
import { and, eq, sql } from "drizzle-orm";
import { write, type Conn, type Db, type Tx } from "../../db/client.ts";
import { relayProgress, rounds, type RelayProgress, type Round } from "../../db/schema.ts";
import { fail, type Result } from "../../errors.ts";
import type { RoundModule } from "../contract.ts";
import { findRound } from "../current.ts";
import { cycleMs, relayConfigOf } from "./config.ts";
import { cycleComplete } from "./rules.ts";
import { relayStatements } from "./store.ts";
import type { RelayConfig } from "./types.ts";

/**
 * Every question of the team's current cycle is answered, or has nobody left to answer it.
 * `known`: the sets of this cycle the caller has just read as answered in this transaction (an
 * answer that checked them and added its own), for the team and cycle it names.
 */
export function cycleDone(tx: Conn, config: RelayConfig, p: RelayProgress, known?: KnownAnswered): boolean {
  const st = relayStatements(tx);
  const answered = known && known.teamId === p.teamId && known.cycle === p.cycle
    ? known.sets
    : new Set(st.answeredSets.all({ roundId: p.roundId, teamId: p.teamId, position: p.cycle }).map((r) => r.setIndex));
  // Every question answered: done, whoever holds them (the holders' count is a join, read at every answer).
  if (config.sets.every((_, s) => answered.has(s))) return true;
  const present = new Map(st.presentHolders.all({ roundId: p.roundId, teamId: p.teamId, cycle: p.cycle }).map((r) => [r.setIndex, r.n]));
  return cycleComplete(config.sets.map((_, s) => ({ answered: answered.has(s), holders: present.get(s) ?? 0 })));
}

/**
 * The sets of a team's cycle known to be answered (see cycleDone); `progress`: the team's row as
 * the caller's transaction last wrote it, which settle then need not read again at first.
 */
export type KnownAnswered = { teamId: number; cycle: number; sets: ReadonlySet<number>; progress?: RelayProgress };

/** Ends the team's cycle at `at`: the next one starts then with its full time, or after the last the team is finished. */
function moveOn(tx: Tx, config: RelayConfig, p: RelayProgress, at: number): void {
  const st = relayStatements(tx);
  const team = { roundId: p.roundId, teamId: p.teamId, version: p.version + 1 };
  if (p.cycle >= config.size) {
    const order = st.lastFinish.get({ roundId: p.roundId })!.n + 1;
    st.finishTeam.run({ ...team, cycle: config.size + 1, at, order });
    return;
  }
  const next = p.cycle + 1;
  st.nextCycle.run({ ...team, cycle: next, at, deadline: at + cycleMs(config, next) });
}

/**
 * Brings the teams up to date at `now` (inside the caller's transaction). `team`: only that
 * team's cycle can have changed (it just answered) — with team pacing nothing else is looked at.
 * Returns the round when it changed (a team moved on, or the round ended), else null.
 */
export function settle(tx: Tx, round: Pick<Round, "id" | "status">, config: RelayConfig, now: number, team?: number, known?: KnownAnswered): Round | null {
  if (round.status !== "running") return null;
  const st = relayStatements(tx);
  let moved = false;
  for (let guard = 0; guard <= config.size + 1; guard++) {
    const mine = guard === 0 && known?.teamId === team ? known?.progress : undefined;
    const open = team !== undefined && config.pacing === "team"
      ? [mine ?? st.progress.get({ roundId: round.id, teamId: team })].filter((p): p is RelayProgress => p !== undefined && p.finishedAt === null)
      : st.unfinished.all({ roundId: round.id });
    if (open.length === 0) break;
    let changed = false;
    if (config.pacing === "team") {
      for (const p of open) {
        if (p.deadline <= now) { moveOn(tx, config, p, p.deadline); changed = true; }
        else if (cycleDone(tx, config, p, known)) { moveOn(tx, config, p, now); changed = true; }
      }
    } else {
      const deadline = Math.min(...open.map((p) => p.deadline));
      if (deadline <= now) {
        for (const p of open) moveOn(tx, config, p, p.deadline);
        changed = true;
      } else {
        // Only when the answering team's cycle is done can everyone's be: look at it first.
        const first = team === undefined ? undefined : open.find((p) => p.teamId === team);
        if (!first || cycleDone(tx, config, first, known)) {
          const done = open.filter((p) => p === first || cycleDone(tx, config, p, known));
          // A team done with the last cycle has nothing to wait for.
          for (const p of done) if (p.cycle >= config.size) { moveOn(tx, config, p, now); changed = true; }
          const rest = open.filter((p) => p.cycle < config.size);
          if (rest.length && rest.every((p) => done.includes(p))) {
            for (const p of rest) moveOn(tx, config, p, now);
            changed = true;
          }
        }
      }
    }
    if (!changed) break;
    moved = true;
  }
  if (!moved) return null;
  return finishIfAllDone(tx, round.id) ?? st.round.get({ id: round.id })!;
}

/** The round ends by itself once every team has finished (at the last team's finishing time). */
function finishIfAllDone(tx: Tx, roundId: number): Round | null {
  const st = relayStatements(tx);
  if (st.anyUnfinished.get({ roundId })) return null;
  const last = tx.select({ at: sql<number>`max(${relayProgress.finishedAt})` }).from(relayProgress).where(eq(relayProgress.roundId, roundId)).get()?.at ?? Date.now();
  return tx.update(rounds).set({ status: "finished", finishedAt: last, endsAt: last, pausedRemainingMs: null }).where(and(eq(rounds.id, roundId), eq(rounds.status, "running"))).returning().get() ?? null;
}

function bumpAll(tx: Tx, roundId: number, patch: (p: RelayProgress) => Partial<RelayProgress>): void {
  for (const p of relayStatements(tx).allProgress.all({ roundId })) {
    const change = p.finishedAt === null ? patch(p) : {};
    tx.update(relayProgress).set({ ...change, version: p.version + 1 }).where(and(eq(relayProgress.roundId, roundId), eq(relayProgress.teamId, p.teamId))).run();
  }
}

/** The teacher's pause, resume, extend and end; what ran out before is settled first. */
export function controlRelay(db: Db, gameId: number, roundId: number, action: "pause" | "resume" | "extend" | "end", seconds: number, now: number): Result<{ round: Round }> {
  return write(db, (tx) => {
    const found = findRound(tx, roundId);
    if (!found || found.gameId !== gameId || found.type !== "relay_quiz") return fail("round_not_found");
    const round = (found.status === "running" ? settle(tx, found, relayConfigOf(tx, found), now) : null) ?? found;
    const extra = seconds * 1000;
    let patch: Partial<Round>;
    switch (action) {
      case "pause":
        if (round.status !== "running") return fail("bad_state");
        bumpAll(tx, roundId, (p) => ({ pausedRemainingMs: Math.max(0, p.deadline - now) }));
        patch = { status: "paused", pausedRemainingMs: Math.max(0, round.endsAt - now) };
        break;
      case "resume":
        if (round.status !== "paused") return fail("bad_state");
        // Deadlines move by the time spent paused; so does the start of the cycle (for "stuck" times).
        bumpAll(tx, roundId, (p) => {
          const left = p.pausedRemainingMs ?? Math.max(0, p.deadline - now);
          return { deadline: now + left, cycleStartedAt: p.cycleStartedAt + (now + left - p.deadline), pausedRemainingMs: null };
        });
        patch = { status: "running", endsAt: now + (round.pausedRemainingMs ?? 0), pausedRemainingMs: null };
        break;
      case "extend":
        if (round.status === "running") {
          bumpAll(tx, roundId, (p) => ({ deadline: p.deadline + extra }));
          patch = { endsAt: round.endsAt + extra };
        } else if (round.status === "paused") {
          bumpAll(tx, roundId, (p) => ({ pausedRemainingMs: (p.pausedRemainingMs ?? 0) + extra }));
          patch = { pausedRemainingMs: (round.pausedRemainingMs ?? 0) + extra };
        } else return fail("bad_state");
        break;
      case "end":
        if (round.status === "finished") return found.status === "finished" ? fail("bad_state") : { ok: true, round };
        bumpAll(tx, roundId, () => ({}));
        patch = { status: "finished", endsAt: now, finishedAt: now, pausedRemainingMs: null };
        break;
    }
    return { ok: true, round: tx.update(rounds).set(patch).where(eq(rounds.id, roundId)).returning().get()! };
  });
}

/** The relay's clock: each team's deadline; `expire` settles every team whose time ran out, in one transaction. */
export const relayClock: RoundModule["clock"] = {
  deadlines(db, round) {
    if (round.status !== "running") return [];
    const at = relayStatements(db).earliestDeadline.get({ roundId: round.id })?.at;
    return [at ?? round.endsAt];
  },
  expire(db, roundId, now) {
    return write(db, (tx) => {
      const round = findRound(tx, roundId);
      if (!round) return null;
      if (round.status !== "running") return { round, changed: false };
      const after = settle(tx, round, relayConfigOf(tx, round), now);
      if (after) return { round: after, changed: true };
      // A safety net: past the round's latest possible end, it is over whatever the teams say.
      if (round.endsAt <= now) {
        const closed = tx.update(rounds).set({ status: "finished", finishedAt: round.endsAt }).where(eq(rounds.id, roundId)).returning().get()!;
        return { round: closed, changed: true };
      }
      return { round, changed: false };
    });
  },
  control: (db, gameId, roundId, action, seconds, now) => controlRelay(db, gameId, roundId, action, seconds, now),
};
