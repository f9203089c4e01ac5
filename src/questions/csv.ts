// The question bank as CSV (papaparse): one question per row, the first row names the columns.
// Columns (any order; only `category` and `text` are required; a Korean name works too):
//
//   external_id         외부ID       your id for the row; a row whose id is in the bank updates that question
//   category            분류         score_steal | relay   (also 점수뺏기 | 릴레이)
//   set                 세트         relay: the set's name, e.g. P1
//   order               순서         relay: position in the set, 1..50
//   text                문제         the question; LaTeX between $…$ or \(…\)
//   image               그림         zip import: the image's file name in the zip (e.g. images/tri.png)
//   answer              정답         the answer (empty for a relay answer computed from T)
//   alternatives        다른정답      other accepted answers, separated by |
//   points              배점         default 100
//   time_limit_seconds  제한시간      seconds, overrides the round's time
//   explanation         풀이         shown after the answer is revealed
//   unit                단위         e.g. cm: "12 cm" is then accepted for 12
//   tags                태그         separated by |
//   uses_previous       앞답사용      relay: yes when the answer follows from the previous answer T
//   answer_formula      답식         e.g. T + 5, 2*T, (T+1)/2, T^2 - 1
//   answer_table        답표         input=answer pairs separated by |, e.g. 1=4|2=9|3/4=1/2
//
// A list cell may instead hold a JSON array (["a|b", "c"], [{"input":"1","answer":"4"}]); export
// writes that form only when an item contains | or =, so simple banks stay simple to edit.
// Export prefixes a cell starting with = or @ with ' (spreadsheet formula injection); import
// removes that ' again. The file is written with a BOM so Excel reads it as UTF-8.
import Papa from "papaparse";
import { normalizeText } from "./normalize.ts";
import type { QuestionData, TableRow } from "./question.ts";
import type { QuestionReason } from "./reasons.ts";
import type { FieldError } from "./validate.ts";

type Kind = "text" | "int" | "bool" | "list" | "table" | "category";
type Column = { key: string; field: keyof QuestionData | "image"; kind: Kind; ko: string };

export const CSV_COLUMNS: readonly Column[] = [
  { key: "external_id", field: "externalId", kind: "text", ko: "외부ID" },
  { key: "category", field: "category", kind: "category", ko: "분류" },
  { key: "set", field: "set", kind: "text", ko: "세트" },
  { key: "order", field: "order", kind: "int", ko: "순서" },
  { key: "text", field: "text", kind: "text", ko: "문제" },
  { key: "image", field: "image", kind: "text", ko: "그림" },
  { key: "answer", field: "answer", kind: "text", ko: "정답" },
  { key: "alternatives", field: "alternatives", kind: "list", ko: "다른정답" },
  { key: "points", field: "points", kind: "int", ko: "배점" },
  { key: "time_limit_seconds", field: "timeLimitSeconds", kind: "int", ko: "제한시간" },
  { key: "explanation", field: "explanation", kind: "text", ko: "풀이" },
  { key: "unit", field: "unit", kind: "text", ko: "단위" },
  { key: "tags", field: "tags", kind: "list", ko: "태그" },
  { key: "uses_previous", field: "usesPrevious", kind: "bool", ko: "앞답사용" },
  { key: "answer_formula", field: "answerFormula", kind: "text", ko: "답식" },
  { key: "answer_table", field: "answerTable", kind: "table", ko: "답표" },
];
const REQUIRED = ["category", "text"];
export const MAX_ROWS = 2000;

/** One data row: what validate.ts receives, the image file name, and cell-level errors. */
export type ParsedRow = { line: number; input: Record<string, unknown>; image: string | null; errors: FieldError[] };
export type ParsedFile = { ok: true; rows: ParsedRow[] } | { ok: false; reason: QuestionReason; column?: string };

const headerKey = (h: string) => normalizeText(h).replace(/[\s_-]/g, "");
const BY_HEADER = new Map(CSV_COLUMNS.flatMap((c) => [[headerKey(c.key), c], [headerKey(c.field), c], [headerKey(c.ko), c]] as const));
const CATEGORY = new Map([["scoresteal", "score_steal"], ["점수뺏기", "score_steal"], ["relay", "relay"], ["릴레이", "relay"]]);
const YES = new Set(["yes", "y", "true", "1", "o", "예", "네"]);
const NO = new Set(["no", "n", "false", "0", "x", "아니오", "아니요"]);

