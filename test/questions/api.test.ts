// The question bank's JSON API over HTTP, against a real server and SQLite file: questions in
// and out, images (type from the bytes, size limits, how they are served), import previews and
// saves (a zip bomb refused), export → import into a fresh server, and the answer checker.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { zipSync } from "fflate";
import { startServer, type TestServer } from "../support/server.ts";
import { TINY_PNG } from "../support/images.ts";
import { IMAGE_CACHE_CONTROL } from "../../src/questions/images.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

const MB = 1024 * 1024;
const utf8 = (x: string) => new TextEncoder().encode(x);
const auth = (srv: TestServer) => ({ authorization: `Bearer ${srv.teacherToken}` });

async function api(srv: TestServer, method: string, path: string, body?: unknown, lang = "en") {
  const res = await fetch(srv.url + path, { method, headers: { ...srv.teacher, "accept-language": lang }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function upload(srv: TestServer, path: string, bytes: Uint8Array, name: string, type = "") {
  const form = new FormData();
  form.set("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  const res = await fetch(srv.url + path, { method: "POST", headers: { ...auth(srv), "accept-language": "en" }, body: form });
  return { status: res.status, body: (await res.json()) as any };
}

/** `size` bytes starting like `head` (a photo is mostly incompressible data). */
function sized(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65536)));
  out.set(head);
  return out;
}
const JPEG_HEAD = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);

async function newQuestion(srv: TestServer, input: Record<string, unknown> = {}): Promise<number> {
  const r = await api(srv, "POST", "/api/questions", { category: "score_steal", text: "What is $\\frac{3}{4}$ of 8?", answer: "6", ...input });
  expect(r.status).toBe(201);
  return r.body.id as number;
}

describe("questions", () => {
  test("POST → 201 {id}; GET returns it in the issue's JSON shape; PUT replaces it; DELETE removes it", async () => {
    const created = await api(s, "POST", "/api/questions", { category: "score_steal", text: "Area of a 4 cm square?", answer: "16", unit: "cm²", alternatives: ["16cm^2"], tags: ["geometry"], points: 200 });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(typeof id).toBe("number");
    expect(created.body.warnings).toEqual([]);
    const got = await api(s, "GET", `/api/questions/${id}`);
    expect(got.body).toEqual({
      id, category: "score_steal", set: null, order: null, text: "Area of a 4 cm square?", imageUrl: null, answer: "16", alternatives: ["16cm^2"], points: 200,
      timeLimitSeconds: null, explanation: null, unit: "cm²", tags: ["geometry"], externalId: null, usesPrevious: false, answerFormula: null, answerTable: null,
    });
    // What GET returned can be sent back (id and imageUrl are ignored), with a change.
    const put = await api(s, "PUT", `/api/questions/${id}`, { ...got.body, points: 300 });
    expect(put.status).toBe(200);
    expect(put.body.question.points).toBe(300);
    expect((await api(s, "DELETE", `/api/questions/${id}`)).body).toEqual({ deleted: id, warnings: [] });
    expect((await api(s, "GET", `/api/questions/${id}`)).status).toBe(404);
    expect((await api(s, "PUT", `/api/questions/${id}`, got.body)).body.error.code).toBe("question_not_found");
  });

  test("a refused question names each field with a message in the caller's language", async () => {
    const en = await api(s, "POST", "/api/questions", { category: "quiz", text: "", timeLimit: 30 });
    expect(en.status).toBe(400);
    expect(en.body.error.code).toBe("invalid_input");
    const fields = en.body.error.detail.errors.map((e: any) => [e.field, e.reason]);
    expect(fields).toEqual(expect.arrayContaining([["category", "bad_category"], ["text", "required"], ["timeLimit", "unknown_field"]]));
    expect(en.body.error.detail.errors.every((e: any) => typeof e.message === "string" && e.message.length > 5)).toBe(true);
    // The message words the first problem and says how many more there are.
    expect(en.body.error.message).toBe("timeLimit: This field is not part of a question (check the spelling). (+3 more)");
    const ko = await api(s, "POST", "/api/questions", { category: "score_steal", text: "x" }, "ko");
    expect(ko.body.error.message).toBe("정답: 이 항목을 채우세요.");
  });

  test("a relay question whose formula divides by zero for the chain's input is saved, with the problem as a warning", async () => {
    await api(s, "POST", "/api/questions", { category: "relay", set: "Z1", order: 1, text: "Start", answer: "2" });
    const r = await api(s, "POST", "/api/questions", { category: "relay", set: "Z1", order: 2, text: "Then", usesPrevious: true, answerFormula: "1/(T-2)" });
    expect(r.status).toBe(201);
    expect(r.body.warnings).toEqual([{ set: "Z1", order: 2, questionId: r.body.id, reason: "division_by_zero", message: "The formula divides by zero for this input." }]);
  });

  test("the list filters by category, set, tag and search; a bad category is refused", async () => {
    await api(s, "POST", "/api/questions", { category: "score_steal", text: "Tagged needle", answer: "1", tags: ["needle-tag"] });
    const list = async (q: string) => ((await api(s, "GET", `/api/questions?${q}`)).body.questions as any[]);
    expect((await list("tag=needle-tag")).map((q) => q.text)).toEqual(["Tagged needle"]);
    expect((await list("q=needle")).map((q) => q.text)).toEqual(["Tagged needle"]);
    expect((await list("set=Z1")).map((q) => q.order)).toEqual([1, 2]);
    expect((await list("category=relay")).every((q) => q.category === "relay")).toBe(true);
    expect((await list("category=")).length).toBe((await list("")).length);
    expect((await api(s, "GET", "/api/questions?category=quiz")).status).toBe(400);
  });
});

