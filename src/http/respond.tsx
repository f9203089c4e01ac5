// How answers leave the server: HTML pages/fragments, JSON for /api, errors in both forms.
import { ERRORS, errorMessage, failText, type ErrorCode, type Fail, type Lang } from "../errors.ts";
import type { Who } from "../auth/request.ts";
import { Layout, Notice } from "../../views/layout.tsx";
import { str } from "../../views/partial.ts";

const HTML = { "content-type": "text/html; charset=utf-8" };

export function html(body: JSX.Element, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(str(body), { status, headers: { ...HTML, ...headers } });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export function apiError(code: ErrorCode, lang: Lang = "en", detail?: Record<string, unknown>, message?: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message: message ?? errorMessage(code, lang), ...(detail ? { detail } : {}) } }, ERRORS[code].status, headers);
}

/** A domain refusal for /api: its code, the sharpest text for its reason or field, its detail. */
export function apiFail(f: Fail, lang: Lang = "en", headers: Record<string, string> = {}): Response {
  return apiError(f.code, lang, f.detail, failText(f, lang), headers);
}

/** An error for a page request: a notice fragment for htmx, a small page otherwise. */
export function pageError(who: Pick<Who, "lang" | "isHtmx">, code: ErrorCode, message?: string, headers: Record<string, string> = {}): Response {
  const text = message ?? errorMessage(code, who.lang);
  const status = ERRORS[code].status;
  if (who.isHtmx) return html(Notice({ kind: "error", message: text }), status, headers);
  return html(
    Layout({ lang: who.lang, title: text, children: <section class="card narrow">{Notice({ kind: "error", message: text })}<p><a href="/">←</a></p></section> }),
    status,
    headers,
  );
}

/** A domain refusal on a page: the sharpest text for its reason or field, in the viewer's language. */
export function pageFail(who: Pick<Who, "lang" | "isHtmx">, f: Fail, headers: Record<string, string> = {}): Response {
  return pageError(who, f.code, failText(f, who.lang), headers);
}

/** After a successful form POST: htmx follows HX-Redirect, a plain form follows the 303. */
export function redirectAfterPost(who: Pick<Who, "isHtmx">, url: string): Response {
  if (who.isHtmx) return new Response(null, { status: 200, headers: { "HX-Redirect": url } });
  return new Response(null, { status: 303, headers: { location: url } });
}

export function redirect(url: string): Response {
  return new Response(null, { status: 303, headers: { location: url } });
}
