// Importing questions from CSV, JSON or a zip (the CSV/JSON plus its images). The file's kind
// is decided from its bytes (a zip starts with "PK", JSON with [ or {), never from its name.
//
// Contract:
// - A preview (dryRun) and a save run the SAME code: the save's transaction is rolled back at
//   the end of a preview, so what the preview shows is exactly what saving would do, including
//   the chain warnings computed on the resulting bank.
// - Saving is one transaction: every row is saved, or none (any row error → import_invalid
//   with every row's errors).
// - A row whose external id is in the bank updates that question (keeping its image unless
//   the row names one) instead of adding a copy.
// - Chain problems of the resulting sets are warnings, not errors: an exported bank holding a
//   half-written set must import back as it was.
import { inArray } from "drizzle-orm";
import { write, type Db, type Tx } from "../db/client.ts";
import { questions } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { insertQuestion, replaceQuestion } from "./bank.ts";
import type { ChainProblem } from "./chain.ts";
import { parseCsv, type ParsedFile, type ParsedRow } from "./csv.ts";
import { decodeText } from "./decode.ts";
import { checkImage, hasImage, storeImage, type CheckedImage } from "./images.ts";
import { parseJsonFile } from "./json-file.ts";
import { questionFromRow, type QuestionData } from "./question.ts";
import type { QuestionReason } from "./reasons.ts";
import { chainsOf, parkOrders, questionAt } from "./sets.ts";
import { validateQuestion, type FieldError } from "./validate.ts";
import { readZip } from "./zip.ts";

export const IMPORT_LIMITS = {
  /** The uploaded file itself (the HTTP layer should allow this much for the import route). */
  maxFileBytes: 25 * 1024 * 1024,
  zip: { maxEntries: 1000, maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 100 * 1024 * 1024 },
} as const;

export type ImportFormat = "csv" | "json" | "zip";
export type ImportWarning = { set: string; order: number; reason: ChainProblem };
export type ImportRow = { line: number; ok: boolean; errors: FieldError[]; warnings: ImportWarning[]; action: "create" | "update" | null };
export type ImportReport = { format: ImportFormat; rows: ImportRow[]; created: number; updated: number; saved: boolean };

type ImageRef = { image: CheckedImage } | { sha256: string };
type Planned = { row: ImportRow; data: QuestionData | null; image: ImageRef | { name: string } | null };

const importInvalid = (reason: QuestionReason, detail: Record<string, unknown> = {}) => fail("import_invalid", { reason, ...detail });

