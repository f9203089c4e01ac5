// Restoring a backup into the running server. Every module holds the one `db` handle, so the
// restore happens in place, through that connection: the uploaded file is checked and migrated
// on a connection of its own, then attached, and one write transaction replaces the live rows
// table by table. Other requests wait for that transaction (the event loop is busy); none sees
// a half-restored database.
//
// Kept from the live database, not taken from the backup: the teacher's password and settings
// (`settings`), the teacher's sessions (so the teacher stays logged in) and the migration
// history (both are at this build's version by then).
import { Database } from "bun:sqlite";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { drizzle } from "drizzle-orm/bun-sqlite";
import { withForeignKeysOff, type Db } from "../db/client.ts";
import { migrateDb } from "../db/migrate.ts";
import { MIGRATIONS_DIR } from "../paths.ts";
import { fail, type Result } from "../errors.ts";
import { isSqliteFile } from "./backup-files.ts";

const KEPT = new Set(["settings", "teacher_sessions", "__drizzle_migrations"]);
/** Tables any TMC database has had since its first version. */
const CORE = ["games", "teams", "participants", "rounds", "score_events", "settings"];
const ALIAS = "tmc_restore";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export type BackupReason = "not_sqlite" | "damaged" | "not_tmc" | "unknown_history" | "schema_differs";
export type CheckedBackup = { games: number; migrated: number };

/** The live tables that a restore replaces, with their columns. */
function replacedTables(c: Database): { name: string; columns: string[] }[] {
  const names = c.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as { name: string }[];
  return names.filter((t) => !KEPT.has(t.name)).map((t) => ({
    name: t.name,
    columns: (c.prepare(`PRAGMA main.table_info(${q(t.name)})`).all() as { name: string }[]).map((col) => col.name),
  }));
}

function hasTable(c: Database, name: string): boolean {
  return !!c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/**
 * Checks an uploaded file and brings it to this build's schema, in place (the file is the
 * server's own copy of the upload): a SQLite file that passes integrity and foreign-key checks,
 * with TMC's tables and a migration history this build knows. Older histories are migrated;
 * a newer one is refused (backup_too_new), as start-up refuses a newer database. It reads the
 * whole file (2 s for 163 MB), so the server runs it in a process of its own (check-process.ts).
 */
export function checkBackup(file: string, folder = MIGRATIONS_DIR): Result<CheckedBackup> {
  if (Bun.file(file).size < 512 || !isSqliteFile(file)) return fail("invalid_backup", { reason: "not_sqlite" satisfies BackupReason });
  let c: Database;
  try {
    c = new Database(file, { readwrite: true, create: false, strict: true });
  } catch {
    return fail("invalid_backup", { reason: "not_sqlite" satisfies BackupReason });
  }
  try {
    try {
      const integrity = c.prepare("PRAGMA integrity_check(1)").get() as { integrity_check: string };
      if (integrity.integrity_check !== "ok") return fail("invalid_backup", { reason: "damaged" satisfies BackupReason });
    } catch {
      return fail("invalid_backup", { reason: "damaged" satisfies BackupReason });
    }
    if (!hasTable(c, "__drizzle_migrations") || CORE.some((t) => !hasTable(c, t))) return fail("invalid_backup", { reason: "not_tmc" satisfies BackupReason });
    const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as { entries: { when: number }[] };
    const known = new Set(journal.entries.map((e) => e.when));
    const newest = Math.max(...known);
    const history = (c.prepare("SELECT created_at AS at FROM __drizzle_migrations").all() as { at: number | string }[]).map((r) => Number(r.at));
    if (history.some((at) => at > newest)) return fail("backup_too_new");
    if (history.length === 0 || history.some((at) => !known.has(at))) return fail("invalid_backup", { reason: "unknown_history" satisfies BackupReason });
    let migrated: number;
    try {
      c.exec("PRAGMA foreign_keys = ON");
      migrated = migrateDb(drizzle({ client: c }) as Db, folder).applied;
    } catch {
      return fail("invalid_backup", { reason: "unknown_history" satisfies BackupReason });
    }
    if ((c.prepare("PRAGMA foreign_key_check").all() as unknown[]).length > 0) return fail("invalid_backup", { reason: "damaged" satisfies BackupReason });
    const games = (c.prepare("SELECT count(*) AS n FROM games").get() as { n: number }).n;
    return { ok: true, games, migrated };
  } finally {
    c.close();
  }
}

/** A checked file has every live table and column to copy (same build, same migrations: it should). */
export function fitsLive(file: string, live: Db): Result {
  const c = new Database(file, { readonly: true });
  try {
    for (const t of replacedTables(live.$client)) {
      if (!hasTable(c, t.name)) return fail("invalid_backup", { reason: "schema_differs" satisfies BackupReason, table: t.name });
      const have = new Set((c.prepare(`PRAGMA table_info(${q(t.name)})`).all() as { name: string }[]).map((col) => col.name));
      const missing = t.columns.find((col) => !have.has(col));
      if (missing) return fail("invalid_backup", { reason: "schema_differs" satisfies BackupReason, table: t.name, column: missing });
    }
    return { ok: true };
  } finally {
    c.close();
  }
}

/**
 * Replaces the live rows with the checked file's, in one write transaction. Triggers are
 * dropped for the copy and recreated before commit (inside the transaction, so no other
 * write ever runs without them): `score_events_apply` would otherwise add every ledger row to a
 * teams.score that is already copied. Foreign keys are off for the copy (rows arrive table by
 * table) — the file passed foreign_key_check, and it is copied whole.
 */
export function replaceFromBackup(live: Db, file: string): { rows: number } {
  const c = live.$client;
  const tables = replacedTables(c);
  let rows = 0;
  withForeignKeysOff(live, () => {
    c.prepare(`ATTACH DATABASE ? AS ${ALIAS}`).run(file);
    try {
      c.transaction(() => {
        const triggers = c.prepare("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
        for (const t of triggers) c.exec(`DROP TRIGGER main.${q(t.name)}`);
        for (const t of tables) {
          const cols = t.columns.map(q).join(", ");
          c.exec(`DELETE FROM main.${q(t.name)}`);
          rows += c.prepare(`INSERT INTO main.${q(t.name)} (${cols}) SELECT ${cols} FROM ${ALIAS}.${q(t.name)}`).run().changes;
        }
        for (const t of triggers) c.exec(t.sql);
        // sqlite_sequence is left alone: inserting the restored ids raised each AUTOINCREMENT
        // counter to at least their highest, so it ends at the higher of the two databases' and
        // no id the live server handed out is handed out again (a page or phone that still knows
        // an old id never meets a different row under it).
      }).immediate();
    } finally {
      c.exec(`DETACH DATABASE ${ALIAS}`);
    }
  });
  return { rows };
}
