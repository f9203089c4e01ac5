// A consistent copy of the live database, taken through the server's own connection in short
// steps so that answers keep flowing while it runs.
//
// Why not one statement: the server holds the file with locking_mode=EXCLUSIVE, so nothing else
// can read it, and bun:sqlite does not expose SQLite's online backup API. `VACUUM INTO` and
// `serialize()` work through the same connection but in one step: on a school's 100 finished
// games (166 MB, 2-core VM) they held the event loop for 1.1 s and 1.3 s (0.8–2 s in other runs;
// test/bench/backup-hold.ts) — every answer in that time waits.
//
// How: the copy is built in a new file attached to the live connection. Tables with an integer
// primary key are copied in rowid ranges, a few milliseconds per event-loop turn. Meanwhile
// TEMP triggers (they live on this connection only, never in the database file) note the rowid
// of every row inserted, updated or deleted. Once the scan is done, noted rows are copied again
// in steps until few remain; the last step copies those, and the small tables without an integer
// key, in one go. The copy is then exactly the database at that last step: every write committed
// before it is in the copy, none after. Triggers and views are created in the copy at the end
// (so rows copied in do not fire them: teams.score is copied, not re-derived from the ledger).
//
// What a caller may rely on:
// - Runs between other work: each step is bounded by `stepMs` of copying (plus the final step,
//   bounded by FINAL_ROWS noted rows). Only one copy may run at a time on a connection (Ops
//   serializes them); the connection must not be inside a transaction between turns (none is:
//   transaction bodies are synchronous).
// - On failure the partial file is removed and the connection is left as it was.
import { Database } from "bun:sqlite";
import { open, rename, rm } from "node:fs/promises";
import { withForeignKeysOff, type Db } from "../db/client.ts";

const ALIAS = "tmc_backup";
const DIRTY = "tmc_backup_dirty";
/** Noted rows the last step copies in one go (a few ms); above this they are copied in steps first. */
const FINAL_ROWS = 2000;

export type BackupStats = { file: string; bytes: number; steps: number; maxStepMs: number; workMs: number; wallMs: number; rows: number };

type Table = { name: string; chunked: boolean };

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The live schema: tables in copy order, and the rest of sqlite_master split by when it is created. */
function readSchema(c: Database) {
  const rows = c.prepare("SELECT type, name, sql FROM main.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").all() as { type: string; name: string; sql: string }[];
  const tables: Table[] = rows.filter((r) => r.type === "table").map((r) => {
    const cols = c.prepare(`PRAGMA main.table_info(${q(r.name)})`).all() as { type: string; pk: number }[];
    const pk = cols.filter((col) => col.pk > 0);
    // An INTEGER PRIMARY KEY is the rowid: ranges of it can be copied and changes noted by it.
    const chunked = pk.length === 1 && pk[0]!.type.toUpperCase() === "INTEGER" && !/WITHOUT\s+ROWID/i.test(r.sql);
    return { name: r.name, chunked };
  });
  return {
    tables,
    /** Tables and indexes: created before the rows are copied in (indexes grow with the copy). */
    structure: rows.filter((r) => r.type === "table" || r.type === "index").map((r) => r.sql),
    /** Triggers and views: created after, so copied rows fire nothing. */
    behaviour: rows.filter((r) => r.type === "trigger" || r.type === "view").map((r) => r.sql),
    pageSize: (c.prepare("PRAGMA main.page_size").get() as { page_size: number }).page_size,
    userVersion: (c.prepare("PRAGMA main.user_version").get() as { user_version: number }).user_version,
  };
}

/** Runs SQL in a fresh connection to `file` (the copy, not yet or no longer attached). */
function onCopy(file: string, body: (copy: Database) => void): void {
  const copy = new Database(file, { create: true });
  try {
    // One transaction, not synced: a statement each with its own fsync held the loop for 0.1–0.25 s.
    // The file is synced once, without blocking, when it is complete.
    copy.exec("PRAGMA journal_mode = OFF");
    copy.exec("PRAGMA synchronous = OFF");
    copy.transaction(() => body(copy))();
  } finally {
    copy.close();
  }
}

