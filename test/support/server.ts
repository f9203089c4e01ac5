// Starts the real app on a free port against a fresh SQLite file, the way main.ts does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultConfig, type Config } from "../../src/config.ts";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { ensureAdminPassword } from "../../src/auth/teacher.ts";
import { buildApp, buildDeps } from "../../src/app.ts";
import { closeAllStreams } from "../../src/realtime/sse.ts";
import type { AppDeps } from "../../src/deps.ts";
import { boundFetch, phoneAddress } from "./bound-fetch.ts";

export { phoneAddress };

export const TEACHER_PASSWORD = "test-password";

export type TestServer = {
  url: string;
  deps: AppDeps;
  dir: string;
  /** A bearer token for teacher API calls. */
  teacherToken: string;
  teacher: Record<string, string>;
  stop(): Promise<void>;
};

/** `prepare` may write the database file before the server opens it (e.g. a school's history). */
export async function startServer(overrides: Partial<Config> = {}, opts: { prepare?: (dbFile: string) => void } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "tmc-test-"));
  // Automatic backups off unless a test asks: a finished game would otherwise start a copy.
  const config: Config = { ...defaultConfig(), data: dir, adminPassword: TEACHER_PASSWORD, coalesceMs: 50, rateLimitCreate: "off", autoBackup: false, ...overrides };
  opts.prepare?.(join(dir, "tmc.db"));
  const db = openDb(join(dir, "tmc.db"));
  migrateDb(db);
  ensureAdminPassword(db, config.adminPassword);
  const deps = buildDeps(db, config);
  deps.clock.resumeAll();
  const app = await buildApp(deps);
  app.listen({ port: 0, hostname: "127.0.0.1" });
  const url = `http://127.0.0.1:${app.server!.port}`;
  const login = await fetch(`${url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: TEACHER_PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  return {
    url,
    deps,
    dir,
    teacherToken: token,
    teacher: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    async stop() {
      closeAllStreams();
      await app.server?.stop(true);
      deps.clock.stop();
      deps.bus.close();
      await deps.ops.stop();
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser-like client: keeps its cookies (device + seat) between requests and, as browsers do,
 * sends an Origin header with every POST. With an `address` (see phoneAddress), it connects from
 * that loopback address, as a separate phone on a LAN would.
 */
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly base: string, readonly extraHeaders: Record<string, string> = {}, readonly address?: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) if (!headers.has(k)) headers.set(k, v);
    if (!["GET", "HEAD"].includes((init.method ?? "GET").toUpperCase()) && !headers.has("origin")) headers.set("origin", this.base);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = this.address ? await boundFetch(this.base + path, { ...init, headers }, this.address) : await fetch(this.base + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields).toString() });
  }

  /** Visits the home page once, as a browser would, so the client has its device cookie. */
  async visit(): Promise<this> {
    await this.fetch("/");
    return this;
  }
}

/** A browser logged in as the teacher through the login form (session cookie). */
export async function teacherBrowser(s: TestServer, address?: string): Promise<Client> {
  const client = await new Client(s.url, {}, address).visit();
  const res = await client.postForm("/login", { password: TEACHER_PASSWORD });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return client;
}

export async function createGame(s: TestServer, body: Record<string, unknown> = {}): Promise<{ gameId: number; gameCode: string; teams: { id: number; name: string }[] }> {
  const res = await fetch(`${s.url}/api/create-game`, { method: "POST", headers: s.teacher, body: JSON.stringify({ title: "Test game", teamCount: 4, maxParticipants: 40, ...body }) });
  if (res.status !== 201) throw new Error(`create-game: ${res.status} ${await res.text()}`);
  return (await res.json()) as { gameId: number; gameCode: string; teams: { id: number; name: string }[] };
}

/**
 * Joins as a fresh device — a phone of its own on the LAN (its own loopback address) unless
 * `address` says otherwise (null: 127.0.0.1, the teacher's machine). Returns the client (holding
 * the seat cookie) and the JSON answer.
 */
export async function joinAs(s: TestServer, gameCode: string, nickname: string, extra: Record<string, unknown> = {}, address: string | null = phoneAddress()) {
  const client = await new Client(s.url, {}, address ?? undefined).visit();
  const res = await client.postJson("/api/join-game", { gameCode, nickname, ...extra });
  const body = (await res.json()) as Record<string, unknown>;
  return { client, res, body };
}

/** Reads an SSE stream until `until` matches the accumulated text or the timeout passes. */
export async function readSse(res: Response, until: (text: string) => boolean, timeoutMs = 5000): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + timeoutMs;
  try {
    while (!until(text)) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const chunk = await Promise.race([reader.read(), Bun.sleep(left).then(() => null)]);
      if (!chunk || chunk.done) break;
      const value = chunk.value as Uint8Array | string;
      text += typeof value === "string" ? value : decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text;
}
