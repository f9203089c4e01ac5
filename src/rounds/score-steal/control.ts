// Score Steal's clock and the teacher's controls: a question's deadline per bracket (absolute,
// so a restart does not stop it), reveal, skip, pause, resume, extend, end. A pause moves each
// open bracket's opening time forward by its length, so answer times exclude it.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { write, type Conn, type Db, type Tx } from "../../db/client.ts";
import { rounds, stealBrackets, type Round } from "../../db/schema.ts";
import { fail, type Result } from "../../errors.ts";
import type { Expired, RoundModule, TimingAction } from "../contract.ts";
import { store } from "./store.ts";
import { PICK_PROMPT_MS, REVEAL_GRACE_MS } from "./types.ts";

/** When this process started: after a restart, a pending pick's 30-second prompt starts again. */
const BOOTED_AT = Date.now();

/** When the teacher's screen starts asking to pick for a winning team (nothing is picked automatically). */
export function pickPromptAt(wonAt: number): number {
  return Math.max(wonAt, BOOTED_AT) + PICK_PROMPT_MS;
}

/**
 * The answer is shown once no bracket is racing any more (winner found or time up) — a few
 * seconds later (REVEAL_GRACE_MS), so that answers sent together with the winner's are judged.
 */
export function scheduleRevealIfRaceOver(tx: Tx, roundId: number, now: number): void {
  const brackets = store(tx).brackets.all({ roundId });
  if (brackets.some((b) => b.phase === "question_open") || brackets.every((b) => b.position === null || b.revealedAt !== null || b.revealDueAt !== null)) return;
  tx.update(stealBrackets).set({ revealDueAt: now + REVEAL_GRACE_MS }).where(and(eq(stealBrackets.roundId, roundId), isNull(stealBrackets.revealedAt))).run();
}

/**
 * Shows the question's answer to everyone: racing brackets close without a winner; a winner
 * still choosing keeps choosing through the reveal.
 */
function reveal(tx: Tx, roundId: number, now: number): void {
  for (const b of store(tx).brackets.all({ roundId })) {
    if (b.position === null || b.revealedAt !== null) continue;
    tx.update(stealBrackets).set({ phase: b.phase === "choosing_target" ? "choosing_target" : "revealed", revealedAt: now, revealDueAt: null, pausedRemainingMs: null }).where(eq(stealBrackets.id, b.id)).run();
  }
}

/** What comes due: brackets whose time ran out close (no winner); a reveal falls due. */
function closeOverdue(tx: Tx, roundId: number, now: number): void {
  for (const b of store(tx).brackets.all({ roundId })) {
    if (b.phase === "question_open" && b.deadlineAt !== null && b.deadlineAt <= now) tx.update(stealBrackets).set({ phase: "question_closed" }).where(eq(stealBrackets.id, b.id)).run();
  }
  scheduleRevealIfRaceOver(tx, roundId, now);
  const due = store(tx).brackets.all({ roundId }).some((b) => b.revealedAt === null && b.revealDueAt !== null && b.revealDueAt <= now);
  if (due) reveal(tx, roundId, now);
}

function changeRound(db: Db, gameId: number, roundId: number, body: (tx: Tx, round: Round) => Result | void): Result<{ round: Round }> {
  return write(db, (tx) => {
    const round = store(tx).round.get({ id: roundId });
    if (!round || round.gameId !== gameId || round.type !== "score_steal") return fail("round_not_found");
    if (round.status === "finished") return fail("round_closed");
    const r = body(tx, round);
    if (r && !r.ok) return r;
    return { ok: true, round: store(tx).round.get({ id: roundId })! };
  });
}

export function revealNow(db: Db, gameId: number, roundId: number, now = Date.now()): Result<{ round: Round }> {
  return changeRound(db, gameId, roundId, (tx) => {
    const brackets = store(tx).brackets.all({ roundId });
    if (!brackets.some((b) => b.position !== null && b.revealedAt === null)) return fail("bad_state", { reason: "no_question" });
    closeOverdue(tx, roundId, now);
    reveal(tx, roundId, now);
  });
}

