// Keep-alive HTTP for the bench: fetch() pools connections per host; we bound what is in
// flight ourselves (≤ 200) because one Bun process stops at 256 concurrent fetches.
//
// A simulated phone sends from an address of its own (`from`, a 127.x.y.z: all of 127.0.0.0/8 is
// this machine on Linux), so the server's per-address limits see a LAN of separate devices, as in a
// classroom, rather than one host. fetch() cannot bind its socket; a phone keeps one keep-alive
// connection of its own instead (phone-http.ts).
import { PhoneConnection } from "./phone-http.ts";

export type HttpResult = { status: number; body: string; cookies: Record<string, string>; error?: string };

export type HttpInit = { method?: string; cookie?: string; json?: unknown; form?: Record<string, string>; bearer?: string; from?: string };

/** The loopback address of simulated phone `i` (0-based): 127.100.0.1, 127.100.0.2, … — never the teacher's 127.0.0.1. */
export function phoneAddress(i: number): string {
  const n = i + 1;
  return `127.${100 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

const phones = new Map<string, PhoneConnection>();

function cookiesOf(lines: string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const line of lines) {
    const pair = line.slice(0, line.indexOf(";") < 0 ? line.length : line.indexOf(";"));
    const eq = pair.indexOf("=");
    cookies[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return cookies;
}

async function fromAddress(base: string, path: string, method: string, headers: Record<string, string>, body: string | undefined, from: string): Promise<HttpResult> {
  const port = Number(new URL(base).port);
  const key = `${from}:${port}`;
  let phone = phones.get(key);
  if (!phone) phones.set(key, (phone = new PhoneConnection(port, from)));
  // Browsers send Origin with every POST; the server refuses a cookie-authenticated change without it.
  if (method !== "GET") headers.origin = base;
  const r = await phone.request(method, path, headers, body);
  return { status: r.status, body: r.body, cookies: cookiesOf(r.setCookies), ...(r.error ? { error: r.error } : {}) };
}

/** Closes every phone's connection (end of a run). */
export function closePhones(): void {
  for (const p of phones.values()) p.close();
  phones.clear();
}

export async function http(base: string, path: string, init: HttpInit = {}): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.json !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(init.json); }
  if (init.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(init.form).toString(); }
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  const method = init.method ?? (body === undefined ? "GET" : "POST");
  if (init.from) return fromAddress(base, path, method, headers, body, init.from);
  if (method !== "GET") headers.origin = base;
  try {
    const res = await fetch(base + path, { method, headers, body, redirect: "manual" });
    return { status: res.status, body: await res.text(), cookies: cookiesOf(res.headers.getSetCookie()) };
  } catch (err) {
    return { status: 0, body: "", cookies: {}, error: String((err as Error)?.message ?? err).slice(0, 80) };
  }
}

/** At most `limit` tasks at once; resolves when a slot is free. */
export class Gate {
  inFlight = 0;
  private waiting: (() => void)[] = [];
  constructor(readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.limit) await new Promise<void>((ok) => this.waiting.push(ok));
    this.inFlight++;
    try {
      return await task();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }
  /** Resolves once nothing is in flight. */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await Bun.sleep(5);
  }
}

export function cookieHeader(jar: Record<string, string>): string {
  return Object.entries(jar).map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The SSE URL a page would connect to (its `hx-sse:connect` attribute). */
export function sseUrlOf(html: string): string | null {
  const m = /hx-sse:connect="([^"]+)"/.exec(html);
  return m ? m[1]!.replaceAll("&amp;", "&") : null;
}
