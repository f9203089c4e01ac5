// Bodies over the limit (bodyLimitBytes, 256 KiB by default) are refused with 413
// payload_too_large on every POST/PUT/DELETE endpoint — whether the size is declared
// (Content-Length) or only discovered while streaming (chunked, no Content-Length) — as JSON for
// /api and as an HTML page or fragment for pages. Upload routes (an image, an import) have their
// own larger limit instead, and refuse above it the same way (image_too_large for an image).
// Nothing is written and the server stays up.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { defaultConfig } from "../../src/config.ts";
import { uploadLimits } from "../../src/http/uploads.ts";
import { QUESTION_UPLOADS } from "../../src/questions/routes/uploads.ts";
import { ENDPOINTS, label, type Endpoint } from "./endpoints.ts";
import {
  authHeaders, chunkedBody, count, expectCleanLog, expectHealthy, expectNoLeak, expectRefused, expectUnchanged, fillPath, fillQuery, rawRequest, send, snapshot, startBattery, stopBattery, tally,
  type Fixture, type Sent,
} from "./harness.ts";

let fx: Fixture;
beforeAll(async () => { fx = await startBattery(); });
afterAll(() => stopBattery(fx));

const LIMIT = defaultConfig().bodyLimitBytes;
const MB = 1024 * 1024;

function contentTypeOf(ep: Endpoint): string {
  if (ep.body === "form") return "application/x-www-form-urlencoded";
  if (ep.body === "multipart") return "multipart/form-data; boundary=----battery";
  return "application/json";
}

