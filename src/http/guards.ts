// Route guards: teacher-only and participant-only, for /api (JSON) and pages (redirect / fragment).
import type { Participant } from "../db/schema.ts";
import type { Who } from "../auth/request.ts";
import { apiError, pageError, redirect } from "./respond.tsx";

/** /api: 401 without credentials, 403 when the caller is a student. */
export function teacherApiGuard(w: Who): Response | null {
  if (w.isTeacher()) return null;
  return w.seatToken && w.participant() ? apiError("forbidden", w.lang) : apiError("unauthorized", w.lang);
}

/** Teacher pages: the login page for a browser, a 401 fragment for htmx. */
export function teacherPageGuard(w: Who, returnTo: string): Response | null {
  if (w.isTeacher()) return null;
  if (w.isHtmx) return pageError(w, "unauthorized", undefined, { "HX-Redirect": `/login?next=${encodeURIComponent(returnTo)}` });
  return redirect(`/login?next=${encodeURIComponent(returnTo)}`);
}

export function participantApiGuard(w: Who): { participant: Participant } | { response: Response } {
  const p = w.participant();
  if (p) return { participant: p };
  return { response: apiError(w.seatToken ? "not_participant" : "unauthorized", w.lang) };
}

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
