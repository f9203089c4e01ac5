// Only the teacher reaches the bank: every API endpoint answers 401 without credentials and
// 403 to a student's token, every page sends a browser to the login page — and nothing changed.
// /img/<sha256> is public (phones load the images of open questions).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createGame, joinAs, startServer, type TestServer } from "../support/server.ts";
import { TINY_PNG } from "../support/images.ts";

let s: TestServer;
let studentToken: string;
let qid: number;
let imageUrl: string;
beforeAll(async () => {
  s = await startServer();
  const g = await createGame(s);
  studentToken = (await joinAs(s, g.gameCode, "student")).body.token as string;
  const q = await fetch(`${s.url}/api/questions`, { method: "POST", headers: s.teacher, body: JSON.stringify({ category: "relay", set: "A1", order: 1, text: "Secret", answer: "1" }) });
  qid = ((await q.json()) as { id: number }).id;
  const form = new FormData();
  form.set("file", new File([TINY_PNG], "a.png"));
  imageUrl = ((await (await fetch(`${s.url}/api/questions/${qid}/image`, { method: "POST", headers: { authorization: `Bearer ${s.teacherToken}` }, body: form })).json()) as { imageUrl: string }).imageUrl;
});
afterAll(async () => { await s.stop(); });

type Body = { json: unknown } | { file: Uint8Array } | null;
const csv = new TextEncoder().encode("category,text,answer\nscore_steal,x,1\n");

const API: [string, string, Body][] = [
  ["GET", "/api/questions", null],
  ["POST", "/api/questions", { json: { category: "score_steal", text: "x", answer: "1" } }],
  ["GET", "/api/questions/{id}", null],
  ["PUT", "/api/questions/{id}", { json: { category: "score_steal", text: "x", answer: "1" } }],
  ["DELETE", "/api/questions/{id}", null],
  ["POST", "/api/questions/{id}/image", { file: TINY_PNG }],
  ["DELETE", "/api/questions/{id}/image", null],
  ["POST", "/api/questions/import", { file: csv }],
  ["POST", "/api/questions/import?dryRun=1", { file: csv }],
  ["GET", "/api/questions/export?format=zip", null],
  ["POST", "/api/questions/check", { json: { questionId: 1, answer: "1" } }],
  ["POST", "/api/questions/demo", { json: { lang: "en" } }],
];

const PAGES: [string, string][] = [
  ["GET", "/teacher/questions"],
  ["GET", "/teacher/questions/new"],
  ["GET", "/teacher/questions/{id}"],
  ["GET", "/teacher/questions/sets/A1"],
  ["GET", "/teacher/questions/import"],
  ["GET", "/teacher/questions/template?lang=ko"],
  ["POST", "/teacher/questions/{id}/delete"],
  ["POST", "/teacher/questions/{id}/duplicate"],
  ["POST", "/teacher/questions/{id}/image/remove"],
];

function call(method: string, path: string, body: Body, headers: Record<string, string>) {
  // As a browser on this page would: a cookie-carrying change without a matching Origin is refused as cross-site first.
  const init: RequestInit = { method, redirect: "manual", headers: { origin: s.url, ...headers } };
  if (body && "json" in body) {
    init.body = JSON.stringify(body.json);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  } else if (body) {
    const form = new FormData();
    form.set("file", new File([body.file as Uint8Array<ArrayBuffer>], "f.bin"));
    init.body = form;
  }
  return fetch(s.url + path.replace("{id}", String(qid)), init);
}

const state = () => s.deps.db.$client.query("SELECT count(*) AS n, group_concat(text) AS texts, group_concat(image_sha256) AS images FROM questions").get();

describe("bank access", () => {
  for (const [method, path, body] of API) {
    test(`${method} ${path}: 401 without credentials, 403 with a student's token`, async () => {
      const before = state();
      const anon = await call(method, path, body, {});
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as any).error.code).toBe("unauthorized");
      const student = await call(method, path, body, { authorization: `Bearer ${studentToken}` });
      expect(student.status).toBe(403);
      expect(((await student.json()) as any).error.code).toBe("forbidden");
      const seatCookie = await call(method, path, body, { cookie: `tmc_seat=${studentToken}` });
      expect(seatCookie.status).toBe(403);
      expect(state()).toEqual(before);
    });
  }

  for (const [method, path] of PAGES) {
    test(`${method} ${path} without a session sends the browser to the login page`, async () => {
      const before = state();
      const res = await call(method, path, null, { cookie: `tmc_seat=${studentToken}` });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toStartWith("/login?next=");
      expect(state()).toEqual(before);
    });
  }

  test("/img/<sha256> needs no login (a phone loads the image of an open question)", async () => {
    const res = await fetch(s.url + imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
  });
});
