// The answer box of a question round (Score Steal, Relay Quiz). For a number, on-screen keys for
// digits, −, /, . and ⌫ — a phone's numeric keyboard lacks − and / — and the phone's own keyboard
// stays down unless asked for; for text, the phone's keyboard. public/app.js types the keys.
import type { Lang } from "../../src/errors.ts";
import { texts } from "../i18n.ts";

const padText = texts({
  answer: { ko: "답", en: "Answer" },
  send: { ko: "답 보내기", en: "Send answer" },
  backspace: { ko: "한 글자 지우기", en: "Backspace" },
  keyboard: { ko: "키보드", en: "Keyboard" },
  minus: { ko: "빼기(음수)", en: "minus" },
  slash: { ko: "분수 막대", en: "fraction bar" },
  point: { ko: "소수점", en: "decimal point" },
});

export type AnswerPadProps = {
  lang: Lang;
  /** Where the answer is posted (htmx swaps the reply into `target`). */
  action: string;
  target: string;
  numeric: boolean;
  /** Extra fields the form sends (e.g. which question a relay answer is for). */
  hidden?: Record<string, string>;
  /** A unit shown after the box (e.g. "cm"). */
  unit?: string | null;
  disabled?: boolean;
};

const KEYS: { key: string; label: string; aria?: "minus" | "slash" | "point" }[] = [
  { key: "7", label: "7" }, { key: "8", label: "8" }, { key: "9", label: "9" },
  { key: "4", label: "4" }, { key: "5", label: "5" }, { key: "6", label: "6" },
  { key: "1", label: "1" }, { key: "2", label: "2" }, { key: "3", label: "3" },
  { key: "-", label: "−", aria: "minus" }, { key: "0", label: "0" }, { key: ".", label: ".", aria: "point" },
  { key: "/", label: "/", aria: "slash" },
];

export function AnswerPad(p: AnswerPadProps): JSX.Element {
  return (
    <form class="answer-pad" method="post" action={p.action} hx-post={p.action} hx-target={p.target} hx-swap="innerHTML" autocomplete="off">
      {Object.entries(p.hidden ?? {}).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <label class="answer-box">
        <span class="sr-only">{padText(p.lang, "answer")}</span>
        <input name="answer" class="answer-input" maxlength="100" required spellcheck="false" autocapitalize="off" inputmode={p.numeric ? "none" : "text"} enterkeyhint="send" disabled={p.disabled} placeholder={padText(p.lang, "answer")} />
        {p.unit ? <span class="unit" safe>{p.unit}</span> : ""}
      </label>
      {p.numeric ? numberKeys(p.lang, !!p.disabled) : ""}
      <button type="submit" class="primary big" disabled={p.disabled}>{padText(p.lang, "send")}</button>
    </form>
  );
}

/** The on-screen keys, the same for every question of a language: drawn once (a relay phone's every new question drew them). */
const keysDrawn = new Map<string, JSX.Element>();
function numberKeys(lang: Lang, disabled: boolean): JSX.Element {
  const key = `${lang}:${disabled}`;
  let html = keysDrawn.get(key);
  if (html === undefined) {
    keysDrawn.set(key, (html = (
      <div class="keys number-keys">
        {KEYS.map((k) => (
          <button type="button" class="key" data-key={k.key} aria-label={k.aria ? padText(lang, k.aria) : undefined} disabled={disabled} safe>{k.label}</button>
        ))}
        <button type="button" class="key" data-action="backspace" aria-label={padText(lang, "backspace")} disabled={disabled}>⌫</button>
        <button type="button" class="key small" data-action="keyboard" disabled={disabled}>{padText(lang, "keyboard")}</button>
      </div>
    )));
  }
  return html;
}
