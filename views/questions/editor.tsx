// Writing and editing a question: one form for every field, with the live preview beside it
// (below it on a phone). An existing question also gets its image, "try an answer", duplicate
// and delete. Relay fields show only for a relay question (CSS :has, so no script is needed).
import type { Lang } from "../../src/errors.ts";
import type { Question } from "../../src/questions/question.ts";
import type { SetChain } from "../../src/questions/sets.ts";
import type { FieldError } from "../../src/questions/validate.ts";
import { renderMathText } from "../../src/questions/math.ts";
import { imageUrl } from "../../src/questions/images.ts";
import { Notice } from "../layout.tsx";
import { MathProblems, PreviewFrames } from "./preview.tsx";
import { setHref } from "./list.tsx";
import { ChainProblemsList, QuestionActions, QuestionImage, TryAnswer } from "./editor-parts.tsx";
import { BankLayout } from "./page.tsx";
import { attrText, fieldErrorText, fl, qt, reasonText, type FieldName } from "./text.ts";

export type EditorValues = Record<string, string>;

export type EditorProps = {
  lang: Lang;
  /** The stored question being edited; null when writing a new one. */
  question: Question | null;
  values: EditorValues;
  /** Why the last save was refused (each shown beside its field, and all at the top). */
  errors?: FieldError[];
  /** A message at the top: "Saved.", or why an image upload was refused. */
  notice?: { kind: "ok" | "error"; message: string };
  /** The chain of the question's relay set, for its warnings. */
  chain?: SetChain | null;
};

type FieldCtx = { lang: Lang; values: EditorValues; errors: Map<string, string[]> };

