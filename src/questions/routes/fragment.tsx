// An answer that htmx swaps in as a fragment, or — for a browser without script, whose plain
// form posted here — the same fragment on a small page with a way back.
import type { Who } from "../../auth/request.ts";
import { html } from "../../http/respond.tsx";
import { BankLayout } from "../../../views/questions/page.tsx";
import { qt } from "../../../views/questions/text.ts";

export function fragmentOrPage(w: Pick<Who, "lang" | "isHtmx">, title: string, fragment: JSX.Element, back: string, status = 200): Response {
  if (w.isHtmx) return html(fragment, status);
  return html(BankLayout({
    lang: w.lang,
    title,
    math: false,
    children: (
      <section class="card">
        <h1 safe>{title}</h1>
        {fragment as "safe"}
        <p><a href={back}>← {qt(w.lang, "back_to_bank")}</a></p>
      </section>
    ),
  }), status);
}
