// Tables as one XLSX workbook (exceljs), a sheet each: numbers as numbers, times as real Excel
// dates (number format yyyy-mm-dd hh:mm:ss), booleans as TRUE/FALSE, columns sized to their
// contents, the header row bold and frozen with a filter. Text is written as text, never as a
// formula, so a nickname "=1+1" stays what it is. exceljs is loaded on the first export only:
// the server's start-up does not pay for it.
import type { Cell, Column, Table } from "./table.ts";
import { localDateTime, wallClockDate } from "./time.ts";

export type Sheet = { title: string; table: Table };

const TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** Characters as a spreadsheet shows them: Hangul, CJK and full-width forms take two columns. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

function shown(cell: Cell, c: Column): string {
  if (cell === null) return "";
  if (c.kind === "time" && typeof cell === "number") return localDateTime(cell);
  if (c.kind === "bool") return "FALSE";
  return String(cell);
}

function value(cell: Cell, c: Column): string | number | boolean | Date | null {
  if (cell === null) return null;
  if (c.kind === "time" && typeof cell === "number") return wallClockDate(cell);
  if (c.kind === "bool") return cell === 1 || cell === "1";
  if (c.kind === "number" && typeof cell === "number") return cell;
  return String(cell);
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Sheet";
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27)} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

export async function workbookXlsx(sheets: Sheet[], header: (c: Column) => string): Promise<Uint8Array> {
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  book.creator = "TMC";
  const taken = new Set<string>();
  for (const { title, table } of sheets) {
    const ws = book.addWorksheet(sheetName(title, taken), { views: [{ state: "frozen", ySplit: 1 }] });
    const headers = table.columns.map(header);
    ws.columns = table.columns.map((c, i) => {
      const widest = Math.max(displayWidth(headers[i]!), ...table.rows.map((r) => displayWidth(shown(r[i] ?? null, c))));
      return { header: headers[i]!, width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2)), ...(c.kind === "time" ? { style: { numFmt: TIME_FORMAT } } : {}) };
    });
    for (const row of table.rows) ws.addRow(row.map((cell, i) => value(cell, table.columns[i]!)));
    ws.getRow(1).font = { bold: true };
    if (table.columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
