// Importing from the teacher's page: upload → preview (the domain's dry run: every row with its
// line, action, errors and chain warnings) → save (the real import, all or nothing). The file
// waits between the two in a small store (pending-imports.ts), so it is uploaded once.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { ERRORS } from "../../errors.ts";
import type { Who } from "../../auth/request.ts";
import { edges } from "../../http/edges.ts";
import { html } from "../../http/respond.tsx";
import { importQuestions, type ImportRow } from "../import.ts";
import { bankFailText } from "./fail.ts";
import { PendingImports } from "./pending-imports.ts";
import { Notice } from "../../../views/layout.tsx";
import { str } from "../../../views/partial.ts";
import { ImportPage, ImportPreview, ImportSaved } from "../../../views/questions/import.tsx";

export function importPageRoutes(deps: AppDeps) {
  const { db } = deps;
  const pending = new PendingImports();
  /** A result in the page's result box: swapped in by htmx, or the whole import page again. */
  const result = (w: Who, body: JSX.Element, status = 200) => html(w.isHtmx ? body : ImportPage({ lang: w.lang, result: body }), status);

  return new Elysia()
    .use(edges(deps))
    .get("/teacher/questions/import", ({ w }) => html(ImportPage({ lang: w.lang })), { teacher: "page" })
    .post("/teacher/questions/import/preview", async ({ w, body }) => {
      const bytes = new Uint8Array(await body.file.arrayBuffer());
      const r = importQuestions(db, bytes, { dryRun: true });
      if (!r.ok) return result(w, Notice({ kind: "error", message: bankFailText(r, w.lang) }), ERRORS[r.code].status);
      const token = r.rows.every((row) => row.ok) ? pending.put(bytes) : null;
      return result(w, ImportPreview({ lang: w.lang, rows: r.rows, token }));
    }, { teacher: "page", body: t.Object({ file: t.File() }) })
    .post("/teacher/questions/import/save", ({ w, body }) => {
      const bytes = pending.take(body.token);
      if (!bytes) return result(w, Notice({ kind: "error", message: ERRORS.import_expired[w.lang] }), ERRORS.import_expired.status);
      const r = importQuestions(db, bytes, { dryRun: false });
      if (r.ok) return result(w, ImportSaved({ lang: w.lang, report: r }));
      // The bank changed since the preview (e.g. a set position was taken): every row again, nothing saved.
      const rows = r.detail?.rows as ImportRow[] | undefined;
      const refusal = Notice({ kind: "error", message: bankFailText(r, w.lang) });
      return result(w, rows ? str(refusal) + str(ImportPreview({ lang: w.lang, rows, token: null })) : refusal, ERRORS[r.code].status);
    }, { teacher: "page", body: t.Object({ token: t.String({ maxLength: 100 }) }, { additionalProperties: true }) });
}
