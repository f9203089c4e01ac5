// Small helpers at the edges: path ids, 429 answers. (Who may call a route: src/http/edges.ts.)
import type { Who } from "../auth/request.ts";
import { apiError, pageError } from "./respond.tsx";

/** Parses a positive integer id from a path segment; anything else is null (→ 404). */
export function idParam(raw: string | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) return null;
  return Number(raw);
}

function retryAfterHeaders(seconds: number): Record<string, string> {
  return { "Retry-After": String(seconds) };
}

/** 429 for /api: the code, a readable message, retryAfterSeconds and Retry-After. */
export function apiRateLimited(w: Pick<Who, "lang">, seconds: number): Response {
  return apiError("rate_limited", w.lang, { retryAfterSeconds: seconds }, undefined, retryAfterHeaders(seconds));
}

/** 429 for pages: a notice (htmx) or a small page, with Retry-After. */
export function pageRateLimited(w: Pick<Who, "lang" | "isHtmx">, seconds: number): Response {
  return pageError(w, "rate_limited", undefined, retryAfterHeaders(seconds));
}
