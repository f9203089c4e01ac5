// A relay question as a student sees it: its text (math rendered by KaTeX on the server), its
// picture and its unit. Small on purpose: the question bank's own QuestionBody will replace it.
// The image is part of the question's secret: render this only for the member whose question it
// is (or after it is answered), so no other phone ever receives its URL.
import type { Lang } from "../../../src/errors.ts";
import type { QuestionSnapshot } from "../../../src/questions/snapshot.ts";
import { renderQuestionText } from "../../../src/questions/math.ts";
import { imageUrl } from "../../../src/questions/images.ts";

export function QuestionBody({ q, big }: { q: QuestionSnapshot; lang: Lang; big?: boolean }): JSX.Element {
  const safeText = renderQuestionText(q.text).html;
  return (
    <div class={`rq-question${big ? " big" : ""}`}>
      <p class="rq-question-text">{safeText}</p>
      {q.image ? <img class="rq-question-image" src={imageUrl(q.image)} alt="" loading="eager" /> : ""}
      {q.unit ? <p class="rq-unit muted" safe>{`(${q.unit})`}</p> : ""}
    </div>
  );
}
