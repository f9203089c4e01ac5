// The parts of an existing question's page below the editor: its image, "try an answer",
// duplicate and delete, and the warnings of its relay set's chain.
import type { Lang } from "../../src/errors.ts";
import type { Question } from "../../src/questions/question.ts";
import type { SetChain } from "../../src/questions/sets.ts";
import { imageUrl } from "../../src/questions/images.ts";
import { reasonMessage } from "../../src/questions/reasons.ts";
import { fl, qt } from "./text.ts";

export function QuestionImage({ lang, question }: { lang: Lang; question: Question }): JSX.Element {
  const base = `/teacher/questions/${question.id}/image`;
  return (
    <section class="card" id="image">
      <h2>{qt(lang, "image")}</h2>
      {question.image ? (
        <div class="image-row">
          <img class="thumb" src={imageUrl(question.image)} alt={qt(lang, "figure_alt")} />
          <form method="post" action={`${base}/remove`} class="inline">
            <button type="submit" class="danger">{qt(lang, "remove_image")}</button>
          </form>
        </div>
      ) : (
        <p class="muted">{qt(lang, "no_image")}</p>
      )}
      <form method="post" action={base} enctype="multipart/form-data" class="inline wrap">
        <label>
          {qt(lang, "choose_image")}
          <input type="file" name="file" accept="image/png,image/jpeg,image/webp,image/gif" required />
        </label>
        <button type="submit">{qt(lang, "upload_image")}</button>
      </form>
      <p class="muted small">{qt(lang, "image_secret")}</p>
    </section>
  );
}

export function TryAnswer({ lang, question }: { lang: Lang; question: Question }): JSX.Element {
  const url = `/teacher/questions/${question.id}/check`;
  return (
    <section class="card">
      <h2>{qt(lang, "try_answer")}</h2>
      <p class="muted small">{qt(lang, "try_hint")}</p>
      <form method="post" action={url} hx-post={url} hx-target="#check-result" class="grid-form">
        <label>
          {qt(lang, "answer_to_try")}
          <input name="answer" required maxlength="200" autocomplete="off" />
        </label>
        {question.usesPrevious ? (
          <label>
            {qt(lang, "previous_given")}
            <input name="previousAnswer" maxlength="200" autocomplete="off" />
          </label>
        ) : (
          ""
        )}
        <button type="submit">{qt(lang, "check")}</button>
      </form>
      <div id="check-result" aria-live="polite"></div>
    </section>
  );
}

export function QuestionActions({ lang, question }: { lang: Lang; question: Question }): JSX.Element {
  const base = `/teacher/questions/${question.id}`;
  return (
    <section class="card actions-row">
      <form method="post" action={`${base}/duplicate`} class="inline">
        <button type="submit">{qt(lang, "duplicate")}</button>
      </form>
      {/* A confirmation that needs no script: the real button is inside the opened details. */}
      <details class="confirm">
        <summary>{qt(lang, "delete")}</summary>
        <p>{qt(lang, "delete_confirm")}</p>
        <form method="post" action={`${base}/delete`} class="inline">
          <button type="submit" class="danger">{qt(lang, "delete_yes")}</button>
        </form>
      </details>
    </section>
  );
}

/** The chain's problems for this set, e.g. "order 3: the formula divides by zero for this input". */
export function ChainProblemsList({ lang, chain }: { lang: Lang; chain: SetChain }): JSX.Element {
  const steps = chain.chain.steps.filter((s) => s.problem);
  if (!steps.length) return "";
  return (
    <div class="notice notice-info" role="status">
      <span safe>{`${qt(lang, "warnings")} (${chain.set})`}</span>
      <ul>
        {steps.map((s) => (
          <li safe>{`${fl(lang, "order")} ${s.order}: ${reasonMessage(s.problem!, lang)}`}</li>
        ))}
      </ul>
    </div>
  );
}
