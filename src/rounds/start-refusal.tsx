// A refused round start on a page: the refusal's text, and for `no_questions` a link to the bank's
// demo questions (the teacher's way out on the day).
import type { Who } from "../auth/request.ts";
import { errorStatus, failText, type Fail } from "../errors.ts";
import { html, pageFail } from "../http/respond.tsx";
import { Layout, Notice } from "../../views/layout.tsx";
import { roundText } from "../../views/rounds/text.ts";
import { DEMO_QUESTIONS_PATH } from "./start.ts";

export function startRefusedPage(w: Pick<Who, "lang" | "isHtmx">, f: Fail): Response {
  if (f.code !== "no_questions") return pageFail(w, f);
  const body = (
    <div class="start-refused">
      {Notice({ kind: "error", message: failText(f, w.lang) })}
      <p><a class="button" href={DEMO_QUESTIONS_PATH}>{roundText(w.lang, "add_demo")}</a></p>
    </div>
  );
  if (w.isHtmx) return html(body, errorStatus(f.code));
  return html(Layout({ lang: w.lang, title: failText(f, w.lang), children: <section class="card narrow">{body as "safe"}</section> }), errorStatus(f.code));
}