describe("images over HTTP", () => {
  test("a PNG named photo.jpg (declared image/jpeg) is accepted as PNG and served as image/png, immutable", async () => {
    const id = await newQuestion(s);
    const r = await upload(s, `/api/questions/${id}/image`, TINY_PNG, "photo.jpg", "image/jpeg");
    expect(r.status).toBe(200);
    expect(r.body.imageUrl).toMatch(/^\/img\/[0-9a-f]{64}$/);
    const img = await fetch(s.url + r.body.imageUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get("content-type")).toBe("image/png");
    expect(img.headers.get("cache-control")).toBe(IMAGE_CACHE_CONTROL);
    expect(img.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await img.arrayBuffer())).toEqual(TINY_PNG);
    expect((await api(s, "GET", `/api/questions/${id}`)).body.imageUrl).toBe(r.body.imageUrl);
  });

  test("an HTML file named .png and an SVG are refused with 415 unsupported_image", async () => {
    const id = await newQuestion(s);
    for (const [bytes, name] of [[utf8("<!doctype html><script>alert(1)</script>"), "cat.png"], [utf8('<svg xmlns="http://www.w3.org/2000/svg"/>'), "x.svg"]] as const) {
      const r = await upload(s, `/api/questions/${id}/image`, bytes, name, "image/png");
      expect(r.status).toBe(415);
      expect(r.body.error.code).toBe("unsupported_image");
    }
    expect((await api(s, "GET", `/api/questions/${id}`)).body.imageUrl).toBeNull();
  });

  test("a 4 MB photo is accepted (above the general body limit); a 6 MB one is refused with 413", async () => {
    const id = await newQuestion(s);
    const ok = await upload(s, `/api/questions/${id}/image`, sized(JPEG_HEAD, 4 * MB), "photo.jpg");
    expect(ok.status).toBe(200);
    const served = await fetch(s.url + ok.body.imageUrl);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect((await served.arrayBuffer()).byteLength).toBe(4 * MB);
    const big = await upload(s, `/api/questions/${id}/image`, sized(JPEG_HEAD, 6 * MB), "big.jpg");
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("image_too_large");
    // Between 5 MB and the route's limit the domain says the same.
    const over = await upload(s, `/api/questions/${id}/image`, sized(JPEG_HEAD, 5 * MB + 1000), "over.jpg");
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe("image_too_large");
    expect((await api(s, "GET", `/api/questions/${id}`)).body.imageUrl).toBe(ok.body.imageUrl);
    // Other routes keep the general limit.
    const elsewhere = await fetch(`${s.url}/api/questions`, { method: "POST", headers: s.teacher, body: JSON.stringify({ category: "score_steal", text: "x".repeat(2 * MB), answer: "1" }) });
    expect(elsewhere.status).toBe(413);
  });

  test("unknown and malformed hashes are 404; there is no listing; removing an image keeps it served for snapshots", async () => {
    for (const path of [`/img/${"0".repeat(64)}`, "/img/abc", `/img/${"A".repeat(64)}`, "/img/", "/img", "/img/..%2Fpackage.json"]) {
      const res = await fetch(s.url + path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type") ?? "", path).not.toMatch(/^image\//);
    }
    const id = await newQuestion(s);
    const { body } = await upload(s, `/api/questions/${id}/image`, TINY_PNG, "a.png");
    const removed = await fetch(`${s.url}/api/questions/${id}/image`, { method: "DELETE", headers: auth(s) });
    expect(await removed.json()).toEqual({ imageUrl: null });
    expect((await fetch(s.url + body.imageUrl)).status).toBe(200);
  });
});