describe("oversized bodies", () => {
  test("the limit is the documented default", () => {
    expect(LIMIT).toBe(256 * 1024);
    expect(fx.s.deps.config.bodyLimitBytes).toBe(LIMIT);
  });

  test("upload routes accept more than the general limit, each up to its own: 5 MB images, the configured import size", () => {
    const limitOf = uploadLimits(QUESTION_UPLOADS, fx.s.deps.config);
    const at = (path: string, method = "POST") => limitOf(new Request(fx.s.url + path, { method }));
    expect(at(`/api/questions/${fx.Q.id}/image`)).toEqual({ bytes: 6 * MB, code: "image_too_large" });
    expect(at(`/teacher/questions/${fx.Q.id}/image`)).toEqual({ bytes: 6 * MB, code: "image_too_large" });
    expect(at("/api/questions/import")).toEqual({ bytes: fx.s.deps.config.importLimitBytes, code: "payload_too_large" });
    expect(at("/teacher/questions/import/preview")).toEqual({ bytes: fx.s.deps.config.importLimitBytes, code: "payload_too_large" });
    for (const other of ["/api/questions", "/teacher/questions/import/save", `/teacher/questions/${fx.Q.id}`, "/api/create-game"]) expect(at(other)).toBeNull();
    expect(at(`/api/questions/${fx.Q.id}/image`, "GET")).toBeNull();
    expect(defaultConfig().importLimitBytes).toBe(26 * MB);
  });

  test("1 MB and 10 MB bodies (uploads: 1 MB over their own limit), with Content-Length and chunked, get 413 on every POST/PUT/DELETE endpoint", async () => {
    const before = await snapshot(fx);
    const problems: string[] = [];
    const posts = ENDPOINTS.filter((ep) => ep.method !== "GET");
    const limitOf = uploadLimits(QUESTION_UPLOADS, fx.s.deps.config);
    for (const ep of posts) {
      const upload = ep.upload ? limitOf(new Request(fx.s.url + fillPath(fx, ep), { method: ep.method }))! : null;
      for (const size of upload ? [upload.bytes + MB] : [1 * MB, 10 * MB]) {
        for (const mode of ["content-length", "chunked"] as const) {
          for (const htmx of ep.api ? [false] : [false, true]) {
            const body = mode === "chunked" ? chunkedBody(size) : "x".repeat(size);
            const name = `${label(ep)} ${(size / MB).toFixed(1)} MB ${mode}${htmx ? " htmx" : ""}`;
            try {
              const r: Sent = await send(fx, ep, { label: name, body, contentType: contentTypeOf(ep), headers: htmx ? { "hx-request": "true" } : {} });
              expectRefused(ep, r, { status: 413, code: upload?.code ?? "payload_too_large" });
              // htmx gets a fragment to swap, a browser a whole page.
              if (!ep.api) expect(r.text.startsWith("<!doctype"), name).toBe(!htmx);
            } catch (err) {
              problems.push(String((err as Error).message).split("\n").slice(0, 2).join(" | "));
            }
            count(`over the limit (${mode})`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    await expectHealthy(fx);
    expectUnchanged(before, await snapshot(fx));
  });

  test("GET endpoints ignore a small stray body and refuse a large one with 413", async () => {
    const before = await snapshot(fx);
    for (const ep of ENDPOINTS.filter((e) => e.method === "GET")) {
      const path = fillPath(fx, ep) + fillQuery(fx, ep);
      const cookie = authHeaders(fx, ep).cookie;
      const headers = ["Content-Type: application/json", "Accept-Language: en", ...(cookie ? [`Cookie: ${cookie}`] : [])];
      const normal = await rawRequest(fx.s.url, `GET ${path} HTTP/1.1`, headers);
      const small = await rawRequest(fx.s.url, `GET ${path} HTTP/1.1`, [...headers, "Content-Length: 12"], "{not json!!}");
      expect(small.status, `${label(ep)} with a stray body`).toBe(normal.status);
      const big = await rawRequest(fx.s.url, `GET ${path} HTTP/1.1`, [...headers, `Content-Length: ${MB}`], "x".repeat(MB));
      expect(big.status, `${label(ep)} with 1 MB`).toBe(413);
      expect(big.body, label(ep)).toMatch(ep.api ? /"code":"payload_too_large"/ : /notice-error/);
      expectNoLeak({ label: label(ep), res: new Response(), text: small.body + big.body, ms: 0 });
      count("GET with a body", 3);
    }
    await expectHealthy(fx);
    expectUnchanged(before, await snapshot(fx));
  });

  test("a body just under the limit is read and judged (400 for a too-long field), one byte over is 413 — both ways", async () => {
    const ep = ENDPOINTS.find((e) => e.path === "/api/login")!;
    const exact = (n: number) => {
      const shell = '{"password":""}';
      return shell.replace('""', `"${"p".repeat(n - shell.length)}"`);
    };
    for (const mode of ["content-length", "chunked"] as const) {
      const under = exact(LIMIT);
      expect(new TextEncoder().encode(under).byteLength).toBe(LIMIT);
      const ok = await send(fx, ep, { label: `login exactly at the limit (${mode})`, body: mode === "chunked" ? streamOf(under) : under, contentType: "application/json" });
      expectRefused(ep, ok, { status: 400, code: "invalid_input" });
      const over = exact(LIMIT + 1);
      const big = await send(fx, ep, { label: `login one byte over (${mode})`, body: mode === "chunked" ? streamOf(over) : over, contentType: "application/json" });
      expectRefused(ep, big, { status: 413, code: "payload_too_large" });
      count("limit boundary", 2);
    }
    await expectHealthy(fx);
  });

  test("a declared size over the limit is refused before the body is read, even when the body never comes", async () => {
    // A client that claims 100 MB and sends nothing must be answered at once, not waited for.
    const started = performance.now();
    const url = new URL(fx.s.url);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(`POST /api/create-game HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: ${100 * MB}\r\n\r\n{"title":`);
      });
      let text = "";
      socket.on("data", (c: Buffer) => {
        text += c.toString();
        if (text.includes("\r\n\r\n") && text.includes("}}")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
      socket.on("close", () => resolve(text));
      socket.setTimeout(5000, () => socket.destroy());
    });
    count("declared-size", 1);
    expect(reply).toMatch(/^HTTP\/1\.1 413/);
    expect(reply).toContain('"code":"payload_too_large"');
    expect(performance.now() - started).toBeLessThan(2000);
    await expectHealthy(fx);
  });

  test("a raw chunked upload (Transfer-Encoding: chunked, no Content-Length) over the limit gets the JSON 413", async () => {
    // fetch with a stream body sends chunked; this spells the framing out to be sure of it.
    const chunk = "x".repeat(64 * 1024);
    const framed = Array.from({ length: 16 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join("") + "0\r\n\r\n";
    const r = await rawRequest(fx.s.url, "POST /api/create-game HTTP/1.1", ["Content-Type: application/json", "Transfer-Encoding: chunked", `Authorization: Bearer ${fx.s.teacherToken}`], framed);
    count("over the limit (chunked)");
    expect(r.head).not.toMatch(/^content-length: 1048576/im);
    expect(r.status).toBe(413);
    expect(r.body).toContain('"code":"payload_too_large"');
    await expectHealthy(fx);
  });

  test("nothing in the server log reveals the password or a token, and nothing failed", () => {
    expectCleanLog(fx);
  });
});

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + 7919));
      at += 7919;
    },
  });
}
