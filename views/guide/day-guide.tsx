// "How the day goes": one page a teacher sees on the first login, and again from the dashboard link.
import { escapeHtml } from "@kitajs/html";
import type { Lang } from "../../src/errors.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { gt } from "./text.ts";

const STEPS = [
  ["step1_title", "step1"],
  ["step2_title", "step2"],
  ["step3_title", "step3"],
  ["step4_title", "step4"],
  ["step5_title", "step5"],
] as const;

export function DayGuidePage({ lang, joinUrl, dismissed }: { lang: Lang; joinUrl: string; dismissed: boolean }): JSX.Element {
  return Layout({
    lang,
    title: gt(lang, "title"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card day-guide">
        <h1>{gt(lang, "title")}</h1>
        <p class="muted">{gt(lang, "intro")}</p>
        <ol class="stack">
          {STEPS.map(([title, body]) => (
            <li>
              <h2>{gt(lang, title)}</h2>
              {/* escaped: the text shows placeholders such as <file> */}
              <p>{escapeHtml(gt(lang, body))}</p>
              {body === "step2" ? <p>{gt(lang, "join_here")} <strong class="mono" safe>{joinUrl}</strong></p> : ""}
            </li>
          ))}
        </ol>
        <p class="notice notice-info">{gt(lang, "tip")}</p>
        {dismissed
          ? <p class="muted">{gt(lang, "dismissed_note")} <a href="/teacher">{gt(lang, "later")}</a></p>
          : (
            <form method="post" action="/teacher/guide/dismiss" class="controls">
              <button type="submit" class="primary">{gt(lang, "dismiss")}</button>
              <a class="button" href="/teacher">{gt(lang, "later")}</a>
            </form>
          )}
      </section>
    ),
  });
}
