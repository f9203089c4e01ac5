// Group commit for the hot write paths (answers, joins). A commit writes every page its
// transaction touched to the WAL; for a lone answer that was a third of the server's time, and
// answers arriving together touch the same few pages. So writes that reach the database in the
// same event-loop turn share one BEGIN IMMEDIATE … COMMIT.
//
// - A body that throws rolls back only its own writes. Bodies rarely throw (a constraint the
//   code did not foresee), so the batch first runs without a savepoint per body; if one throws,
//   the batch is undone and run again with a savepoint around each body. So a body may run
//   twice: it must change nothing outside the database.
// - A promise settles only after COMMIT: nobody is told "stored" before it is.
// - Bodies run in arrival order, so a later body sees an earlier one's writes (two teammates
//   sending the same number: the second sees the first's find).
import type { Statement } from "bun:sqlite";
import { write, type Db, type Tx } from "./client.ts";
import { noteRollback } from "./rollbacks.ts";

/** The database closed before this write could run: nothing of it is stored. */
export class DbClosedError extends Error {
  constructor() {
    super("db: the database is closed (server shutting down)");
  }
}

type Job = { body: (tx: Tx) => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most bodies in one transaction: bounds how long one flush holds up the event loop. */
const MAX_BATCH = 200;

class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private closed = false;
  private batch: Savepoint;
  private item: Savepoint;

  constructor(private db: Db) {
    this.batch = savepoint(db, "group_batch");
    this.item = savepoint(db, "group_item");
  }

  run<T>(body: (tx: Tx) => T): Promise<T> {
    if (this.closed) return Promise.reject(new DbClosedError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ body, resolve: resolve as (v: unknown) => void, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests whose bodies arrive in this same turn join the batch.
    setImmediate(() => this.flush());
  }

  /** Runs what is queued now and refuses what comes later (shutdown: the database closes next). */
  drain(): void {
    while (this.queue.length) this.flush();
    this.closed = true;
  }

  private flush(): void {
    if (this.closed) return;
    this.scheduled = false;
    const jobs = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) this.schedule();
    let outcomes: Outcome[];
    try {
      outcomes = write(this.db, (tx) => this.runAll(tx, jobs));
    } catch (error) {
      // The transaction itself failed (BEGIN, COMMIT, a savepoint: disk full, I/O error): nothing of this batch is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }

  private runAll(tx: Tx, jobs: Job[]): Outcome[] {
    const whole = this.inSavepoint(this.batch, () => jobs.map((job) => ({ ok: true, value: job.body(tx) }) as Outcome));
    if (whole.ok) return whole.value as Outcome[];
    return jobs.map((job) => this.inSavepoint(this.item, () => job.body(tx)));
  }

  /** Runs `body` in a savepoint: kept if it returns, undone if it throws. */
  private inSavepoint(sp: Savepoint, body: () => unknown): Outcome {
    sp.begin.run();
    try {
      const value = body();
      sp.release.run();
      return { ok: true, value };
    } catch (error) {
      noteRollback(this.db.$client);
      sp.rollback.run();
      sp.release.run();
      return { ok: false, error };
    }
  }
}

type Savepoint = { begin: Statement; release: Statement; rollback: Statement };
function savepoint(db: Db, name: string): Savepoint {
  const c = db.$client;
  return { begin: c.prepare(`SAVEPOINT ${name}`), release: c.prepare(`RELEASE ${name}`), rollback: c.prepare(`ROLLBACK TO ${name}`) };
}

const groups = new WeakMap<Db, GroupCommit>();

/** Shutdown: commits the writes already queued, then refuses new ones. */
export function drainGrouped(db: Db): void {
  groups.get(db)?.drain();
}

/**
 * Like write(), for a body that may wait a moment to share its transaction with others.
 * The body must be synchronous, must not depend on running alone in its transaction, and may
 * run twice (see above): it must change nothing outside the database.
 */
export function writeGrouped<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): Promise<T> {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g.run(body);
}
