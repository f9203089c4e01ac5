// Backup files over HTTP: a fresh copy sent as a download, an upload kept and restored.
import type { AppDeps } from "../deps.ts";
import type { Result } from "../errors.ts";
import { downloadName, sendAndRemove, workPath } from "./backup-files.ts";
import type { RestoreDone } from "./ops.ts";

/** A fresh consistent copy, sent as a download named with the date; the work file goes once sent. */
export async function backupDownload(deps: AppDeps): Promise<Response> {
  const file = workPath(deps.ops.dataDir, "download");
  const stats = await deps.ops.backup(file);
  return sendAndRemove(file, {
    "content-type": "application/vnd.sqlite3",
    "content-disposition": `attachment; filename="${downloadName()}"`,
    "cache-control": "no-store",
    // How long the copy held the server up at most (one step) and in all: for the bench and the curious.
    "x-backup-longest-step-ms": stats.maxStepMs.toFixed(1),
    "x-backup-work-ms": stats.workMs.toFixed(0),
  });
}

/** Keeps the upload as a work file and restores from it (ops removes it). */
export async function restoreUpload(deps: AppDeps, file: File): Promise<Result<RestoreDone>> {
  const path = workPath(deps.ops.dataDir, "upload");
  await Bun.write(path, file);
  return deps.ops.restore(path);
}

