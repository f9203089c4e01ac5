// Expression bombs for the Year Game: power towers, 80 nested parentheses, 100!, 10k-character
// strings. Each is judged quickly and refused (422 invalid_expression with a reason, or 400 for
// text over the field's length), through the API, the page form and the live preview. The server
// keeps answering while they are judged, and no score moves.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ENDPOINTS } from "./endpoints.ts";
import { count, encodeBody, expectCleanLog, expectHealthy, expectRefused, expectUnchanged, send, snapshot, startBattery, stopBattery, tally, type Fixture } from "./harness.ts";
import { EXPRESSION_BOMBS } from "./payloads.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

const api = ENDPOINTS.find((e) => e.path === "/api/submit-answer")!;
const form = ENDPOINTS.find((e) => e.path === "/g/:Rcode/year/:round/submit")!;
const preview = ENDPOINTS.find((e) => e.path === "/g/:Rcode/year/:round/preview")!;
/** Judging one expression must stay well under a human's patience even on a slow laptop. */
const MAX_MS = 1500;

describe("expression bombs", () => {
  test("every bomb sent to /api/submit-answer is refused quickly with invalid_expression (or invalid_input when too long)", async () => {
    const before = await snapshot(fx);
    for (const [name, expression] of EXPRESSION_BOMBS) {
      for (const targetNumber of [undefined, 25]) {
        const body = JSON.stringify({ sessionId: fx.R.round, expression, ...(targetNumber === undefined ? {} : { targetNumber }) });
        const r = await send(fx, api, { label: `submit-answer ${name}${targetNumber ? " with target" : ""}`, body, contentType: "application/json" });
        count("bombs: /api/submit-answer");
        if (expression.length > 200) {
          expectRefused(api, r, { status: 400, code: "invalid_input" });
        } else {
          expectRefused(api, r, { status: 422, code: "invalid_expression" });
          const reason = (JSON.parse(r.text) as { error: { reason?: string } }).error.reason;
          expect(typeof reason === "string" && reason.length > 0, `${r.label}: no reason`).toBe(true);
        }
        expect(r.ms, `${r.label} took ${Math.round(r.ms)} ms`).toBeLessThan(MAX_MS);
      }
    }
    await expectHealthy(fx);
    // Judged attempts are recorded (the teacher sees them); nothing else changes, no score moves.
    expectUnchanged(before, await snapshot(fx), ["year_attempts"]);
  });

  test("the page form and the live preview refuse every bomb quickly, with a readable reason", async () => {
    const before = await snapshot(fx);
    for (const [name, expression] of EXPRESSION_BOMBS) {
      const { body, contentType } = encodeBody("form", { expression });
      for (const htmx of [false, true]) {
        const headers: Record<string, string> = htmx ? { "hx-request": "true" } : {};
        const r = await send(fx, form, { label: `page submit ${name}${htmx ? " htmx" : ""}`, body, contentType, headers });
        count("bombs: page submit");
        expectRefused(form, r, expression.length > 200 ? { status: 400 } : { status: 422 });
        expect(r.ms, `${r.label} took ${Math.round(r.ms)} ms`).toBeLessThan(MAX_MS);
        const p = await send(fx, preview, { label: `preview ${name}${htmx ? " htmx" : ""}`, body, contentType, headers });
        count("bombs: preview");
        if (expression.length > 200) expectRefused(preview, p, { status: 400 });
        else {
          // A preview is a preview: 200 with the reason in place of a value.
          expect(p.res.status, p.label).toBe(200);
          // (nothing typed yet shows the empty placeholder)
          expect(p.text, p.label).toContain(expression.trim() === "" ? 'class="muted"' : "preview-error");
        }
        expect(p.ms, `${p.label} took ${Math.round(p.ms)} ms`).toBeLessThan(MAX_MS);
      }
    }
    await expectHealthy(fx);
    expectUnchanged(before, await snapshot(fx), ["year_attempts"]);
  });

  test("the server keeps answering while every bomb is judged at once", async () => {
    const before = await snapshot(fx);
    const bombs = EXPRESSION_BOMBS.flatMap(([name, expression]) => Array.from({ length: 4 }, (_, i) => send(fx, api, { label: `parallel ${name} #${i}`, body: JSON.stringify({ sessionId: fx.R.round, expression }), contentType: "application/json" })));
    await Bun.sleep(5);
    const started = performance.now();
    const health = await fetch(`${fx.s.url}/api/health`);
    const healthMs = performance.now() - started;
    const results = await Promise.all(bombs);
    count("bombs: parallel", results.length + 1);
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(MAX_MS * 2);
    for (const r of results) expect(r.res.status, r.label).toBeOneOf([400, 422]);
    expectUnchanged(before, await snapshot(fx), ["year_attempts"]);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});
