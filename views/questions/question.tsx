// A question as students see it — its text with math, its image, its unit — the same on a
// phone, on the projector and in the editor's preview. Rounds that ask bank questions (Score
// Steal, Relay Quiz) render questions with QuestionBody so every screen shows them alike.
//
// Secrecy is the caller's job: pass `imageUrl` only once the question is open to the viewer
// (a page, stream or API answer must not name a question's image before that).
// Pages that show a QuestionBody load KaTeX's stylesheet: Layout({ styles: mathStyles() }).
import type { Lang } from "../../src/errors.ts";
import { asset } from "../../src/assets.ts";
import { renderQuestionText, type RenderedText } from "../../src/questions/math.ts";
import { qt } from "./text.ts";

/** Stylesheets a page showing questions needs (KaTeX's CSS; its fonts come from the binary too). */
export function mathStyles(): string[] {
  return [asset("vendor/katex/katex.min.css")];
}

export type QuestionBodyProps = {
  text: string;
  /** The image's URL (/img/<sha256>), or absent: no image, or not yet open to this viewer. */
  imageUrl?: string | null;
  unit?: string | null;
  lang: Lang;
  /** "phone" (one column, fits 320 px) or "projector" (large type on a dark screen). */
  size?: "phone" | "projector";
  /** Already rendered text (the editor's preview renders uncached, once for both frames). */
  rendered?: RenderedText;
};

export function QuestionBody({ text, imageUrl, unit, lang, size = "phone", rendered }: QuestionBodyProps): JSX.Element {
  // Escaped text and KaTeX output with trust off (src/questions/math.ts): safe to insert.
  const safeText = (rendered ?? renderQuestionText(text)).html;
  return (
    <div class={`q-body q-${size}`}>
      <div class="q-text">{safeText}</div>
      {imageUrl ? <img class="q-image" src={imageUrl} alt={qt(lang, "figure_alt")} decoding="async" /> : ""}
      {unit ? (
        <p class="q-unit">
          {qt(lang, "unit")}: <span safe>{unit}</span>
        </p>
      ) : (
        ""
      )}
    </div>
  );
}
