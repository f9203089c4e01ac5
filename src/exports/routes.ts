// Results as files (teacher): one game's workbook or one of its tables as CSV, and the merged
// results of several games (JSON, XLSX, CSV, and a page). Downloads work with the teacher's
// session cookie as well as a bearer token, so the pages link straight to the API.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import type { Lang } from "../errors.ts";
import { edges } from "../http/edges.ts";
import { apiError, apiFail, html, json, pageError, pageFail } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { roundModule } from "../rounds/registry.ts";
import { gameTables } from "./game-tables.ts";
import { mergedResults, parseGameIds } from "./merged.ts";
import { GAME_TABLES, type GameTableName, type Table } from "./table.ts";
import { tableCsv } from "./csv.ts";
import { workbookXlsx } from "./xlsx.ts";
import { localDate } from "./time.ts";
import { columnHeader, sheetTitle } from "../../views/exports/text.ts";
import { MergedPage } from "../../views/exports/merged.tsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV_TYPE = "text/csv; charset=utf-8";

const ExportQuery = t.Object({
  format: t.Optional(t.Union([t.Literal("xlsx"), t.Literal("csv")])),
  table: t.Optional(t.Union(GAME_TABLES.map((name) => t.Literal(name)))),
});
const MergedQuery = t.Object({
  games: t.String({ maxLength: 600 }),
  format: t.Optional(t.Union([t.Literal("json"), t.Literal("xlsx"), t.Literal("csv")])),
});
/** The page takes the dashboard's checkboxes (repeated `games`) or a list. */
const MergedPageQuery = t.Object({ games: t.Union([t.String({ maxLength: 600 }), t.Array(t.String({ maxLength: 12 }), { maxItems: 50 })]) });

function download(bytes: string | Uint8Array, type: string, filename: string): Response {
  return new Response(bytes as BodyInit, { headers: { "content-type": type, "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" } });
}

const header = (lang: Lang) => (c: Parameters<typeof columnHeader>[1]) => columnHeader(lang, c);
const roundLabel = (lang: Lang) => (type: string) => roundModule(type)?.label[lang] ?? type;

async function tablesFile(tables: Table<GameTableName | "merged">[], format: "xlsx" | "csv", lang: Lang, name: string): Promise<Response> {
  const stamp = localDate(Date.now());
  if (format === "csv") return download(tableCsv(tables[0]!, header(lang)), CSV_TYPE, `${name}-${tables[0]!.name}-${stamp}.csv`);
  const sheets = tables.map((table) => ({ title: sheetTitle(lang, table.name), table }));
  return download(await workbookXlsx(sheets, header(lang)), XLSX_TYPE, `${name}-${stamp}.xlsx`);
}

export function exportRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/api/games/:id/export", async ({ w, params, query }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const format = query.format ?? "xlsx";
      if (format === "csv" && !query.table) return apiError("invalid_input", w.lang, { field: "table" });
      const r = gameTables(db, gameId, { roundLabel: roundLabel(w.lang) });
      if (!r.ok) return apiFail(r, w.lang);
      const tables = format === "csv" ? r.tables.filter((x) => x.name === query.table) : r.tables;
      return tablesFile(tables, format, w.lang, `tmc-results-${r.game.code}-${r.game.id}`);
    }, { teacher: "api", params: t.Object({ id: t.String({ maxLength: 12 }) }), query: ExportQuery })
    .get("/api/results/merged", async ({ w, query }) => {
      const ids = parseGameIds(query.games);
      if (!ids) return apiError("invalid_input", w.lang, { field: "games" });
      const r = mergedResults(db, ids);
      if (!r.ok) return apiFail(r, w.lang);
      const format = query.format ?? "json";
      if (format !== "json") return tablesFile([r.table], format, w.lang, "tmc-merged-results");
      return json({
        games: r.games.map((g) => ({ id: g.id, code: g.code, title: g.title, classLabel: g.classLabel, status: g.status })),
        teams: r.teams,
      });
    }, { teacher: "api", query: MergedQuery })
    .get("/teacher/results/merged", ({ w, query }) => {
      const ids = parseGameIds(query.games);
      if (!ids) return pageError(w, "invalid_input");
      const r = mergedResults(db, ids);
      if (!r.ok) return pageFail(w, r);
      return html(MergedPage({ lang: w.lang, games: r.games, teams: r.teams }));
    }, { teacher: "page", query: MergedPageQuery });
}
