// The student's Year Game panel: status, keypad, feedback, the team's grid.
import { MAX_EXPRESSION_LENGTH } from "../../../src/rounds/year-game/rules.ts";
import { isOpen } from "../../../src/rounds/current.ts";
import type { Lang } from "../../../src/errors.ts";
import type { Round } from "../../../src/db/schema.ts";
import type { Find, YearConfig } from "../../../src/rounds/year-game/domain.ts";
import { Countdown, Grid } from "./parts.tsx";
import { yt } from "./text.ts";

export type TeamRoundView = { round: Round; config: YearConfig; finds: Find[]; teamScore: number; now: number; lang: Lang };

export function TeamStatus({ round, finds, teamScore, now, lang, config }: TeamRoundView): JSX.Element {
  const total = config.rules.targetMax - config.rules.targetMin + 1;
  return (
    <div class="yg-status">
      <Countdown round={round} now={now} lang={lang} />
      <span class="pill">
        {yt(lang, "found")} <b>{finds.length}</b> / {total}
      </span>
      <span class="pill">
        {yt(lang, "points")} <b class="team-score">{teamScore}</b>
      </span>
    </div>
  );
}

export function TeamGrid({ finds, config, lang }: TeamRoundView): JSX.Element {
  return <Grid min={config.rules.targetMin} max={config.rules.targetMax} finds={finds} lang={lang} />;
}

/** Operator keys; the server accepts both these symbols and their ASCII forms. */
function operatorKeys(config: YearConfig): { key: string; label: string; aria: string }[] {
  const ops = config.rules.operators;
  const keys = [
    { key: "+", label: "+", aria: "plus" },
    { key: "−", label: "−", aria: "minus" },
    { key: "×", label: "×", aria: "times" },
    { key: "÷", label: "÷", aria: "divided by" },
    { key: "(", label: "(", aria: "open parenthesis" },
    { key: ")", label: ")", aria: "close parenthesis" },
  ];
  if (ops.power) keys.push({ key: "^", label: "xʸ", aria: "power" });
  if (ops.factorial) keys.push({ key: "!", label: "n!", aria: "factorial" });
  if (ops.perm) keys.push({ key: "P", label: "nPr", aria: "permutations" });
  if (ops.comb) keys.push({ key: "C", label: "nCr", aria: "combinations" });
  if (ops.sqrt) keys.push({ key: "√", label: "√", aria: "square root" });
  return keys;
}

export function Keypad({ code, round, config, lang }: { code: string; round: Round; config: YearConfig; lang: Lang }): JSX.Element {
  const action = `/g/${code}/year/${round.id}/submit`;
  return (
    <form class="yg-keypad" method="post" action={action} hx-post={action} hx-target="#yg-feedback" hx-swap="innerHTML" data-digits={config.rules.digits.join(",")} autocomplete="off">
      <label class="yg-expr">
        <span class="sr-only">{yt(lang, "expression")}</span>
        <input
          id="yg-expression"
          name="expression"
          maxlength={String(MAX_EXPRESSION_LENGTH)}
          spellcheck="false"
          autocapitalize="off"
          inputmode="none"
          placeholder={yt(lang, "expression_hint")}
          hx-post={`/g/${code}/year/${round.id}/preview`}
          hx-trigger="input changed delay:120ms"
          hx-sync="queue last"
          hx-target="#yg-preview"
          hx-swap="innerHTML"
          aria-describedby="yg-preview"
        />
      </label>
      <div id="yg-preview" class="yg-preview" aria-live="polite"></div>
      <div class="keys digits">
        {config.rules.digits.map((d) => (
          <button type="button" class="key digit" data-key={String(d)} data-digit={String(d)}>{d}</button>
        ))}
      </div>
      <div class="keys ops">
        {operatorKeys(config).map((k) => (
          <button type="button" class="key op" data-key={k.key} aria-label={k.aria} safe>{k.label}</button>
        ))}
        <button type="button" class="key" data-action="backspace" aria-label={yt(lang, "backspace")}>⌫</button>
        <button type="button" class="key" data-action="clear">{yt(lang, "clear")}</button>
      </div>
      <button type="submit" class="primary big yg-submit">{yt(lang, "submit")}</button>
    </form>
  );
}

export function StudentPanel(v: TeamRoundView & { code: string }): JSX.Element {

  return (
    <section class="card yg-play">
      <div id="yg-status">
        <TeamStatus {...v} />
      </div>
      <p class="yg-digits">
        {yt(v.lang, "digits")}: <b safe>{v.config.rules.digits.join(" ")}</b> · {v.config.rules.targetMin}–{v.config.rules.targetMax}
      </p>
      {isOpen(v.round, v.now) ? <Keypad code={v.code} round={v.round} config={v.config} lang={v.lang} /> : ""}
      <div id="yg-feedback" aria-live="assertive"></div>
      <h2>{yt(v.lang, "team_grid")}</h2>
      <div id="yg-grid">
        <TeamGrid {...v} />
      </div>
    </section>
  );
}

/** What the student sees after sending an answer. */
export function Feedback({ kind, text }: { kind: "ok" | "dup" | "error"; text: string }): JSX.Element {
  return <p class={`notice ${kind === "ok" ? "notice-ok yg-correct" : kind === "dup" ? "notice-info" : "notice-error"}`} role="status" safe>{text}</p>;
}

export function PreviewLine({ value, error, lang }: { value: string | null; error?: string; lang: Lang }): JSX.Element {
  if (error) return <span class="preview-error" safe>{error}</span>;
  if (value === null) return <span class="muted">…</span>;
  return (
    <span>
      {yt(lang, "value")} = <b safe>{value}</b>
    </span>
  );
}
