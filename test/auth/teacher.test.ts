import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, joinAs, phoneAddress, startServer, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";

let s: TestServer;
let gameId: number;
let studentToken: string;
beforeAll(async () => {
  s = await startServer();
  const g = await createGame(s);
  gameId = g.gameId;
  studentToken = (await joinAs(s, g.gameCode, "student")).body.token as string;
});
afterAll(async () => { await s.stop(); });

const TEACHER_API: [string, string, unknown?][] = [
  ["POST", "/api/create-game", { title: "x", teamCount: 2, maxParticipants: 10 }],
  ["GET", "/api/games"],
  ["POST", "/api/games/{id}/start"],
  ["POST", "/api/games/{id}/finish"],
  ["POST", "/api/games/{id}/lock"],
  ["POST", "/api/games/{id}/unlock"],
  ["POST", "/api/games/{id}/rounds", { type: "year_game" }],
];

const TEACHER_PAGES: [string, string][] = [
  ["GET", "/teacher"],
  ["GET", "/teacher/games/{id}"],
  ["POST", "/teacher/games"],
  ["POST", "/teacher/games/{id}/start"],
  ["POST", "/teacher/games/{id}/finish"],
  ["POST", "/teacher/games/{id}/lock"],
  ["POST", "/teacher/games/{id}/shuffle"],
  ["POST", "/teacher/games/{id}/rebalance"],
];

function call(method: string, path: string, body: unknown, headers: Record<string, string>) {
  return fetch(s.url + path.replace("{id}", String(gameId)), {
    method,
    redirect: "manual",
    headers: { "content-type": "application/json", ...headers },
    body: method === "GET" ? undefined : JSON.stringify(body ?? {}),
  });
}

describe("teacher access", () => {
  for (const [method, path, body] of TEACHER_API) {
    test(`${method} ${path} without credentials is 401, with a student token 403`, async () => {
      const anon = await call(method, path, body, {});
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as any).error.code).toBe("unauthorized");
      const student = await call(method, path, body, { authorization: `Bearer ${studentToken}` });
      expect(student.status).toBe(403);
      expect(((await student.json()) as any).error.code).toBe("forbidden");
      const forged = await call(method, path, body, { authorization: "Bearer T" + "A".repeat(32) });
      expect(forged.status).toBe(401);
    });
  }

  for (const [method, path] of TEACHER_PAGES) {
    test(`${method} ${path} without a session sends the browser to the login page`, async () => {
      const res = await fetch(s.url + path.replace("{id}", String(gameId)), { method, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: method === "GET" ? undefined : "title=x&teamCount=2&maxParticipants=3" });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toStartWith("/login?next=");
    });
  }

  test("the game state did not change through any refused call", async () => {
    const state = (await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json()) as any;
    expect(state.game.status).toBe("waiting");
    expect(state.game.locked).toBe(false);
  });

  test("the login page sets an HttpOnly SameSite=Strict session cookie that opens the dashboard", async () => {
    const browser = await new Client(s.url).visit();
    const wrong = await browser.postForm("/login", { password: "nope", next: "/teacher" });
    expect(wrong.status).toBe(401);
    const res = await browser.postForm("/login", { password: TEACHER_PASSWORD, next: "/teacher" });
    expect(res.status).toBe(303);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("tmc_teacher="))!;
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    const dash = await browser.fetch("/teacher");
    expect(dash.status).toBe(200);
    // logging out ends the session
    await browser.fetch("/logout", { method: "POST" });
    expect((await browser.fetch("/teacher")).status).toBe(303);
  });

  test("POST /api/login returns a bearer token; a wrong password is 401", async () => {
    const bad = await fetch(`${s.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "wrong" }) });
    expect(bad.status).toBe(401);
    const good = await fetch(`${s.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: TEACHER_PASSWORD }) });
    const { token } = (await good.json()) as any;
    expect((await fetch(`${s.url}/api/games`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  test("login attempts are rate limited", async () => {
    const limited = await (await import("../support/server.ts")).startServer({ rateLimitLogin: { limit: 3, windowMs: 60_000 } });
    try {
      // From a phone's address: the server's own start-up login (from 127.0.0.1) is not in this window.
      const c = await new Client(limited.url, {}, phoneAddress()).visit();
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await c.postJson("/api/login", { password: "guess" + i })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.stop();
    }
  });

  test("a next= pointing to another site is ignored", async () => {
    const browser = await new Client(s.url).visit();
    const res = await browser.postForm("/login", { password: TEACHER_PASSWORD, next: "//evil.example/x" });
    // the dashboard, or the day guide that a first login shows before it
    expect(res.headers.get("location")).toMatch(/^\/teacher(\/guide)?$/);
  });
});
