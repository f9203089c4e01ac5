// Importing questions: the upload form, the documented CSV header with downloadable templates,
// and the preview of a file — every row with its line, what saving would do, and its errors —
// with a "save" button only when every row can be saved.
import type { Lang } from "../../src/errors.ts";
import type { ImportReport, ImportRow } from "../../src/questions/import.ts";
import { CSV_COLUMNS } from "../../src/questions/csv.ts";
import { reasonMessage } from "../../src/questions/reasons.ts";
import { Notice } from "../layout.tsx";
import { BankLayout } from "./page.tsx";
import { CSV_HELP, fieldErrorText, fl, qt } from "./text.ts";

export function ImportPage({ lang, result }: { lang: Lang; result?: JSX.Element }): JSX.Element {
  return BankLayout({
    lang,
    title: qt(lang, "import_title"),
    math: false,
    children: (
      <>
        <p><a href="/teacher/questions">← {qt(lang, "back_to_bank")}</a></p>
        <section class="card">
          <h1>{qt(lang, "import_title")}</h1>
          <p class="muted">{qt(lang, "import_hint")}</p>
          <form method="post" action="/teacher/questions/import/preview" enctype="multipart/form-data" hx-post="/teacher/questions/import/preview" hx-target="#import-result" class="inline wrap">
            <label>
              {qt(lang, "file")}
              <input type="file" name="file" required accept=".csv,.json,.zip,text/csv,application/json,application/zip" />
            </label>
            <button type="submit" class="primary">{qt(lang, "check_file")}</button>
          </form>
          <div id="import-result" aria-live="polite">{(result ?? "") as "safe"}</div>
        </section>
        <ColumnsHelp lang={lang} />
      </>
    ),
  });
}

function ColumnsHelp({ lang }: { lang: Lang }): JSX.Element {
  return (
    <section class="card">
      <h2>{qt(lang, "csv_columns")}</h2>
      <p>{qt(lang, "csv_columns_hint")}</p>
      <p class="inline wrap">
        {qt(lang, "template")}:
        <a href="/teacher/questions/template?lang=ko" download="">{qt(lang, "template_ko")}</a>
        <a href="/teacher/questions/template?lang=en" download="">{qt(lang, "template_en")}</a>
      </p>
      <div class="table-scroll">
        <table>
          <thead><tr><th>{qt(lang, "column")}</th><th>{qt(lang, "korean_name")}</th><th>{qt(lang, "meaning")}</th></tr></thead>
          <tbody>
            {CSV_COLUMNS.map((c) => (
              <tr>
                <td class="mono" safe>{c.key}</td>
                <td safe>{c.ko}</td>
                <td safe>{CSV_HELP[c.key]?.[lang] ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{qt(lang, "excel_note")}</p>
      <p class="muted">{qt(lang, "zip_note")}</p>
    </section>
  );
}

function rowProblems(row: ImportRow, lang: Lang): string[] {
  return [
    ...row.errors.map((e) => fieldErrorText(e, lang)),
    ...row.warnings.map((w) => `⚠ ${w.set} ${fl(lang, "order")} ${w.order}: ${reasonMessage(w.reason, lang)}`),
  ];
}

/** The preview of a file: every row, and a save button (holding the pending file's token) when all are fine. */
export function ImportPreview({ lang, rows, token }: { lang: Lang; rows: ImportRow[]; token: string | null }): JSX.Element {
  const failed = rows.filter((r) => !r.ok).length;
  const created = rows.filter((r) => r.ok && r.action === "create").length;
  const updated = rows.filter((r) => r.ok && r.action === "update").length;
  return (
    <div class="import-preview">
      <p>
        <strong>{rows.length} {qt(lang, "rows_total")}</strong> · {created} {qt(lang, "created")} · {updated} {qt(lang, "updated")}{" "}
        {failed ? <span class="pill warn">{failed} {qt(lang, "rows_with_errors")}</span> : ""}
      </p>
      <div class="table-scroll tall">
        <table>
          <thead><tr><th>{qt(lang, "line")}</th><th>{qt(lang, "action")}</th><th>{qt(lang, "errors")}</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr class={r.ok ? undefined : "row-error"}>
                <td>{r.line}</td>
                <td>{qt(lang, r.action === "create" ? "action_create" : r.action === "update" ? "action_update" : "action_none")}</td>
                <td>{rowProblems(r, lang).map((p) => <div safe>{p}</div>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {token ? (
        <form method="post" action="/teacher/questions/import/save" hx-post="/teacher/questions/import/save" hx-target="#import-result">
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="primary">{qt(lang, "save_import")} ({created + updated})</button>
        </form>
      ) : (
        Notice({ kind: "error", message: qt(lang, "fix_and_retry") })
      )}
    </div>
  );
}

export function ImportSaved({ lang, report }: { lang: Lang; report: Pick<ImportReport, "created" | "updated"> }): JSX.Element {
  return (
    <div>
      {Notice({ kind: "ok", message: `${qt(lang, "import_saved")}: ${report.created} ${qt(lang, "created")}, ${report.updated} ${qt(lang, "updated")}` })}
      <p><a class="button" href="/teacher/questions">{qt(lang, "back_to_bank")}</a></p>
    </div>
  );
}
