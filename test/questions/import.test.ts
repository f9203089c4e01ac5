import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { zipSync } from "fflate";
import { listQuestions } from "../../src/questions/bank.ts";
import { decodeText } from "../../src/questions/decode.ts";
import { importQuestions } from "../../src/questions/import.ts";
import { readZip } from "../../src/questions/zip.ts";
import { freshDb, type TestDb } from "../support/db.ts";
import { TINY_PNG } from "../support/images.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(join(import.meta.dir, "fixtures", name)));
const utf8 = (s: string) => new TextEncoder().encode(s);
const count = (t: TestDb) => (t.db.$client.query("SELECT count(*) AS n FROM questions").get() as { n: number }).n;

let t: TestDb;
beforeEach(() => { t = freshDb(); });
afterEach(() => t.close());

describe("CSV import", () => {
  test("an Excel-saved Korean CSV imports the same as UTF-8 with BOM and as CP949", () => {
    const cp949 = fixture("korean-excel-cp949.csv");
    expect(decodeText(cp949).encoding).toBe("cp949");
    expect(decodeText(fixture("korean-excel-utf8-bom.csv")).encoding).toBe("utf-8");
    expect(decodeText(cp949).text).toBe(decodeText(fixture("korean-excel-utf8-bom.csv")).text);
    const banks = ["korean-excel-utf8-bom.csv", "korean-excel-cp949.csv"].map((name) => {
      const db = freshDb();
      const r = importQuestions(db.db, fixture(name), { dryRun: false });
      expect(r).toMatchObject({ ok: true, format: "csv", created: 4, updated: 0, saved: true });
      const qs = listQuestions(db.db).map(({ id: _i, createdAt: _c, updatedAt: _u, ...q }) => q);
      db.close();
      return qs;
    });
    expect(banks[1]).toEqual(banks[0]!);
    const steal = banks[0]!.find((q) => q.category === "score_steal")!;
    expect(steal).toMatchObject({ text: "똠이는 사과 3개와 배 4개가 있습니다.\n모두 몇 개입니까?", answer: "7", alternatives: ["일곱"], points: 200, unit: "개", tags: ["덧셈", "기초"] });
    expect(banks[0]!.filter((q) => q.set === "가1").map((q) => [q.order, q.usesPrevious, q.answerFormula, q.answerTable])).toEqual([
      [1, false, null, null], [2, true, "T + 1", null], [3, true, null, [{ input: "10", answer: "십" }, { input: "11", answer: "십일" }]],
    ]);
  });

  test("a CSV with errors on some rows lists each with its line, and saves nothing", () => {
    const csv = [
      "category,set,order,text,answer,points,uses_previous,answer_formula",
      "score_steal,,,ok question,1,100,,",
      'score_steal,,,"two\nlines",,abc,,', // line 3–4: no answer, points not a number
      "relay,P1,1,first,2,,,",
      "relay,P1,2,second,,,yes,T +* 1", // line 6
      "quiz,,,x,1,,,", // line 7
      "relay,P1,1,dup slot,5,,,", // line 8: same slot as line 5
    ].join("\n");
    const preview = importQuestions(t.db, utf8(csv), { dryRun: true });
    if (!preview.ok) throw new Error(preview.code);
    expect(preview.rows.map((r) => [r.line, r.ok, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [2, true, []],
      [3, false, ["points:not_integer", "answer:required"]],
      [5, true, []],
      [6, false, ["answerFormula:formula_syntax"]],
      [7, false, ["category:bad_category"]],
      [8, false, ["order:duplicate_set_order"]],
    ]);
    expect(preview.saved).toBe(false);
    const save = importQuestions(t.db, utf8(csv), { dryRun: false });
    expect(save).toMatchObject({ ok: false, code: "import_invalid", detail: { reason: "rows" } });
    expect(count(t)).toBe(0);
  });

  test("the header is checked: required columns, unknown and repeated columns", () => {
    expect(importQuestions(t.db, utf8("category,answer\nscore_steal,1"), { dryRun: true })).toEqual({ ok: false, code: "import_invalid", detail: { reason: "missing_column", column: "text" } });
    expect(importQuestions(t.db, utf8("category,text,answr\nscore_steal,x,1"), { dryRun: true })).toMatchObject({ detail: { reason: "unknown_column", column: "answr" } });
    expect(importQuestions(t.db, utf8("category,text,문제\nscore_steal,x,y"), { dryRun: true })).toMatchObject({ detail: { reason: "duplicate_column", column: "text" } });
    expect(importQuestions(t.db, new Uint8Array(0), { dryRun: true })).toMatchObject({ detail: { reason: "empty_file" } });
    expect(importQuestions(t.db, utf8("category,text\n" + "score_steal,x\n".repeat(2001)), { dryRun: true })).toMatchObject({ detail: { reason: "too_many_rows" } });
  });

  test("a preview shows chain warnings computed on the resulting bank, and saves nothing", () => {
    const csv = "category,set,order,text,answer,uses_previous,answer_formula\nrelay,P1,1,a,2,,\nrelay,P1,2,b,,yes,1/(T-2)\n";
    const r = importQuestions(t.db, utf8(csv), { dryRun: true });
    expect(r).toMatchObject({ ok: true, created: 2, saved: false, rows: [{ line: 2, ok: true, warnings: [] }, { line: 3, ok: true, warnings: [{ set: "P1", order: 2, reason: "division_by_zero" }] }] });
    expect(count(t)).toBe(0);
  });

  test("rows with an external id update the existing question instead of duplicating", () => {
    const v1 = "external_id,category,text,answer\nq-1,score_steal,first,1\nq-2,score_steal,second,2\n";
    expect(importQuestions(t.db, utf8(v1), { dryRun: false })).toMatchObject({ ok: true, created: 2, updated: 0 });
    const ids = listQuestions(t.db).map((q) => q.id);
    const v2 = "external_id,category,text,answer\nq-2,score_steal,second (edited),22\nq-3,score_steal,third,3\n";
    expect(importQuestions(t.db, utf8(v2), { dryRun: false })).toMatchObject({ ok: true, created: 1, updated: 1, rows: [{ action: "update" }, { action: "create" }] });
    const after = listQuestions(t.db);
    expect(after.length).toBe(3);
    expect(after.find((q) => q.externalId === "q-2")).toMatchObject({ id: ids[1], text: "second (edited)", answer: "22" });
  });

  test("re-importing a reordered set by external id swaps positions without a UNIQUE clash", () => {
    const v1 = "external_id,category,set,order,text,answer\na,relay,P1,1,A,1\nb,relay,P1,2,B,2\n";
    importQuestions(t.db, utf8(v1), { dryRun: false });
    const v2 = "external_id,category,set,order,text,answer\na,relay,P1,2,A,1\nb,relay,P1,1,B,2\n";
    expect(importQuestions(t.db, utf8(v2), { dryRun: false })).toMatchObject({ ok: true, updated: 2 });
    expect(listQuestions(t.db).map((q) => [q.externalId, q.order])).toEqual([["b", 1], ["a", 2]]);
    const clash = "category,set,order,text,answer\nrelay,P1,1,new,9\n";
    expect(importQuestions(t.db, utf8(clash), { dryRun: true })).toMatchObject({ ok: true, rows: [{ ok: false, errors: [{ field: "order", reason: "set_order_taken" }] }] });
  });

  test("JSON import: a list or { questions }, lines are positions", () => {
    const json = JSON.stringify({ questions: [{ category: "score_steal", text: "x", answer: "1" }, 5, { category: "score_steal", text: "y" }] });
    const r = importQuestions(t.db, utf8(json), { dryRun: true });
    expect(r).toMatchObject({ ok: true, format: "json", rows: [{ line: 1, ok: true }, { line: 2, ok: false, errors: [{ reason: "not_object" }] }, { line: 3, ok: false, errors: [{ field: "answer", reason: "required" }] }] });
    expect(importQuestions(t.db, utf8("[{"), { dryRun: true })).toMatchObject({ ok: false, detail: { reason: "bad_json" } });
  });
});

describe("zip import", () => {
  const csv = "category,text,answer,image\nscore_steal,with a picture,1,pics/a.png\nscore_steal,same picture,2,pics/a.png\n";

  test("a zip holding the CSV and its images (also inside a folder) imports with the images", () => {
    for (const zip of [zipSync({ "questions.csv": utf8(csv), "pics/a.png": TINY_PNG }), zipSync({ "bank/questions.csv": utf8(csv), "bank/pics/a.png": TINY_PNG })]) {
      const db = freshDb();
      expect(importQuestions(db.db, zip, { dryRun: false })).toMatchObject({ ok: true, format: "zip", created: 2 });
      const qs = listQuestions(db.db);
      expect(qs[0]!.image).toMatch(/^[0-9a-f]{64}$/);
      expect(qs[1]!.image).toBe(qs[0]!.image!);
      expect(db.db.$client.query("SELECT count(*) AS n FROM images").get()).toEqual({ n: 1 });
      db.close();
    }
  });

  test("an image missing from the zip, or not an image, is a row error", () => {
    const zip = zipSync({ "questions.csv": utf8("category,text,answer,image\nscore_steal,a,1,nope.png\nscore_steal,b,1,evil.png\n"), "evil.png": utf8("<svg onload=alert(1)>") });
    expect(importQuestions(t.db, zip, { dryRun: true })).toMatchObject({ ok: true, rows: [{ errors: [{ field: "image", reason: "image_missing" }] }, { errors: [{ field: "image", reason: "unsupported_image" }] }] });
    expect(importQuestions(t.db, zipSync({ "notes.txt": utf8("hi") }), { dryRun: true })).toMatchObject({ ok: false, detail: { reason: "zip_no_questions" } });
    expect(importQuestions(t.db, utf8("PK not really a zip"), { dryRun: true })).toMatchObject({ ok: false, detail: { reason: "zip_bad" } });
  });

  test("a zip bomb declaring a huge size is refused before inflating, in milliseconds", () => {
    const zip = zipSync({ "questions.csv": utf8(csv) });
    // Patch the central directory's uncompressed size to 3 GB.
    const v = new DataView(zip.buffer);
    const cd = v.getUint32(zip.length - 22 + 16, true);
    v.setUint32(cd + 24, 3_000_000_000, true);
    const start = performance.now();
    expect(importQuestions(t.db, zip, { dryRun: true })).toMatchObject({ ok: false, code: "import_invalid", detail: { reason: "zip_bomb" } });
    expect(performance.now() - start).toBeLessThan(50);
  });

  test("a zip bomb lying about its size (100 MB of zeros declared as 100 bytes) is stopped at once", () => {
    const payload = deflateRawSync(new Uint8Array(100 * 1024 * 1024));
    // Rebuild by hand: one deflated entry whose headers claim 100 bytes.
    const name = utf8("questions.csv");
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true); lv.setUint16(8, 8, true); lv.setUint32(18, payload.length, true); lv.setUint32(22, 100, true); lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint16(10, 8, true); cv.setUint32(20, payload.length, true); cv.setUint32(24, 100, true); cv.setUint16(28, name.length, true); cv.setUint32(42, 0, true);
    central.set(name, 46);
    const end = new Uint8Array(22);
    const ev = new DataView(end.buffer);
    ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, 1, true); ev.setUint16(10, 1, true); ev.setUint32(12, central.length, true); ev.setUint32(16, local.length + payload.length, true);
    const bomb = new Uint8Array([...local, ...payload, ...central, ...end]);
    const start = performance.now();
    expect(readZip(bomb, { maxEntries: 10, maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20 })).toEqual({ ok: false, reason: "zip_bomb" });
    expect(importQuestions(t.db, bomb, { dryRun: true })).toMatchObject({ ok: false, detail: { reason: "zip_bomb" } });
    expect(performance.now() - start).toBeLessThan(50);
  });

  test("too many entries are refused before reading any", () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 1001; i++) files[`f${i}.txt`] = utf8("x");
    expect(importQuestions(t.db, zipSync(files), { dryRun: true })).toMatchObject({ ok: false, detail: { reason: "zip_too_many_entries" } });
  });
});
