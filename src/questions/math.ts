// Question text with math, rendered on the server: LaTeX between $…$ or \(…\) (inline) and
// $$…$$ or \[…\] (display) goes through KaTeX; everything else is escaped text. `\$` is a
// literal dollar sign; an opening delimiter without its closing one stays plain text.
//
// Safety: the text is written by a teacher or imported from a file someone shared, so it is
// treated as hostile. Outside math everything is escaped (raw <img onerror> shows as text).
// Inside math KaTeX runs with trust refused (\href, \url, \includegraphics, \htmlClass… make
// no link and no markup): such a command is reported as `untrusted_command` and the whole
// formula degrades to its escaped source, like invalid LaTeX (`latex_error`). The editor lists
// `problems`; a page never breaks. maxExpand and maxSize bound macro loops and huge boxes.
//
// Output: an HTML fragment (KaTeX's HTML + MathML for screen readers). Line breaks stay "\n":
// show it in an element with `white-space: pre-line`. KaTeX's CSS: asset("vendor/katex/katex.min.css").
// With @kitajs/html, bind it to a name starting with `safe` (const safeText = …html) — xss-scan
// accepts that, and it IS safe: every byte came from escapeHtml or KaTeX with trust off.
import { escapeHtml } from "@kitajs/html";
import { BoundedCache } from "../cache/bounded.ts";
import katex from "katex";

export type MathProblem = {
  code: "latex_error" | "untrusted_command";
  /** The formula as written, and its 1-based position in the text. */
  tex: string;
  at: number;
  /** KaTeX's own diagnostic (English), or the refused command such as "\\href". */
  detail: string;
};
export type RenderedText = { html: string; problems: MathProblem[] };

type Segment = { kind: "text"; text: string } | { kind: "math"; tex: string; display: boolean; source: string; at: number };

const OPENERS: { open: string; close: string; display: boolean }[] = [
  { open: "$$", close: "$$", display: true },
  { open: "\\[", close: "\\]", display: true },
  { open: "\\(", close: "\\)", display: false },
  { open: "$", close: "$", display: false },
];

/** Finds `close` from `from`, skipping backslash-escaped characters (\$ inside math is a dollar). */
function findClose(text: string, close: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(close, i)) return i;
    if (text[i] === "\\" && close.length === 1) i++;
  }
  return -1;
}

export function splitMath(text: string): Segment[] {
  const out: Segment[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("\\$", i)) { plain += "$"; i += 2; continue; }
    const opener = OPENERS.find((o) => text.startsWith(o.open, i));
    const end = opener ? findClose(text, opener.close, i + opener.open.length) : -1;
    if (!opener || end < 0 || end === i + opener.open.length) {
      plain += text[i]!;
      i++;
      continue;
    }
    if (plain) out.push({ kind: "text", text: plain });
    plain = "";
    const source = text.slice(i, end + opener.close.length);
    out.push({ kind: "math", tex: text.slice(i + opener.open.length, end), display: opener.display, source, at: i + 1 });
    i = end + opener.close.length;
  }
  if (plain) out.push({ kind: "text", text: plain });
  return out;
}

function renderFormula(seg: Extract<Segment, { kind: "math" }>, problems: MathProblem[]): string {
  const refused: string[] = [];
  try {
    const html = katex.renderToString(seg.tex, {
      displayMode: seg.display,
      output: "htmlAndMathml",
      throwOnError: true,
      // A function rather than false, so the editor can be told which command was refused.
      trust: (ctx) => { refused.push(ctx.command); return false; },
      strict: "ignore",
      maxExpand: 500,
      maxSize: 20,
    });
    if (refused.length === 0) return html;
    problems.push({ code: "untrusted_command", tex: seg.tex, at: seg.at, detail: refused.join(" ") });
  } catch (e) {
    if (!(e instanceof katex.ParseError)) throw e;
    problems.push({ code: "latex_error", tex: seg.tex, at: seg.at, detail: (e as { rawMessage?: string }).rawMessage ?? e.message });
  }
  return escapeHtml(seg.source);
}

/** Renders without the cache (the editor's live preview of text being typed). */
export function renderMathText(text: string): RenderedText {
  const problems: MathProblem[] = [];
  const html = splitMath(text).map((seg) => (seg.kind === "text" ? escapeHtml(seg.text) : renderFormula(seg, problems))).join("");
  return { html, problems };
}

/**
 * The same, remembered for the most recent CACHE_SIZE texts: a round shows one question to
 * hundreds of phones and re-renders it on every update. Least recently used is dropped first.
 */
const CACHE_SIZE = 500;
const cache = new BoundedCache<string, RenderedText>(CACHE_SIZE);

export function renderQuestionText(text: string): RenderedText {
  return cache.getOr(text, () => renderMathText(text));
}
