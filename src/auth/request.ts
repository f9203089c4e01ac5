// Who is asking: language, client identity for rate limits, teacher or participant. Resolved once
// per request (src/http/edges.ts) and lazily, so a request pays only for what its route asks.
import type { Cookie } from "elysia";
import type { Server } from "bun";
import type { Db } from "../db/client.ts";
import type { Participant } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import { pickLang } from "../../views/i18n.ts";
import { defaultLang } from "../admin/site-settings.ts";
import { isTeacherToken } from "./teacher.ts";
import { participantByToken } from "./seat.ts";
import { looksLikeToken, newToken, TOKEN_PREFIX } from "./tokens.ts";

export const COOKIE = { teacher: "tmc_teacher", seat: "tmc_seat", device: "tmc_device", lang: "tmc_lang" } as const;
const YEAR_S = 365 * 86_400;

export type HttpCtx = {
  request: Request;
  cookie: Record<string, Cookie<unknown>>;
  server: Server<unknown> | null;
  headers: Record<string, string | undefined>;
};

export type Who = {
  lang: Lang;
  /** Rate-limit identity: the device cookie, else the IP (a class behind one NAT keeps working once cookies are set). */
  readonly clientKey: string;
  isHtmx: boolean;
  bearer: string | null;
  seatToken: string | null;
  isTeacher(): boolean;
  participant(): Participant | undefined;
};

export function who(db: Db, c: HttpCtx): Who {
  const auth = c.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? null;
  const seatCookie = c.cookie[COOKIE.seat]!.value;
  const seatToken = bearer && looksLikeToken(bearer, TOKEN_PREFIX.student) ? bearer : looksLikeToken(seatCookie, TOKEN_PREFIX.student) ? seatCookie : null;
  let clientKey: string | undefined;
  let teacher: boolean | undefined;
  let participant: Participant | undefined | null = null;
  return {
    lang: pickLang(c.cookie[COOKIE.lang]!.value, c.headers["accept-language"] ?? null, defaultLang(db)),
    // A device cookie is handed out the first time a request needs to be counted, not on every asset.
    get clientKey() {
      if (clientKey !== undefined) return clientKey;
      const deviceCookie = c.cookie[COOKIE.device]!;
      if (looksLikeToken(deviceCookie.value, TOKEN_PREFIX.device)) return (clientKey = `d:${deviceCookie.value}`);
      deviceCookie.set({ value: newToken(TOKEN_PREFIX.device), httpOnly: true, sameSite: "lax", path: "/", maxAge: YEAR_S });
      return (clientKey = `ip:${c.server?.requestIP(c.request)?.address ?? "unknown"}`);
    },
    isHtmx: c.headers["hx-request"] === "true",
    bearer,
    seatToken,
    isTeacher() {
      teacher ??= isTeacherToken(db, bearer ?? c.cookie[COOKIE.teacher]!.value);
      return teacher;
    },
    participant() {
      if (participant === null) participant = seatToken ? participantByToken(db, seatToken) : undefined;
      return participant;
    },
  };
}

export function setSeatCookie(c: Pick<HttpCtx, "cookie">, token: string): void {
  c.cookie[COOKIE.seat]!.set({ value: token, httpOnly: true, sameSite: "lax", path: "/", maxAge: 30 * 86_400 });
}

export function setTeacherCookie(c: Pick<HttpCtx, "cookie">, token: string): void {
  c.cookie[COOKIE.teacher]!.set({ value: token, httpOnly: true, sameSite: "strict", path: "/", maxAge: 14 * 86_400 });
}

/** The token of the teacher session making this request (bearer first, as isTeacher reads it). */
export function sessionToken(w: Who, c: HttpCtx): string | null {
  const token = w.bearer ?? c.cookie[COOKIE.teacher]!.value;
  return typeof token === "string" ? token : null;
}
