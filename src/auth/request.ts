// Who is asking: language, network address and device (for limits), teacher or participant.
// Resolved once per request (src/http/edges.ts) and lazily, so a request pays only for what its
// route asks.
import type { Cookie } from "elysia";
import type { Server } from "bun";
import type { Db } from "../db/client.ts";
import type { Participant } from "../db/schema.ts";
import type { Lang } from "../errors.ts";
import type { DeviceCookies } from "./device.ts";
import type { Asker, RateLimits } from "../limits/rate-limit.ts";
import { pickLang } from "../../views/i18n.ts";
import { defaultLang } from "../admin/site-settings.ts";
import { peerAddress } from "../net.ts";
import { isTeacherToken } from "./teacher.ts";
import { participantByToken } from "./seat.ts";
import { looksLikeToken, TOKEN_PREFIX } from "./tokens.ts";

export const COOKIE = { teacher: "tmc_teacher", seat: "tmc_seat", device: "tmc_device", lang: "tmc_lang" } as const;
const YEAR_S = 365 * 86_400;

export type HttpCtx = {
  request: Request;
  cookie: Record<string, Cookie<unknown>>;
  server: Server<unknown> | null;
  headers: Record<string, string | undefined>;
};

export type WhoDeps = { db: Db; devices: DeviceCookies; limits: Pick<RateLimits, "mayIssueDevice"> };

export type Who = Asker & {
  lang: Lang;
  /** Hands this browser a signed device cookie if it has none (for its next requests). */
  ensureDevice(): void;
  isHtmx: boolean;
  bearer: string | null;
  seatToken: string | null;
  isTeacher(): boolean;
  participant(): Participant | undefined;
};

export function who(deps: WhoDeps, c: HttpCtx): Who {
  const auth = c.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? null;
  const seatCookie = c.cookie[COOKIE.seat]!.value;
  const seatToken = bearer && looksLikeToken(bearer, TOKEN_PREFIX.student) ? bearer : looksLikeToken(seatCookie, TOKEN_PREFIX.student) ? seatCookie : null;
  const address = peerAddress(c.server, c.request);
  let device: string | null | undefined;
  let issued = false;
  let teacher: boolean | undefined;
  let participant: Participant | undefined | null = null;
  const w: Who = {
    lang: pickLang(c.cookie[COOKIE.lang]!.value, c.headers["accept-language"] ?? null, defaultLang(deps.db)),
    address,
    /**
     * The device id the request's signed cookie proves; an unsigned or altered cookie counts as
     * none, and so does a cookie issued by this very request (a client that drops cookies must not
     * be a new device each time): without one, limits count the address alone.
     */
    get device() {
      if (device === undefined) device = deps.devices.verify(c.cookie[COOKIE.device]!.value);
      return device;
    },
    ensureDevice() {
      if (issued || w.device !== null) return;
      issued = true;
      // Past the address's ceiling of new cookies, none: its requests stay counted by address.
      if (!deps.limits.mayIssueDevice(address)) return;
      c.cookie[COOKIE.device]!.set({ value: deps.devices.issue().value, httpOnly: true, sameSite: "lax", path: "/", maxAge: YEAR_S });
    },
    seatId: () => w.participant()?.id ?? null,
    isHtmx: c.headers["hx-request"] === "true",
    bearer,
    seatToken,
    isTeacher() {
      teacher ??= isTeacherToken(deps.db, bearer ?? c.cookie[COOKIE.teacher]!.value);
      return teacher;
    },
    participant() {
      if (participant === null) participant = seatToken ? participantByToken(deps.db, seatToken) : undefined;
      return participant;
    },
  };
  return w;
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
