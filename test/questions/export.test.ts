import { afterAll, describe, expect, test } from "bun:test";
import { attachImage, createQuestion, listQuestions } from "../../src/questions/bank.ts";
import { parseCsv } from "../../src/questions/csv.ts";
import { decodeText } from "../../src/questions/decode.ts";
import { exportQuestions, type ExportFormat } from "../../src/questions/export.ts";
import { importQuestions } from "../../src/questions/import.ts";
import { questionData, type Question } from "../../src/questions/question.ts";
import { readImage } from "../../src/questions/images.ts";
import { csvTemplate } from "../../src/questions/template.ts";
import { validateQuestion } from "../../src/questions/validate.ts";
import { freshDb, type TestDb } from "../support/db.ts";
import { TINY_PNG } from "../support/images.ts";

/** A bank exercising every column and every escape: lists with | and =, formulas, text that looks like a spreadsheet formula. */
function fill(t: TestDb, withImage: boolean): void {
  const inputs: Record<string, unknown>[] = [
    { category: "score_steal", text: "줄 1\n줄 2, \"따옴표\" $\\frac{1}{2}$", answer: "1/2", alternatives: ["0.5", "a|b", "반"], points: 300, timeLimitSeconds: 45, explanation: "설명", unit: "cm", tags: ["분수", "x|y"], externalId: "keep-me" },
    { category: "score_steal", text: "=HYPERLINK(\"http://x\")", answer: "@1", alternatives: ["=2"], tags: [] },
    { category: "score_steal", text: "[not json", answer: "[1]", alternatives: ["[x"] },
    { category: "relay", set: "P1", order: 1, text: "start", answer: "-1 1/2" },
    { category: "relay", set: "P1", order: 2, text: "formula", usesPrevious: true, answerFormula: "T^2 - 1" },
    { category: "relay", set: "P1", order: 3, text: "table", usesPrevious: true, answerTable: [{ input: "5/4", answer: "a=b" }, { input: "2", answer: "c|d" }] },
    { category: "relay", set: "P1", order: 4, text: "plain table", usesPrevious: true, answerTable: [{ input: "1", answer: "x" }, { input: "1/2", answer: "y" }], answer: "x" },
    { category: "relay", set: "Q1", order: 2, text: "half-written set (no question 1)", usesPrevious: true, answerFormula: "T + 1" },
  ];
  for (const input of inputs) {
    const r = createQuestion(t.db, input);
    if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail)}`);
    if (withImage && input.externalId === "keep-me") attachImage(t.db, r.question.id, TINY_PNG);
  }
}

const comparable = (qs: Question[]) => qs.map((q) => ({ ...questionData(q), image: q.image })).sort((a, b) => a.externalId!.localeCompare(b.externalId!));

const dbs: TestDb[] = [];
const fresh = () => { const t = freshDb(); dbs.push(t); return t; };
afterAll(() => { for (const t of dbs) t.close(); });

describe("export", () => {
  test("every question gets a stored external id; exporting again keeps them", () => {
    const t = fresh();
    fill(t, false);
    exportQuestions(t.db, "csv");
    const ids = listQuestions(t.db).map((q) => q.externalId);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(ids).toContain("keep-me");
    exportQuestions(t.db, "json");
    expect(listQuestions(t.db).map((q) => q.externalId)).toEqual(ids);
  });

  for (const format of ["csv", "json", "zip"] as ExportFormat[]) {
    test(`${format}: export → import into a fresh database gives the same bank (ids aside)`, () => {
      const a = fresh();
      fill(a, format === "zip");
      const file = exportQuestions(a.db, format);
      expect(file.filename).toMatch(new RegExp(`^tmc-questions-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
      const b = fresh();
      const r = importQuestions(b.db, file.bytes, { dryRun: false });
      expect(r).toMatchObject({ ok: true, format, created: 8, updated: 0 });
      expect(comparable(listQuestions(b.db))).toEqual(comparable(listQuestions(a.db)));
      if (format === "zip") {
        const img = listQuestions(b.db).find((q) => q.externalId === "keep-me")!.image!;
        expect(readImage(b.db, img)?.mime).toBe("image/png");
      }
      // and importing the same file again updates everything, changing nothing
      expect(importQuestions(b.db, file.bytes, { dryRun: false })).toMatchObject({ ok: true, created: 0, updated: 8 });
      expect(comparable(listQuestions(b.db))).toEqual(comparable(listQuestions(a.db)));
    });
  }

  test("CSV: UTF-8 with BOM; spreadsheet formulas are defused with ' and the ' is removed on import", () => {
    const t = fresh();
    fill(t, false);
    const bytes = exportQuestions(t.db, "csv").bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = decodeText(bytes).text;
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'@1");
    expect(text).toContain("1=x|1/2=y"); // simple lists stay simple
    expect(text).toContain('"[""0.5"",""a|b"",""반""]"'); // an item with | is written as JSON
  });

  test("a CSV or JSON alone relinks images the bank already has; elsewhere the image is missing", () => {
    const a = fresh();
    fill(a, true);
    const csv = exportQuestions(a.db, "csv").bytes;
    expect(importQuestions(a.db, csv, { dryRun: false })).toMatchObject({ ok: true, updated: 8 });
    expect(listQuestions(a.db).find((q) => q.externalId === "keep-me")!.image).not.toBeNull();
    const b = fresh();
    const r = importQuestions(b.db, csv, { dryRun: true });
    expect(r.ok && r.rows.find((x) => !x.ok)?.errors).toEqual([{ field: "image", reason: "image_missing" }]);
  });
});

describe("the CSV template", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: header plus example rows that import cleanly`, () => {
      const text = csvTemplate(lang);
      expect(text.startsWith("\uFEFFexternal_id,category,set,order,text,image,answer,alternatives,points,time_limit_seconds,explanation,unit,tags,uses_previous,answer_formula,answer_table\r\n")).toBe(true);
      const parsed = parseCsv(text.slice(1));
      if (!parsed.ok) throw new Error(parsed.reason);
      expect(parsed.rows.length).toBe(4);
      for (const row of parsed.rows) expect(validateQuestion(row.input).ok).toBe(true);
      const t = fresh();
      const r = importQuestions(t.db, new TextEncoder().encode(text), { dryRun: true });
      expect(r).toMatchObject({ ok: true, created: 4 });
      expect(r.ok && r.rows.flatMap((x) => x.warnings)).toEqual([]);
    });
  }
});
