// A team's ledger for the teacher: every score change explained, with the running total that ends
// at the team's score; the adjustment form, and an undo button on each adjustment not yet undone.
import type { Lang } from "../../src/errors.ts";
import type { Game, Team } from "../../src/db/schema.ts";
import type { LedgerRow } from "../../src/event/ledger.ts";
import { ADJUST_NOTE_MAX, ADJUST_POINTS_MAX } from "../../src/event/adjust.ts";
import { Layout, Notice } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { EventLinks } from "./results.tsx";
import { explainSource, roundLabel, whoLabel } from "./explain.ts";
import { et } from "./text.ts";

export type LedgerPageProps = { lang: Lang; game: Game; team: Team; rows: LedgerRow[]; teams: Map<number, { name: string }>; notice?: { kind: "ok" | "error"; text: string } };

/** The time of day a row was written, hh:mm:ss (the server's clock; the teacher's laptop is the server). */
function clock(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}

export function AdjustForm({ lang, game, team }: { lang: Lang; game: Game; team: Team }): JSX.Element {
  const url = `/teacher/games/${game.id}/adjust`;
  return (
    <form method="post" action={url} class="grid-form adjust-form">
      <input type="hidden" name="teamId" value={String(team.id)} />
      <label>
        {et(lang, "points")}
        <input name="points" type="number" min={String(-ADJUST_POINTS_MAX)} max={String(ADJUST_POINTS_MAX)} step="1" required />
      </label>
      <label class="wide">
        {et(lang, "reason")}
        <input name="reason" maxlength={String(ADJUST_NOTE_MAX)} required />
      </label>
      <button type="submit" class="primary">{et(lang, "adjust")}</button>
    </form>
  );
}

export function LedgerTable({ lang, game, rows, teams }: LedgerPageProps): JSX.Element {
  if (!rows.length) return <p class="muted">{et(lang, "ledger_empty")}</p>;
  return (
    <div class="table-scroll">
      <table class="ledger">
        <caption class="muted">{et(lang, "ends_at_score")}</caption>
        <thead>
          <tr>
            <th scope="col">{et(lang, "when")}</th>
            <th scope="col">{et(lang, "round_n")}</th>
            <th scope="col">{et(lang, "what")}</th>
            <th scope="col">{et(lang, "who")}</th>
            <th scope="col">{et(lang, "change")}</th>
            <th scope="col">{et(lang, "running_total")}</th>
            <th scope="col"><span class="sr-only">{et(lang, "undo")}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr data-event-id={String(r.eventId)} data-kind={r.source.kind} class={r.undoneBy !== null ? "undone" : undefined}>
              <td class="mono" safe>{clock(r.at)}</td>
              <td safe>{roundLabel(lang, r.round)}</td>
              <td><span safe>{explainSource(lang, r)}</span>{r.undoneBy !== null ? <small class="pill">{et(lang, "undone")}</small> : ""}</td>
              <td safe>{whoLabel(lang, r, teams)}</td>
              <td class={`num ${r.delta < 0 ? "minus" : "plus"}`} safe>{r.delta > 0 ? `+${r.delta}` : String(r.delta)}</td>
              <td class="num total">{r.total}</td>
              <td>
                {r.source.kind === "adjustment" && r.undoneBy === null ? (
                  <form method="post" action={`/teacher/games/${game.id}/adjust/${r.eventId}/undo`} hx-post={`/teacher/games/${game.id}/adjust/${r.eventId}/undo`} class="inline" hx-confirm={et(lang, "confirm_undo")}>
                    <button type="submit">{et(lang, "undo")}</button>
                  </form>
                ) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LedgerPage(p: LedgerPageProps): JSX.Element {
  const { lang, game, team } = p;
  return Layout({
    lang, title: `${et(lang, "ledger")} · ${team.name}`, bodyClass: "teacher", nav: TeacherNav({ lang }),
    children: (
      <>
        <EventLinks lang={lang} game={game} />
        <section class="card">
          <h1>{et(lang, "ledger")} · <span safe>{team.name}</span> <small class="pill">{et(lang, "points")} <b class="team-total">{team.score}</b></small></h1>
          {p.notice ? Notice({ kind: p.notice.kind, message: p.notice.text }) : ""}
          <LedgerTable {...p} />
        </section>
        <section class="card">
          <h2>{et(lang, "adjust")}</h2>
          <p class="muted">{et(lang, "adjust_help")}</p>
          <AdjustForm lang={lang} game={game} team={team} />
        </section>
      </>
    ),
  });
}
