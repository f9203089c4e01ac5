// A relay question as a student sees it: the bank's QuestionBody (text with math, picture, unit).
// The image is part of the question's secret: render this only for the member whose question it
// is (or after it is answered), so no other phone ever receives its URL.
import type { Lang } from "../../../src/errors.ts";
import type { QuestionSnapshot } from "../../../src/questions/snapshot.ts";
import { imageUrl } from "../../../src/questions/images.ts";
import { QuestionBody as BankQuestionBody } from "../../questions/question.tsx";

export function QuestionBody({ q, lang, big }: { q: QuestionSnapshot; lang: Lang; big?: boolean }): JSX.Element {
  return (
    <div class={`rq-question${big ? " big" : ""}`}>
      {BankQuestionBody({ text: q.text, imageUrl: q.image ? imageUrl(q.image) : null, unit: q.unit, lang, size: big ? "projector" : "phone" }) as "safe"}
    </div>
  );
}
