// The "how the day goes" guide: the first login lands on it, one button puts it away for good
// (remembered in the settings table, across restarts of the app on the same file), and the
// dashboard links back to it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, startServer, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

async function login(lang: "ko" | "en", next = "/teacher") {
  const browser = await new Client(s.url).visit();
  browser.cookies.set("tmc_lang", lang);
  const res = await browser.postForm("/login", { password: TEACHER_PASSWORD, next });
  expect(res.status).toBe(303);
  return { browser, location: res.headers.get("location") };
}

describe("the day guide", () => {
  test("a first login goes to the guide, in the teacher's language, with every step and the join address", async () => {
    const { browser, location } = await login("ko");
    expect(location).toBe("/teacher/guide");
    const ko = await (await browser.fetch("/teacher/guide")).text();
    for (const s of ["행사 날은 이렇게 진행됩니다", "게임 만들기", "QR 코드", "라운드 진행", "결과", "백업 내려받기", "tmc backup", "다음부터 보지 않기"]) expect(ko).toContain(s);
    expect(ko).toMatch(/학생 접속 주소:\s*<strong class="mono">http:\/\/[^<]+<\/strong>/);
    browser.cookies.set("tmc_lang", "en");
    const en = await (await browser.fetch("/teacher/guide")).text();
    for (const s of ["How the day goes", "Create a game", "scan the QR code", "Play the rounds", "Results", "Download backup", "Got it — don't show this again"]) expect(en).toContain(s);
    // the command's placeholder is text, not a tag
    expect(en).toContain("tmc backup &lt;file&gt;");
    expect(ko).toContain("tmc backup &lt;파일이름&gt;");
  });

  test("a login that asked for another page still goes there", async () => {
    const { location } = await login("en", "/teacher/games/1");
    expect(location).toBe("/teacher/games/1");
  });

  test("a hostile Host header never reaches the page as markup", async () => {
    const { browser } = await login("en");
    // A hostile Host cannot become markup: joinBaseUrl refuses it, and the page escapes what it shows.
    const page = await (await browser.fetch("/teacher/guide", { headers: { host: "<script>x</script>" } })).text();
    expect(page).not.toContain("<script>x</script>");
  });

  test("dismissing puts it away: the next login goes to the dashboard, which links back to it", async () => {
    const { browser } = await login("en");
    const dismiss = await browser.fetch("/teacher/guide/dismiss", { method: "POST" });
    expect(dismiss.status).toBe(303);
    expect(dismiss.headers.get("location")).toBe("/teacher");
    expect(s.deps.db.$client.query("SELECT value FROM settings WHERE key = 'day_guide_dismissed'").get()).toEqual({ value: "1" });
    const again = await login("en");
    expect(again.location).toBe("/teacher");
    const dash = await (await again.browser.fetch("/teacher")).text();
    expect(dash).toContain('href="/teacher/guide"');
    const guide = await (await again.browser.fetch("/teacher/guide")).text();
    expect(guide).toContain("no longer opens when you log in");
    expect(guide).not.toContain("/teacher/guide/dismiss");
    // dismissing twice is harmless; htmx gets HX-Redirect
    const htmx = await again.browser.fetch("/teacher/guide/dismiss", { method: "POST", headers: { "hx-request": "true" } });
    expect(htmx.headers.get("hx-redirect")).toBe("/teacher");
  });

  test("without a teacher session the guide sends the browser to the login page and dismissing changes nothing", async () => {
    const stranger = await new Client(s.url).visit();
    const page = await stranger.fetch("/teacher/guide");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/login?next=%2Fteacher%2Fguide");
    s.deps.db.$client.exec("DELETE FROM settings WHERE key = 'day_guide_dismissed'");
    const res = await stranger.fetch("/teacher/guide/dismiss", { method: "POST" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toStartWith("/login");
    expect(s.deps.db.$client.query("SELECT value FROM settings WHERE key = 'day_guide_dismissed'").get()).toBeNull();
  });
});
