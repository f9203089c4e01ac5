// The static handler serves public/ and nothing else: `../`, its percent-encodings (single,
// double, overlong UTF-8), backslashes and NUL bytes never reach a file outside public/.
// Requests are written byte for byte on a socket: fetch would resolve `..` before sending.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../../src/paths.ts";
import { STATIC_OK } from "./endpoints.ts";
import { count, expectCleanLog, expectHealthy, expectNoLeak, expectUnchanged, rawRequest, snapshot, startBattery, stopBattery, tally, type Fixture } from "./harness.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

/** Files outside public/ and a fingerprint of each that must never appear in an answer. */
const SECRETS: [string, string][] = [
  ["package.json", '"name": "tmc"'],
  ["src/main.ts", readFileSync(join(ROOT, "src/main.ts"), "utf8").split("\n").find((l) => l.trim().length > 30)!.trim()],
  ["src/config.ts", "export function loadConfig"],
  ["drizzle/meta/_journal.json", '"entries"'],
  ["/etc/passwd", "root:x:0:0"],
];

const TRAVERSALS = [
  "/public/../package.json",
  "/public/../../package.json",
  "/public/./../package.json",
  "/public/%2e%2e/package.json",
  "/public/%2e%2e/src/main.ts",
  "/public/%2E%2E/src/config.ts",
  "/public/%2e%2e%2fpackage.json",
  "/public/..%2fpackage.json",
  "/public/..%2F..%2Fpackage.json",
  "/public/.%2e/package.json",
  "/public/%252e%252e/package.json",
  "/public/%252e%252e%252fpackage.json",
  "/public/%c0%ae%c0%ae/package.json",
  "/public/%c0%af../package.json",
  "/public/..\\package.json",
  "/public/..%5cpackage.json",
  "/public/..%5c..%5cpackage.json",
  "/public/%00../package.json",
  "/public/../package.json%00.css",
  "/public/app.css/../../package.json",
  "/public/vendor/../../package.json",
  "/public/vendor/%2e%2e/%2e%2e/src/main.ts",
  "/public/../drizzle/meta/_journal.json",
  "/public//etc/passwd",
  "/public/%2fetc%2fpasswd",
  "/public/../../../../../../etc/passwd",
  "/public/..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
  "/public/....//....//package.json",
  "/public/.../package.json",
  "/public/~/package.json",
  "/public/",
  "/public",
  "/public/.",
  "/public/%2e",
  "/public/vendor/",
  "/public/.git/config",
  "/public/" + "a/".repeat(500) + "x.css",
  "/public/" + "%".repeat(20),
];

describe("static files", () => {
  test("a real file in public/ is served (the handler under test works)", async () => {
    const r = await rawRequest(fx.s.url, `GET ${STATIC_OK} HTTP/1.1`);
    count("static ok");
    expect(r.status).toBe(200);
    expect(r.body.length).toBeGreaterThan(100);
  });

  test("no traversal path reaches a file outside public/", async () => {
    const before = await snapshot(fx);
    const problems: string[] = [];
    for (const path of TRAVERSALS) {
      for (const method of ["GET", "HEAD"]) {
        try {
          const r = await rawRequest(fx.s.url, `${method} ${path} HTTP/1.1`);
          count("static traversal");
          const where = `${method} ${path} → ${r.status} ${r.body.slice(0, 160)}`;
          expect(r.status >= 400 && r.status < 500, where).toBe(true);
          for (const [file, mark] of SECRETS) expect(r.body.includes(mark), `${where} — serves ${file}`).toBe(false);
          expectNoLeak({ label: where, res: new Response(), text: r.body, ms: 0 });
          if (method === "GET" && r.status === 404) expect(r.body, where).toMatch(/notice-error|"code":"not_found"/);
        } catch (err) {
          problems.push(String((err as Error).message).split("\n").slice(0, 2).join(" | "));
        }
      }
    }
    expect(problems).toEqual([]);
    await expectHealthy(fx);
    expectUnchanged(before, await snapshot(fx));
  });

  test("the same paths through fetch (normalised by the client) never serve a file outside public/ either", async () => {
    for (const path of TRAVERSALS) {
      const res = await fetch(fx.s.url + path, { redirect: "manual" });
      const text = await res.text();
      count("static traversal (fetch)");
      // fetch resolves "/public/../package.json" to "/package.json": a route that does not exist.
      expect(res.status < 500, `${path} → ${res.status}`).toBe(true);
      for (const [file, mark] of SECRETS) expect(text.includes(mark), `${path} — serves ${file}`).toBe(false);
    }
    await expectHealthy(fx);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});
