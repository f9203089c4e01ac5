// The settings page: teacher password, default language, and what it shows about the server.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import pkg from "../../package.json" with { type: "json" };
import { Client, startServer, teacherBrowser, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer({ rateLimitLogin: "off" });
});
afterAll(async () => {
  await s.stop();
});

const login = (password: string) => fetch(`${s.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password }) });

describe("settings", () => {
  test("the page shows the backup download, the rate limits with their flags, the data folder, the database size and the version", async () => {
    const teacher = await teacherBrowser(s);
    const res = await teacher.fetch("/teacher/settings", { headers: { "accept-language": "en" } });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('href="/api/backup"');
    for (const flag of ["--rate-limit-join", "TMC_RATE_LIMIT_ANSWER", "--rate-limit-create", "--rate-limit-login"]) expect(html).toContain(flag);
    expect(html).toContain("10 per 10 min");
    expect(html).toContain(s.dir);
    expect(html).toMatch(/Database size<\/th><td>[\d.]+ (kB|MB)/);
    expect(html).toContain(`>${pkg.version}<`);
    expect(html).toContain('action="/teacher/settings/restore"');
    expect(html).toContain('href="/teacher/settings"');
  });

  test("changing the password needs the current one; it ends every other teacher session (cookie and bearer), keeps this one, and the old password stops working", async () => {
    const me = await teacherBrowser(s);
    const other = await teacherBrowser(s);
    const bearer = ((await (await login(TEACHER_PASSWORD)).json()) as { token: string }).token;
    const asBearer = () => fetch(`${s.url}/api/games`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await asBearer()).status).toBe(200);

    const wrong = await me.postForm("/teacher/settings/password", { current: "not-it", password: "new-password-1", repeat: "new-password-1" }, { "hx-request": "true" });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("notice-error");
    const differ = await me.postForm("/teacher/settings/password", { current: TEACHER_PASSWORD, password: "new-password-1", repeat: "new-password-2" }, { "hx-request": "true" });
    expect(differ.status).toBe(400);
    const short = await fetch(`${s.url}/api/settings/password`, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify({ current: TEACHER_PASSWORD, password: "abc" }) });
    expect(short.status).toBe(400);
    expect(((await short.json()) as any).error.code).toBe("password_too_short");
    // Nothing changed so far.
    expect((await asBearer()).status).toBe(200);
    expect((await other.fetch("/teacher")).status).toBe(200);

    const ok = await me.postForm("/teacher/settings/password", { current: TEACHER_PASSWORD, password: "new-password-1", repeat: "new-password-1" }, { "hx-request": "true" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("notice-ok");
    expect((await me.fetch("/teacher")).status).toBe(200);
    const otherNow = await other.fetch("/teacher");
    expect(otherNow.status).toBe(303);
    expect(otherNow.headers.get("location")).toStartWith("/login");
    expect((await asBearer()).status).toBe(401);
    expect((await login(TEACHER_PASSWORD)).status).toBe(401);
    expect((await login("new-password-1")).status).toBe(200);

    // The API does the same for a bearer token: that token stays, the browser's session ends.
    const token = ((await (await login("new-password-1")).json()) as { token: string }).token;
    const viaApi = await fetch(`${s.url}/api/settings/password`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ current: "new-password-1", password: TEACHER_PASSWORD }) });
    expect(viaApi.status).toBe(200);
    expect((await fetch(`${s.url}/api/games`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await me.fetch("/teacher")).status).toBe(303);
    expect((await login(TEACHER_PASSWORD)).status).toBe(200);
  });

  test("the default language is used when the browser asks for neither Korean nor English; a stated preference or the language cookie still wins", async () => {
    const visitor = (headers: Record<string, string> = {}) => new Client(s.url).fetch("/", { headers }).then((r) => r.text());
    expect(await visitor()).toContain('<html lang="ko"');
    const teacher = await teacherBrowser(s);
    const saved = await teacher.postForm("/teacher/settings/language", { lang: "en" });
    expect(saved.status).toBe(200);
    expect(await visitor()).toContain('<html lang="en"');
    expect(await visitor({ "accept-language": "fr-FR,fr;q=0.9" })).toContain('<html lang="en"');
    expect(await visitor({ "accept-language": "ko-KR,ko;q=0.9" })).toContain('<html lang="ko"');
    expect(await visitor({ cookie: "tmc_lang=ko" })).toContain('<html lang="ko"');
    // The JSON errors follow it too.
    const err = await fetch(`${s.url}/api/games`);
    expect(((await err.json()) as any).error.message).toBe("Please log in as the teacher first.");
    await teacher.postForm("/teacher/settings/language", { lang: "ko" });
    expect(await visitor()).toContain('<html lang="ko"');
  });
});
