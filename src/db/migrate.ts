import { readFileSync } from "node:fs";
import { join } from "node:path";
import { migrate } from "drizzle-orm/bun-sqlite/migrator";
import type { Db } from "./client.ts";

import { MIGRATIONS_DIR } from "../paths.ts";

type Journal = { entries: { tag: string; when: number }[] };

/**
 * Applies the migrations this build knows. Refuses a database that already has migrations
 * newer than this build (it was opened by a newer TMC): running on it could corrupt it.
 */
export function migrateDb(db: Db, folder = MIGRATIONS_DIR): { applied: number } {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as Journal;
  const newestKnown = Math.max(...journal.entries.map((e) => e.when));
  const sqlite = db.$client;
  const hasTable = sqlite.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  const before = hasTable ? (sqlite.query("SELECT count(*) AS n, max(created_at) AS newest FROM __drizzle_migrations").get() as { n: number; newest: number | null }) : { n: 0, newest: null };
  if (before.newest !== null && Number(before.newest) > newestKnown) {
    throw new Error("db: this database was created by a newer version of TMC; use that version or a fresh --data folder");
  }
  // A migration that rebuilds a table (drizzle-kit does that to change a CHECK or a column) drops
  // the old one; with foreign keys on, that DROP first deletes its rows and cascades to every row
  // that refers to them (a round's finds, its ledger rows). The PRAGMA cannot be changed inside the
  // migrations' transaction, so they run with foreign keys off, and are checked after.
  sqlite.exec("PRAGMA foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder: folder });
    const broken = sqlite.query("PRAGMA foreign_key_check").all();
    if (broken.length) throw new Error(`db: after migrating, ${broken.length} rows point at rows that do not exist; restore the backup taken before the upgrade`);
  } finally {
    sqlite.exec("PRAGMA foreign_keys = ON");
  }
  const after = sqlite.query("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number };
  return { applied: after.n - before.n };
}
