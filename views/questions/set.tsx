// One relay set: its questions in order with the chain of correct answers (each answer is the
// next question's T), problems highlighted, and buttons to move a question up or down.
import type { Lang } from "../../src/errors.ts";
import type { SetChain } from "../../src/questions/sets.ts";
import { reasonMessage } from "../../src/questions/reasons.ts";
import { imageUrl } from "../../src/questions/images.ts";
import { Notice } from "../layout.tsx";
import { QuestionBody } from "./question.tsx";
import { answerSummary } from "./list.tsx";
import { BankLayout } from "./page.tsx";
import { qt } from "./text.ts";

export type SetPageProps = { lang: Lang; chain: SetChain; error?: string; moved?: { id: number; dir: "up" | "down" } };

function MoveButton({ lang, id, order, dir, disabled, focus }: { lang: Lang; id: number; order: number; dir: "up" | "down"; disabled: boolean; focus: boolean }): JSX.Element {
  const label = `${qt(lang, "question")} ${order} ${qt(lang, dir === "up" ? "move_up" : "move_down")}`;
  return (
    <form method="post" action={`/teacher/questions/${id}/move`} class="inline">
      <input type="hidden" name="dir" value={dir} />
      {/* After a move the page comes back with focus on the same button, so the keyboard can keep moving. */}
      <button type="submit" class="icon" aria-label={label} title={label} disabled={disabled} autofocus={focus}>{dir === "up" ? "↑" : "↓"}</button>
    </form>
  );
}

export function SetPage({ lang, chain, error, moved }: SetPageProps): JSX.Element {
  const steps = new Map(chain.chain.steps.map((s) => [s.id, s]));
  const nextOrder = chain.questions.length ? Math.max(...chain.questions.map((q) => q.order ?? 0)) + 1 : 1;
  const title = `${qt(lang, "set")} ${chain.set}`;
  const last = chain.questions.length - 1;
  // The moved question's button in the direction it went, or the other one once it reached an end.
  const focusOn = (id: number, i: number) => {
    if (moved?.id !== id || last === 0) return null;
    if (moved.dir === "up") return i > 0 ? "up" : "down";
    return i < last ? "down" : "up";
  };
  return BankLayout({
    lang,
    title,
    children: (
      <>
        <p><a href="/teacher/questions">← {qt(lang, "back_to_bank")}</a></p>
        <section class="card">
          <div class="bank-head">
            <h1 safe>{title}</h1>
            <span class={chain.chain.ok ? "pill status-started" : "pill warn"}>{qt(lang, chain.chain.ok ? "set_ok" : "set_problem")}</span>
          </div>
          {error ? Notice({ kind: "error", message: error }) : ""}
          <h2>{qt(lang, "chain")}</h2>
          <p class="muted">{qt(lang, "chain_hint")}</p>
          <div class="table-scroll tall">
            <table class="chain-table">
              <thead>
                <tr><th>{qt(lang, "move")}</th><th>{qt(lang, "question")}</th><th>{qt(lang, "input_t")}</th><th>{qt(lang, "correct_answer")}</th></tr>
              </thead>
              <tbody>
                {chain.questions.map((q, i) => {
                  const step = steps.get(q.id);
                  return (
                    <tr id={`q-${q.id}`} class={step?.problem ? "row-error" : undefined}>
                      {/* Number and move buttons first, so a phone shows them without scrolling sideways. */}
                      <td>
                        <div class="move-cell">
                          <a href={`/teacher/questions/${q.id}`} class="order-link">{q.order!}</a>
                          <MoveButton lang={lang} id={q.id} order={q.order!} dir="up" disabled={i === 0} focus={focusOn(q.id, i) === "up"} />
                          <MoveButton lang={lang} id={q.id} order={q.order!} dir="down" disabled={i === chain.questions.length - 1} focus={focusOn(q.id, i) === "down"} />
                        </div>
                      </td>
                      <td>
                        <QuestionBody text={q.text} unit={q.unit} imageUrl={q.image ? imageUrl(q.image) : null} lang={lang} />
                        <div class="muted small" safe>{answerSummary(q)}</div>
                        {step?.problem ? <p class="chain-problem" safe>{`⚠ ${reasonMessage(step.problem, lang)}`}</p> : ""}
                      </td>
                      <td class="mono" safe>{step?.input ?? "—"}</td>
                      <td class="mono strong" safe>{step?.answer ?? "?"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p>
            <a class="button" href={`/teacher/questions/new?category=relay&set=${encodeURIComponent(chain.set)}&order=${nextOrder}`}>{qt(lang, "add_to_set")}</a>
          </p>
        </section>
      </>
    ),
  });
}
