// Shutdown, in one place: the writes still queued for a group commit are committed first, then
// the WAL is folded into the file and the file is released.
import type { Db } from "./client.ts";
import { drainGrouped } from "./group-commit.ts";

export function closeDb(db: Db): void {
  try {
    drainGrouped(db);
    db.$client.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } finally {
    // true: finalize every prepared statement and close now; a plain close() would keep the
    // connection (and its exclusive lock) open until the last cached statement is collected.
    db.$client.close(true);
  }
}
