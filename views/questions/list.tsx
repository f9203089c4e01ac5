// The bank's main page: filters (category, set, tag, search), the relay sets with their state,
// the questions, and the bank's tools (new, import, export, the demo questions).
import type { Lang } from "../../src/errors.ts";
import type { Question } from "../../src/questions/question.ts";
import type { SetSummary } from "../../src/questions/sets.ts";
import { renderQuestionText } from "../../src/questions/math.ts";
import { BankLayout } from "./page.tsx";
import { attrText, fl, qt } from "./text.ts";

export type BankFilter = { category?: string; set?: string; tag?: string; q?: string };

/** The list shows at most this many rows; a filter finds the rest (rendering thousands of formulas costs). */
export const MAX_SHOWN = 200;

export type BankBodyProps = { lang: Lang; questions: Question[]; sets: SetSummary[]; bankSize: number };
export type BankPageProps = BankBodyProps & { filter: BankFilter; tags: string[]; notice?: JSX.Element };

export const setHref = (set: string) => `/teacher/questions/sets/${encodeURIComponent(set)}`;

export function categoryLabel<L extends Lang>(lang: L, category: string) {
  return qt(lang, category === "relay" ? "relay" : "score_steal");
}

/** How a question's answer reads in a list: the answer, or the rule that gives it from T. */
export function answerSummary(q: Question): string {
  if (q.answerFormula) return `T → ${q.answerFormula}`;
  if (q.answerTable) return q.answerTable.map((r) => `${r.input}→${r.answer}`).join(", ");
  return `${q.answer ?? ""}${q.unit ? ` ${q.unit}` : ""}`;
}

export function BankPage(p: BankPageProps): JSX.Element {
  const { lang } = p;
  return BankLayout({
    lang,
    title: qt(lang, "bank"),
    children: (
      <>
        <section class="card">
          <div class="bank-head">
            <h1>{qt(lang, "bank")}</h1>
            <div class="controls">
              <a class="button primary" href="/teacher/questions/new">{qt(lang, "new_question")}</a>
              <a class="button" href="/teacher/questions/import">{qt(lang, "import")}</a>
              <span class="inline">
                {qt(lang, "export")}:
                <a href="/api/questions/export?format=csv" download="">CSV</a>
                <a href="/api/questions/export?format=json" download="">JSON</a>
                <a href="/api/questions/export?format=zip" download="">ZIP</a>
              </span>
            </div>
          </div>
          {(p.notice ?? "") as "safe"}
          <Filters {...p} />
        </section>
        <BankBody lang={lang} questions={p.questions} sets={p.sets} bankSize={p.bankSize} />
        <section class="card" id="demo">
          <h2>{qt(lang, "demo")}</h2>
          <p class="muted">{qt(lang, "demo_hint")}</p>
          <DemoForm lang={lang} />
        </section>
      </>
    ),
  });
}

function Filters({ lang, filter, sets, tags }: BankPageProps): JSX.Element {
  const option = (value: string, chosen: string | undefined, label: string) => (
    <option value={attrText(value)} selected={value === (chosen ?? "")} safe>{label}</option>
  );
  return (
    <form method="get" action="/teacher/questions" class="grid-form bank-filters" role="search">
      <label>
        {fl(lang, "category")}
        <select name="category">
          {option("", filter.category, qt(lang, "all"))}
          {option("score_steal", filter.category, qt(lang, "score_steal"))}
          {option("relay", filter.category, qt(lang, "relay"))}
        </select>
      </label>
      <label>
        {qt(lang, "set")}
        <select name="set">
          {option("", filter.set, qt(lang, "all"))}
          {sets.map((s) => option(s.set, filter.set, s.set))}
        </select>
      </label>
      <label>
        {fl(lang, "tags")}
        <select name="tag">
          {option("", filter.tag, qt(lang, "all"))}
          {tags.map((tag) => option(tag, filter.tag, tag))}
        </select>
      </label>
      <label>
        {qt(lang, "search")}
        <input name="q" type="search" maxlength="200" value={attrText(filter.q)} />
      </label>
      <button type="submit">{qt(lang, "filter")}</button>
    </form>
  );
}

