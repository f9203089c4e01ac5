// The editor's live preview: the question in a phone-sized and a projector-sized frame, the
// math problems under the text field, and the "try an answer" verdict.
import type { Lang } from "../../src/errors.ts";
import type { MathProblem, RenderedText } from "../../src/questions/math.ts";
import { reasonMessage } from "../../src/questions/reasons.ts";
import type { QuestionCheck } from "../../src/questions/check.ts";
import { QuestionBody } from "./question.tsx";
import { qt } from "./text.ts";

export type PreviewProps = { lang: Lang; text: string; unit: string | null; imageUrl: string | null; rendered: RenderedText };

export function PreviewFrames({ lang, text, unit, imageUrl, rendered }: PreviewProps): JSX.Element {
  return (
    <div class="frames">
      <figure class="frame frame-phone">
        <figcaption>{qt(lang, "phone")}</figcaption>
        <div class="frame-screen">
          <QuestionBody text={text} rendered={rendered} imageUrl={imageUrl} unit={unit} lang={lang} size="phone" />
        </div>
      </figure>
      <figure class="frame frame-projector">
        <figcaption>{qt(lang, "projector")}</figcaption>
        <div class="frame-screen">
          <QuestionBody text={text} rendered={rendered} imageUrl={imageUrl} unit={unit} lang={lang} size="projector" />
        </div>
      </figure>
    </div>
  );
}

/** Formulas KaTeX could not render (they show as plain text) or refused (links, HTML). */
export function MathProblems({ lang, problems }: { lang: Lang; problems: MathProblem[] }): JSX.Element {
  if (problems.length === 0) return "";
  return (
    <div class="notice notice-error math-problems" role="alert">
      {qt(lang, "math_problems")}
      <ul>
        {problems.map((p) => (
          <li>
            <code safe>{p.tex}</code> <span safe>{`(${qt(lang, "at_char")} ${p.at}) ${reasonMessage(p.code, lang)}`}</span>{" "}
            <span class="muted" safe>{p.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CheckResult({ lang, check }: { lang: Lang; check: QuestionCheck }): JSX.Element {
  const expected = check.expected === null ? "" : `${qt(lang, "expected")}: ${check.expected}`;
  const credit = check.credit === "follow_through" ? ` (${qt(lang, "follow_through")})` : "";
  return check.correct ? (
    <p class="notice notice-ok" role="status" safe>{`✓ ${qt(lang, "accepted")}${credit} ${expected}`}</p>
  ) : (
    <p class="notice notice-info" role="status" safe>{`✗ ${qt(lang, "not_accepted")} ${expected}`}</p>
  );
}