/** Reads the upload into rows, plus the zip's files (for images) and the data file's folder. */
function readFile(bytes: Uint8Array): Result<{ format: ImportFormat; parsed: ParsedFile; files: Map<string, Uint8Array> | null; base: string }> {
  if (bytes.length === 0) return importInvalid("empty_file");
  if (bytes.length > IMPORT_LIMITS.maxFileBytes) return importInvalid("file_too_large");
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const zip = readZip(bytes, IMPORT_LIMITS.zip);
    if (!zip.ok) return importInvalid(zip.reason);
    // questions.json (lossless) before questions.csv; the shallowest one if a folder was zipped.
    const names = [...zip.files.keys()].filter((n) => !n.startsWith("__MACOSX/"));
    const pick = (ext: string) => names.filter((n) => n.toLowerCase().endsWith(`questions.${ext}`)).sort((a, b) => a.length - b.length)[0];
    const name = pick("json") ?? pick("csv");
    if (!name) return importInvalid("zip_no_questions");
    const text = decodeText(zip.files.get(name)!).text;
    return { ok: true, format: "zip", parsed: name.toLowerCase().endsWith(".json") ? parseJsonFile(text) : parseCsv(text), files: zip.files, base: name.slice(0, name.lastIndexOf("/") + 1) };
  }
  const text = decodeText(bytes).text;
  const json = /^\s*[[{]/.test(text);
  return { ok: true, format: json ? "json" : "csv", parsed: json ? parseJsonFile(text) : parseCsv(text), files: null, base: "" };
}

/** An image named by a row: a file of the zip, or an image already in the bank (…<sha256>…). */
function imageRef(name: string, files: Map<string, Uint8Array> | null, base: string): ImageRef | { name: string } | FieldError {
  const bytes = files?.get(base + name) ?? files?.get(name);
  if (bytes) {
    const checked = checkImage(bytes);
    if (!checked.ok) return { field: "image", reason: checked.code === "image_too_large" ? "image_too_large" : "unsupported_image" };
    return { image: checked };
  }
  return { name };
}

function plan(rows: ParsedRow[], files: Map<string, Uint8Array> | null, base: string): Planned[] {
  const seenIds = new Map<string, number>();
  const seenSlots = new Map<string, number>();
  return rows.map((r) => {
    const errors = [...r.errors];
    const valid = errors.length === 0 ? validateQuestion(r.input) : null;
    if (valid && !valid.ok) errors.push(...((valid.detail?.errors ?? []) as FieldError[]));
    const data = valid?.ok ? valid.question : null;
    let image: Planned["image"] = null;
    if (r.image) {
      const ref = imageRef(r.image, files, base);
      if ("field" in ref) errors.push(ref);
      else image = ref;
    }
    if (data?.externalId) {
      if (seenIds.has(data.externalId)) errors.push({ field: "externalId", reason: "duplicate_external_id" });
      seenIds.set(data.externalId, r.line);
    }
    if (data?.set) {
      const slot = `${data.set}\u0000${data.order}`;
      if (seenSlots.has(slot)) errors.push({ field: "order", reason: "duplicate_set_order" });
      seenSlots.set(slot, r.line);
    }
    return { row: { line: r.line, ok: errors.length === 0, errors, warnings: [], action: null }, data: errors.length ? null : data, image };
  });
}

class PreviewDone {
  constructor(readonly report: ImportReport) {}
}

/** Inside the transaction: match external ids, check positions and images, write, collect warnings. */
function apply(tx: Tx, planned: Planned[], now: number): void {
  const ids = planned.map((p) => p.data?.externalId).filter((x): x is string => !!x);
  const existing = new Map(ids.length ? tx.select().from(questions).where(inArray(questions.externalId, ids)).all().map((r) => [r.externalId!, questionFromRow(r)]) : []);
  const movingIds = new Set([...existing.values()].map((q) => q.id));
  for (const p of planned) {
    if (!p.data) continue;
    const target = p.data.externalId ? existing.get(p.data.externalId) : undefined;
    p.row.action = target ? "update" : "create";
    // A position held by a question this file also moves is free; any other holder is a conflict.
    const holder = p.data.set === null ? null : questionAt(tx, p.data.set, p.data.order!);
    if (holder !== null && holder !== target?.id && !movingIds.has(holder)) p.row.errors.push({ field: "order", reason: "set_order_taken" });
    if (p.image && "name" in p.image) {
      const sha = /[0-9a-f]{64}/.exec(p.image.name)?.[0];
      if (sha && hasImage(tx, sha)) p.image = { sha256: sha };
      else p.row.errors.push({ field: "image", reason: "image_missing" });
    }
    p.row.ok = p.row.errors.length === 0;
  }
  if (planned.some((p) => !p.row.ok)) return;
  parkOrders(tx, [...existing.values()].filter((q) => q.set !== null).map((q) => q.id));
  const touched: (string | null)[] = [...existing.values()].map((q) => q.set);
  const idOfRow = new Map<number, Planned>();
  for (const p of planned) {
    const data = p.data!;
    const sha = p.image ? ("image" in p.image ? storeImage(tx, p.image.image).sha256 : "sha256" in p.image ? p.image.sha256 : null) : null;
    const target = data.externalId ? existing.get(data.externalId) : undefined;
    // An update keeps the question's image unless the row names one.
    const saved = target ? replaceQuestion(tx, target.id, data, now, sha ?? undefined) : insertQuestion(tx, data, sha);
    idOfRow.set(saved.id, p);
    touched.push(saved.set);
  }
  for (const { set, chain } of chainsOf(tx, touched)) {
    for (const step of chain.steps) {
      if (!step.problem) continue;
      const p = idOfRow.get(step.id!) ?? planned.find((x) => x.data?.set === set);
      p?.row.warnings.push({ set, order: step.order, reason: step.problem });
    }
  }
}

export function importQuestions(db: Db, bytes: Uint8Array, opts: { dryRun: boolean; now?: number }): Result<ImportReport> {
  const file = readFile(bytes);
  if (!file.ok) return file;
  if (!file.parsed.ok) return importInvalid(file.parsed.reason, file.parsed.column ? { column: file.parsed.column } : {});
  return importRows(db, { format: file.format, rows: file.parsed.rows, files: file.files, base: file.base }, opts);
}

/** Rows already read (from a file, or built in code like the demo bank), with their images by file name. */
export type ImportSource = { format: ImportFormat; rows: ParsedRow[]; files: Map<string, Uint8Array> | null; base: string };

export function importRows(db: Db, source: ImportSource, opts: { dryRun: boolean; now?: number }): Result<ImportReport> {
  const planned = plan(source.rows, source.files, source.base);
  const report = (saved: boolean): ImportReport => ({
    format: source.format,
    rows: planned.map((p) => p.row),
    created: planned.filter((p) => p.row.ok && p.row.action === "create").length,
    updated: planned.filter((p) => p.row.ok && p.row.action === "update").length,
    saved,
  });
  try {
    write(db, (tx) => {
      apply(tx, planned, opts.now ?? Date.now());
      // A preview, or a file with errors: undo whatever was written (nothing, for errors).
      if (opts.dryRun || planned.some((p) => !p.row.ok)) throw new PreviewDone(report(false));
    });
  } catch (e) {
    if (!(e instanceof PreviewDone)) throw e;
    if (opts.dryRun) return { ok: true, ...e.report };
    return fail("import_invalid", { reason: "rows", rows: e.report.rows });
  }
  return { ok: true, ...report(true) };
}
