import type { Lang } from "../src/errors.ts";
import { asset } from "../src/assets.ts";
import { t } from "./i18n.ts";
import { str } from "./partial.ts";

/** `styles`: extra stylesheet URLs for this page only (e.g. KaTeX's, on pages that show math). */
export type PageProps = { lang: Lang; title: string; children?: JSX.Element | JSX.Element[]; bodyClass?: string; nav?: JSX.Element; styles?: string[] };

/**
 * The head around the title and a page's own stylesheets: the same on every page while the server
 * runs (assets' URLs are fixed at start), so drawn once — ten thousand phones joining load as many
 * seat pages, and these attributes were a tenth of each.
 */
let fixedHead: { beforeTitle: string; afterTitle: string; afterStyles: string } | undefined;
function headParts() {
  return (fixedHead ??= {
    beforeTitle: str(
      <>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content='{"defaultTimeout": 15000}' />
      </>,
    ),
    afterTitle: str(<link rel="stylesheet" href={asset("app.css")} />),
    afterStyles: str(
      <>
        <link rel="icon" href={asset("icon.svg")} type="image/svg+xml" />
        {/* Not deferred: htmx initialises on a timer when loaded after parsing, which can run before a
            deferred hx-sse.js has registered, and the page then never opens its live stream. */}
        <script src={asset("vendor/htmx.min.js")}></script>
        <script src={asset("vendor/hx-sse.min.js")}></script>
        <script src={asset("app.js")} defer></script>
      </>,
    ),
  });
}

export function Layout({ lang, title, children, bodyClass, nav, styles }: PageProps): JSX.Element {
  const head = headParts();
  return (
    "<!doctype html>" +
    (
      <html lang={lang}>
        <head>
          {head.beforeTitle as "safe"}
          <title safe>{title}</title>
          {head.afterTitle as "safe"}
          {(styles ?? []).map((href) => <link rel="stylesheet" href={href} />)}
          {head.afterStyles as "safe"}
        </head>
        <body class={bodyClass}>
          <header class="topbar">
            <a class="brand" href="/">TMC</a>
            {nav as "safe"}
            <a class="lang" href={`/lang/${lang === "ko" ? "en" : "ko"}`} rel="nofollow">{t(lang, "lang_switch")}</a>
          </header>
          <main id="main">{children as "safe"}</main>
          <div id="toast" role="status" aria-live="polite"></div>
        </body>
      </html>
    )
  );
}

/** An error or notice box; htmx responses swap it into a form's message slot. */
export function Notice({ kind, message }: { kind: "error" | "ok" | "info"; message: string }): JSX.Element {
  return (
    <p class={`notice notice-${kind}`} role={kind === "error" ? "alert" : "status"} safe>
      {message}
    </p>
  );
}
