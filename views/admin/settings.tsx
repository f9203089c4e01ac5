// The teacher's settings page: backup and restore, password, default language, the limits in
// force, and where the data is.
import type { Lang } from "../../src/errors.ts";
import type { RateSpec } from "../../src/config.ts";
import type { ServerInfo } from "../../src/admin/settings-info.ts";
import { Layout, Notice } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { at, atWith } from "./text.ts";

export type SettingsProps = { lang: Lang; info: ServerInfo; notice?: { kind: "ok" | "error"; message: string } };

export function megabytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

function rateText(lang: Lang, spec: RateSpec): string {
  if (spec === "off") return at(lang, "off");
  const w = spec.windowMs;
  const window = w % 3_600_000 === 0 ? `${w / 3_600_000} h` : w % 60_000 === 0 ? `${w / 60_000} min` : `${w / 1000} s`;
  return `${spec.limit} ${at(lang, "per")} ${window}`;
}

function when(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function SettingsPage({ lang, info, notice }: SettingsProps): JSX.Element {
  return Layout({
    lang,
    title: at(lang, "settings"),
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <>
        <h1>{at(lang, "settings")}</h1>
        {notice ? Notice(notice) : ""}
        <BackupSection lang={lang} info={info} />
        <RestoreSection lang={lang} info={info} />
        <PasswordSection lang={lang} info={info} />
        <LanguageSection lang={lang} info={info} />
        <LimitsSection lang={lang} info={info} />
        <AboutSection lang={lang} info={info} />
      </>
    ),
  });
}

function BackupSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  return (
    <section class="card" id="backup">
      <h2>{at(lang, "backup")}</h2>
      <p class="muted">{at(lang, "backup_help")}</p>
      <p><a class="button primary" href="/api/backup" download="">{at(lang, "download_backup")}</a></p>
      <p>
        <b>{at(lang, "auto_backups")}:</b> {info.autoBackup ? <span safe>{atWith(lang, "auto_on", { n: info.backupKeep })}</span> : at(lang, "auto_off")}
      </p>
      <p><b>{at(lang, "backups_in")}:</b> <span class="mono" safe>{info.backupsDir}</span></p>
      {info.backups.length === 0 ? <p class="muted">{at(lang, "no_backups")}</p> : (
        <div class="table-scroll">
          <table>
            <thead><tr><th>{at(lang, "file")}</th><th>{at(lang, "made")}</th><th>{at(lang, "size")}</th></tr></thead>
            <tbody>
              {info.backups.map((f) => (
                <tr><td class="mono" safe>{f.name}</td><td safe>{when(f.modifiedAt)}</td><td safe>{megabytes(f.bytes)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RestoreSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  // A plain form (no htmx): the upload can be large, and the answer is a whole page.
  return (
    <section class="card" id="restore">
      <h2>{at(lang, "restore")}</h2>
      <p class="muted">{at(lang, "restore_help")}</p>
      <form method="post" action="/teacher/settings/restore" enctype="multipart/form-data" class="stack">
        <label>
          {at(lang, "restore_file")}
          <input type="file" name="file" accept=".db,.sqlite,application/vnd.sqlite3,application/octet-stream" required />
        </label>
        <small class="muted" safe>{`${at(lang, "restore_limit")}: ${megabytes(info.restoreLimitBytes)}`}</small>
        <label class="choice">
          <input type="checkbox" name="confirm" value="yes" required /> {at(lang, "restore_confirm")}
        </label>
        <button type="submit">{at(lang, "restore_button")}</button>
      </form>
    </section>
  );
}

function PasswordSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  return (
    <section class="card" id="password">
      <h2>{at(lang, "password")}</h2>
      {info.passwordFromFlag ? Notice({ kind: "info", message: at(lang, "password_flag_note") }) : ""}
      <form method="post" action="/teacher/settings/password" hx-post="/teacher/settings/password" hx-target="#password-msg" hx-swap="innerHTML" class="grid-form">
        <label>
          {at(lang, "current_password")}
          <input type="password" name="current" autocomplete="current-password" required maxlength="200" />
        </label>
        <label>
          {at(lang, "new_password")}
          <input type="password" name="password" autocomplete="new-password" required minlength="6" maxlength="200" />
        </label>
        <label>
          {at(lang, "repeat_password")}
          <input type="password" name="repeat" autocomplete="new-password" required minlength="6" maxlength="200" />
        </label>
        <div id="password-msg" class="wide"></div>
        <button type="submit" class="primary">{at(lang, "change_password")}</button>
      </form>
    </section>
  );
}

function LanguageSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  return (
    <section class="card" id="language">
      <h2>{at(lang, "default_language")}</h2>
      <p class="muted">{at(lang, "default_language_help")}</p>
      <form method="post" action="/teacher/settings/language" hx-post="/teacher/settings/language" hx-target="#language-msg" hx-swap="innerHTML" class="inline">
        <select name="lang">
          <option value="ko" selected={info.defaultLang === "ko"}>{at(lang, "korean")} (한국어)</option>
          <option value="en" selected={info.defaultLang === "en"}>{at(lang, "english")} (English)</option>
        </select>
        <button type="submit">{at(lang, "save")}</button>
      </form>
      <div id="language-msg"></div>
    </section>
  );
}

function LimitsSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  return (
    <section class="card" id="limits">
      <h2>{at(lang, "rate_limits")}</h2>
      <p class="muted">{at(lang, "rate_limits_help")}</p>
      <table>
        <thead><tr><th></th><th>{at(lang, "limit")}</th><th>{at(lang, "option")}</th></tr></thead>
        <tbody>
          {info.rateLimits.map((r) => (
            <tr>
              <td>{at(lang, `bucket_${r.bucket}`)}</td>
              <td safe>{rateText(lang, r.spec)}</td>
              <td class="mono" safe>{`${r.flag} · ${r.env}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AboutSection({ lang, info }: { lang: Lang; info: ServerInfo }): JSX.Element {
  return (
    <section class="card" id="about">
      <h2>{at(lang, "about")}</h2>
      <table>
        <tbody>
          <tr><th>{at(lang, "data_folder")}</th><td class="mono" safe>{info.dataDir}</td></tr>
          <tr><th>{at(lang, "database_size")}</th><td safe>{`${megabytes(info.dbBytes + info.walBytes)} (${info.dbFile})`}</td></tr>
          <tr><th>{at(lang, "retain")}</th><td safe>{info.retainDays === null ? at(lang, "retain_off") : atWith(lang, "retain_days", { n: info.retainDays })}</td></tr>
          <tr><th>{at(lang, "version")}</th><td class="mono" safe>{info.version}</td></tr>
        </tbody>
      </table>
    </section>
  );
}
