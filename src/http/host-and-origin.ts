// Two rules every request passes before any route (app.ts, onRequest):
//
// 1. The Host header must name this server: localhost, one of this machine's own addresses (read
//    again when they change — a new DHCP lease — and at most once a second on a miss), this
//    machine's name, or a name given with --allow-host. A web page elsewhere cannot then reach this
//    server through a name of its own that it points at the laptop (DNS rebinding).
// 2. A state-changing request (POST, PUT, DELETE…) that a cookie authenticates — the teacher's
//    session or a student's seat — must carry an Origin header naming the host it was sent to.
//    Browsers send Origin on every POST, so a form or script on another site, or on this host at
//    another port (same site, so SameSite cookies would still go along), is refused. Sec-Fetch-Site
//    cannot be the rule: browsers do not send it to plain-http LAN addresses. Requests carrying a
//    bearer token are scripts that hold the token; a browser cannot attach one across sites. A
//    request from another site is refused even without a cookie when it says where it came from
//    (a cross-site form posting /api/join-game).
import { hostname as machineName, networkInterfaces } from "node:os";
import { BoundedCache } from "../cache/bounded.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const AUTH_COOKIE = /(?:^|;)\s*(?:tmc_teacher|tmc_seat)=[^;\s]/;
const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/;

/** Host headers seen, with their names (every request is checked; a server answers to a few names). */
const hostNames = new BoundedCache<string, string | false>(256);

/** The host name of a Host header, lower-case, IPv6 without brackets; null when it is not a host. */
export function hostNameOf(header: string): string | null {
  return hostNames.getOr(header, () => parseHostName(header) ?? false) || null;
}

function parseHostName(header: string): string | null {
  const m = HOST.exec(header.trim());
  if (!m) return null;
  return m[1]!.replace(/^\[|\]$/g, "").toLowerCase();
}

type Interfaces = () => ReturnType<typeof networkInterfaces>;

export class HostAllowlist {
  private addresses = new Set<string>();
  private readAt = -Infinity;
  private readonly any: boolean;
  private readonly names: Set<string>;

  constructor(extra: string[], private interfaces: Interfaces = networkInterfaces, name = machineName()) {
    this.any = extra.includes("*");
    const own = name.toLowerCase();
    this.names = new Set(["localhost", own, `${own}.local`, ...extra.map((h) => h.replace(/^\[|\]$/g, ""))]);
  }

  private refresh(now: number): void {
    this.readAt = now;
    const next = new Set<string>();
    for (const list of Object.values(this.interfaces())) for (const a of list ?? []) next.add(a.address.toLowerCase().replace(/%.*$/, ""));
    this.addresses = next;
  }

  allows(hostHeader: string | null, now = Date.now()): boolean {
    if (this.any) return true;
    const name = hostHeader === null ? null : hostNameOf(hostHeader);
    if (name === null) return false;
    if (this.names.has(name) || name.endsWith(".localhost")) return true;
    // All of 127.0.0.0/8 is this machine (tests and the bench use several of them).
    if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) || name === "::1") return true;
    if (now - this.readAt > 30_000) this.refresh(now);
    if (this.addresses.has(name)) return true;
    // Not known: perhaps an address this machine has only just been given.
    if (now - this.readAt < 1000) return false;
    this.refresh(now);
    return this.addresses.has(name);
  }
}

/**
 * The verdicts for the few (Origin, Host) pairs a server sees: every POST asks, and parsing two
 * URLs was 3 % of an answer's time in-process. Bounded, since both headers are the sender's to choose.
 */
const originVerdicts = new BoundedCache<string, boolean>(256);

/** Does `origin` (an Origin header) name the host `hostHeader` was sent to? */
export function sameOrigin(origin: string, hostHeader: string): boolean {
  return originVerdicts.getOr(`${origin}\n${hostHeader}`, () => compareOrigin(origin, hostHeader));
}

function compareOrigin(origin: string, hostHeader: string): boolean {
  if (!URL.canParse(origin)) return false;
  const o = new URL(origin);
  if (o.protocol !== "http:" && o.protocol !== "https:") return false;
  const target = `${o.protocol}//${hostHeader}`;
  return URL.canParse(target) && new URL(target).host === o.host;
}

/** The path of a request, read without parsing its URL (a URL built from a hostile Host header may not parse). */
export function pathOf(request: Request): string {
  const url = request.url;
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0) return "/";
  const end = url.slice(start).search(/[?#]/);
  return end < 0 ? url.slice(start) : url.slice(start, start + end);
}

/** True when rule 2 above refuses the request. */
export function isCrossSite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  if (/^Bearer\s+\S+$/i.test(request.headers.get("authorization") ?? "")) return false;
  const origin = request.headers.get("origin");
  const host = request.headers.get("host") ?? "";
  if (origin !== null) return !sameOrigin(origin, host);
  // No Origin: not a browser. Refused only if a cookie would make it act for someone.
  return AUTH_COOKIE.test(request.headers.get("cookie") ?? "");
}