/**
 * Copies the live database into `target` (replaced if it exists), in steps. `stepMs` bounds the
 * copying done in one event-loop turn; `signal` abandons the copy (shutdown).
 */
export async function backupTo(db: Db, target: string, opts: { stepMs?: number; signal?: AbortSignal; atSnapshot?: () => void } = {}): Promise<BackupStats> {
  const c = db.$client;
  const stepMs = opts.stepMs ?? 5;
  /**
   * Lets other work run, as long as the step before took: the copy takes at most half of the
   * server's time. Back-to-back steps (setImmediate) left answers, which need two or three turns
   * of the loop each, waiting behind a step at every turn. A shutdown abandons the copy here.
   */
  const turn = async () => {
    await Bun.sleep(Math.max(1, Math.min(lastStepMs, 50)));
    opts.signal?.throwIfAborted();
  };
  let lastStepMs = 0;
  const started = performance.now();
  const part = `${target}.part`;
  const stats = { steps: 0, maxStepMs: 0, workMs: 0, rows: 0 };
  /** One bounded piece of work in this turn, with foreign keys off: rows arrive in any order. */
  const step = <T>(body: () => T): T => {
    const t0 = performance.now();
    try {
      return withForeignKeysOff(db, body);
    } finally {
      const ms = performance.now() - t0;
      lastStepMs = ms;
      stats.steps++;
      stats.workMs += ms;
      stats.maxStepMs = Math.max(stats.maxStepMs, ms);
    }
  };

  const schema = step(() => readSchema(c));
  const chunked = schema.tables.filter((t) => t.chunked);
  await rm(part, { force: true });
  // page_size only takes before the first table is written, so in a transaction of its own.
  onCopy(part, (copy) => copy.exec(`PRAGMA page_size = ${schema.pageSize}`));
  onCopy(part, (copy) => {
    copy.exec(`PRAGMA user_version = ${schema.userVersion}`);
    for (const sql of schema.structure) copy.exec(sql);
  });

  const statements: { finalize(): void }[] = [];
  const prep = (sql: string) => {
    const s = c.prepare(sql);
    statements.push(s);
    return s;
  };
  let attached = false;
  try {
    step(() => {
      c.prepare(`ATTACH DATABASE ? AS ${ALIAS}`).run(part);
      attached = true;
      // The copy is a new file of our own: no journal, no syncing until it is complete.
      c.exec(`PRAGMA ${ALIAS}.journal_mode = OFF`);
      c.exec(`PRAGMA ${ALIAS}.synchronous = OFF`);
      c.exec(`CREATE TEMP TABLE ${DIRTY} (tbl TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (tbl, rid)) WITHOUT ROWID`);
      for (const t of chunked) {
        const note = (row: string) => `INSERT OR IGNORE INTO ${DIRTY} VALUES ('${t.name.replace(/'/g, "''")}', ${row}.rowid);`;
        const name = (op: string) => q(`${DIRTY}_${t.name}_${op}`);
        c.exec(`CREATE TEMP TRIGGER ${name("i")} AFTER INSERT ON main.${q(t.name)} BEGIN ${note("NEW")} END`);
        c.exec(`CREATE TEMP TRIGGER ${name("u")} AFTER UPDATE ON main.${q(t.name)} BEGIN ${note("OLD")} ${note("NEW")} END`);
        c.exec(`CREATE TEMP TRIGGER ${name("d")} AFTER DELETE ON main.${q(t.name)} BEGIN ${note("OLD")} END`);
      }
    });

    // 1. The scan: each table in rowid ranges, up to the rowid it had when the copy began (later
    //    rows are noted by the triggers).
    for (const t of chunked) {
      const upTo = (c.prepare(`SELECT coalesce(max(rowid), 0) AS m FROM main.${q(t.name)}`).get() as { m: number }).m;
      const copyRange = prep(`INSERT INTO ${ALIAS}.${q(t.name)} SELECT * FROM main.${q(t.name)} WHERE rowid > ? AND rowid <= ? ORDER BY rowid`);
      let from = 0;
      let span = 1000;
      while (from < upTo) {
        step(() => {
          const t0 = performance.now();
          while (from < upTo && performance.now() - t0 < stepMs) {
            const c0 = performance.now();
            const to = Math.min(upTo, from + span);
            stats.rows += copyRange.run(from, to).changes;
            from = to;
            // Ranges sized to a few per step: rowids can be sparse, rows can be wide.
            const took = performance.now() - c0;
            if (took < stepMs / 8) span = Math.min(span * 2, 1 << 20);
            else if (took > stepMs / 2) span = Math.max(64, span >> 1);
          }
        });
        await turn();
      }
    }

    // 2. Rows changed meanwhile, in steps, until few are left.
    const pending = prep(`SELECT count(*) AS n FROM ${DIRTY}`);
    const refresh = chunked.map((t) => ({
      t,
      // The `batch` lowest noted rowids of this table (rowid <= ?), re-copied from the live table.
      bound: prep(`SELECT max(rid) AS m FROM (SELECT rid FROM ${DIRTY} WHERE tbl = ? ORDER BY rid LIMIT ?)`),
      drop: prep(`DELETE FROM ${ALIAS}.${q(t.name)} WHERE rowid IN (SELECT rid FROM ${DIRTY} WHERE tbl = ? AND rid <= ?)`),
      // OR REPLACE: a row still waiting its turn may hold a unique key that this one now has.
      put: prep(`INSERT OR REPLACE INTO ${ALIAS}.${q(t.name)} SELECT * FROM main.${q(t.name)} WHERE rowid IN (SELECT rid FROM ${DIRTY} WHERE tbl = ? AND rid <= ?)`),
      done: prep(`DELETE FROM ${DIRTY} WHERE tbl = ? AND rid <= ?`),
    }));
    const catchUp = (batch: number) => {
      for (const r of refresh) {
        const upTo = (r.bound.get(r.t.name, batch) as { m: number | null }).m;
        if (upTo === null) continue;
        r.drop.run(r.t.name, upTo);
        stats.rows += r.put.run(r.t.name, upTo).changes;
        r.done.run(r.t.name, upTo);
      }
    };
    for (let round = 0; (pending.get() as { n: number }).n > FINAL_ROWS; round++) {
      if (round > 10_000) throw new Error("backup: the database changes faster than it can be copied");
      step(() => catchUp(FINAL_ROWS));
      await turn();
    }

    // 3. The last step: what is still noted, the small tables whole, the AUTOINCREMENT counters.
    step(() => {
      catchUp(Number.MAX_SAFE_INTEGER);
      for (const t of schema.tables.filter((x) => !x.chunked)) {
        c.exec(`DELETE FROM ${ALIAS}.${q(t.name)}`);
        stats.rows += c.prepare(`INSERT INTO ${ALIAS}.${q(t.name)} SELECT * FROM main.${q(t.name)}`).run().changes;
      }
      if (c.prepare("SELECT 1 FROM main.sqlite_master WHERE name = 'sqlite_sequence'").get()) {
        c.exec(`DELETE FROM ${ALIAS}.sqlite_sequence`);
        c.exec(`INSERT INTO ${ALIAS}.sqlite_sequence SELECT * FROM main.sqlite_sequence`);
      }
      detach();
      // The copy now equals the live database; tests compare the two at this moment.
      opts.atSnapshot?.();
    });
  } catch (err) {
    try {
      step(() => detach());
    } finally {
      await rm(part, { force: true });
    }
    throw err;
  }

  function detach() {
    for (const s of statements.splice(0)) s.finalize();
    for (const t of chunked) for (const op of ["i", "u", "d"]) c.exec(`DROP TRIGGER IF EXISTS temp.${q(`${DIRTY}_${t.name}_${op}`)}`);
    c.exec(`DROP TABLE IF EXISTS temp.${DIRTY}`);
    if (attached) c.exec(`DETACH DATABASE ${ALIAS}`);
    attached = false;
  }

  // Triggers and views now that the rows are in; then to disk, then under its final name.
  try {
    onCopy(part, (copy) => {
      for (const sql of schema.behaviour) copy.exec(sql);
    });
    const handle = await open(part, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(part, target);
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  }
  return { file: target, bytes: Bun.file(target).size, ...stats, wallMs: performance.now() - started };
}