/** The sets and the questions: the part a change to the bank re-renders (id bank-body). */
export function BankBody({ lang, questions, sets, bankSize }: BankBodyProps): JSX.Element {
  return (
    <div id="bank-body">
      {sets.length ? (
        <section class="card">
          <h2>{qt(lang, "sets")}</h2>
          <ul class="set-list">
            {sets.map((s) => (
              <li>
                <a href={setHref(s.set)} safe>{s.set}</a> <span class="muted">×{s.size}</span>{" "}
                <span class={s.ok ? "pill status-started" : "pill warn"}>{qt(lang, s.ok ? "set_ok" : "set_problem")}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        ""
      )}
      <section class="card">
        <QuestionTable lang={lang} questions={questions} bankSize={bankSize} />
      </section>
    </div>
  );
}

function QuestionTable({ lang, questions, bankSize }: { lang: Lang; questions: Question[]; bankSize: number }): JSX.Element {
  if (bankSize === 0) return <p class="muted">{qt(lang, "empty_bank")}</p>;
  if (questions.length === 0) return <p class="muted">{qt(lang, "no_questions")}</p>;
  const shown = questions.slice(0, MAX_SHOWN);
  return (
    <>
      <p class="muted" safe>
        {questions.length > MAX_SHOWN ? `${MAX_SHOWN} ${qt(lang, "shown_of")} ${questions.length} · ${qt(lang, "narrow")}` : `${questions.length} ${qt(lang, "count_questions")}`}
      </p>
      <div class="table-scroll tall">
        <table class="bank-table">
          <thead>
            <tr><th>#</th><th>{qt(lang, "question")}</th><th>{qt(lang, "correct_answer")}</th><th>{qt(lang, "points_short")}</th><th></th></tr>
          </thead>
          <tbody>{shown.map((q) => <QuestionRow lang={lang} q={q} />)}</tbody>
        </table>
      </div>
    </>
  );
}

function QuestionRow({ lang, q }: { lang: Lang; q: Question }): JSX.Element {
  const safeText = renderQuestionText(q.text).html;
  return (
    <tr>
      <td class="nowrap">
        <a href={`/teacher/questions/${q.id}`}>#{q.id}</a>
        <div class="muted small">
          {categoryLabel(lang, q.category)}
          {q.set ? (
            <>
              {" · "}
              <a href={setHref(q.set)} safe>{`${q.set}-${q.order}`}</a>
            </>
          ) : (
            ""
          )}
        </div>
      </td>
      <td>
        <div class="q-snippet">{safeText}</div>
        {q.tags.length ? <div class="tags" safe>{q.tags.map((tag) => `#${tag}`).join(" ")}</div> : ""}
        {q.image ? <span class="pill">{qt(lang, "image")}</span> : ""}
      </td>
      <td class="answer-cell" safe>{answerSummary(q)}</td>
      <td>{q.points}</td>
      <td><a href={`/teacher/questions/${q.id}`}>{qt(lang, "edit")}</a></td>
    </tr>
  );
}

export function DemoForm({ lang }: { lang: Lang }): JSX.Element {
  return (
    <>
      <form method="post" action="/teacher/questions/demo" hx-post="/teacher/questions/demo" hx-target="#demo-msg" class="inline wrap">
        <label class="inline">
          {qt(lang, "demo_lang")}
          <select name="lang">
            <option value="ko" selected={lang === "ko"}>{qt(lang, "korean")}</option>
            <option value="en" selected={lang === "en"}>{qt(lang, "english")}</option>
          </select>
        </label>
        <button type="submit">{qt(lang, "demo")}</button>
      </form>
      <div id="demo-msg" aria-live="polite"></div>
    </>
  );
}

/** What adding the demo did: how many were added and updated, or which sets stand in the way (with links). */
export function DemoResult({ lang, result, message }: { lang: Lang; result: { created: number; updated: number } | { sets: string[] }; message: string }): JSX.Element {
  if ("created" in result) {
    return <p class="notice notice-ok" role="status" safe>{`${qt(lang, "demo_added")}: ${result.created} ${qt(lang, "created")}, ${result.updated} ${qt(lang, "updated")}`}</p>;
  }
  return (
    <div class="notice notice-error" role="alert">
      <p safe>{message}</p>
      {result.sets.length ? (
        <p>
          {qt(lang, "sets_taken_list")}:{" "}
          {result.sets.map((s) => <><a href={setHref(s)} safe>{s}</a>{" "}</>)}
        </p>
      ) : (
        ""
      )}
    </div>
  );
}
