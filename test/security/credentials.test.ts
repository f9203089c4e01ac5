// Invalid and forged credentials on every endpoint: garbage, JSON-looking and numeric cookie
// values, very long values, a teacher-prefixed random token, a student token of another game.
// Teacher-only routes refuse (401/403, or the login redirect for a browser page); student routes
// refuse; public routes answer exactly as they do to an anonymous visitor. Nothing is written.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ENDPOINTS, label, type Endpoint } from "./endpoints.ts";
import { count, encodeBody, expectCleanLog, expectHealthy, expectNo5xx, expectRefused, expectUnchanged, send, snapshot, startBattery, stopBattery, tally, validBody, type Fixture, type Refusal, type Sent } from "./harness.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

/** Same shape as a token the server issues (prefix + 32 base64url characters), but never issued. */
function forgedToken(prefix: string): string {
  return prefix + Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
}

type Variant = {
  name: string;
  headers: Record<string, string>;
  /** A real student of the waiting game: refused in the running game's routes, a real seat elsewhere. */
  otherStudent?: true;
  /** The running game's own student: the rightful caller of the student routes. */
  ownStudent?: true;
};

function variants(): Variant[] {
  const studentOfW = fx.W.student.token;
  const studentOfR = fx.R.student.token;
  const realTeacher = fx.s.teacherToken;
  // One character changed: right shape, wrong secret.
  const tampered = realTeacher.slice(0, -1) + (realTeacher.endsWith("A") ? "B" : "A");
  return [
    { name: "teacher cookie: garbage", headers: { cookie: "tmc_teacher=garbage" } },
    { name: "teacher cookie: JSON object", headers: { cookie: 'tmc_teacher={"a":1}' } },
    { name: "teacher cookie: JSON array", headers: { cookie: 'tmc_teacher=["T",1]' } },
    { name: "teacher cookie: JSON true", headers: { cookie: "tmc_teacher=true" } },
    { name: "teacher cookie: number", headers: { cookie: "tmc_teacher=12345" } },
    { name: "teacher cookie: 8k long", headers: { cookie: `tmc_teacher=T${"A".repeat(8000)}` } },
    { name: "teacher cookie: empty", headers: { cookie: "tmc_teacher=" } },
    { name: "teacher cookie: forged T-token", headers: { cookie: `tmc_teacher=${forgedToken("T")}` } },
    { name: "teacher cookie: tampered real token", headers: { cookie: `tmc_teacher=${tampered}` } },
    { name: "teacher cookie: a student's token", headers: { cookie: `tmc_teacher=${studentOfR}` } },
    { name: "teacher cookie: encoded quotes", headers: { cookie: "tmc_teacher=%22%7B%7D%22" } },
    { name: "teacher cookie: twice", headers: { cookie: `tmc_teacher=garbage; tmc_teacher=${forgedToken("T")}` } },
    { name: "bearer: garbage", headers: { authorization: "Bearer garbage" } },
    { name: "bearer: forged T-token", headers: { authorization: `Bearer ${forgedToken("T")}` } },
    { name: "bearer: tampered real token", headers: { authorization: `Bearer ${tampered}` } },
    { name: "bearer: a student's token", headers: { authorization: `Bearer ${studentOfR}` }, ownStudent: true },
    { name: "bearer: JSON", headers: { authorization: 'Bearer {"teacher":true}' } },
    { name: "bearer: 8k long", headers: { authorization: `Bearer ${"T".repeat(8000)}` } },
    { name: "bearer: empty", headers: { authorization: "Bearer " } },
    { name: "basic auth", headers: { authorization: `Basic ${btoa("teacher:guess")}` } },
    { name: "seat cookie: garbage", headers: { cookie: "tmc_seat=garbage" } },
    { name: "seat cookie: JSON object", headers: { cookie: 'tmc_seat={"id":1}' } },
    { name: "seat cookie: number", headers: { cookie: `tmc_seat=${fx.R.student.participantId}` } },
    { name: "seat cookie: 8k long", headers: { cookie: `tmc_seat=S${"A".repeat(8000)}` } },
    { name: "seat cookie: forged S-token", headers: { cookie: `tmc_seat=${forgedToken("S")}` } },
    { name: "seat cookie: the teacher's token", headers: { cookie: `tmc_seat=${realTeacher}` } },
    { name: "seat cookie: student of another game", headers: { cookie: `tmc_seat=${studentOfW}` }, otherStudent: true },
    { name: "bearer: student of another game", headers: { authorization: `Bearer ${studentOfW}` }, otherStudent: true },
    { name: "lang and device cookies: JSON", headers: { cookie: 'tmc_lang={"a":1}; tmc_device=[1,2]' } },
    { name: "cookie header: junk", headers: { cookie: ";;;==;%%%; =;tmc_teacher" } },
    { name: "cookie header: latin-1", headers: { cookie: "tmc_teacher=\u00e9\u00ff" } },
  ];
}

