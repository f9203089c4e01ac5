// A fresh, migrated SQLite file for domain tests that need no HTTP server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, type Db } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";

export type TestDb = { db: Db; close(): void };

export function freshDb(): TestDb {
  const dir = mkdtempSync(join(tmpdir(), "tmc-db-"));
  const db = openDb(join(dir, "tmc.db"));
  migrateDb(db);
  return {
    db,
    close() {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