function jsonArray(cell: string): unknown[] | null {
  try {
    const v = JSON.parse(cell) as unknown;
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

/** A cell's value for validate.ts; what cannot be converted is passed on raw, so validate names it. */
function cellValue(kind: Kind, cell: string): unknown {
  const plain = cell.trim();
  switch (kind) {
    case "text": return cell;
    case "int": return /^[+-]?\d+$/.test(normalizeText(plain)) ? Number(normalizeText(plain)) : cell;
    case "bool": { const k = normalizeText(plain); return YES.has(k) ? true : NO.has(k) ? false : cell; }
    case "category": return CATEGORY.get(normalizeText(plain).replace(/[\s_-]/g, "")) ?? cell;
    case "list": return plain.startsWith("[") ? (jsonArray(plain) ?? cell) : plain.split("|").map((s) => s.trim()).filter(Boolean);
    case "table":
      if (plain.startsWith("[")) return jsonArray(plain) ?? cell;
      return plain.split("|").filter((s) => s.trim()).map((pair) => {
        const eq = pair.indexOf("=");
        return eq < 0 ? { input: pair.trim(), answer: "" } : { input: pair.slice(0, eq).trim(), answer: pair.slice(eq + 1).trim() };
      });
  }
}

const unescapeFormula = (cell: string) => (/^'[=@\t\r]/.test(cell) ? cell.slice(1) : cell);

export function parseCsv(text: string): ParsedFile {
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  let cursor = 0;
  let tooMany = false;
  Papa.parse<string[]>(text, {
    delimitersToGuess: [",", "\t", ";"],
    step: (res, parser) => {
      const end = res.meta.cursor;
      const cells = res.data;
      if (cells.some((c) => c.trim() !== "")) records.push({ line, cells });
      // A quoted cell may span lines: the next record starts after every newline consumed here.
      for (let i = cursor; i < end; i++) if (text.charCodeAt(i) === 10) line++;
      cursor = end;
      if (records.length > MAX_ROWS + 1) { tooMany = true; parser.abort(); }
    },
  });
  if (tooMany) return { ok: false, reason: "too_many_rows" };
  if (records.length === 0) return { ok: false, reason: "empty_file" };
  const header = records[0]!.cells.map((h) => (h.trim() ? BY_HEADER.get(headerKey(h)) ?? h : null));
  const unknown = header.find((c) => typeof c === "string");
  if (typeof unknown === "string") return { ok: false, reason: "unknown_column", column: unknown };
  const known = header.filter((c): c is Column => c !== null && typeof c === "object");
  const dup = known.find((c, i) => known.indexOf(c) !== i);
  if (dup) return { ok: false, reason: "duplicate_column", column: dup.key };
  const missing = REQUIRED.find((k) => !known.some((c) => c.key === k));
  if (missing) return { ok: false, reason: "missing_column", column: missing };
  const rows = records.slice(1).map(({ line: at, cells }) => {
    const input: Record<string, unknown> = {};
    let image: string | null = null;
    header.forEach((col, i) => {
      const cell = unescapeFormula(cells[i] ?? "");
      if (!col || typeof col !== "object" || cell.trim() === "") return;
      if (col.field === "image") image = cell.trim();
      else input[col.field] = cellValue(col.kind, cell);
    });
    return { line: at, input, image, errors: [] };
  });
  return { ok: true, rows };
}

function listCell(items: readonly string[]): string {
  return items.some((s) => s.includes("|")) || items[0]?.startsWith("[") ? JSON.stringify(items) : items.join("|");
}

function tableCell(rows: readonly TableRow[] | null): string {
  if (!rows) return "";
  const plain = rows.every((r) => !/[|=]/.test(r.input) && !r.answer.includes("|")) && !rows[0]?.input.startsWith("[");
  return plain ? rows.map((r) => `${r.input}=${r.answer}`).join("|") : JSON.stringify(rows);
}

/** The CSV text (with BOM) of the given questions; `image` is the file name to write in that column. */
export function questionsToCsv(items: readonly { data: QuestionData; image: string | null }[]): string {
  const rows = items.map(({ data: q, image }) => [
    q.externalId ?? "", q.category, q.set ?? "", q.order?.toString() ?? "", q.text, image ?? "", q.answer ?? "",
    listCell(q.alternatives), String(q.points), q.timeLimitSeconds?.toString() ?? "", q.explanation ?? "", q.unit ?? "",
    listCell(q.tags), q.usesPrevious ? "yes" : "", q.answerFormula ?? "", tableCell(q.answerTable),
  ]);
  return "\uFEFF" + Papa.unparse({ fields: CSV_COLUMNS.map((c) => c.key), data: rows }, { escapeFormulae: /^[=@\t\r]/, newline: "\r\n" });
}
