// Download links for a game's results (the teacher's game page, the delete confirmation, the
// results page): the whole workbook, or one table as CSV.
import type { Lang } from "../../src/errors.ts";
import { GAME_TABLES } from "../../src/exports/table.ts";
import { sheetTitle, xt } from "./text.ts";

export function exportUrl(gameId: number, format: "xlsx" | "csv", table?: string): string {
  return `/api/games/${gameId}/export?format=${format}${table ? `&table=${table}` : ""}`;
}

export function ExportLinks({ lang, gameId }: { lang: Lang; gameId: number }): JSX.Element {
  return (
    <div class="export-links">
      <b>{xt(lang, "export_results")}</b>{" "}
      <a href={exportUrl(gameId, "xlsx")}>{xt(lang, "excel_all")}</a>{" "}
      <details class="inline-details">
        <summary>{xt(lang, "csv_tables")}</summary>
        {GAME_TABLES.map((name) => <a href={exportUrl(gameId, "csv", name)} safe>{sheetTitle(lang, name)}</a>)}
      </details>
    </div>
  );
}
