// The teacher's Year Game panels: the start form, the running round, the summary after it.
import type { Lang } from "../../../src/errors.ts";
import type { Game, Round, Team } from "../../../src/db/schema.ts";
import type { Find, YearConfig } from "../../../src/rounds/year-game/domain.ts";
import { Countdown, Ranking, type RankRow } from "./parts.tsx";
import { yt } from "./text.ts";

export function StartForm({ game, lang, digits }: { game: Game; lang: Lang; digits: number[] }): JSX.Element {
  const action = `/teacher/games/${game.id}/rounds`;
  const again = `/teacher/games/${game.id}/rounds/new?type=year_game`;
  const ops: [string, "op_power" | "op_factorial" | "op_perm" | "op_comb" | "op_sqrt" | "op_concat", boolean][] = [
    ["power", "op_power", true], ["factorial", "op_factorial", true], ["perm", "op_perm", true], ["comb", "op_comb", true], ["sqrt", "op_sqrt", false], ["concat", "op_concat", false],
  ];
  return (
    <form class="grid-form yg-start" method="post" action={action} hx-post={action} hx-target="#flash" hx-swap="innerHTML" id="yg-start-form">
      <input type="hidden" name="type" value="year_game" />
      <fieldset class="wide yg-digit-inputs">
        <legend>{yt(lang, "digits")}</legend>
        {digits.map((d, i) => (
          <input name="digits" type="number" min="0" max="9" value={String(d)} required aria-label={`${yt(lang, "digits")} ${i + 1}`} class="digit-input" />
        ))}
        <button type="button" hx-get={again} hx-target="#yg-start-form" hx-swap="outerHTML">{yt(lang, "reroll")}</button>
        <span class="inline">
          <input name="year" type="number" min="1000" max="9999" placeholder={String(new Date().getFullYear())} aria-label={yt(lang, "year")} class="year-input" />
          <button type="button" hx-get={`/teacher/games/${game.id}/rounds/new`} hx-include="closest form" hx-target="#yg-start-form" hx-swap="outerHTML">{yt(lang, "year_digits")}</button>
        </span>
      </fieldset>
      <label>
        {yt(lang, "range")}
        <span class="inline">
          <input name="targetMin" type="number" min="0" max="1000" value="1" required class="num-input" /> –
          <input name="targetMax" type="number" min="0" max="1000" value="100" required class="num-input" />
        </span>
      </label>
      <label>
        {yt(lang, "minutes")}
        <input name="minutes" type="number" min="0.5" max="240" step="0.5" value="20" required />
      </label>
      <label>
        {yt(lang, "scoring")}
        <select name="scoring">
          <option value="value">{yt(lang, "scoring_value")}</option>
          <option value="range">{yt(lang, "scoring_range")}</option>
          <option value="flat">{yt(lang, "scoring_flat")}</option>
        </select>
      </label>
      <label>
        {yt(lang, "flat_points")}
        <input name="flatPoints" type="number" min="1" max="1000" value="10" />
      </label>
      <fieldset class="wide ops-choice">
        <legend>{yt(lang, "operators")} (+ − × ÷ ( ) ✓)</legend>
        {ops.map(([name, key, on]) => (
          <label class="choice">
            <input type="checkbox" name={`op_${name}`} value="on" checked={on} /> {yt(lang, key)}
          </label>
        ))}
      </fieldset>
      <button type="submit" class="primary">{yt(lang, "start")}</button>
    </form>
  );
}

export type TeacherRoundProps = {
  game: Game; round: Round; config: YearConfig; rows: RankRow[]; brackets: string[]; findsByTeam: Map<number, Find[]>; teams: Team[];
  perMinute: number; recent: { expression: string; result: string; reason: string | null; nickname: string | null; teamName: string }[]; now: number; lang: Lang;
  /** Already rendered small grids by team (each team's grid is rendered once per change of its finds). */
  safeGrids: Map<number, string>;
};

function RoundControl({ game, round, action, label, confirm, extra }: { game: Game; round: Round; action: string; label: string; confirm?: string; extra?: string }): JSX.Element {
  const url = `/teacher/games/${game.id}/rounds/${round.id}/${action}${extra ?? ""}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="#flash" hx-confirm={confirm} class="inline">
      <button type="submit" safe>{label}</button>
    </form>
  );
}

export function TeacherStatus(p: TeacherRoundProps): JSX.Element {
  const { round, lang, game } = p;
  return (
    <div class="status-row">
      <Countdown round={round} now={p.now} lang={lang} />
      <span class="pill">
        {yt(lang, "digits")} <b safe>{p.config.rules.digits.join(" ")}</b>
      </span>
      <span class="pill">
        {yt(lang, "attempts_per_minute")} <b>{p.perMinute}</b>
      </span>
      <span class="controls">
        {round.status === "running" ? <RoundControl game={game} round={round} action="pause" label={yt(lang, "pause")} /> : ""}
        {round.status === "paused" ? <RoundControl game={game} round={round} action="resume" label={yt(lang, "resume")} /> : ""}
        <RoundControl game={game} round={round} action="extend" extra="?seconds=60" label={yt(lang, "extend1")} />
        <RoundControl game={game} round={round} action="extend" extra="?seconds=300" label={yt(lang, "extend5")} />
        <RoundControl game={game} round={round} action="end" label={yt(lang, "end")} confirm={yt(lang, "confirm_end")} />
      </span>
    </div>
  );
}

export function TeacherBoards(p: TeacherRoundProps): JSX.Element {
  const { lang } = p;
  return (
    <div class="yg-teacher-grids">
      {p.teams.map((team) => {
        const finds = p.findsByTeam.get(team.id) ?? [];
        const safeGrid = p.safeGrids.get(team.id) ?? "";
        return (
          <article class="team-card" data-team-id={String(team.id)}>
            <header>
              <b safe>{team.name}</b> <small class="muted">{finds.length} · {yt(lang, "points")} {finds.reduce((n, f) => n + f.points, 0)}</small>
            </header>
            {safeGrid}
          </article>
        );
      })}
    </div>
  );
}

export function RecentAttempts({ recent, lang }: TeacherRoundProps): JSX.Element {
  return (
    <ul class="recent">
      {recent.map((a) => (
        <li class={`attempt-${a.result}`}>
          <span safe>{a.nickname ?? "?"}</span> <small class="muted" safe>({a.teamName})</small> <code safe>{a.expression}</code>{" "}
          <span class="pill">{a.result === "correct" ? yt(lang, "result_correct") : a.result === "duplicate" ? yt(lang, "result_duplicate") : yt(lang, "result_invalid")}</span>
        </li>
      ))}
    </ul>
  );
}

export function TeacherRunning(p: TeacherRoundProps): JSX.Element {
  return (
    <section class="card yg-teacher">
      <h2>{yt(p.lang, "name")}</h2>
      <div id="yg-t-status">
        <TeacherStatus {...p} />
      </div>
      <div class="yg-columns">
        <div id="yg-t-ranking">
          <Ranking rows={p.rows} brackets={p.brackets} lang={p.lang} />
        </div>
        <div>
          <h3>{yt(p.lang, "recent")}</h3>
          <div id="yg-t-recent">
            <RecentAttempts {...p} />
          </div>
        </div>
      </div>
      <div id="yg-t-grids">
        <TeacherBoards {...p} />
      </div>
    </section>
  );
}