const CSV = "category,set,order,text,answer,uses_previous,answer_formula,external_id\n" +
  "score_steal,,,Imported one,1,,,imp-1\n" +
  "relay,IMP,1,Start,3,,,imp-2\n" +
  "relay,IMP,2,Next,,yes,T + 1,imp-3\n";

describe("import and export over HTTP", () => {
  const count = () => (s.deps.db.$client.query("SELECT count(*) AS n FROM questions").get() as { n: number }).n;

  test("dryRun=1 previews every row and saves nothing; without it the same file saves; again it updates", async () => {
    const before = count();
    const dry = await upload(s, "/api/questions/import?dryRun=1", utf8(CSV), "bank.csv");
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ saved: false, created: 3, updated: 0 });
    expect(dry.body.rows.map((r: any) => [r.line, r.ok, r.action, r.errors])).toEqual([[2, true, "create", []], [3, true, "create", []], [4, true, "create", []]]);
    expect(count()).toBe(before);
    const saved = await upload(s, "/api/questions/import", utf8(CSV), "bank.csv");
    expect(saved.body).toMatchObject({ saved: true, created: 3, updated: 0 });
    expect(count()).toBe(before + 3);
    const again = await upload(s, "/api/questions/import", utf8(CSV), "bank.csv");
    expect(again.body).toMatchObject({ created: 0, updated: 3 });
    expect(count()).toBe(before + 3);
  });

  test("a file with errors on some rows lists each (with messages) and saves nothing, preview or not", async () => {
    const before = count();
    const bad = "category,text,answer,points\nscore_steal,fine,1,\nscore_steal,no answer,,\nquiz,x,1,abc\n";
    const dry = await upload(s, "/api/questions/import?dryRun=1", utf8(bad), "bad.csv");
    expect(dry.status).toBe(200);
    expect(dry.body.rows.map((r: any) => [r.line, r.ok])).toEqual([[2, true], [3, false], [4, false]]);
    expect(dry.body.rows[1].errors[0]).toMatchObject({ field: "answer", reason: "required", message: "Answer: Fill this in." });
    const save = await upload(s, "/api/questions/import", utf8(bad), "bad.csv");
    expect(save.status).toBe(422);
    expect(save.body.error.code).toBe("import_invalid");
    expect(save.body.error.detail.rows.filter((r: any) => !r.ok).map((r: any) => r.line)).toEqual([3, 4]);
    expect(count()).toBe(before);
  });

  test("a zip bomb is refused with import_invalid / zip_bomb, quickly, and nothing is saved", async () => {
    const before = count();
    const zip = zipSync({ "questions.csv": utf8(CSV) });
    // The central directory claims 3 GB uncompressed.
    const v = new DataView(zip.buffer);
    v.setUint32(v.getUint32(zip.length - 22 + 16, true) + 24, 3_000_000_000, true);
    const started = performance.now();
    const r = await upload(s, "/api/questions/import", zip, "bank.zip");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: "import_invalid", message: "The zip file unpacks to far more than it holds; refused.", detail: { reason: "zip_bomb" } });
    expect(count()).toBe(before);
  });

  test("an upload over the import limit is refused with 413 before it is read", async () => {
    const small = await startServer({ importLimitBytes: MB });
    try {
      const r = await upload(small, "/api/questions/import?dryRun=1", new Uint8Array(MB + 10), "big.csv");
      expect(r.status).toBe(413);
      expect(r.body.error.code).toBe("payload_too_large");
    } finally {
      await small.stop();
    }
  });

  test("export (csv, json, zip) downloads with a filename; the zip imported into a fresh server gives the same bank", async () => {
    const withImage = await newQuestion(s, { text: "Has a picture", externalId: "pic-1" });
    await upload(s, `/api/questions/${withImage}/image`, TINY_PNG, "p.png");
    for (const [format, type] of [["csv", "text/csv"], ["json", "application/json"], ["zip", "application/zip"]] as const) {
      const res = await fetch(`${s.url}/api/questions/export?format=${format}`, { headers: auth(s) });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toStartWith(type);
      expect(res.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="tmc-questions-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`));
    }
    const zip = new Uint8Array(await (await fetch(`${s.url}/api/questions/export?format=zip`, { headers: auth(s) })).arrayBuffer());
    const strip = (qs: any[]) => qs.map(({ id: _id, ...q }) => q).sort((a, b) => a.externalId.localeCompare(b.externalId));
    const original = strip((await api(s, "GET", "/api/questions")).body.questions);
    const fresh = await startServer();
    try {
      const r = await upload(fresh, "/api/questions/import", zip, "export.zip");
      expect(r.status).toBe(200);
      expect(r.body.created).toBe(original.length);
      const copy = strip((await api(fresh, "GET", "/api/questions")).body.questions);
      expect(copy).toEqual(original);
      const pic = copy.find((q: any) => q.externalId === "pic-1");
      expect((await fetch(fresh.url + pic.imageUrl)).headers.get("content-type")).toBe("image/png");
    } finally {
      await fresh.stop();
    }
  });
});