export function controlStealRound(db: Db, gameId: number, roundId: number, action: TimingAction, seconds: number, now: number): Result<{ round: Round }> {
  return changeRound(db, gameId, roundId, (tx, round) => {
    const brackets = store(tx).brackets.all({ roundId });
    const racing = brackets.filter((b) => b.phase === "question_open");
    switch (action) {
      case "pause":
        if (round.status !== "running") return fail("bad_state");
        // A reveal that was due during the pause happens on resume, not while paused.
        for (const b of racing) tx.update(stealBrackets).set({ pausedRemainingMs: Math.max(0, b.deadlineAt! - now) }).where(eq(stealBrackets.id, b.id)).run();
        tx.update(rounds).set({ status: "paused" }).where(eq(rounds.id, roundId)).run();
        return;
      case "resume":
        if (round.status !== "paused") return fail("bad_state");
        for (const b of racing) {
          const left = b.pausedRemainingMs ?? 0;
          const pausedAt = b.deadlineAt! - left;
          tx.update(stealBrackets).set({ deadlineAt: now + left, openedAt: b.openedAt! + (now - pausedAt), pausedRemainingMs: null }).where(eq(stealBrackets.id, b.id)).run();
        }
        tx.update(rounds).set({ status: "running" }).where(eq(rounds.id, roundId)).run();
        return;
      case "extend":
        if (!racing.length) return fail("bad_state", { reason: "no_question" });
        for (const b of racing) {
          tx.update(stealBrackets).set(round.status === "paused"
            ? { pausedRemainingMs: (b.pausedRemainingMs ?? 0) + seconds * 1000, deadlineAt: b.deadlineAt! + seconds * 1000 }
            : { deadlineAt: b.deadlineAt! + seconds * 1000 }).where(eq(stealBrackets.id, b.id)).run();
        }
        return;
      case "end": {
        if (brackets.some((b) => b.phase === "choosing_target" && !store(tx).steal.get({ roundId, position: b.position!, bracket: b.bracket }))) return fail("pick_pending");
        tx.update(stealBrackets).set({ phase: "finished", revealedAt: now, revealDueAt: null }).where(and(eq(stealBrackets.roundId, roundId), inArray(stealBrackets.phase, ["ready", "question_open", "choosing_target", "question_closed", "revealed"]))).run();
        tx.update(rounds).set({ status: "finished", endsAt: now, finishedAt: now, pausedRemainingMs: null }).where(eq(rounds.id, roundId)).run();
        return;
      }
    }
  });
}

/** The clock of a Score Steal round: each racing bracket's deadline, and the pick prompts of waiting winners. */
export const stealClock: RoundModule["clock"] = {
  deadlines(db: Conn, round: Round) {
    // Paused: no clock runs (resume moves every deadline).
    if (round.status !== "running") return [];
    const out = [round.endsAt];
    const st = store(db);
    for (const b of st.brackets.all({ roundId: round.id })) {
      if (b.phase === "question_open" && b.deadlineAt !== null) out.push(b.deadlineAt);
      if (b.revealedAt === null && b.revealDueAt !== null) out.push(b.revealDueAt);
      if (b.phase === "choosing_target" && b.wonAt !== null && b.position !== null && !st.steal.get({ roundId: round.id, position: b.position, bracket: b.bracket })) {
        const at = pickPromptAt(b.wonAt);
        if (at > Date.now()) out.push(at);
      }
    }
    return out;
  },
  expire(db, roundId, now): Expired | null {
    return write(db, (tx) => {
      const round = store(tx).round.get({ id: roundId });
      if (!round) return null;
      if (round.status === "running" && round.endsAt <= now) {
        tx.update(stealBrackets).set({ phase: "finished" }).where(eq(stealBrackets.roundId, roundId)).run();
        const ended = tx.update(rounds).set({ status: "finished", finishedAt: round.endsAt }).where(eq(rounds.id, roundId)).returning().get();
        return { round: ended, changed: true };
      }
      if (round.status === "running") closeOverdue(tx, roundId, now);
      // A deadline or a pick prompt came due: screens show it either way.
      return { round, changed: true };
    });
  },
  control: controlStealRound,
};
