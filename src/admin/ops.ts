// The server's upkeep: backups (on demand, when a game finishes, daily), restores, and the
// housekeeping run at start and daily. Built once per app (deps.ops).
//
// Backups and restores attach a second database file to the live connection, so they run one
// at a time: each waits for the one before it. Automatic backups never hold up a request: they
// are queued after the commit that asked for them and run in steps between other work.
import { resolve } from "node:path";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { forgetDbMemos } from "../db/prepared.ts";
import type { Result } from "../errors.ts";
import type { RoundClock } from "../rounds/clock.ts";
import { reloadAllStreams } from "../realtime/sse.ts";
import { newToken } from "../auth/tokens.ts";
import { backupTo, type BackupStats } from "./backup.ts";
import { newBackupPath, pruneBackups, removeWorkFiles, listBackups, type BackupKind } from "./backup-files.ts";
import { fitsLive, replaceFromBackup } from "./restore.ts";
import { checkBackupElsewhere } from "./check-process.ts";
import { runHousekeeping, type Housekeeping } from "./cleanup.ts";
import { rm } from "node:fs/promises";

const DAY_MS = 86_400_000;

/**
 * The automatic copy made at start (none yet today) waits this long. A restart in the middle of an
 * event is when every phone reconnects at once, and the copy took a tenth of the server's time
 * while the district bench's 10,000 streams came back.
 */
export const START_BACKUP_DELAY_MS = 120_000;

export type RestoreDone = { games: number; migrated: number; savedAs: string; rows: number; screensReloaded: number };

export class Ops {
  /** Proves `tmc backup` runs on this machine as the server's user: see local-admin.ts. */
  readonly localToken = newToken("L");
  private queue: Promise<unknown> = Promise.resolve();
  private autoQueued = false;
  private daily: ReturnType<typeof setInterval> | null = null;
  private startBackup: ReturnType<typeof setTimeout> | null = null;
  private stopping = new AbortController();

  constructor(private db: Db, private config: Config, private clock: RoundClock) {}

  get dataDir(): string {
    return resolve(this.config.data);
  }

  /** Runs `job` after every backup or restore queued before it. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => {});
    return run;
  }

  /** A consistent copy of the live database at `target`. */
  backup(target: string): Promise<BackupStats> {
    return this.exclusive(() => backupTo(this.db, target, { signal: this.stopping.signal }));
  }

  /** A copy kept in <data>/backups; the oldest of its kind beyond --backup-keep are removed. */
  async keepBackup(kind: BackupKind): Promise<BackupStats> {
    const stats = await this.backup(newBackupPath(this.dataDir, kind));
    pruneBackups(this.dataDir, kind, this.config.backupKeep);
    return stats;
  }

  /**
   * An automatic copy (--auto-backup), after a game finished or once a day. Returns at once; a
   * request that asked for it is not held up. Several asked for while one waits make one copy.
   */
  autoBackup(reason: string): void {
    if (!this.config.autoBackup || this.autoQueued || this.stopping.signal.aborted) return;
    this.autoQueued = true;
    void this.exclusive(async () => {
      this.autoQueued = false;
      try {
        const s = await backupTo(this.db, newBackupPath(this.dataDir, "auto"), { signal: this.stopping.signal });
        pruneBackups(this.dataDir, "auto", this.config.backupKeep);
        console.log(`backup: ${reason}: ${s.file} (${(s.bytes / 1e6).toFixed(1)} MB, longest step ${s.maxStepMs.toFixed(0)} ms)`);
      } catch (err) {
        if (!this.stopping.signal.aborted) console.error(`backup: automatic backup (${reason}) failed:`, err);
      }
    });
  }

  /** After a game's finish has committed (GAME_ACTIONS). */
  gameFinished(gameId: number): void {
    this.autoBackup(`game ${gameId} finished`);
  }

  /**
   * Restores a backup file (the server's own copy of an upload; removed afterwards): checked and
   * migrated first (in another process: it reads the whole file), the live database kept in backups/ next, then the rows replaced in one
   * transaction. Round timers are stopped around it and armed again for the restored rounds;
   * every open page is told to reload (a phone whose seat is not in the backup then lands on
   * the join page).
   */
  restore(upload: string): Promise<Result<RestoreDone>> {
    return this.exclusive(async () => {
      try {
        const checked = await checkBackupElsewhere(upload);
        if (!checked.ok) return checked;
        const fits = fitsLive(upload, this.db);
        if (!fits.ok) return fits;
        const saved = await backupTo(this.db, newBackupPath(this.dataDir, "before-restore"), { signal: this.stopping.signal });
        pruneBackups(this.dataDir, "before-restore", this.config.backupKeep);
        this.clock.stop();
        let rows: number;
        try {
          rows = replaceFromBackup(this.db, upload).rows;
        } finally {
          // Caches keyed by row id describe the old rows; timers follow the rounds now stored.
          forgetDbMemos(this.db);
          this.clock.resumeAll();
        }
        const screensReloaded = reloadAllStreams();
        return { ok: true, games: checked.games, migrated: checked.migrated, savedAs: saved.file, rows, screensReloaded };
      } finally {
        await rm(upload, { force: true });
      }
    });
  }

  /**
   * At start: removes work files of an interrupted backup, runs the housekeeping, then again
   * daily with an automatic backup (none on a database without games; the first one
   * `backupDelayMs` after start if the newest automatic copy is over a day old).
   */
  async start(now = Date.now(), backupDelayMs = START_BACKUP_DELAY_MS): Promise<Housekeeping> {
    removeWorkFiles(this.dataDir);
    const done = await runHousekeeping(this.db, this.config.retainDays, now);
    const newestAuto = listBackups(this.dataDir).find((f) => f.kind === "auto");
    this.clearTimers();
    if (!newestAuto || now - newestAuto.modifiedAt > DAY_MS) this.startBackup = setTimeout(() => this.dailyBackup(), backupDelayMs);
    this.daily = setInterval(() => void this.runDaily(), DAY_MS);
    return done;
  }

  private async runDaily(): Promise<void> {
    try {
      const done = await runHousekeeping(this.db, this.config.retainDays);
      if (done.gamesDeleted) console.log(`cleanup: ${done.gamesDeleted} finished game(s) older than ${this.config.retainDays} days deleted`);
    } catch (err) {
      console.error("cleanup: daily housekeeping failed:", err);
    }
    this.dailyBackup();
  }

  private dailyBackup(): void {
    const games = this.db.$client.prepare("SELECT count(*) AS n FROM games").get() as { n: number };
    if (games.n > 0) this.autoBackup("daily");
  }

  private clearTimers(): void {
    if (this.daily) clearInterval(this.daily);
    if (this.startBackup) clearTimeout(this.startBackup);
    this.daily = this.startBackup = null;
  }

  /** Shutdown (and tests): stops the daily timer, abandons a copy in progress, waits for it to let go. */
  async stop(): Promise<void> {
    this.clearTimers();
    this.stopping.abort();
    await this.queue;
  }
}