describe("try an answer and the demo bank", () => {
  test("POST /api/questions/check answers {correct, expected} with the rounds' checker", async () => {
    const id = await newQuestion(s, { text: "Three quarters?", answer: "3/4", unit: "cm" });
    const check = async (answer: string, extra = {}) => api(s, "POST", "/api/questions/check", { questionId: id, answer, ...extra });
    expect((await check("6/8")).body).toEqual({ correct: true, expected: "3/4" });
    expect((await check("0.75 cm")).body).toEqual({ correct: true, expected: "3/4" });
    expect((await check("0.749")).body).toEqual({ correct: false, expected: "3/4" });
    expect((await check("  ")).body.error).toMatchObject({ code: "invalid_answer" });
    expect((await check("1".repeat(101))).status).toBe(422);
    expect((await api(s, "POST", "/api/questions/check", { questionId: 999999, answer: "1" })).status).toBe(404);
  });

  test("a relay question using T is checked against the chain's input, or the previous answer given (follow-through)", async () => {
    await api(s, "POST", "/api/questions", { category: "relay", set: "CHK", order: 1, text: "a", answer: "4" });
    const id = (await api(s, "POST", "/api/questions", { category: "relay", set: "CHK", order: 2, text: "b", usesPrevious: true, answerFormula: "2*T" })).body.id;
    expect((await api(s, "POST", "/api/questions/check", { questionId: id, answer: "8" })).body).toMatchObject({ correct: true, expected: "8" });
    expect((await api(s, "POST", "/api/questions/check", { questionId: id, answer: "10", previousAnswer: "5" })).body).toMatchObject({ correct: true, expected: "10", credit: "follow_through" });
  });

  test("POST /api/questions/demo adds the chosen language's bank; the other language is refused with sets_taken", async () => {
    const demo = await startServer();
    try {
      const en = await api(demo, "POST", "/api/questions/demo", { lang: "en" });
      expect(en.status).toBe(200);
      expect(en.body).toEqual({ created: 42, updated: 0 });
      expect((await api(demo, "POST", "/api/questions/demo", { lang: "en" })).body).toEqual({ created: 0, updated: 42 });
      const ko = await api(demo, "POST", "/api/questions/demo", { lang: "ko" });
      expect(ko.status).toBe(409);
      expect(ko.body.error.code).toBe("sets_taken");
      expect(ko.body.error.detail.sets).toEqual(["P1", "Q1", "R1", "S1", "P2", "Q2", "R2", "S2"]);
      expect(ko.body.error.message).toContain("P1, Q1");
      expect((await api(demo, "POST", "/api/questions/demo", { lang: "fr" })).status).toBe(400);
    } finally {
      await demo.stop();
    }
  });
});