function describedBy(name: string, hint: boolean, ctx: FieldCtx): string | undefined {
  const ids = [hint ? `h-${name}` : "", ctx.errors.has(name) ? `e-${name}` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function FieldNote({ name, hint, ctx }: { name: string; hint?: string; ctx: FieldCtx }): JSX.Element {
  const errors = ctx.errors.get(name);
  return (
    <>
      {hint ? <small class="muted" id={`h-${name}`} safe>{hint}</small> : ""}
      {errors ? <small class="field-error" id={`e-${name}`} safe>{errors.join(" ")}</small> : ""}
    </>
  );
}

function Input({ name, ctx, type = "text", hint, attrs = {} }: { name: FieldName; ctx: FieldCtx; type?: string; hint?: string; attrs?: Record<string, string> }): JSX.Element {
  return (
    <label>
      {fl(ctx.lang, name)}
      <input id={`f-${name}`} name={name} type={type} value={attrText(ctx.values[name])} aria-invalid={ctx.errors.has(name) ? "true" : undefined} aria-describedby={describedBy(name, !!hint, ctx)} {...attrs} />
      <FieldNote name={name} hint={hint} ctx={ctx} />
    </label>
  );
}

function Area({ name, ctx, rows = 3, hint, attrs = {} }: { name: FieldName; ctx: FieldCtx; rows?: number; hint?: string; attrs?: Record<string, string> }): JSX.Element {
  return (
    <label class="wide">
      {fl(ctx.lang, name)}
      <textarea id={`f-${name}`} name={name} rows={String(rows)} aria-invalid={ctx.errors.has(name) ? "true" : undefined} aria-describedby={describedBy(name, !!hint, ctx)} {...attrs} safe>
        {ctx.values[name] ?? ""}
      </textarea>
      <FieldNote name={name} hint={hint} ctx={ctx} />
    </label>
  );
}

function CategoryChoice({ ctx }: { ctx: FieldCtx }): JSX.Element {
  const chosen = ctx.values.category === "relay" ? "relay" : "score_steal";
  return (
    <fieldset class="wide choices-inline">
      <legend>{fl(ctx.lang, "category")}</legend>
      {(["score_steal", "relay"] as const).map((c) => (
        <label class="choice">
          <input type="radio" name="category" value={c} checked={chosen === c} /> {qt(ctx.lang, c)}
        </label>
      ))}
      <FieldNote name="category" ctx={ctx} />
    </fieldset>
  );
}

function QuestionForm({ question, ctx }: { question: Question | null; ctx: FieldCtx }): JSX.Element {
  const { lang } = ctx;
  const action = question ? `/teacher/questions/${question.id}` : "/teacher/questions";
  return (
    <form id="qform" method="post" action={action} class="grid-form editor-form">
      <CategoryChoice ctx={ctx} />
      <Area name="text" ctx={ctx} rows={5} hint="$\frac{3}{4}$, $\sqrt{2}$, $x^2$" attrs={{ required: "", maxlength: "2000" }} />
      <div id="math-problems" class="wide">{MathProblems({ lang, problems: renderMathText(ctx.values.text ?? "").problems })}</div>
      <Input name="answer" ctx={ctx} attrs={{ maxlength: "100" }} />
      <Input name="unit" ctx={ctx} attrs={{ maxlength: "20" }} />
      <Area name="alternatives" ctx={ctx} rows={2} hint={qt(lang, "lines_hint")} />
      <Input name="points" ctx={ctx} type="number" attrs={{ min: "1", max: "10000", placeholder: "100" }} />
      <Input name="timeLimitSeconds" ctx={ctx} type="number" attrs={{ min: "5", max: "3600" }} />
      <fieldset class="wide relay-only grid-form">
        <legend>{qt(lang, "relay_fields")}</legend>
        <Input name="set" ctx={ctx} attrs={{ maxlength: "20", placeholder: "P1" }} />
        <Input name="order" ctx={ctx} type="number" attrs={{ min: "1", max: "50" }} />
        <label class="choice wide">
          <input type="checkbox" name="usesPrevious" value="on" checked={ctx.values.usesPrevious === "on"} /> {fl(lang, "usesPrevious")}
        </label>
        <FieldNote name="usesPrevious" ctx={ctx} />
        <Input name="answerFormula" ctx={ctx} hint={qt(lang, "formula_hint")} attrs={{ maxlength: "100" }} />
        <Area name="answerTable" ctx={ctx} rows={3} hint={qt(lang, "table_hint")} />
      </fieldset>
      <Area name="explanation" ctx={ctx} rows={2} attrs={{ maxlength: "2000" }} />
      <Input name="tags" ctx={ctx} hint={qt(lang, "tags_hint")} />
      <Input name="externalId" ctx={ctx} attrs={{ maxlength: "100" }} />
      <input type="hidden" name="image" value={question?.image ?? ""} />
      <div class="wide">
        <button type="submit" class="primary">{qt(lang, "save")}</button>
      </div>
    </form>
  );
}

export function EditorPage(p: EditorProps): JSX.Element {
  const { lang, question, values } = p;
  const errors = p.errors ?? [];
  const ctx: FieldCtx = { lang, values, errors: new Map() };
  for (const e of errors) ctx.errors.set(e.field, [...(ctx.errors.get(e.field) ?? []), reasonText(e, lang)]);
  const title = question ? `${qt(lang, "edit_question")} #${question.id}` : qt(lang, "new_question");
  const text = values.text ?? "";
  const image = question?.image ? imageUrl(question.image) : null;
  return BankLayout({
    lang,
    title,
    children: (
      <>
        <p>
          <a href="/teacher/questions">← {qt(lang, "back_to_bank")}</a>
          {question?.set ? <> · <a href={setHref(question.set)} safe>{`${qt(lang, "set_view")}: ${question.set}`}</a></> : ""}
        </p>
        <section class="card">
          <h1 safe>{title}</h1>
          {p.notice ? Notice(p.notice) : ""}
          {errors.length ? (
            <div class="notice notice-error" role="alert">
              <ul>{errors.map((e) => <li safe>{fieldErrorText(e, lang)}</li>)}</ul>
            </div>
          ) : (
            ""
          )}
          {p.chain ? <ChainProblemsList lang={lang} chain={p.chain} /> : ""}
          <div class="editor">
            <QuestionForm question={question} ctx={ctx} />
            <aside class="preview-pane" aria-labelledby="preview-h">
              <h2 id="preview-h">{qt(lang, "preview")}</h2>
              <p class="muted small">{qt(lang, "preview_hint")}</p>
              <div id="q-preview" hx-post="/teacher/questions/preview" hx-trigger="input delay:300ms from:#qform, change from:#qform" hx-include="#qform" hx-sync="this:queue last">
                <PreviewFrames lang={lang} text={text} unit={values.unit || null} imageUrl={image} rendered={renderMathText(text)} />
              </div>
            </aside>
          </div>
        </section>
        {question ? (
          <>
            <QuestionImage lang={lang} question={question} />
            <TryAnswer lang={lang} question={question} />
            <QuestionActions lang={lang} question={question} />
          </>
        ) : (
          ""
        )}
      </>
    ),
  });
}
