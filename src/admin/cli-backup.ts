// `tmc backup <file or folder> [--data <folder>]`: a copy of the database, without stopping the
// server. A running server holds the file exclusively, so the command asks it for the copy over
// loopback (see local-admin.ts); with no server running it opens the file and copies it itself.
import { existsSync, statSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { defaultConfig, loadConfig } from "../config.ts";
import { DbInUseError, openDb } from "../db/client.ts";
import { closeDb } from "../db/close.ts";
import { dataFolderHere } from "../startup/data-folder.ts";
import { backupTo } from "./backup.ts";
import { downloadName, isSqliteFile } from "./backup-files.ts";
import { readLocalAdmin } from "./local-admin.ts";

const USAGE = "Usage: tmc backup <file or folder> [--data <folder>]";
const USE_THE_PAGE = "Download a backup from the teacher's settings page instead (Teacher → Settings → Download backup).\n교사 화면의 설정 페이지에서 백업을 내려받으세요 (설정 → 백업 내려받기).";

/** Runs the command; returns the process exit code. */
export async function runBackupCommand(argv: string[], env: Record<string, string | undefined>, log = console.log, warn = console.error): Promise<number> {
  const [target, ...rest] = argv;
  if (!target || target.startsWith("-")) {
    warn(USAGE);
    return 2;
  }
  let explicit: string;
  try {
    explicit = loadConfig(rest, env, { ...defaultConfig(), data: "" }).config.data;
  } catch (err) {
    warn((err as Error).message);
    warn(USAGE);
    return 2;
  }
  // The folder the server itself would use (beside the executable, or the user's data folder).
  const folder = dataFolderHere(explicit || null);
  if (!folder.ok) {
    warn(`backup: no TMC data folder found (${folder.code === "data_explicit_not_writable" ? folder.dir : folder.tried.join(", ")}).`);
    return 1;
  }
  const data = folder.dir;
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, downloadName()) : resolve(target);
  if (existsSync(file)) {
    warn(`backup: ${file} already exists; give another name (nothing was written).`);
    return 1;
  }

  const server = readLocalAdmin(data);
  if (server) {
    let res: Response | null = null;
    try {
      res = await fetch(`${server.url}/api/backup`, { headers: { authorization: `Bearer ${server.token}` } });
    } catch {
      // No answer: the file is left from a server that was stopped abruptly. Try the file itself.
    }
    if (res && !res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      warn(`backup: the server at ${server.url} refused (${res.status}${body?.error?.message ? `: ${body.error.message}` : ""}).`);
      warn(USE_THE_PAGE);
      return 1;
    }
    if (res) {
      const part = `${file}.part`;
      try {
        await Bun.write(part, res);
        if (!isSqliteFile(part)) throw new Error("the server's answer is not a database file");
        await rename(part, file);
      } catch (err) {
        await rm(part, { force: true });
        warn(`backup: could not write ${file}: ${(err as Error).message}`);
        return 1;
      }
      log(`Backup written (from the running server): ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB)`);
      return 0;
    }
  }

  const dbFile = join(data, "tmc.db");
  if (!existsSync(dbFile)) {
    warn(`backup: no TMC database in ${resolve(data)} (looked for tmc.db). Give the data folder with --data.`);
    return 1;
  }
  let db;
  try {
    db = openDb(dbFile);
  } catch (err) {
    if (!(err instanceof DbInUseError)) throw err;
    warn(`backup: TMC is running on ${resolve(data)} but did not answer${server ? ` at ${server.url}` : " (it left no address: started by an older version?)"}.`);
    warn(USE_THE_PAGE);
    return 1;
  }
  try {
    const s = await backupTo(db, file);
    log(`Backup written (no server was running): ${file} (${(s.bytes / 1e6).toFixed(1)} MB)`);
    return 0;
  } finally {
    closeDb(db);
  }
}
