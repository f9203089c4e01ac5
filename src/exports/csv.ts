// A table as CSV for Excel: UTF-8 with a BOM (so Excel reads Korean names as UTF-8), CRLF lines.
// Text cells that a spreadsheet would read as a formula — starting with =, +, -, @, a tab or a
// carriage return, e.g. a nickname "=1+1" or "@SUM(A1)" — get a leading ' (shown as text, the
// ' hidden). Number cells are written as numbers: -50 stays -50.
import Papa from "papaparse";
import type { Cell, CellKind, Column, Table } from "./table.ts";
import { localDateTime } from "./time.ts";

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvCell(cell: Cell, kind: CellKind): string | number {
  if (cell === null) return "";
  switch (kind) {
    case "number": return typeof cell === "number" ? cell : neutralise(cell);
    case "time": return typeof cell === "number" ? localDateTime(cell) : neutralise(cell);
    case "bool": return cell ? "TRUE" : "FALSE";
    case "text": return neutralise(String(cell));
  }
}

/** `header` names a column in the reader's language. */
export function tableCsv(table: Table, header: (c: Column) => string): string {
  const fields = table.columns.map((c) => neutralise(header(c)));
  const data = table.rows.map((row) => row.map((cell, i) => csvCell(cell, table.columns[i]!.kind)));
  return "\uFEFF" + Papa.unparse({ fields, data }, { newline: "\r\n" }) + "\r\n";
}
