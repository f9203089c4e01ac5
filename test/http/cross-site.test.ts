// Requests from another site (or this host at another port — the same "site", so SameSite
// cookies go along) must change nothing when a cookie is what authenticates them; redirects stay
// on this server; the Host header must name this server; a finished game's state is the teacher's.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import http from "node:http";
import { Client, createGame, joinAs, startServer, TEACHER_PASSWORD, teacherBrowser, type TestServer } from "../support/server.ts";
import { freePort } from "../support/child-server.ts";
import { dismissDayGuide } from "../../src/guide/dismissal.ts";

const ROOT = join(import.meta.dir, "..", "..");
let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  // The first login lands on the day guide; here the redirect itself is what is looked at.
  dismissDayGuide(s.deps.db);
});
afterAll(async () => { await s.stop(); });

const state = async (gameId: number) => (await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json()) as { game: { status: string; locked: boolean }; participants: unknown[] };
const sameSiteOtherPort = () => s.url.replace(/:\d+$/, ":8080");

describe("cross-site requests", () => {
  test("a form on this host at another port posting the lobby's controls with the teacher's cookie changes nothing", async () => {
    const teacher = await teacherBrowser(s);
    const g = await createGame(s);
    for (const action of ["start", "lock", "finish", "late-join-off"]) {
      const res = await teacher.postForm(`/teacher/games/${g.gameId}/${action}`, {}, { origin: sameSiteOtherPort() });
      expect(res.status, action).toBe(403);
      expect(await res.text()).toContain("다른 페이지나 사이트에서 온 요청");
    }
    const api = await teacher.fetch(`/api/games/${g.gameId}/start`, { method: "POST", headers: { origin: sameSiteOtherPort() } });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("cross_site");
    expect((await state(g.gameId)).game).toMatchObject({ status: "waiting", locked: false });
    // The same request from the teacher's own page works.
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/lock`, {})).status).toBe(303);
    expect((await state(g.gameId)).game.locked).toBe(true);
  });

  test("a cookie-authenticated change without any Origin is refused; a bearer token is not affected by Origin", async () => {
    const teacher = await teacherBrowser(s);
    const g = await createGame(s);
    const cookie = `tmc_teacher=${teacher.cookies.get("tmc_teacher")}`;
    expect((await fetch(`${s.url}/teacher/games/${g.gameId}/start`, { method: "POST", headers: { cookie }, redirect: "manual" })).status).toBe(403);
    expect((await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: { ...s.teacher, origin: "http://evil.example" } })).status).toBe(200);
  });

  test("a student's seat cookie sent from another site is refused", async () => {
    const g = await createGame(s);
    const kid = await joinAs(s, g.gameCode, "kid");
    const res = await kid.client.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "x" }, { origin: "http://evil.example" });
    expect(res.status).toBe(403);
  });

  test("another site's form posting /api/join-game or /join seats nobody", async () => {
    const g = await createGame(s);
    const body = new URLSearchParams({ gameCode: g.gameCode, nickname: "csrf" }).toString();
    for (const path of ["/api/join-game", "/join"]) {
      const res = await fetch(s.url + path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" }, body, redirect: "manual" });
      expect(res.status, path).toBe(403);
    }
    expect((await state(g.gameId)).participants).toEqual([]);
  });

  const canUnshare = process.platform === "linux" && process.getuid?.() === 0 && Bun.spawnSync(["unshare", "-n", "true"]).exitCode === 0;
  test.skipIf(!canUnshare)("through a LAN address (10.77.0.1, in a network namespace of its own): cross-port posts change nothing, the teacher's own page and a bearer token work, a foreign Host is refused", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tmc-netns-"));
    try {
      const port = await freePort();
      const bun = process.execPath;
      // Addresses exist only inside the namespace: no test traffic reaches the machine's real network.
      const script = [
        "set -e",
        "ip link set lo up",
        "ip link add tmc0 type dummy 2>/dev/null && ip link set tmc0 up && ip addr add 10.77.0.1/24 dev tmc0 || ip addr add 10.77.0.1/24 dev lo",
        `"${bun}" "${join(ROOT, "src/main.ts")}" --port ${port} --data "${dir}" > "${dir}/server.log" 2>&1 &`,
        "SERVER=$!",
        `"${bun}" "${join(import.meta.dir, "netns-client.ts")}" 10.77.0.1 ${port} || { kill $SERVER; cat "${dir}/server.log"; exit 1; }`,
        "kill $SERVER; wait $SERVER || true",
      ].join("\n");
      const run = Bun.spawn(["unshare", "-n", "sh", "-c", script], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TMC_ADMIN_PASSWORD: TEACHER_PASSWORD }, stdout: "pipe", stderr: "pipe" });
      const [out, err] = [await new Response(run.stdout).text(), await new Response(run.stderr).text()];
      expect(await run.exited, `${out}\n${err}`).toBe(0);
      const r = JSON.parse(out.trim().split("\n").pop()!) as Record<string, any>;
      expect(r.loginStatus).toBe(303);
      expect(r.hasTeacherCookie).toBe(true);
      expect([r.crossPort_start, r.crossPort_lock, r.crossPort_finish, r.crossPortApi]).toEqual([403, 403, 403, 403]);
      expect(r.afterCrossPort.game).toMatchObject({ status: "waiting", locked: false });
      expect([r.crossSiteJoin, r.crossSiteJoinPage, r.participantsAfterCrossSite]).toEqual([403, 403, 0]);
      expect([r.sameOriginLock, r.bearerStart]).toEqual([303, 200]);
      expect(r.afterOwn.game).toMatchObject({ status: "started", locked: true });
      expect([r.ownHost, r.foreignHost]).toEqual([200, 421]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("redirects stay on this server", () => {
  test("after login, next=/%09/evil.example/x (a tab a browser drops, leaving //evil.example) goes to /teacher, for a form and for htmx", async () => {
    const raw = "password=" + encodeURIComponent(TEACHER_PASSWORD) + "&next=/%09/evil.example/x";
    const form = await fetch(`${s.url}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: s.url }, body: raw, redirect: "manual" });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/teacher");
    const htmx = await fetch(`${s.url}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", origin: s.url, "hx-request": "true" }, body: raw, redirect: "manual" });
    expect(htmx.headers.get("hx-redirect")).toBe("/teacher");
    for (const next of ["/\n/evil.example", "/\r\n/evil.example", "/\\/evil.example", "/\t\\evil.example", "http:/evil.example", "/ /evil.example"]) {
      const c = await new Client(s.url).visit();
      const res = await c.postForm("/login", { password: TEACHER_PASSWORD, next });
      const location = res.headers.get("location")!;
      expect(new URL(location, "http://tmc.invalid").origin, JSON.stringify(next)).toBe("http://tmc.invalid");
    }
    // A path on this server is kept.
    const kept = await (await new Client(s.url).visit()).postForm("/login", { password: TEACHER_PASSWORD, next: "/teacher/games/1?x=1" });
    expect(kept.headers.get("location")).toBe("/teacher/games/1?x=1");
  });

  test("the login page's hidden next field carries only a local path", async () => {
    const page = await (await fetch(`${s.url}/login?next=${encodeURIComponent("/\t/evil.example/x")}`)).text();
    expect(page).toContain('value="/teacher"');
  });
});

describe("the Host header", () => {
  /** fetch() will not send a Host header of our choosing; node:http will. */
  const withHost = (host: string, path = "/") => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(s.url);
    const req = http.request({ host: u.hostname, port: Number(u.port), path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    });
    req.on("error", reject);
    req.end();
  });

  test("a foreign Host (a DNS-rebinding page) is refused with 421 and a message; localhost and this machine's addresses are served", async () => {
    const port = new URL(s.url).port;
    for (const host of [`evil.example:${port}`, "evil.example", `attacker.localhost.evil.example:${port}`, `10.255.255.254:${port}`]) {
      const r = await withHost(host);
      expect(r.status, host).toBe(421);
      expect(r.body).toContain("이 서버는 그 이름으로는 응답하지 않습니다");
    }
    expect((await withHost(`evil.example:${port}`, "/api/health")).status).toBe(421);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `127.3.4.5:${port}`, `[::1]:${port}`]) expect((await withHost(host)).status, host).toBe(200);
  });

  test("--allow-host adds a name", async () => {
    const named = await startServer({ allowHosts: ["tmc.school.example"] });
    try {
      const u = new URL(named.url);
      const status = await new Promise<number>((resolve, reject) => {
        http.request({ host: u.hostname, port: Number(u.port), path: "/", headers: { host: `tmc.school.example:${u.port}` } }, (res) => { res.resume(); resolve(res.statusCode!); }).on("error", reject).end();
      });
      expect(status).toBe(200);
    } finally {
      await named.stop();
    }
  });
});

describe("game state of a finished game", () => {
  test("a game in play: by its code anyone sees it; by its number only its own students and the teacher (numbers count up, codes are handed out)", async () => {
    const g = await createGame(s);
    const other = await createGame(s);
    const kid = await joinAs(s, g.gameCode, "kid");
    const stranger = await joinAs(s, other.gameCode, "stranger");
    expect((await kid.client.fetch(`/api/game-state?gameId=${g.gameId}`)).status).toBe(200);
    expect((await new Client(s.url).fetch(`/api/game-state?gameCode=${g.gameCode}`)).status).toBe(200);
    for (const who of [new Client(s.url), stranger.client]) {
      const res = await who.fetch(`/api/game-state?gameId=${g.gameId}`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("kid");
    }
    expect((await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).status).toBe(200);
  });

  test("by id, a finished game answers 404 to a student and to a visitor, and its state to the teacher", async () => {
    const g = await createGame(s);
    const kid = await joinAs(s, g.gameCode, "kid");
    expect((await kid.client.fetch(`/api/game-state?gameId=${g.gameId}`)).status).toBe(200);
    await fetch(`${s.url}/api/games/${g.gameId}/finish`, { method: "POST", headers: s.teacher });
    for (const who of [kid.client, new Client(s.url)]) {
      for (const q of [`gameId=${g.gameId}`, `gameCode=${g.gameCode}`]) {
        const res = await who.fetch(`/api/game-state?${q}`);
        expect(res.status, q).toBe(404);
        expect(await res.text()).not.toContain("kid");
      }
    }
    const teacher = await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher });
    expect(teacher.status).toBe(200);
    expect(((await teacher.json()) as { participants: { nickname: string }[] }).participants.map((p) => p.nickname)).toEqual(["kid"]);
  });
});
