// Score over time, one line per team, drawn on the server as SVG: scales from d3-scale, paths
// from d3-shape (a step line: a score holds until the next change). Round boundaries are marked
// as bands. Colours differ and so do dash patterns, so the lines stay apart on a grey printout.
import { scaleLinear } from "d3-scale";
import { curveStepAfter, line } from "d3-shape";
import type { Lang } from "../../src/errors.ts";
import type { Boundary, Series, SeriesPoint } from "../../src/event/analytics.ts";
import { et, typeName } from "./text.ts";

const W = 860;
const H = 340;
const M = { top: 28, right: 20, bottom: 42, left: 56 };
/** Okabe–Ito and Tol's colour-blind-safe colours, dark enough for thin lines on white. */
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#6a3d9a", "#996600", "#1b7837", "#b2182b", "#2166ac", "#333333"];
const DASHES = ["", "7 4", "2 3", "10 3 2 3"];

export function lineStyle(i: number): { color: string; dash: string } {
  return { color: PALETTE[i % PALETTE.length]!, dash: DASHES[i % DASHES.length]! };
}

export type ChartProps = { lang: Lang; id: string; label: string; start: number; end: number; series: Series[]; rounds: Boundary[] };

export function ScoreChart(p: ChartProps): JSX.Element {
  const minutes = (at: number) => (at - p.start) / 60_000;
  const span = Math.max(minutes(p.end), 1 / 60);
  const x = scaleLinear().domain([0, span]).range([M.left, W - M.right]);
  const top = Math.max(1, ...p.series.flatMap((s) => s.points.map((pt) => pt.total)));
  const y = scaleLinear().domain([0, top]).nice().range([H - M.bottom, M.top]);
  const path = line<SeriesPoint>().x((pt) => x(minutes(pt.at))).y((pt) => y(pt.total)).curve(curveStepAfter);
  const fmt = (v: number) => String(Math.round(v * 10) / 10);
  return (
    <figure class="score-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${p.id}-title`}>
        <title id={`${p.id}-title`} safe>{`${et(p.lang, "chart")}${p.label ? ` · ${p.label}` : ""}`}</title>
        {p.rounds.map((r) => {
          const x0 = x(Math.max(0, minutes(r.startedAt)));
          const x1 = x(Math.min(span, minutes(r.finishedAt ?? p.end)));
          return (
            <g class="round-band">
              <rect x={fmt(x0)} y={String(M.top)} width={fmt(Math.max(1, x1 - x0))} height={String(H - M.bottom - M.top)} fill="#eef2f7" />
              <line x1={fmt(x0)} x2={fmt(x0)} y1={String(M.top - 4)} y2={String(H - M.bottom)} stroke="#5b6b80" stroke-dasharray="3 3" />
              <text x={fmt(x0 + 4)} y={String(M.top - 8)} font-size="12" fill="#33404f" safe>{`${r.number}. ${typeName(p.lang, r.type)}`}</text>
            </g>
          );
        })}
        <g class="axis y-axis">
          {y.ticks(5).map((v) => (
            <g>
              <line x1={String(M.left)} x2={String(W - M.right)} y1={fmt(y(v))} y2={fmt(y(v))} stroke="#d5dbe3" />
              <text x={String(M.left - 8)} y={fmt(y(v) + 4)} text-anchor="end" font-size="12" fill="#33404f">{v}</text>
            </g>
          ))}
        </g>
        <g class="axis x-axis">
          <line x1={String(M.left)} x2={String(W - M.right)} y1={String(H - M.bottom)} y2={String(H - M.bottom)} stroke="#33404f" />
          {x.ticks(8).map((v) => (
            <text x={fmt(x(v))} y={String(H - M.bottom + 18)} text-anchor="middle" font-size="12" fill="#33404f" safe>{fmt(v)}</text>
          ))}
          <text x={String((M.left + W - M.right) / 2)} y={String(H - 6)} text-anchor="middle" font-size="12" fill="#33404f">{et(p.lang, "minutes")}</text>
        </g>
        {p.series.map((s, i) => {
          const st = lineStyle(i);
          return (
            <path d={path(s.points) ?? ""} fill="none" stroke={st.color} stroke-width="2.5" stroke-dasharray={st.dash || undefined} data-team-id={String(s.teamId)}>
              <title safe>{s.name}</title>
            </path>
          );
        })}
      </svg>
      <figcaption>
        <ul class="chart-legend">
          {p.series.map((s, i) => {
            const st = lineStyle(i);
            return (
              <li>
                <svg width="34" height="10" aria-hidden="true"><line x1="1" x2="33" y1="5" y2="5" stroke={st.color} stroke-width="3" stroke-dasharray={st.dash || undefined} /></svg>
                <span safe>{s.name}</span> <b>{s.points[s.points.length - 1]?.total ?? 0}</b>
              </li>
            );
          })}
        </ul>
      </figcaption>
    </figure>
  );
}

/** The placeholder when nothing has scored yet: not an error, not an empty chart. */
export function ChartPlaceholder({ lang }: { lang: Lang }): JSX.Element {
  return <p class="chart-empty muted" role="note">{et(lang, "chart_empty")}</p>;
}
