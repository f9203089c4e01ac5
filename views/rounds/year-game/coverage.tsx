// The Year Game's coverage for the teacher's analytics: each target number shaded by how many
// teams found it (five shades, each with a text colour that keeps WCAG AA contrast), then the
// numbers nobody found with the solver's example.
import type { Lang } from "../../../src/errors.ts";
import type { Find, YearConfig } from "../../../src/rounds/year-game/domain.ts";
import { Unfound } from "./results.tsx";
import { yt } from "./text.ts";

export type CoverageProps = { config: YearConfig; finds: Find[]; counts: Map<number, number>; teamCount: number; solutions: Map<number, string>; lang: Lang };

/** 0 (nobody) … 4 (every team, or nearly): the shade class of a cell. */
function shade(count: number, teams: number): number {
  if (count <= 0 || teams <= 0) return 0;
  return Math.max(1, Math.min(4, Math.ceil((count / teams) * 4)));
}

export function Coverage(p: CoverageProps): JSX.Element {
  const { min, max } = { min: p.config.rules.targetMin, max: p.config.rules.targetMax };
  const cells: JSX.Element[] = [];
  for (let n = min; n <= max; n++) {
    const c = p.counts.get(n) ?? 0;
    cells.push(
      <li class={`heat-${shade(c, p.teamCount)}`} title={`${n}: ${c} / ${p.teamCount}`}>
        <b>{n}</b>
        <small>{c}</small>
      </li>,
    );
  }
  return (
    <div class="yg-coverage">
      <h4>{yt(p.lang, "coverage")}</h4>
      <p class="muted">{yt(p.lang, "coverage_help")}</p>
      <ol class="yg-heat" aria-label={`${yt(p.lang, "coverage")} ${min}–${max}`}>{cells}</ol>
      <p class="heat-legend" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((s) => <span class={`heat-${s}`} safe>{s === 0 ? "0" : `≤ ${Math.ceil((s / 4) * p.teamCount)}`}</span>)}
      </p>
      <Unfound config={p.config} teams={[]} finds={p.finds} solutions={p.solutions} lang={p.lang} />
    </div>
  );
}
