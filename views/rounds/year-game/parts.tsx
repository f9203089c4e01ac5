// Year Game building blocks shared by every screen: countdown, team grid, ranking.
import type { Lang } from "../../../src/errors.ts";
import { BoundedCache, CACHE_IDLE_MS } from "../../../src/cache/bounded.ts";
import type { Round, Team } from "../../../src/db/schema.ts";
import type { Find } from "../../../src/rounds/year-game/domain.ts";
import { isAcceptingAnswers, remainingMs } from "../../../src/rounds/current.ts";
import { byBracket } from "../../games/teams.tsx";
import { yt } from "./text.ts";
import { str } from "../../partial.ts";

/** The server's remaining time; the page only counts down from it (never the device clock). */
export function Countdown({ round, now, lang }: { round: Round; now: number; lang: Lang }): JSX.Element {
  const left = remainingMs(round, now);
  const running = isAcceptingAnswers(round, now);
  const s = Math.ceil(left / 1000);
  return (
    <span class="yg-clock">
      <span class="countdown" data-remaining-ms={String(left)} data-running={String(running)} role="timer" aria-label={yt(lang, "time_left")} safe>
        {`${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`}
      </span>
      {round.status === "paused" ? <span class="pill warn">{yt(lang, "paused")}</span> : ""}
      {!running && round.status !== "paused" ? <span class="pill">{yt(lang, "round_over")}</span> : ""}
    </span>
  );
}

// Grid cells, rendered once each: a find never changes once made, and live views redraw a
// team's grid (up to a thousand cells) each time the team finds a number.
const emptyCells: JSX.Element[] = [];
const foundCells = new BoundedCache<string, JSX.Element>(50_000, { idleMs: CACHE_IDLE_MS });

function emptyCell(n: number): JSX.Element {
  return (emptyCells[n] ??= <li data-n={String(n)}>{n}</li>);
}

function foundCell(n: number, title: string): JSX.Element {
  return foundCells.getOr(`${n}\u0000${title}`, () => <li class="found" data-n={String(n)} title={title}>{n}</li>);
}

/** One cell of a grid: the number, filled with who found it and how once found. */
export function GridCell({ n, find, lang }: { n: number; find: Find | undefined; lang: Lang }): JSX.Element {
  return find ? foundCell(n, `${yt(lang, "by")} ${find.finderName}: ${find.expression}`) : emptyCell(n);
}

/**
 * Fills one cell of a phone's grid (`#yg-grid`) in place. Filling only ever adds, so such updates
 * may arrive in any order — an answer's own response and a stream frame travel apart.
 */
export function cellUpdate(find: Find, lang: Lang): string {
  return `<hx-partial hx-target="#yg-grid li[data-n='${find.target}']" hx-swap="outerHTML">${str(GridCell({ n: find.target, find, lang }))}</hx-partial>`;
}

/**
 * A team's 1–100 grid: found numbers filled, each with who found it. Its label does not count
 * the finds (the status line does): a live view may update single cells (see module.ts).
 */
export function Grid({ min, max, finds, lang, size }: { min: number; max: number; finds: Find[]; lang: Lang; size?: "big" | "small" }): JSX.Element {
  const byTarget = new Map(finds.map((f) => [f.target, f]));
  const cells: JSX.Element[] = [];
  for (let n = min; n <= max; n++) cells.push(GridCell({ n, find: byTarget.get(n), lang }));
  return <ol class={`yg-grid${size ? ` ${size}` : ""}`} aria-label={`${yt(lang, "numbers")} ${min}–${max}`}>{cells}</ol>;
}

export type RankRow = Team & { rank: number; found: number; roundPoints: number };

/** Ranking for the projector and the teacher: found count and points, per bracket. */
export function Ranking({ rows, lang, brackets, big }: { rows: RankRow[]; lang: Lang; brackets: string[]; big?: boolean }): JSX.Element {
  return (
    <div class={`brackets${big ? " big" : ""}`}>
      {byBracket({ teams: rows, brackets }).map((group) => (
        <section class="bracket">
          {group.bracket ? <h2 class="bracket-name" safe>{group.bracket}</h2> : ""}
          <div class="ranking-head" aria-hidden="true">
            <span></span>
            <span></span>
            <span>✓ {yt(lang, "found")}</span>
            <span>{yt(lang, "points")}</span>
          </div>
          <ol class="standings yg-ranking">
            {[...group.teams].sort((a, b) => a.rank - b.rank || a.position - b.position).map((r) => (
              <li data-team-id={String(r.id)} data-score={String(r.score)}>
                <span class="rank">{r.rank}</span>
                <span class="name" safe>{r.name}</span>
                <span class="found-count" title={yt(lang, "found")}>{r.found}</span>
                <span class="score">{r.score}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
