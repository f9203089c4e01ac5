// The teacher's start form and its mapping preview, from what the bank and the game hold now.
// The form posts the same fields `relayStartFromForm` turns into the API's body; the preview
// (re-asked on every change, and by the ↑ ↓ buttons) shows each team's deal with its order.
import type { Conn } from "../../db/client.ts";
import type { Game } from "../../db/schema.ts";
import { failText, type Lang } from "../../errors.ts";
import { fromForm } from "../../http/validate.ts";
import { listSets, type SetSummary } from "../../questions/sets.ts";
import { relaySets } from "../../questions/snapshot.ts";
import { orderTeams, previewDeal } from "./start.ts";
import { ORDER_FIELD } from "./schemas.ts";
import { str } from "../../../views/partial.ts";
import { MappingPreview, StartForm, type Preview, type StartValues } from "../../../views/rounds/relay-quiz/teacher.tsx";
import { rt } from "../../../views/rounds/relay-quiz/text.ts";

/** The sets chosen by default: the first usable set and the others of its round (P1 Q1 R1 S1: same trailing number). */
export function defaultSets(sets: SetSummary[]): string[] {
  const usable = sets.filter((s) => s.ok);
  const first = usable[0];
  if (!first) return [];
  const suffix = (name: string) => /\d+$/.exec(name)?.[0];
  const sized = usable.filter((s) => s.size === first.size);
  const same = suffix(first.set) ? sized.filter((s) => suffix(s.set) === suffix(first.set)) : [];
  return (same.length > 1 ? same : sized).slice(0, 8).map((s) => s.set);
}

/** The form's fields as the preview needs them: chosen sets, each team's order, and one ↑/↓ move applied. */
export function formChoices(form: Record<string, unknown>): { values: StartValues; orders: Record<string, number[]> } {
  const orders: Record<string, number[]> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = ORDER_FIELD.exec(key);
    if (m) orders[m[1]!] = fromForm.list(value).map((v) => Number(v)).filter((n) => Number.isInteger(n) && n > 0);
  }
  const move = typeof form.move === "string" ? /^(\d{1,10}):(\d{1,10}):(up|down)$/.exec(form.move) : null;
  if (move) {
    const list = orders[move[1]!];
    const at = list ? list.indexOf(Number(move[2])) : -1;
    const to = move[3] === "up" ? at - 1 : at + 1;
    if (list && at >= 0 && to >= 0 && to < list.length) [list[at], list[to]] = [list[to]!, list[at]!];
  }
  const text = (v: unknown) => (typeof v === "string" ? v.slice(0, 200) : "");
  return {
    values: {
      sets: fromForm.list(form.sets).filter((s): s is string => typeof s === "string" && s !== ""),
      cycleSeconds: text(form.cycleSeconds),
      followThrough: fromForm.checkbox(form.followThrough),
      hintPenalty: text(form.hintPenalty) || "100",
      pacing: text(form.pacing) || "team",
    },
    orders,
  };
}

export function buildPreview(db: Conn, game: Game, setNames: string[], orders: Record<string, number[]>, lang: Lang): Preview {
  if (!setNames.length) return { message: rt(lang, "choose_sets_first") };
  const picked = relaySets(db, setNames);
  if (!picked.ok) return { message: failText(picked.code === "invalid_input" ? { code: "invalid_input", detail: { field: "sets", reason: "duplicate_set" } } : picked, lang) };
  // Students may have left or moved since the form was drawn: keep only who is still in the team.
  const current = orderTeams(db, game.id, {});
  if (!current.ok) return { message: failText(current, lang) };
  const valid: Record<string, number[]> = {};
  for (const t of current.teams) {
    const listed = orders[String(t.team.id)];
    if (listed) valid[String(t.team.id)] = listed.filter((id) => t.members.some((m) => m.id === id));
  }
  const ordered = orderTeams(db, game.id, valid);
  if (!ordered.ok) return { message: failText(ordered, lang) };
  return { teams: previewDeal(ordered.teams, picked.sets.length, picked.size), setNames: picked.sets.map((s) => s.set) };
}

export function startForm(db: Conn, game: Game, lang: Lang, form?: Record<string, unknown>): string {
  const sets = listSets(db);
  const chosen = form ? formChoices(form) : { values: { sets: defaultSets(sets), cycleSeconds: "", followThrough: true, hintPenalty: "100", pacing: "team" }, orders: {} };
  const preview = buildPreview(db, game, chosen.values.sets, chosen.orders, lang);
  return str(StartForm({ game, lang, sets, values: chosen.values, preview }));
}

export function previewFragment(db: Conn, game: Game, lang: Lang, form: Record<string, unknown>): string {
  const { values, orders } = formChoices(form);
  return str(MappingPreview({ game, preview: buildPreview(db, game, values.sets, orders, lang), lang }));
}
