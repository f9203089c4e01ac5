// A ledger row in words (ko, en): where it came from, in which round, and who caused it.
import type { Lang } from "../../src/errors.ts";
import type { LedgerRow } from "../../src/event/ledger.ts";
import { et, fill, typeName } from "./text.ts";

/** "Round 2 · Score Steal": the round a row belongs to, or "" for an adjustment. */
export function roundLabel(lang: Lang, round: LedgerRow["round"]): string {
  return round ? `${et(lang, "round_n")} ${round.number} · ${typeName(lang, round.type)}` : "";
}

/** What happened, without the round or who (those are columns of their own). */
export function explainSource(lang: Lang, row: Pick<LedgerRow, "source" | "steal">): string {
  const s = row.source;
  switch (s.kind) {
    case "number": return fill(et(lang, "x_number"), { n: s.number });
    case "steal":
      if (row.steal?.side === "lost") return fill(et(lang, "x_steal_lost"), { q: s.question, team: row.steal.other?.team ?? "?" });
      return row.steal?.other ? fill(et(lang, "x_steal_took"), { q: s.question, team: row.steal.other.team }) : fill(et(lang, "x_steal_took_nobody"), { q: s.question });
    case "steal_free": return fill(et(lang, "x_steal_free"), { q: s.question });
    case "penalty": return fill(et(lang, "x_penalty"), { q: s.question });
    case "relay_answer": return fill(et(lang, "x_relay_answer"), { set: s.set, n: s.order });
    case "relay_hint": return fill(et(lang, "x_relay_hint"), { set: s.set, n: s.order });
    case "adjustment": return fill(et(lang, "x_adjustment"), { note: s.note });
    case "undo": return fill(et(lang, "x_undo"), { id: s.undoes });
    case "other": return fill(et(lang, "x_other"), { reason: s.reason });
  }
}

/** Who caused the row: a student (with their team when it is another), the teacher, or the round's rules. */
export function whoLabel(lang: Lang, row: LedgerRow, teams: Map<number, { name: string }>): string {
  if (row.who) return row.who.teamId !== null && row.who.teamId !== row.teamId ? `${row.who.nickname} (${teams.get(row.who.teamId)?.name ?? ""})` : row.who.nickname;
  if (row.source.kind === "adjustment" || row.source.kind === "undo" || row.source.kind === "steal") return et(lang, "teacher");
  return et(lang, "rules");
}

/** The whole row in one line, for the API's `text`. */
export function explainRow(lang: Lang, row: LedgerRow, teams: Map<number, { name: string }>): string {
  const round = roundLabel(lang, row.round);
  return `${round ? `${round}: ` : ""}${explainSource(lang, row)} — ${whoLabel(lang, row, teams)}`;
}
