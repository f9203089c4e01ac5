// The bad-input battery: every endpoint of ENDPOINTS gets malformed JSON, wrong types, missing
// and extra fields, deep nesting and hostile strings. Each must be refused with a 4xx carrying a
// stable error code and a readable message; the server stays up and the data is unchanged.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { buildApp } from "../../src/app.ts";
import { ENDPOINTS, label, type Endpoint } from "./endpoints.ts";
import {
  count, encodeBody, expectCleanLog, expectHealthy, expectNo5xx, expectRefused, expectUnchanged, fillPath, fillQuery, PARAM_RE,
  send, snapshot, startBattery, stopBattery, tally, validBody, type Fixture, type Refusal, type Sent,
} from "./harness.ts";
import { BAD_NUMBER_STRINGS, MALFORMED_JSON, nestedArrays, nestedObjects, PATH_PAYLOADS, STRING_PAYLOADS, UNICODE, wrongTypes } from "./payloads.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

type Case = { ep: Endpoint; run: () => Promise<Sent>; want: Refusal | "tolerant" };

/** Runs the cases a few at a time; collects every failed check so one run shows them all. */
async function runBatch(category: string, cases: Case[], exceptTables: string[] = []): Promise<void> {
  const before = await snapshot(fx);
  const problems: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      try {
        const r = await c.run();
        if (c.want === "tolerant") {
          expectNo5xx(r);
          expect(r.res.status, r.label).toBeLessThan(400 + 100);
          if ((r.res.headers.get("content-type") ?? "").includes("text/html")) expect(r.text, r.label).not.toMatch(/<script>alert|<img src=x|<svg onload/);
        } else {
          expectRefused(c.ep, r, c.want);
          if (!c.ep.api) expect(r.text, r.label).not.toMatch(/<script>alert|<img src=x|<svg onload/);
        }
      } catch (err) {
        problems.push(String((err as Error).message).split("\n").slice(0, 3).join(" | "));
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  count(category, cases.length);
  expect(problems).toEqual([]);
  await expectHealthy(fx);
  expectUnchanged(before, await snapshot(fx), exceptTables);
}

/** Every endpoint that takes a body: POST, PUT and DELETE. */
const posts = () => ENDPOINTS.filter((ep) => ep.method !== "GET");
const withBody = () => ENDPOINTS.filter((ep) => ep.body !== "none" && ep.valid);

describe("bad input is refused cleanly", () => {
  test("the endpoint table lists every route the app serves (add a row to ENDPOINTS for a new route)", async () => {
    const app = await buildApp(fx.s.deps);
    const shape = (method: string, path: string) => `${method} ${path.replace(/:[A-Za-z]+/g, ":")}`;
    const served = app.routes.filter((r) => !r.path.startsWith("/public")).map((r) => shape(r.method, r.path)).sort();
    // A route may have several rows (one per round type's body); each row is still a served route.
    expect([...new Set(ENDPOINTS.map((ep) => shape(ep.method, ep.path)))].sort()).toEqual(served);
    const rows = ENDPOINTS.map((ep) => `${shape(ep.method, ep.path)} ${JSON.stringify(ep.valid ?? null)}`);
    expect(rows.length, "two rows for one route must differ in body").toBe(new Set(rows).size);
  });

  test("malformed JSON to every POST endpoint is refused with invalid_json", async () => {
    const cases: Case[] = [];
    for (const ep of posts()) {
      for (const [name, text] of MALFORMED_JSON) {
        // An empty POST to a body-less action (a button) is a normal request, not a malformed one.
        if (name === "empty" && ep.body === "none") continue;
        cases.push({ ep, want: { status: 400, code: ["invalid_json", "invalid_input"] }, run: () => send(fx, ep, { label: `${label(ep)} malformed:${name}`, body: text, contentType: "application/json" }) });
      }
    }
    await runBatch("malformed JSON", cases);
  });

  test("a body under the wrong or a broken Content-Type is refused", async () => {
    const cases: Case[] = [];
    for (const ep of withBody()) {
      const valid = validBody(fx, ep);
      const json = JSON.stringify(valid);
      const form = encodeBody("form", valid).body as string;
      const odd: [string, string, string][] = [
        ["form as JSON", "application/json", form],
        ["JSON as form", "application/x-www-form-urlencoded", json],
        ["JSON as text", "text/plain", json],
        ["JSON as XML", "application/xml", json],
        ["JSON as octets", "application/octet-stream", json],
        ["multipart without boundary", "multipart/form-data", form],
        ["multipart with a wrong boundary", "multipart/form-data; boundary=nope", "--other\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--other--\r\n"],
        ["JSON declared UTF-16", "application/json; charset=utf-16", new TextDecoder("utf-8").decode(new Uint8Array([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]))],
      ];
      for (const [name, type, body] of odd) {
        // A form body that happens to be what the route reads anyway is not wrong.
        if (ep.body === "form" && type === "application/x-www-form-urlencoded") continue;
        cases.push({ ep, want: { status: 400, code: ["invalid_input", "invalid_json"] }, run: () => send(fx, ep, { label: `${label(ep)} ${name}`, body, contentType: type }) });
      }
    }
    await runBatch("content types", cases);
  });

  test("wrong types in every field, and a body of the wrong shape, are refused with invalid_input", async () => {
    const cases: Case[] = [];
    for (const ep of withBody()) {
      const valid = validBody(fx, ep);
      // A JSON body reaches every route (pages too), so typed values are tried everywhere.
      for (const field of Object.keys(valid)) {
        for (const [name, value] of wrongTypes(ep.body === "json" ? valid[field] : "text")) {
          if (ep.body !== "json" && typeof value === "string") continue;
          if (value === null && ep.nullable?.includes(field)) continue;
          if (typeof value === "number" && value < 0 && Number.isInteger(value) && ep.signed?.includes(field)) continue;
          if (ep.path.endsWith("/:R/rounds") && !ep.api && Array.isArray(value) && value.every((x) => typeof x === "string")) continue; // repeated checkboxes arrive as string arrays
          const body = JSON.stringify({ ...valid, [field]: value });
          cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} ${field}=${name}`, body, contentType: "application/json" }) });
        }
      }
      for (const [name, text] of [["array", "[]"], ["string", '"x"'], ["number", "123"], ["null", "null"], ["true", "true"]] as const) {
        cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} body=${name}`, body: text, contentType: "application/json" }) });
      }
      // Form fields are strings; the ones that stand for numbers get strings that are not.
      if (ep.body === "form") {
        for (const field of ep.refFields ?? []) {
          if (["password", "next", "expression", "csv", "gameCode", "scoring"].includes(field)) continue;
          for (const [name, value] of BAD_NUMBER_STRINGS) {
            const { body, contentType } = encodeBody("form", { ...valid, [field]: value });
            const want: Refusal = ep.path === "/join" ? { status: [400, 404] } : {};
            cases.push({ ep, want, run: () => send(fx, ep, { label: `${label(ep)} form ${field}=${name}`, body, contentType }) });
          }
        }
      }
    }
    await runBatch("wrong types", cases);
  });

  test("missing required fields, an empty body and unknown extra fields are refused", async () => {
    const cases: Case[] = [];
    for (const ep of withBody()) {
      const valid = validBody(fx, ep);
      const kind = ep.body as "json" | "form" | "multipart";
      for (const field of ep.required ?? []) {
        const rest = { ...valid };
        delete rest[field];
        const { body, contentType } = encodeBody(kind, rest);
        cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} missing ${field}`, body, contentType }) });
      }
      if (ep.required?.length) {
        cases.push({ ep, want: { status: 400, code: ["invalid_input", "invalid_json"] }, run: () => send(fx, ep, { label: `${label(ep)} no body`, body: null }) });
        cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} {}`, body: "{}", contentType: "application/json" }) });
        // Extra fields on a form are ignored (browsers send buttons); with a required one missing, still refused.
        const rest: Record<string, unknown> = { ...valid, evil: "1", isTeacher: "true" };
        delete rest[ep.required[0]!];
        const { body, contentType } = encodeBody(kind, rest);
        cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} extra+missing`, body, contentType }) });
      }
      if (ep.strict) {
        for (const [name, extra] of [["evil", '"evil":1'], ["isTeacher", '"isTeacher":true'], ["__proto__", '"__proto__":{"isTeacher":true}'], ["constructor", '"constructor":{"prototype":{"x":1}}']] as const) {
          const body = JSON.stringify(valid).replace(/^\{/, `{${extra},`);
          cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} extra ${name}`, body, contentType: "application/json" }) });
        }
      }
    }
    await runBatch("missing/extra fields", cases);
  });

  test("10,000 levels of nesting are refused without a crash", async () => {
    const cases: Case[] = [];
    const deep = nestedArrays(10_000);
    const deepObj = nestedObjects(10_000);
    for (const ep of posts()) {
      const want: Refusal = { status: 400, code: ["invalid_json", "invalid_input"] };
      cases.push({ ep, want, run: () => send(fx, ep, { label: `${label(ep)} top-level arrays`, body: deep, contentType: "application/json" }) });
      cases.push({ ep, want, run: () => send(fx, ep, { label: `${label(ep)} top-level objects`, body: deepObj, contentType: "application/json" }) });
      const valid = validBody(fx, ep);
      for (const field of Object.keys(valid)) {
        const body = JSON.stringify({ ...valid, [field]: "@@" }).replace('"@@"', deep);
        cases.push({ ep, want, run: () => send(fx, ep, { label: `${label(ep)} ${field}=deep`, body, contentType: "application/json" }) });
      }
      if (ep.body === "form" || ep.body === "multipart") {
        // a form value that looks like JSON, and a dotted key that a parser could expand into objects
        const field = Object.keys(valid)[0]!;
        const form = new FormData();
        for (const [k, v] of Object.entries(valid)) form.set(k, k === "file" ? new File([String(v)], "r.csv") : String(v));
        form.set(field, deep);
        form.set("a" + ".a".repeat(10_000), "1");
        cases.push({ ep, want: { status: 400 }, run: () => send(fx, ep, { label: `${label(ep)} multipart deep`, body: form }) });
        const encoded = encodeBody("form", { ...valid, [field]: deep });
        cases.push({ ep, want: { status: 400 }, run: () => send(fx, ep, { label: `${label(ep)} urlencoded deep`, body: encoded.body, contentType: encoded.contentType }) });
      }
    }
    await runBatch("deep nesting", cases);
  });

  test("hostile strings (unicode edge cases, SQL, HTML/JS, 10k chars) in reference fields, path segments and query values are refused", async () => {
    const cases: Case[] = [];
    for (const ep of ENDPOINTS) {
      const valid = validBody(fx, ep);
      for (const field of ep.refFields ?? []) {
        for (const [name, value] of STRING_PAYLOADS) {
          const { body, contentType } = encodeBody(ep.body as "json" | "form", { ...valid, [field]: value });
          const previewAnswer = ep.previewOk && field === "expression" && value.length <= 200;
          cases.push({ ep, want: previewAnswer ? "tolerant" : {}, run: () => send(fx, ep, { label: `${label(ep)} ${field}=${name}`, body, contentType }) });
        }
      }
      const params = ep.path.match(PARAM_RE) ?? [];
      for (const param of params) {
        for (const [name, value] of PATH_PAYLOADS) {
          const body = ep.body === "none" ? undefined : encodeBody(ep.body as "json" | "form", valid);
          cases.push({ ep, want: {}, run: () => send(fx, ep, { label: `${label(ep)} ${param}=${name}`, path: fillPath(fx, ep, { param, value }), body: body?.body, contentType: body?.contentType }) });
        }
      }
      for (const key of Object.keys(ep.query ?? {})) {
        for (const [name, value] of STRING_PAYLOADS) {
          // A value that trims to nothing is the same as no value (e.g. /join without a code).
          const absent = value.trim() === "" || value.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, "") === "";
          cases.push({ ep, want: ep.tolerantQuery || absent ? "tolerant" : {}, run: () => send(fx, ep, { label: `${label(ep)} ?${key}=${name}`, query: fillQuery(fx, ep, { key, value }), body: ep.body === "none" ? undefined : encodeBody(ep.body as "json", valid).body }) });
        }
      }
    }
    // Judged expressions are recorded as attempts of the rightful student: that is not a change of state.
    await runBatch("hostile strings", cases, ["year_attempts"]);
  });

  test("free text that cannot be a name (lone surrogates, control or invisible-only characters, 10k chars) is refused with invalid_input", async () => {
    const cases: Case[] = [];
    const notNames: [string, string][] = [
      ["lone_surrogate", UNICODE.lone_surrogate!],
      ["lone_low_surrogate", UNICODE.lone_low_surrogate!],
      ["nul", UNICODE.nul!],
      ["zero_width_only", UNICODE.zero_width!],
      ["hangul_filler_only", UNICODE.hangul_filler!],
      ["bom_only", UNICODE.bom!],
      ["rtl_override_only", "\u202E\u202C"],
      ["newline_tab", "a\n\tb\r"],
      ["long_10k", "x".repeat(10_000)],
    ];
    for (const ep of withBody()) {
      const valid = validBody(fx, ep);
      for (const field of ep.textFields ?? []) {
        for (const [name, value] of notNames) {
          // Lone surrogates cannot travel in a UTF-8 form; the JSON escape \ud800 is how they arrive.
          if (ep.body !== "json" && name.includes("surrogate")) continue;
          // A form's team-name list is split into lines, so a newline is a separator there.
          if (field === "teamNames" && name === "newline_tab") continue;
          // An optional field that trims to nothing is simply absent (BOM counts as white space).
          if (["classLabel", "teamNames"].includes(field) && name === "bom_only") continue;
          const { body, contentType } = encodeBody(ep.body as "json" | "form", { ...valid, [field]: value });
          cases.push({ ep, want: { status: 400, code: "invalid_input" }, run: () => send(fx, ep, { label: `${label(ep)} ${field}=${name}`, body, contentType }) });
        }
      }
    }
    await runBatch("invalid names", cases);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});
