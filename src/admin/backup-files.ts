// Backup files on disk: their names, the backups folder, keeping the last N, and sending one.
import { closeSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";

/** Why a copy was made; each kind is kept to the last N on its own. */
export type BackupKind = "backup" | "auto" | "before-restore";

const NAME = /^tmc-(backup|auto|before-restore)-(\d{4}-\d{2}-\d{2}-\d{4})(?:-(\d+))?\.db$/;
/** Work files: a copy being written, an upload being checked. Removed at start. */
const WORK_PREFIX = ".tmp-";

/** Starts with SQLite's file header (a database file, by its first 16 bytes). */
export function isSqliteFile(path: string): boolean {
  const head = Buffer.alloc(16);
  try {
    const fd = openSync(path, "r");
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  return head.toString("latin1") === "SQLite format 3\u0000";
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, "backups");
}

/** "2025-03-14-0915", local time: the teacher reads it against the classroom clock. */
export function stamp(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/** The download name: tmc-backup-YYYY-MM-DD-HHMM.db. */
export function downloadName(now = new Date()): string {
  return `tmc-backup-${stamp(now)}.db`;
}

/** A free path in the backups folder for a new copy of `kind` (a suffix if one was made this minute). */
export function newBackupPath(dataDir: string, kind: BackupKind, now = new Date()): string {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const base = `tmc-${kind}-${stamp(now)}`;
  for (let i = 1; ; i++) {
    const path = join(dir, i === 1 ? `${base}.db` : `${base}-${i}.db`);
    try {
      statSync(path);
    } catch {
      return path;
    }
  }
}

/** A work file in the backups folder (same disk as the database, so a rename is atomic). */
export function workPath(dataDir: string, what: string): string {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  return join(dir, `${WORK_PREFIX}${what}-${crypto.randomUUID()}.db`);
}

export type BackupFile = { name: string; kind: BackupKind; bytes: number; modifiedAt: number };

/** The backups in the folder, newest first. */
export function listBackups(dataDir: string): BackupFile[] {
  const dir = backupsDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: BackupFile[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    try {
      const st = statSync(join(dir, name));
      files.push({ name, kind: m[1] as BackupKind, bytes: st.size, modifiedAt: st.mtimeMs });
    } catch {
      /* removed meanwhile */
    }
  }
  return files.sort((a, b) => b.modifiedAt - a.modifiedAt || b.name.localeCompare(a.name));
}

/** Keeps the newest `keep` copies of `kind`; removes the older ones. Returns the names removed. */
export function pruneBackups(dataDir: string, kind: BackupKind, keep: number): string[] {
  const old = listBackups(dataDir).filter((f) => f.kind === kind).slice(keep);
  for (const f of old) rmSync(join(backupsDir(dataDir), f.name), { force: true });
  return old.map((f) => f.name);
}

/** Removes work files left by a stop in the middle of a backup or restore. */
export function removeWorkFiles(dataDir: string): void {
  const dir = backupsDir(dataDir);
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (name.startsWith(WORK_PREFIX)) rmSync(join(dir, name), { force: true });
}

/** Streams a file as the response body and removes it once sent (or the download is abandoned). */
export async function sendAndRemove(path: string, headers: Record<string, string>): Promise<Response> {
  const handle = await open(path, "r");
  const size = (await handle.stat()).size;
  let done = false;
  const finish = async () => {
    if (done) return;
    done = true;
    await handle.close().catch(() => {});
    await rm(path, { force: true });
  };
  const chunk = 256 * 1024;
  let at = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const buf = new Uint8Array(Math.min(chunk, size - at));
      const { bytesRead } = buf.length ? await handle.read(buf, 0, buf.length, at) : { bytesRead: 0 };
      if (bytesRead === 0) {
        controller.close();
        await finish();
        return;
      }
      at += bytesRead;
      controller.enqueue(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
    },
    async cancel() {
      await finish();
    },
  });
  return new Response(body, { headers: { "content-length": String(size), ...headers } });
}
