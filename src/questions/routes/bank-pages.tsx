// The bank's pages around the editor: the list with its filters, a relay set's chain with
// up/down buttons, adding the demo questions, and the CSV template download.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { ERRORS, type Lang } from "../../errors.ts";
import { edges } from "../../http/edges.ts";
import { html, pageError, redirectAfterPost } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { findQuestion, listQuestions } from "../bank.ts";
import { addDemoQuestions } from "../demo/add.ts";
import { reasonMessage } from "../reasons.ts";
import { listSets, moveQuestion, setChain } from "../sets.ts";
import { csvTemplate } from "../template.ts";
import { ListQuery, listFilter } from "./api.ts";
import { bankFailText, bankPageFail } from "./fail.ts";
import { partial, str } from "../../../views/partial.ts";
import { BankBody, BankPage, DemoResult, setHref, type BankFilter } from "../../../views/questions/list.tsx";
import { SetPage } from "../../../views/questions/set.tsx";

const LangBody = t.Object({ lang: t.Union([t.Literal("ko"), t.Literal("en")]) }, { additionalProperties: true });
const MoveBody = t.Object({ dir: t.Union([t.Literal("up"), t.Literal("down")]) }, { additionalProperties: true });
const SetQuery = t.Object({ moved: t.Optional(t.String({ maxLength: 12 })), dir: t.Optional(t.String({ maxLength: 5 })) });

export function bankPageRoutes(deps: AppDeps) {
  const { db } = deps;
  /** The bank as the list shows it: the filtered questions, plus what the filters offer. */
  const bankData = (lang: Lang, filter: BankFilter) => {
    const all = listQuestions(db);
    const f = listFilter(filter);
    const filtered = f.category || f.set || f.tag || f.q ? listQuestions(db, f) : all;
    const tags = [...new Set(all.flatMap((q) => q.tags))].sort((a, b) => a.localeCompare(b));
    return { lang, filter, questions: filtered, sets: listSets(db), tags, bankSize: all.length };
  };

  return new Elysia()
    .use(edges(deps))
    .get("/teacher/questions", ({ w, query }) => html(BankPage(bankData(w.lang, query))), { teacher: "page", query: ListQuery })
    .get("/teacher/questions/sets/:set", ({ w, params, query }) => {
      const chain = setChain(db, params.set);
      if (!chain.questions.length) return pageError(w, "not_found", reasonMessage("set_missing", w.lang));
      const moved = idParam(query.moved);
      const dir = query.dir === "up" || query.dir === "down" ? query.dir : null;
      return html(SetPage({ lang: w.lang, chain, moved: moved !== null && dir ? { id: moved, dir } : undefined }));
    }, { teacher: "page", params: t.Object({ set: t.String({ maxLength: 100 }) }), query: SetQuery })
    .post("/teacher/questions/:id/move", ({ w, params, body }) => {
      const id = idParam(params.id);
      const q = id === null ? null : findQuestion(db, id);
      if (!q) return pageError(w, "question_not_found");
      const r = moveQuestion(db, q.id, body.dir);
      // No #fragment: a page opened at a fragment skips autofocus, which brings focus back to the button.
      if (r.ok) return redirectAfterPost(w, `${setHref(r.set)}?moved=${q.id}&dir=${body.dir}`);
      // Refused (e.g. a question using T cannot go first): the set again, saying why.
      if (r.code === "invalid_input" && q.set) return html(SetPage({ lang: w.lang, chain: setChain(db, q.set), error: bankFailText(r, w.lang) }), ERRORS[r.code].status);
      return bankPageFail(w, r);
    }, { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }) }), body: MoveBody })
    .post("/teacher/questions/demo", ({ w, body }) => {
      const r = addDemoQuestions(db, body.lang);
      const status = r.ok ? 200 : ERRORS[r.code].status;
      const sets = !r.ok && Array.isArray(r.detail?.sets) ? (r.detail.sets as string[]) : [];
      const notice = DemoResult({ lang: w.lang, result: r.ok ? r : { sets }, message: r.ok ? "" : bankFailText(r, w.lang) });
      // htmx: the notice, and the bank's list refreshed beside it; a plain form: the whole page.
      const data = bankData(w.lang, {});
      if (w.isHtmx) return html(str(notice) + (r.ok ? partial("bank-body", BankBody(data), "outerHTML") : ""), status);
      return html(BankPage({ ...data, notice }), status);
    }, { teacher: "page", body: LangBody })
    .get("/teacher/questions/template", ({ w, query }) => {
      const lang = query.lang ?? w.lang;
      return new Response(csvTemplate(lang), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="tmc-questions-template-${lang}.csv"` } });
    }, { teacher: "page", query: t.Object({ lang: t.Optional(t.Union([t.Literal("ko"), t.Literal("en")])) }) });
}
