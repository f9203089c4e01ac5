// The teacher's score adjustments: a ledger row with the teacher's reason, never below 0 (the row
// holds the change applied), undone by a reversing row — never by deleting one (the ledger is
// append-only). An adjustment is undone once: the `score_events_undo_once` index backs the check.
import { and, eq, max, sql } from "drizzle-orm";
import { write, type Db, type Tx } from "../db/client.ts";
import { scoreEvents } from "../db/schema.ts";
import { declareReasonTexts, fail, type Result } from "../errors.ts";
import { checkName } from "../games/names.ts";
import { findGame, teamOfGame } from "../games/queries.ts";
import { applyScore } from "../scoring/ledger.ts";
import { adjustReason, parseReason, undoReason } from "./reasons.ts";

export const ADJUST_NOTE_MAX = 100;
export const ADJUST_POINTS_MAX = 100_000;

export type Adjusted = { eventId: number; teamId: number; applied: number; teamScore: number };

declareReasonTexts({
  "invalid_input:points:zero": { en: "Give the points to add (or, with a minus sign, to take away); 0 changes nothing.", ko: "더할 점수를 쓰세요 (뺄 때는 앞에 - 를 붙이세요). 0은 아무것도 바꾸지 않습니다." },
  "invalid_input:points": { en: `Points must be a whole number from -${ADJUST_POINTS_MAX} to ${ADJUST_POINTS_MAX}.`, ko: `점수는 -${ADJUST_POINTS_MAX}부터 ${ADJUST_POINTS_MAX} 사이의 정수여야 합니다.` },
  "invalid_input:reason:empty": { en: "Say why (the reason is shown in the results).", ko: "이유를 쓰세요 (결과에 함께 보입니다)." },
  "invalid_input:reason:too_long": { en: `The reason may be up to ${ADJUST_NOTE_MAX} characters.`, ko: `이유는 ${ADJUST_NOTE_MAX}자까지 쓸 수 있습니다.` },
  "invalid_input:reason:control_chars": { en: "The reason has characters that cannot be shown.", ko: "이유에 표시할 수 없는 문자가 있습니다." },
  "invalid_input:reason:invalid_unicode": { en: "The reason has broken characters.", ko: "이유에 깨진 문자가 있습니다." },
});

/** The id of the row just written for the team (the write lock is held: nothing came in between). */
function lastEventOf(tx: Tx, teamId: number): number {
  return tx.select({ id: max(scoreEvents.id) }).from(scoreEvents).where(eq(scoreEvents.teamId, teamId)).get()!.id!;
}

export function adjustScore(db: Db, gameId: number, input: { teamId: number; points: number; reason: string }): Result<Adjusted> {
  if (!Number.isInteger(input.points) || Math.abs(input.points) > ADJUST_POINTS_MAX) return fail("invalid_input", { field: "points" });
  if (input.points === 0) return fail("invalid_input", { field: "points", reason: "zero" });
  const note = checkName(input.reason, ADJUST_NOTE_MAX);
  if (!note.ok) return fail("invalid_input", { field: "reason", reason: note.reason });
  return write(db, (tx) => {
    if (!findGame(tx, gameId)) return fail("game_not_found");
    if (!teamOfGame(tx, gameId, input.teamId)) return fail("team_not_found");
    const r = applyScore(tx, { gameId, teamId: input.teamId, roundId: null, participantId: null, delta: input.points, reason: adjustReason(note.display) });
    return { ok: true, eventId: lastEventOf(tx, input.teamId), teamId: input.teamId, applied: r.applied, teamScore: r.score };
  });
}

/** Reverses an adjustment with a row of the opposite change (floored at 0 like any other). */
export function undoAdjustment(db: Db, gameId: number, eventId: number): Result<Adjusted & { undoes: number }> {
  return write(db, (tx) => {
    if (!findGame(tx, gameId)) return fail("game_not_found");
    const row = tx.select().from(scoreEvents).where(and(eq(scoreEvents.id, eventId), eq(scoreEvents.gameId, gameId))).get();
    if (!row) return fail("adjustment_not_found");
    if (parseReason(row.reason).kind !== "adjustment") return fail("not_adjustment");
    // The GLOB repeats the partial index's condition, so SQLite looks the undo up in that index.
    const undone = tx.select({ id: scoreEvents.id }).from(scoreEvents).where(and(eq(scoreEvents.reason, undoReason(eventId)), sql`${scoreEvents.reason} GLOB 'adjust_undo:*'`)).get();
    if (undone) return fail("already_undone");
    const r = applyScore(tx, { gameId, teamId: row.teamId, roundId: null, participantId: null, delta: 0 - row.delta, reason: undoReason(eventId) });
    return { ok: true, eventId: lastEventOf(tx, row.teamId), teamId: row.teamId, applied: r.applied, teamScore: r.score, undoes: eventId };
  });
}