/** What refusing looks like for an endpoint whose caller is not who it should be. */
function refusal(ep: Endpoint, v: Variant, htmx: boolean): Refusal {
  if (ep.auth === "teacher") {
    if (ep.api) return { status: [401, 403], code: ["unauthorized", "forbidden"] };
    // A browser is sent to the login page (and back here after); htmx gets a 401 fragment.
    if (ep.stream || htmx) return { status: 401, code: "unauthorized" };
    return { redirectTo: /^\/login\?next=%2F/ };
  }
  // student routes
  if (ep.api) return { status: [401, 403], code: ["unauthorized", "not_participant"] };
  if (ep.path === "/g/:Rcode/play") return { redirectTo: new RegExp(`^/join\\?code=${fx.R.code}$`) };
  return { status: [401, 403], code: ["unauthorized", "not_participant"] };
}

describe("forged credentials", () => {
  test("every endpoint refuses invalid or forged cookies and tokens, or ignores them exactly as for a visitor", async () => {
    const before = await snapshot(fx);
    const problems: string[] = [];
    const all = variants();
    const sentSecrets = all.flatMap((v) => Object.values(v.headers)).flatMap((h) => h.split(/[=;\s]+/)).filter((x) => x.length >= 20);
    for (const ep of ENDPOINTS) {
      const body = ep.body === "none" ? undefined : encodeBody(ep.body as "json", ep.probe ?? validBody(fx, ep));
      const request = (name: string, headers: Record<string, string>) => send(fx, ep, { label: `${label(ep)} [${name}]`, asCaller: false, headers, body: body?.body, contentType: body?.contentType });
      // A public route's answer to nobody at all is the yardstick.
      const anonymous = ep.auth === "public" ? await request("anonymous", {}) : null;
      for (const v of all) {
        // Real credentials where they are real: not a forgery for that route.
        if ((v.ownStudent && (ep.auth === "student" || ep.seatAware)) || (v.otherStudent && ep.auth === "public")) continue;
        for (const htmx of ep.api || ep.auth === "public" ? [false] : [false, true]) {
          try {
            const r: Sent = await request(v.name + (htmx ? " htmx" : ""), { ...v.headers, ...(htmx ? { "hx-request": "true" } : {}) });
            count(`forged credentials (${ep.auth})`);
            for (const secret of sentSecrets) expect(r.text.includes(secret), `${r.label} echoes a token`).toBe(false);
            if (anonymous) {
              expectNo5xx(r);
              expect(r.res.status, `${r.label} differs from an anonymous request`).toBe(anonymous.res.status);
              continue;
            }
            expectRefused(ep, r, refusal(ep, v, htmx));
            if (ep.auth === "teacher" && !ep.api && htmx && !ep.stream) expect(r.res.headers.get("hx-redirect") ?? "", r.label).toMatch(/^\/login\?next=/);
            if (ep.auth === "teacher" && ep.api && (v.otherStudent || /student's token/.test(v.name)) && v.headers.authorization) expect(r.res.status, r.label).toBe(403);
          } catch (err) {
            problems.push(String((err as Error).message).split("\n").slice(0, 2).join(" | "));
          }
        }
      }
    }
    expect(problems).toEqual([]);
    await expectHealthy(fx);
    // No attempt is recorded for a student who is not in the round's game.
    expectUnchanged(before, await snapshot(fx));
    expectCleanLog(fx, sentSecrets);
  });

  test("a teacher token is refused after logout, and a login redirect never leaves the site", async () => {
    // a fresh session, ended
    const login = await fetch(`${fx.s.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: fx.secrets[0] }) });
    const { token } = (await login.json()) as { token: string };
    fx.secrets.push(token);
    const out = await fetch(`${fx.s.url}/logout`, { method: "POST", headers: { cookie: `tmc_teacher=${token}`, origin: fx.s.url }, redirect: "manual" });
    expect(out.status).toBe(303);
    const after = await fetch(`${fx.s.url}/api/games`, { headers: { authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    count("session end", 3);
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "/%2F%2Fevil.example"]) {
      const res = await fetch(`${fx.s.url}/login`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ password: fx.secrets[0]!, next }).toString(), redirect: "manual" });
      expect(res.status).toBe(303);
      const location = res.headers.get("location") ?? "";
      expect(location.startsWith("/") && !location.startsWith("//") && !location.includes("\\"), `${next} → ${location}`).toBe(true);
      count("open redirect");
    }
    for (const referer of ["https://evil.example//evil.example/", "https://evil.example/\\evil.example"]) {
      const res = await fetch(`${fx.s.url}/lang/en`, { headers: { referer }, redirect: "manual" });
      const location = res.headers.get("location") ?? "";
      expect(location.startsWith("/") && !location.startsWith("//") && !location.includes("\\"), `${referer} → ${location}`).toBe(true);
      count("open redirect");
    }
    await expectHealthy(fx);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});
