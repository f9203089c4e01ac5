// Group commit for the hot write path (answers). A commit writes every page its transaction
// touched to the WAL and takes and releases the file locks; for a lone answer that was a third
// of the server's time, and answers arriving together touch the same few pages. So answers that
// reach the database in the same event-loop turn share one BEGIN IMMEDIATE … COMMIT.
//
// - Each body runs in its own savepoint: a body that throws rolls back only its own writes.
// - A promise settles only after COMMIT: nobody is told "stored" before it is.
// - Bodies run in arrival order, so a later body sees an earlier one's writes (two teammates
//   sending the same number: the second sees the first's find).
import type { Statement } from "bun:sqlite";
import { write, type Db, type Tx } from "./client.ts";

type Job = { body: (tx: Tx) => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most bodies in one transaction: bounds how long the write lock is held at once. */
const MAX_BATCH = 200;

class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private savepoint: { begin: Statement; release: Statement; rollback: Statement };

  constructor(private db: Db) {
    const c = db.$client;
    this.savepoint = { begin: c.prepare("SAVEPOINT group_item"), release: c.prepare("RELEASE group_item"), rollback: c.prepare("ROLLBACK TO group_item") };
  }

  run<T>(body: (tx: Tx) => T): Promise<T> {
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

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length) this.schedule();
    let outcomes: Outcome[];
    try {
      outcomes = write(this.db, (tx) => jobs.map((job) => this.one(tx, job)));
    } catch (error) {
      // BEGIN or COMMIT failed (disk full, I/O error): nothing of this batch is stored.
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }

  private one(tx: Tx, job: Job): Outcome {
    const sp = this.savepoint;
    sp.begin.run();
    try {
      const value = job.body(tx);
      sp.release.run();
      return { ok: true, value };
    } catch (error) {
      sp.rollback.run();
      sp.release.run();
      return { ok: false, error };
    }
  }
}

const groups = new WeakMap<Db, GroupCommit>();

/**
 * Like write(), for a body that may wait a moment to share its transaction with others.
 * The body must be synchronous and must not depend on running alone in its transaction.
 */
export function writeGrouped<T>(db: Db, body: (tx: Tx) => T extends Promise<unknown> ? never : T): Promise<T> {
  let g = groups.get(db);
  if (!g) groups.set(db, (g = new GroupCommit(db)));
  return g.run(body);
}
