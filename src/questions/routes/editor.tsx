// The teacher's question editor: new / create, edit / update (full pages with plain forms; a
// refused save shows the form again with each field's problem), the live preview (htmx), the
// image, duplicate, delete and "try an answer".
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { ERRORS } from "../../errors.ts";
import type { Who } from "../../auth/request.ts";
import { edges } from "../../http/edges.ts";
import { html, pageError, redirectAfterPost } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { attachImage, createQuestion, deleteQuestion, detachImage, duplicateQuestion, findQuestion, updateQuestion } from "../bank.ts";
import { checkQuestionAnswer } from "../check.ts";
import { imageUrl } from "../images.ts";
import { renderMathText } from "../math.ts";
import type { Question } from "../question.ts";
import { setChain } from "../sets.ts";
import type { Fail } from "../../errors.ts";
import { bankFailText, bankPageFail, fieldErrors } from "./fail.ts";
import { EditorForm, formValuesFrom, formValuesOf, questionInputFromForm } from "./form.ts";
import { fragmentOrPage } from "./fragment.tsx";
import { partial, str } from "../../../views/partial.ts";
import { EditorPage, type EditorProps } from "../../../views/questions/editor.tsx";
import { CheckResult, MathProblems, PreviewFrames } from "../../../views/questions/preview.tsx";
import { qt } from "../../../views/questions/text.ts";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
const NewQuery = t.Object({ category: t.Optional(t.String({ maxLength: 20 })), set: t.Optional(t.String({ maxLength: 40 })), order: t.Optional(t.String({ maxLength: 6 })) });
const PreviewBody = t.Object({ text: t.String({ maxLength: 4000 }), unit: t.Optional(t.String({ maxLength: 200 })), image: t.Optional(t.String({ maxLength: 64 })) }, { additionalProperties: true });
const CheckForm = t.Object({ answer: t.String({ maxLength: 2000 }), previousAnswer: t.Optional(t.String({ maxLength: 2000 })) }, { additionalProperties: true });
const SHA256 = /^[0-9a-f]{64}$/;

export function editorRoutes(deps: AppDeps) {
  const { db } = deps;
  const editPage = (w: Who, q: Question, extra: Partial<EditorProps> = {}, status = 200) =>
    html(EditorPage({ lang: w.lang, question: q, values: formValuesOf(q), chain: q.set ? setChain(db, q.set) : null, ...extra }), status);
  /** The question named by the path, or a 404 page. */
  const withQuestion = <R,>(w: Who, rawId: string, f: (q: Question) => R): R | Response => {
    const id = idParam(rawId);
    const q = id === null ? null : findQuestion(db, id);
    return q ? f(q) : pageError(w, "question_not_found");
  };
  /** A refused save: the form again with each field's problem, or an error page when it is not about a field. */
  const refusedForm = (w: Who, question: Question | null, form: Record<string, unknown>, f: Fail) => {
    if (f.code !== "invalid_input" || !fieldErrors(f).length) return bankPageFail(w, f);
    return html(EditorPage({ lang: w.lang, question, values: formValuesFrom(form), errors: fieldErrors(f), chain: question?.set ? setChain(db, question.set) : null }), 400);
  };

  return new Elysia()
    .use(edges(deps))
    .get("/teacher/questions/new", ({ w, query }) => {
      const relay = query.category === "relay";
      const values = { category: relay ? "relay" : "score_steal", set: relay ? (query.set ?? "") : "", order: relay && /^\d{1,2}$/.test(query.order ?? "") ? query.order! : "" };
      return html(EditorPage({ lang: w.lang, question: null, values }));
    }, { teacher: "page", query: NewQuery })
    .post("/teacher/questions", ({ w, body }) => {
      const r = createQuestion(db, questionInputFromForm(body));
      if (!r.ok) return refusedForm(w, null, body, r);
      return redirectAfterPost(w, `/teacher/questions/${r.question.id}?saved=1`);
    }, { teacher: "page", body: EditorForm })
    .post("/teacher/questions/preview", ({ body, w }) => {
      const rendered = renderMathText(body.text);
      const image = body.image && SHA256.test(body.image) ? imageUrl(body.image) : null;
      const frames = str(PreviewFrames({ lang: w.lang, text: body.text, unit: body.unit?.trim() || null, imageUrl: image, rendered }));
      return html(frames + partial("math-problems", MathProblems({ lang: w.lang, problems: rendered.problems })));
    }, { teacher: "page", body: PreviewBody })
    .get("/teacher/questions/:id", ({ w, params, query }) =>
      withQuestion(w, params.id, (q) => editPage(w, q, query.saved ? { notice: { kind: "ok", message: qt(w.lang, "saved") } } : {})),
    { teacher: "page", params: IdParams, query: t.Object({ saved: t.Optional(t.String({ maxLength: 5 })) }) })
    .post("/teacher/questions/:id", ({ w, params, body }) => withQuestion(w, params.id, (q) => {
      const r = updateQuestion(db, q.id, questionInputFromForm(body));
      if (!r.ok) return refusedForm(w, q, body, r);
      return redirectAfterPost(w, `/teacher/questions/${q.id}?saved=1`);
    }), { teacher: "page", params: IdParams, body: EditorForm })
    .post("/teacher/questions/:id/image", async ({ w, params, body }) => {
      const bytes = new Uint8Array(await body.file.arrayBuffer());
      return withQuestion(w, params.id, (q) => {
        const r = attachImage(db, q.id, bytes);
        if (!r.ok) return editPage(w, q, { notice: { kind: "error", message: bankFailText(r, w.lang) } }, ERRORS[r.code].status);
        return redirectAfterPost(w, `/teacher/questions/${q.id}#image`);
      });
    }, { teacher: "page", params: IdParams, body: t.Object({ file: t.File() }) })
    .post("/teacher/questions/:id/image/remove", ({ w, params }) => withQuestion(w, params.id, (q) => {
      const r = detachImage(db, q.id);
      return r.ok ? redirectAfterPost(w, `/teacher/questions/${q.id}#image`) : bankPageFail(w, r);
    }), { teacher: "page", params: IdParams })
    .post("/teacher/questions/:id/duplicate", ({ w, params }) => withQuestion(w, params.id, (q) => {
      const r = duplicateQuestion(db, q.id);
      return r.ok ? redirectAfterPost(w, `/teacher/questions/${r.question.id}?saved=1`) : bankPageFail(w, r);
    }), { teacher: "page", params: IdParams })
    .post("/teacher/questions/:id/delete", ({ w, params }) => withQuestion(w, params.id, (q) => {
      const r = deleteQuestion(db, q.id);
      if (!r.ok) return bankPageFail(w, r);
      // Back to the set when it still has questions, else to the bank.
      const set = r.chains.find((c) => c.questions.length > 0)?.set;
      return redirectAfterPost(w, set ? `/teacher/questions/sets/${encodeURIComponent(set)}` : "/teacher/questions");
    }), { teacher: "page", params: IdParams })
    .post("/teacher/questions/:id/check", ({ w, params, body }) => withQuestion(w, params.id, (q) => {
      const r = checkQuestionAnswer(db, { questionId: q.id, answer: body.answer, previousAnswer: body.previousAnswer });
      if (!r.ok) return bankPageFail(w, r);
      return fragmentOrPage(w, qt(w.lang, "try_answer"), CheckResult({ lang: w.lang, check: r }), `/teacher/questions/${q.id}`);
    }), { teacher: "page", params: IdParams, body: CheckForm });
}
