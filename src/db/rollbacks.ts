// How many times each database undid changes (a transaction or savepoint rolled back). SQLite's
// own count of changed rows (total_changes()) never goes back, so a rollback would leave a value
// read inside the undone transaction looking current (see `stamped` in prepared.ts): every place
// that rolls back counts it here.
import type { Database } from "bun:sqlite";

const counts = new WeakMap<Database, number>();

export function noteRollback(c: Database): void {
  counts.set(c, (counts.get(c) ?? 0) + 1);
}

export function rollbackCount(c: Database): number {
  return counts.get(c) ?? 0;
}
