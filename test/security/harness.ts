// The bad-input battery's fixture and checks: a real server with a waiting game, a running Year
// Game, a Relay Quiz and a Score Steal question open, request builders over the endpoint table,
// and the "refused cleanly" assertions.
import { expect } from "bun:test";
import { connect } from "node:net";
import { ERRORS } from "../../src/errors.ts";
import { ROOT } from "../../src/paths.ts";
import { Client, startServer, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";
import { seatedGame, startYear, type Seat } from "../support/year.ts";
import { TINY_PNG } from "../support/images.ts";
import { makeRelaySets, startRelay } from "../support/relay.ts";
import { addStealQuestions, startSteal } from "../support/steal.ts";
import { defaultAction, type Endpoint } from "./endpoints.ts";

export type Fixture = {
  s: TestServer;
  /** Teacher browser (cookie session). */
  teacher: Client;
  /** Waiting game: lobby controls act on it. */
  W: { id: number; code: string; teams: number[]; student: Seat };
  /** Running game with an open Year Game round. */
  R: { id: number; code: string; round: number; student: Seat };
  /** A relay question of the bank (set BAT1, order 1) with an image. */
  Q: { id: number; set: string; image: string };
  /** Running game with an open Relay Quiz: `student` (A) and `teammate` (B) of team 1; `q2` a question of cycle 2 (nobody's turn yet). */
  L: { id: number; code: string; round: number; student: Seat; teammate: Seat; q2: number };
  /** Running game with a Score Steal round whose one question is open for an hour: `student` of team 1, `team2` its other team. Nobody has answered. */
  S: { id: number; code: string; round: number; student: Seat; team2: number };
  /** Every secret issued during the run, for the log check. */
  secrets: string[];
  log: string[];
  restoreConsole(): void;
};

/** Starts the app with rate limits off (so the battery reaches the validation it means to test). */
/** afterAll of every battery file: restores the console, reports the request tally, stops the server. */
export async function stopBattery(fx: Fixture | undefined): Promise<void> {
  if (!fx) return;
  fx.restoreConsole();
  console.info("security battery, requests so far by category:", tally);
  await fx.s.stop();
}

export async function startBattery(): Promise<Fixture> {
  const log: string[] = [];
  const original = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  for (const k of ["error", "warn", "log", "info"] as const) {
    console[k] = (...args: unknown[]) => {
      log.push(args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}\n${a.stack ?? ""}` : typeof a === "string" ? a : Bun.inspect(a))).join(" "));
    };
  }
  let s: TestServer;
  try {
    // Upload routes have larger limits of their own; here a restore's is under 1 MB so that the oversized-body
    // battery (1 MB and 10 MB) finds it over the limit like every other route, and a small import limit keeps
    // the oversized-upload checks quick (and proves the limit is configurable).
    s = await startServer({ rateLimitJoin: "off", rateLimitJoinAddress: "off", rateLimitAnswer: "off", rateLimitAnswerAddress: "off", rateLimitLogin: "off", loginBackoff: "off", restoreLimitBytes: 512 * 1024, importLimitBytes: 2 * 1024 * 1024 });
  } catch (err) {
    Object.assign(console, original);
    throw err;
  }
  const teacher = await new Client(s.url).visit();
  await teacher.postForm("/login", { password: TEACHER_PASSWORD });
  const running = await seatedGame(s, 2, 1);
  const { sessionId } = await startYear(s, running.gameId, { durationSeconds: 3600 });
  // The relay game: two teams of two, an hour per cycle.
  const relay = await seatedGame(s, 2, 2);
  const bank = makeRelaySets(s.deps.db, "bat");
  const relayRound = await startRelay(s, relay.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [3600] });
  // The Score Steal game: two teams of one, its question open for an hour (a valid answer would be judged).
  const steal = await seatedGame(s, 2, 1);
  const stealRound = await startSteal(s, steal.gameId, { questionIds: addStealQuestions(s, [{ text: "Battery steal", answer: "1" }]), secondsPerQuestion: 3600 });
  const opened = await fetch(`${s.url}/api/games/${steal.gameId}/rounds/${stealRound.sessionId}/open`, { method: "POST", headers: s.teacher, body: "{}" });
  if (opened.status !== 200) throw new Error(`battery: open the steal question: ${await opened.text()}`);
  // The waiting game: choose mode, one seated student, a second team to move to.
  const wRes = await fetch(`${s.url}/api/create-game`, { method: "POST", headers: s.teacher, body: JSON.stringify({ title: "Waiting", teamCount: 2, maxParticipants: 10, joinMode: "choose" }) });
  const w = (await wRes.json()) as { gameId: number; gameCode: string; teams: { id: number }[] };
  const wStudent = await new Client(s.url).visit();
  const joined = (await (await wStudent.postJson("/api/join-game", { gameCode: w.gameCode, nickname: "waiter", teamId: w.teams[0]!.id })).json()) as { participantId: number; token: string };
  const Q = await bankQuestion(s);
  const fx: Fixture = {
    s,
    Q,
    teacher,
    W: { id: w.gameId, code: w.gameCode, teams: w.teams.map((t) => t.id), student: { client: wStudent, participantId: joined.participantId, teamId: w.teams[0]!.id, token: joined.token, nickname: "waiter" } },
    R: { id: running.gameId, code: running.gameCode, round: sessionId, student: running.seats[0]![0]! },
    L: { id: relay.gameId, code: relay.gameCode, round: relayRound.sessionId, student: relay.seats[0]![0]!, teammate: relay.seats[0]![1]!, q2: bank[0]!.ids[1]! },
    S: { id: steal.gameId, code: steal.gameCode, round: stealRound.sessionId, student: steal.seats[0]![0]!, team2: steal.teams[1]!.id },
    secrets: [TEACHER_PASSWORD, s.teacherToken, teacher.cookies.get("tmc_teacher")!, joined.token, ...[running, relay, steal].flatMap((g) => g.seats.flat().map((x) => x.token))],
    log,
    restoreConsole() {
      Object.assign(console, original);
    },
  };
  return fx;
}

/** The bank's fixture: a relay question with an image, made through the API. */
async function bankQuestion(s: TestServer): Promise<Fixture["Q"]> {
  const set = "BAT1";
  const res = await fetch(`${s.url}/api/questions`, { method: "POST", headers: s.teacher, body: JSON.stringify({ category: "relay", set, order: 1, text: "Battery $\\frac{1}{2}$", answer: "2", tags: ["battery"] }) });
  const { id } = (await res.json()) as { id: number };
  const form = new FormData();
  form.set("file", new File([TINY_PNG], "q.png"));
  const img = await fetch(`${s.url}/api/questions/${id}/image`, { method: "POST", headers: { authorization: `Bearer ${s.teacherToken}` }, body: form });
  const { imageUrl } = (await img.json()) as { imageUrl: string };
  return { id, set, image: imageUrl.split("/").pop()! };
}

/** Fills :W, :Rcode, … in a path (or one value). Ids stay numbers in JSON bodies. */
export function fill(fx: Fixture, value: string, asNumber = false): string | number {
  const map: Record<string, string | number> = {
    ":Wcode": fx.W.code, ":Wteam2": fx.W.teams[1]!, ":Wteam": fx.W.teams[0]!, ":Wpid": fx.W.student.participantId, ":W": fx.W.id,
    ":Rcode": fx.R.code, ":R": fx.R.id, ":round": fx.R.round, ":n": 1,
    ":Q": fx.Q.id, ":set": fx.Q.set, ":img": fx.Q.image, ":pos": 1, ":event": 999999,
    ":Lcode": fx.L.code, ":Lround": fx.L.round, ":Lpid2": fx.L.teammate.participantId, ":Lpid": fx.L.student.participantId, ":Lq2": fx.L.q2, ":L": fx.L.id,
    ":Sround": fx.S.round, ":Steam2": fx.S.team2, ":S": fx.S.id,
  };
  if (value in map) return asNumber ? map[value]! : String(map[value]!);
  return value;
}

export const PARAM_RE = /:(Wcode|Wteam2|Wteam|Wpid|W|Rcode|R|round|Lcode|Lround|Lpid2|Lpid|Lq2|L|Sround|Steam2|S|n|action|lang|Q|set|img|pos|event)\b/g;

export function fillPath(fx: Fixture, ep: Endpoint, override?: { param: string; value: string }): string {
  return ep.path.replace(PARAM_RE, (m) => {
    if (override && m === override.param) return override.value;
    if (m === ":action") return defaultAction(ep.path);
    if (m === ":lang") return "en";
    return String(fill(fx, m));
  });
}

export function fillQuery(fx: Fixture, ep: Endpoint, override?: { key: string; value: string }): string {
  if (!ep.query) return "";
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(ep.query)) q.set(k, override?.key === k ? override.value : String(fill(fx, v)));
  return "?" + q.toString();
}

/** The valid body with placeholders filled; JSON keeps numbers for ids. */
export function validBody(fx: Fixture, ep: Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ep.valid ?? {})) out[k] = typeof v === "string" ? fill(fx, v, ep.body === "json") : v;
  return out;
}

/** Who is asking, as the endpoint expects: the teacher's cookie, the running game's student, or nobody. */
export function authHeaders(fx: Fixture, ep: Endpoint): Record<string, string> {
  if (ep.auth === "teacher") return { cookie: `tmc_teacher=${fx.teacher.cookies.get("tmc_teacher")}`, authorization: `Bearer ${fx.s.teacherToken}` };
  if (ep.auth === "student") return { cookie: `tmc_seat=${(ep.game ? fx[ep.game] : fx.R).student.token}` };
  return {};
}

export type Sent = { label: string; res: Response; text: string; ms: number };

/** Sends one request as the endpoint's rightful caller unless `headers` says otherwise. */
export async function send(fx: Fixture, ep: Endpoint, opts: { path?: string; query?: string; body?: BodyInit | null; contentType?: string; headers?: Record<string, string>; label: string; asCaller?: boolean }): Promise<Sent> {
  // Browsers send Origin with every POST; the battery does too (cross-site requests are tested apart).
  const origin: Record<string, string> = ep.method === "GET" ? {} : { origin: fx.s.url };
  const headers: Record<string, string> = { "accept-language": "en", ...origin, ...(opts.asCaller === false ? {} : authHeaders(fx, ep)), ...(opts.contentType ? { "content-type": opts.contentType } : {}), ...opts.headers };
  const url = fx.s.url + (opts.path ?? fillPath(fx, ep)) + (opts.query ?? fillQuery(fx, ep));
  const started = performance.now();
  const controller = new AbortController();
  const res = await fetch(url, { method: ep.method, headers, body: ep.method === "GET" ? undefined : opts.body, redirect: "manual", signal: controller.signal, ...(opts.body instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
  let text: string;
  if ((res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    // A stream that opened: keep what arrived first and hang up.
    text = "(stream)";
    controller.abort();
  } else {
    text = await res.text();
  }
  return { label: opts.label, res, text, ms: performance.now() - started };
}

export function encodeBody(kind: "json" | "form" | "multipart", body: Record<string, unknown>): { body: BodyInit; contentType?: string } {
  if (kind === "json") return { body: JSON.stringify(body), contentType: "application/json" };
  if (kind === "form") {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) {
      if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
      else if (v !== undefined) q.append(k, typeof v === "string" ? v : JSON.stringify(v));
    }
    return { body: q.toString(), contentType: "application/x-www-form-urlencoded" };
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) {
    if (k === "file" && typeof v === "string") form.set(k, new File([v], "roster.csv", { type: "text/csv" }));
    else if (v !== undefined) form.set(k, typeof v === "string" ? v : JSON.stringify(v));
  }
  return { body: form };
}

const STACK_PATTERNS: RegExp[] = [/\n\s+at\s+\S/, /\bat\s+\S+\s+\(.*:\d+:\d+\)/, /node_modules/, /\.tsx?:\d+/, /RangeError|TypeError|ReferenceError|SyntaxError|SQLiteError|SQLITE_/, /Maximum call stack/];

/** Nothing in a response may point inside the server: no stack, no file path, no engine error. */
export function expectNoLeak(r: Sent): void {
  const where = `${r.label}: ${r.text.slice(0, 300)}`;
  for (const re of STACK_PATTERNS) expect(re.test(r.text), `${where} — matches ${re}`).toBe(false);
  expect(r.text.includes(ROOT), `${where} — contains the install path`).toBe(false);
}

const CODES = new Set(Object.keys(ERRORS));

export type Refusal = { status?: number | number[]; code?: string | string[]; /** extra allowed answers besides 4xx, e.g. a redirect to the login page */ redirectTo?: RegExp };

/**
 * A clean refusal: a 4xx with a stable error code and a readable message — JSON for /api,
 * an HTML page or fragment for pages (or the documented redirect) — and no leak.
 */
export function expectRefused(ep: Endpoint, r: Sent, want: Refusal = {}): void {
  const where = `${r.label} → ${r.res.status} ${r.text.slice(0, 240)}`;
  expectNoLeak(r);
  if (want.redirectTo && r.res.status === 303) {
    expect(r.res.headers.get("location") ?? "", where).toMatch(want.redirectTo);
    return;
  }
  expect(r.res.status >= 400 && r.res.status < 500, where).toBe(true);
  if (want.status !== undefined) expect([want.status].flat(), where).toContain(r.res.status);
  const type = r.res.headers.get("content-type") ?? "";
  if (ep.api || type.includes("application/json")) {
    expect(type, where).toContain("application/json");
    const body = JSON.parse(r.text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, where).toBe("string");
    expect(CODES.has(body.error!.code as string), `${where} — unknown code`).toBe(true);
    expect(typeof body.error?.message === "string" && body.error.message.length > 3, where).toBe(true);
    if (want.code !== undefined) expect([want.code].flat(), where).toContain(body.error!.code as string);
  } else {
    expect(type, where).toContain("text/html");
    expect(r.text.length, where).toBeGreaterThan(10);
    // The page shows a readable message; a stable code's text, a name rule or an expression problem.
    expect(/class="[^"]*\b(notice-error|preview-error)\b[^"]*"/.test(r.text), `${where} — no readable error`).toBe(true);
    if (want.code !== undefined) {
      // Pages carry the code as its message, or as its status when the route words it more precisely.
      const codes = [want.code].flat() as (keyof typeof ERRORS)[];
      const shown = codes.some((c) => r.text.includes(ERRORS[c].en) || r.text.includes(ERRORS[c].en.replace(/'/g, "&#39;")) || r.res.status === ERRORS[c].status);
      expect(shown, `${where} — expected ${want.code}`).toBe(true);
    }
  }
}

/** Never a server error, whatever the answer is. */
export function expectNo5xx(r: Sent): void {
  expect(r.res.status < 500, `${r.label} → ${r.res.status} ${r.text.slice(0, 240)}`).toBe(true);
  expectNoLeak(r);
}

export type Snapshot = { counts: Record<string, number>; settings: string; states: unknown[] };

/** Row counts of every table, the settings (password hash) and every game's /api/game-state. */
export async function snapshot(fx: Fixture): Promise<Snapshot> {
  const sqlite = fx.s.deps.db.$client;
  const tables = sqlite.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = (sqlite.query(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  const settings = JSON.stringify(sqlite.query("SELECT * FROM settings ORDER BY key").all());
  const states = [];
  for (const id of [fx.W.id, fx.R.id, fx.L.id, fx.S.id]) {
    const state = (await (await fetch(`${fx.s.url}/api/game-state?gameId=${id}`, { headers: fx.s.teacher })).json()) as { round?: Record<string, unknown> | null };
    if (state.round) {
      delete state.round.remainingMs;
      delete state.round.serverNow;
      // A relay's teams count down each on their own.
      for (const team of (state.round.teams ?? []) as Record<string, unknown>[]) delete team.remainingMs;
      // So does a Score Steal question in each bracket.
      for (const bracket of (state.round.brackets ?? []) as Record<string, unknown>[]) delete bracket.remainingMs;
    }
    states.push(state);
  }
  return { counts, settings, states };
}

/** Data unchanged, except tables a batch may legitimately write (abuse records, judged attempts). */
export function expectUnchanged(before: Snapshot, after: Snapshot, except: string[] = []): void {
  const strip = (c: Record<string, number>) => Object.fromEntries(Object.entries(c).filter(([k]) => !except.includes(k) && k !== "abuse_events"));
  expect(strip(after.counts)).toEqual(strip(before.counts));
  expect(after.settings).toBe(before.settings);
  expect(after.states).toEqual(before.states);
}

export async function expectHealthy(fx: Fixture): Promise<void> {
  const res = await fetch(`${fx.s.url}/api/health`);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { status: string }).status).toBe("ok");
}

/** The log holds no password or token, and no 5xx was logged. */
export function expectCleanLog(fx: Fixture, extraSecrets: string[] = []): void {
  const text = fx.log.join("\n");
  for (const secret of [...fx.secrets, ...extraSecrets]) expect(text.includes(secret), `log contains a secret (${secret.slice(0, 3)}…)`).toBe(false);
  expect(text, "the server logged a failure").not.toMatch(/http: .* failed/);
}

/**
 * Sends bytes exactly as given (fetch would normalise `..` and encodings in the path, and will not
 * send a GET with a body). An event stream is cut off once its head has arrived.
 */
export function rawRequest(url: string, requestLine: string, headers: string[] = [], body = ""): Promise<{ status: number; head: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${requestLine}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n${headers.map((h) => h + "\r\n").join("")}\r\n`);
      if (body) socket.write(body);
    });
    const chunks: Buffer[] = [];
    const parse = () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const head = split === -1 ? text : text.slice(0, split);
      return { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0), head, body: split === -1 ? "" : text.slice(split + 4) };
    };
    socket.on("data", (c: Buffer | string) => {
      chunks.push(typeof c === "string" ? Buffer.from(c) : c);
      const r = parse();
      if (r.body !== "" && /content-type: text\/event-stream/i.test(r.head)) socket.destroy();
    });
    // The server may answer and close before the whole body is written.
    socket.on("error", (err: NodeJS.ErrnoException) => (err.code === "EPIPE" || err.code === "ECONNRESET" ? socket.destroy() : reject(err)));
    socket.setTimeout(5000, () => socket.destroy(new Error("raw request timed out")));
    socket.on("close", () => resolve(parse()));
  });
}

/** A stream body with no Content-Length (chunked transfer). */
export function chunkedBody(totalBytes: number, chunk = 64 * 1024, fill = "x"): ReadableStream<Uint8Array> {
  const piece = new TextEncoder().encode(fill.repeat(chunk));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const n = Math.min(chunk, totalBytes - sent);
      controller.enqueue(n === chunk ? piece : piece.subarray(0, n));
      sent += n;
    },
  });
}

/** Counts requests per category for the report. */
export const tally: Record<string, number> = {};
export function count(category: string, n = 1): void {
  tally[category] = (tally[category] ?? 0) + n;
}
