import type { Lang } from "../../src/errors.ts";
import { Layout, Notice } from "../layout.tsx";
import { t } from "../i18n.ts";

export function LoginPage({ lang, next, error }: { lang: Lang; next: string; error?: string }): JSX.Element {
  return Layout({
    lang,
    title: t(lang, "login_title"),
    children: (
      <section class="card narrow">
        <h1>{t(lang, "login_title")}</h1>
        <form method="post" action="/login" hx-post="/login" hx-target="#login-msg" hx-swap="innerHTML">
          <input type="hidden" name="next" value={next} />
          <label>
            {t(lang, "password")}
            <input type="password" name="password" autocomplete="current-password" required autofocus maxlength="200" />
          </label>
          <div id="login-msg">{error ? Notice({ kind: "error", message: error }) : ""}</div>
          <button type="submit" class="primary">{t(lang, "login_button")}</button>
        </form>
      </section>
    ),
  });
}
