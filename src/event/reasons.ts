// What a ledger row's `reason` says, as data. The rounds write short reason strings (a stable
// grammar, below); this parses them into a structured source that the views word in ko/en.
//
// Why parse rather than add columns: the reason strings already say everything (round type,
// question or number, steal, penalty, hint), every row written before this version is explained
// the same way, the hot answer path writes nothing more, and a round type on another branch (the
// Relay Quiz) needs no schema change — only its reason strings must follow the grammar. Who caused
// a row is its `participant_id` (null: the teacher); the round is its `round_id`.
//
// The grammar:
//   year_game:<number>                    a number found
//   score_steal:gain:<q>                  won question q, nobody to steal from: points from nobody
//   score_steal:penalty:<q>               a wrong answer to question q
//   score_steal:steal:<q>                 the steal of question q: two rows, the target's loss then
//                                         the winner's gain (one row when the pick was skipped)
//   relay_quiz:answer:<set>:<order>       a relay answer (set P1, question 2)
//   relay_quiz:hint:<set>:<order>         a relay hint's penalty
//   adjust:<note>                         the teacher's adjustment, with the teacher's reason
//   adjust_undo:<event id>                the reversing row of an adjustment
// Anything else is "other" and shown as written.

export type Source =
  | { kind: "number"; number: number }
  | { kind: "steal"; question: number }
  | { kind: "steal_free"; question: number }
  | { kind: "penalty"; question: number }
  | { kind: "relay_answer"; set: string; order: number }
  | { kind: "relay_hint"; set: string; order: number }
  | { kind: "adjustment"; note: string }
  | { kind: "undo"; undoes: number }
  | { kind: "other"; reason: string };

export const ADJUST_PREFIX = "adjust:";
export const UNDO_PREFIX = "adjust_undo:";

/** Relay rows: the grammar above; `<set>-<order>` (the relay branch's first spelling) is read too. */
const RELAY = /^relay_quiz:(?:(answer|hint):)?([^:]{1,20})[:-](\d{1,3})$/;

export function parseReason(reason: string): Source {
  const parts = reason.split(":");
  const n = (s: string | undefined) => (s !== undefined && /^\d{1,6}$/.test(s) ? Number(s) : null);
  if (reason.startsWith(ADJUST_PREFIX)) return { kind: "adjustment", note: reason.slice(ADJUST_PREFIX.length) };
  if (reason.startsWith(UNDO_PREFIX) && n(reason.slice(UNDO_PREFIX.length)) !== null) return { kind: "undo", undoes: Number(reason.slice(UNDO_PREFIX.length)) };
  if (parts[0] === "year_game" && parts.length === 2 && n(parts[1]) !== null) return { kind: "number", number: n(parts[1])! };
  if (parts[0] === "score_steal" && parts.length === 3 && n(parts[2]) !== null) {
    const question = n(parts[2])!;
    if (parts[1] === "steal") return { kind: "steal", question };
    if (parts[1] === "gain") return { kind: "steal_free", question };
    if (parts[1] === "penalty") return { kind: "penalty", question };
  }
  const relay = RELAY.exec(reason);
  if (relay) return { kind: relay[1] === "hint" ? "relay_hint" : "relay_answer", set: relay[2]!, order: Number(relay[3]) };
  return { kind: "other", reason };
}

/** The reason an adjustment writes (its note already checked as a name: trimmed, no control characters). */
export function adjustReason(note: string): string {
  return ADJUST_PREFIX + note;
}

export function undoReason(eventId: number): string {
  return UNDO_PREFIX + eventId;
}
