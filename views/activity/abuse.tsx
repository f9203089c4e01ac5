// The teacher's abuse page: suspicious patterns with their actions, seats per network address,
// and refused requests by address and by client. The actions are the lobby's own controls
// (remove the seats taken from an address, lock joining); the panel reloads itself.
import type { Lang } from "../../src/errors.ts";
import type { AbuseReport, Pattern, SeatGroup } from "../../src/activity/abuse.ts";
import { ABUSE_RULES } from "../../src/activity/abuse.ts";
import { localDateTime } from "../../src/exports/time.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { act } from "./text.ts";

export const ABUSE_POLL_S = 10;

function rulesText(lang: Lang): string {
  const values: Record<string, number> = { games: ABUSE_RULES.manyGames.games, burst: ABUSE_RULES.burst.perMinute, refusals: ABUSE_RULES.refusals.count };
  return act(lang, "rules").replace(/\{(\w+)\}/g, (_, k: string) => String(values[k]));
}

/** One game where an address holds seats: the game, its seats, and the two controls. */
function SeatActions({ lang, address, game }: { lang: Lang; address: string; game: SeatGroup }): JSX.Element {
  const remove = `/teacher/games/${game.gameId}/addresses/remove`;
  const lock = `/teacher/games/${game.gameId}/lock`;
  return (
    <div class="status-row">
      <a href={`/teacher/games/${game.gameId}`} safe>{game.title}</a> <span class="mono" safe>{game.code}</span> <span class="muted" safe>{game.classLabel}</span>
      <span>{game.seats} {act(lang, "seats")}</span>
      <form method="post" action={remove} hx-post={remove} hx-target="#flash" hx-confirm={act(lang, "confirm_remove")} class="inline">
        <input type="hidden" name="address" value={address} />
        <button type="submit" class="danger">{act(lang, "remove_seats")}</button>
      </form>
      {game.locked ? <span class="pill warn">{act(lang, "locked")}</span> : (
        <form method="post" action={lock} hx-post={lock} hx-target="#flash" class="inline">
          <button type="submit">{act(lang, "lock_game")}</button>
        </form>
      )}
    </div>
  );
}

function PatternRow({ lang, p }: { lang: Lang; p: Pattern }): JSX.Element {
  return (
    <tr data-pattern={p.kind}>
      <td>{act(lang, p.kind)}</td>
      <td><code safe>{p.address || act(lang, "no_address")}</code></td>
      <td>{p.client ? <code safe>{p.client}</code> : ""}{p.seat ? <span safe>{` ${p.seat.nickname}`}</span> : ""}</td>
      <td class="num">{p.count}</td>
      <td>{p.games.map((g) => <SeatActions lang={lang} address={g.address ?? p.address} game={g} />)}</td>
    </tr>
  );
}

export function AbusePanel({ lang, report }: { lang: Lang; report: AbuseReport }): JSX.Element {
  return (
    <>
      <section class="card">
        <h2>{act(lang, "patterns")}</h2>
        <p class="muted" safe>{rulesText(lang)}</p>
        {report.patterns.length === 0 ? <p class="muted">{act(lang, "no_patterns")}</p> : (
          <table class="abuse-patterns">
            <thead><tr><th></th><th>{act(lang, "address")}</th><th>{act(lang, "client")}</th><th>{act(lang, "count")}</th><th>{act(lang, "actions")}</th></tr></thead>
            <tbody>{report.patterns.map((p) => <PatternRow lang={lang} p={p} />)}</tbody>
          </table>
        )}
      </section>
      <section class="card">
        <h2>{act(lang, "seats_by_address")}</h2>
        {report.seatsByAddress.length === 0 ? <p class="muted">{act(lang, "no_seats")}</p> : (
          <table class="abuse-seats">
            <thead><tr><th>{act(lang, "address")}</th><th>{act(lang, "seats")}</th><th>{act(lang, "actions")}</th></tr></thead>
            <tbody>
              {report.seatsByAddress.map((a) => (
                <tr data-address={a.address}>
                  <td><code safe>{a.address}</code></td>
                  <td class="num">{a.seats}</td>
                  <td>{a.games.map((g) => <SeatActions lang={lang} address={a.address} game={g} />)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {(["address", "client"] as const).map((by) => {
        const rows = by === "address" ? report.refusalsByAddress : report.refusalsByClient;
        return (
          <section class="card">
            <h2>{act(lang, by === "address" ? "refusals_by_address" : "refusals_by_client")}</h2>
            {rows.length === 0 ? <p class="muted">{act(lang, "no_refusals")}</p> : (
              <table class={`abuse-refusals-${by}`}>
                <thead><tr><th>{act(lang, by === "address" ? "address" : "client")}</th>{by === "client" ? <th>{act(lang, "address")}</th> : ""}<th>{act(lang, "refusals")}</th><th>{act(lang, "limits")}</th><th>{act(lang, "last")}</th></tr></thead>
                <tbody>
                  {rows.map((r) => (
                    <tr>
                      <td><code safe>{r.key}</code></td>
                      {by === "client" ? <td safe>{r.addresses.join(", ")}</td> : ""}
                      <td class="num">{r.refusals}</td>
                      <td safe>{r.buckets.join(", ")}</td>
                      <td safe>{localDateTime(r.lastAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

export function AbusePage({ lang, report }: { lang: Lang; report: AbuseReport }): JSX.Element {
  return Layout({
    lang,
    title: act(lang, "abuse"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <>
        <section class="card">
          <h1>{act(lang, "abuse")}</h1>
          <p class="muted">{act(lang, "abuse_help")}</p>
        </section>
        <div id="flash" aria-live="polite"></div>
        <div id="abuse-panel" hx-get="/teacher/abuse" hx-trigger={`every ${ABUSE_POLL_S}s`} hx-swap="innerHTML">
          <AbusePanel lang={lang} report={report} />
        </div>
      </>
    ),
  });
}
