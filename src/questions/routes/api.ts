// The bank's JSON API (teacher only): the same domain functions as the pages. A question body
// is any object here: validateQuestion names each refused field (invalid_input with
// `detail.errors[]`, each with its `message`). Saving a relay question reports its set's chain
// problems as `warnings` (a set is written one question at a time, so they do not refuse it).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import type { Lang } from "../../errors.ts";
import { edges } from "../../http/edges.ts";
import { apiError, json } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { type QuestionFilter, attachImage, createQuestion, deleteQuestion, detachImage, getQuestion, listQuestions, updateQuestion } from "../bank.ts";
import { checkQuestionAnswer } from "../check.ts";
import { addDemoQuestions } from "../demo/add.ts";
import { exportQuestions } from "../export.ts";
import { importQuestions, type ImportRow } from "../import.ts";
import { questionJson } from "../question.ts";
import { reasonMessage } from "../reasons.ts";
import type { SetChain } from "../sets.ts";
import { bankApiFail } from "./fail.ts";
import { fieldErrorText } from "../../../views/questions/text.ts";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
/** The list's filters, shared with the bank page (an empty value means "any"). */
export const ListQuery = t.Object({
  category: t.Optional(t.Union([t.Literal("score_steal"), t.Literal("relay"), t.Literal("")])),
  set: t.Optional(t.String({ maxLength: 40 })),
  tag: t.Optional(t.String({ maxLength: 60 })),
  q: t.Optional(t.String({ maxLength: 200 })),
});
const AnyObject = t.Object({}, { additionalProperties: true });
const FileBody = t.Object({ file: t.File() });
const CheckBody = t.Object({
  questionId: t.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  // The domain refuses an answer over 100 characters with invalid_answer (422); this only bounds the body.
  answer: t.String({ maxLength: 2000 }),
  previousAnswer: t.Optional(t.Union([t.String({ maxLength: 2000 }), t.Null()])),
}, { additionalProperties: false });
const DemoBody = t.Object({ lang: t.Union([t.Literal("ko"), t.Literal("en")]) }, { additionalProperties: false });

/** Chain problems of the saved question's sets, as warnings. */
export function chainWarnings(chains: SetChain[], lang: Lang) {
  return chains.flatMap((c) => c.chain.steps.filter((s) => s.problem).map((s) => ({ set: c.set, order: s.order, questionId: s.id, reason: s.problem!, message: reasonMessage(s.problem!, lang) })));
}

function rowJson(row: ImportRow, lang: Lang) {
  return {
    line: row.line,
    ok: row.ok,
    action: row.action,
    errors: row.errors.map((e) => ({ ...e, message: fieldErrorText(e, lang) })),
    warnings: row.warnings.map((w) => ({ ...w, message: reasonMessage(w.reason, lang) })),
  };
}

export const listFilter = (q: { category?: string; set?: string; tag?: string; q?: string }): QuestionFilter => ({
  category: q.category === "score_steal" || q.category === "relay" ? q.category : undefined,
  set: q.set || undefined,
  tag: q.tag || undefined,
  q: q.q || undefined,
});

export function questionApiRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/api/questions", ({ query }) => json({ questions: listQuestions(db, listFilter(query)).map(questionJson) }), { teacher: "api", query: ListQuery })
    .post("/api/questions", ({ w, body }) => {
      const r = createQuestion(db, body);
      if (!r.ok) return bankApiFail(r, w.lang);
      return json({ id: r.question.id, question: questionJson(r.question), warnings: chainWarnings(r.chains, w.lang) }, 201);
    }, { teacher: "api", body: AnyObject })
    .get("/api/questions/export", ({ query }) => {
      const file = exportQuestions(db, query.format ?? "csv");
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` } });
    }, { teacher: "api", query: t.Object({ format: t.Optional(t.Union([t.Literal("csv"), t.Literal("json"), t.Literal("zip")])) }) })
    .post("/api/questions/import", async ({ w, query, body }) => {
      const dryRun = query.dryRun === "1" || query.dryRun === "true";
      const r = importQuestions(db, new Uint8Array(await body.file.arrayBuffer()), { dryRun });
      if (!r.ok) {
        const rows = r.detail?.rows as ImportRow[] | undefined;
        return bankApiFail(rows ? { ...r, detail: { ...r.detail, rows: rows.map((row) => rowJson(row, w.lang)) } } : r, w.lang);
      }
      return json({ format: r.format, saved: r.saved, created: r.created, updated: r.updated, rows: r.rows.map((row) => rowJson(row, w.lang)) });
    }, { teacher: "api", query: t.Object({ dryRun: t.Optional(t.Union([t.Literal("1"), t.Literal("0"), t.Literal("true"), t.Literal("false")])) }), body: FileBody })
    .post("/api/questions/check", ({ w, body }) => {
      const r = checkQuestionAnswer(db, body);
      if (!r.ok) return bankApiFail(r, w.lang);
      const { ok: _ok, ...out } = r;
      return json(out);
    }, { teacher: "api", body: CheckBody })
    .post("/api/questions/demo", ({ w, body }) => {
      const r = addDemoQuestions(db, body.lang);
      return r.ok ? json({ created: r.created, updated: r.updated }) : bankApiFail(r, w.lang);
    }, { teacher: "api", body: DemoBody })
    .get("/api/questions/:id", ({ w, params }) => {
      const id = idParam(params.id);
      const r = id === null ? null : getQuestion(db, id);
      if (!r?.ok) return apiError("question_not_found", w.lang);
      return json(questionJson(r.question));
    }, { teacher: "api", params: IdParams })
    .put("/api/questions/:id", ({ w, params, body }) => {
      const id = idParam(params.id);
      if (id === null) return apiError("question_not_found", w.lang);
      const r = updateQuestion(db, id, body);
      if (!r.ok) return bankApiFail(r, w.lang);
      return json({ question: questionJson(r.question), warnings: chainWarnings(r.chains, w.lang) });
    }, { teacher: "api", params: IdParams, body: AnyObject })
    .delete("/api/questions/:id", ({ w, params }) => {
      const id = idParam(params.id);
      if (id === null) return apiError("question_not_found", w.lang);
      const r = deleteQuestion(db, id);
      if (!r.ok) return bankApiFail(r, w.lang);
      return json({ deleted: r.deleted.id, warnings: chainWarnings(r.chains, w.lang) });
    }, { teacher: "api", params: IdParams })
    .post("/api/questions/:id/image", async ({ w, params, body }) => {
      const id = idParam(params.id);
      if (id === null) return apiError("question_not_found", w.lang);
      const r = attachImage(db, id, new Uint8Array(await body.file.arrayBuffer()));
      return r.ok ? json({ imageUrl: r.imageUrl }) : bankApiFail(r, w.lang);
    }, { teacher: "api", params: IdParams, body: FileBody })
    .delete("/api/questions/:id/image", ({ w, params }) => {
      const id = idParam(params.id);
      if (id === null) return apiError("question_not_found", w.lang);
      const r = detachImage(db, id);
      return r.ok ? json({ imageUrl: null }) : bankApiFail(r, w.lang);
    }, { teacher: "api", params: IdParams });
}
