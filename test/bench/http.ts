// Keep-alive HTTP for the bench: fetch() pools connections per host; we bound what is in
// flight ourselves (≤ 200) because one Bun process stops at 256 concurrent fetches.

export type HttpResult = { status: number; body: string; cookies: Record<string, string>; error?: string };

export type HttpInit = { method?: string; cookie?: string; json?: unknown; form?: Record<string, string>; bearer?: string };

export async function http(base: string, path: string, init: HttpInit = {}): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.json !== undefined) { headers["content-type"] = "application/json"; body = JSON.stringify(init.json); }
  if (init.form) { headers["content-type"] = "application/x-www-form-urlencoded"; body = new URLSearchParams(init.form).toString(); }
  if (init.cookie) headers.cookie = init.cookie;
  if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
  try {
    const res = await fetch(base + path, { method: init.method ?? (body === undefined ? "GET" : "POST"), headers, body, redirect: "manual" });
    const cookies: Record<string, string> = {};
    for (const line of res.headers.getSetCookie()) {
      const pair = line.slice(0, line.indexOf(";") < 0 ? line.length : line.indexOf(";"));
      const eq = pair.indexOf("=");
      cookies[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
    return { status: res.status, body: await res.text(), cookies };
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
