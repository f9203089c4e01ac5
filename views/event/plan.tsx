// The plan on the teacher's game page (each round's state, and the one button that moves the
// event on), and the plan page where rounds not yet played are edited.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { PlanEntry, PlanState } from "../../src/event/plan.ts";
import { roundModule } from "../../src/rounds/registry.ts";
import { et, typeName } from "./text.ts";

const STATE_TEXT: Record<PlanState, "state_next" | "state_pending" | "state_running" | "state_done" | "state_skipped"> = {
  next: "state_next", pending: "state_pending", running: "state_running", done: "state_done", skipped: "state_skipped",
};

/**
 * Settings in one short line in the teacher's words ("Relay sets: P1, Q1, R1, S1"), from the round
 * type's labels (their parenthesised help left out); a setting without a label shows its name.
 */
export function settingsLine(lang: Lang, type: string, settings: Record<string, unknown>): string {
  const labels = roundModule(type)?.start.settingLabels?.(lang) ?? {};
  const short = (key: string, fallback: string) => (labels[key] ?? fallback).replace(/\s*\([^)]*\)\s*$/, "");
  const value = (k: string, v: unknown): string => {
    if (typeof v === "boolean") return et(lang, v ? "setting_on" : "setting_off");
    if (Array.isArray(v)) return v.join(", ");
    if (typeof v === "object" && v !== null) return Object.entries(v).filter(([, on]) => on === true).map(([x]) => short(`${k}.${x}`, x)).join(", ") || "—";
    return labels[`${k}=${String(v)}`] ? short(`${k}=${String(v)}`, String(v)) : String(v);
  };
  return Object.entries(settings).map(([k, v]) => `${short(k, k)}: ${value(k, v)}`).join("; ");
}

function PostButton({ url, label, primary, confirm, big }: { url: string; label: string; primary?: boolean; confirm?: string; big?: boolean }): JSX.Element {
  return (
    <form method="post" action={url} hx-post={url} hx-target="#flash" hx-swap="innerHTML" hx-confirm={confirm} class="inline">
      <button type="submit" class={[primary ? "primary" : "", big ? "big" : ""].filter(Boolean).join(" ") || undefined} safe>{label}</button>
    </form>
  );
}

export function PlanList({ lang, game, entries }: { lang: Lang; game: Game; entries: PlanEntry[] }): JSX.Element {
  if (!entries.length) return <p class="muted">{et(lang, "no_plan")}</p>;
  return (
    <ol class="plan-list">
      {entries.map((e) => (
        <li class={`plan-entry plan-${e.state}`} data-state={e.state} data-type={e.type}>
          <b safe>{typeName(lang, e.type)}</b>
          <span class={`pill plan-state state-${e.state}`}>{et(lang, STATE_TEXT[e.state])}</span>
          {!e.available ? <span class="pill warn">{et(lang, "not_available")}</span> : ""}
          {Object.keys(e.settings).length ? <small class="muted" safe>{settingsLine(lang, e.type, e.settings)}</small> : ""}
          {e.roundId !== null && e.state === "done" ? <a class="small-link" href={`/teacher/games/${game.id}/rounds/${e.roundId}`}>{et(lang, "results")} →</a> : ""}
        </li>
      ))}
    </ol>
  );
}

/** What moves the event on now: start the game, start the next round, finish; nothing while a round runs. */
function NextAction({ lang, game, entries, roundOpen }: { lang: Lang; game: Game; entries: PlanEntry[]; roundOpen: boolean }): JSX.Element {
  const base = `/teacher/games/${game.id}`;
  if (game.status === "waiting") return <PostButton url={`${base}/start`} label={et(lang, "start_game")} primary big />;
  if (game.status === "finished") return "";
  if (roundOpen) return <p class="muted" role="status">{et(lang, "round_running")}</p>;
  const next = entries.find((e) => e.state === "next");
  if (!next) return <PostButton url={`${base}/finish`} label={et(lang, "finish_event")} primary big confirm={et(lang, "finish_event")} />;
  return (
    <div class="next-action">
      <PostButton url={`${base}/next-round`} label={`${et(lang, "start_next")}: ${typeName(lang, next.type)}`} primary big />
      {!next.available ? (
        <>
          <span class="pill warn">{et(lang, "not_available")}</span>
          <PostButton url={`${base}/plan/${next.index + 1}/skip`} label={et(lang, "skip")} />
        </>
      ) : ""}
    </div>
  );
}

/** The game page's plan region (`#event-plan`): live, sent whole with a morph swap so the button keeps focus. */
export function PlanSummary(p: { lang: Lang; game: Game; entries: PlanEntry[]; roundOpen: boolean; safeExtra?: string }): JSX.Element {
  const { lang, game } = p;
  return (
    <section class="card event-plan" aria-labelledby="event-plan-title">
      <div class="plan-head">
        <h2 id="event-plan-title">{et(lang, "plan")}</h2>
        {game.status !== "finished" ? <a class="small-link" href={`/teacher/games/${game.id}/plan`}>{et(lang, "edit_plan")} →</a> : ""}
      </div>
      <PlanList {...p} />
      <NextAction {...p} />
      {(p.safeExtra ?? "") as "safe"}
      {game.status === "started" ? (
        <p class="event-links"><a href={`/teacher/games/${game.id}/results`}>{et(lang, "results")}</a> · <a href={`/teacher/games/${game.id}/analytics`}>{et(lang, "analytics")}</a></p>
      ) : ""}
    </section>
  );
}
