// Exporting the bank as CSV, JSON or a zip (questions.csv + images/<sha256>.<ext>). Every
// question gets an external id first (stored), so editing the file and importing it back
// updates the same questions instead of adding copies; export → import into a fresh server
// gives the same bank (ids aside — images too, with the zip).
//
// A CSV or JSON alone names its images (images/<sha256>.png) without holding them: imported
// into a bank that already has those images they are linked again; elsewhere use the zip.
import { eq, inArray, isNull } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { images, questions } from "../db/schema.ts";
import { listQuestions } from "./bank.ts";
import { questionsToCsv } from "./csv.ts";
import { IMAGE_EXTENSIONS } from "./images.ts";
import { questionsToJson } from "./json-file.ts";
import { questionData } from "./question.ts";
import { writeZip } from "./zip.ts";

export type ExportFormat = "csv" | "json" | "zip";
export type ExportFile = { filename: string; contentType: string; bytes: Uint8Array };

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
  zip: "application/zip",
};

export function newExternalId(): string {
  return `q-${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
}

export function exportQuestions(db: Db, format: ExportFormat, now = new Date()): ExportFile {
  const { items, files } = write(db, (tx) => {
    for (const { id } of tx.select({ id: questions.id }).from(questions).where(isNull(questions.externalId)).all()) {
      tx.update(questions).set({ externalId: newExternalId() }).where(eq(questions.id, id)).run();
    }
    const all = listQuestions(tx);
    const hashes = [...new Set(all.map((q) => q.image).filter((h): h is string => h !== null))];
    const rows = hashes.length ? tx.select().from(images).where(inArray(images.sha256, hashes)).all() : [];
    const names = new Map(rows.map((r) => [r.sha256, `images/${r.sha256}.${IMAGE_EXTENSIONS[r.mime]}`]));
    const files: Record<string, Uint8Array> = format === "zip" ? Object.fromEntries(rows.map((r) => [names.get(r.sha256)!, new Uint8Array(r.bytes)])) : {};
    return { items: all.map((q) => ({ data: questionData(q), image: q.image ? names.get(q.image)! : null })), files };
  });
  const stamp = now.toISOString().slice(0, 10);
  const text = format === "json" ? questionsToJson(items) : questionsToCsv(items);
  const bytes = format === "zip" ? writeZip({ "questions.csv": new TextEncoder().encode(text), ...files }) : new TextEncoder().encode(text);
  return { filename: `tmc-questions-${stamp}.${format}`, contentType: CONTENT_TYPES[format], bytes };
}
