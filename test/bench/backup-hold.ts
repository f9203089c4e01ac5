// How long a backup holds the event loop, on a school's history (100 finished games of 600
// students, ~163 MB; see history-db.ts), and what answers feel meanwhile.
//
//   bun test/bench/backup-hold.ts [--db /tmp/tmc-history.db] [--rate 200] [--skip-http]
//
// 1. In process, on the server's kind of connection (EXCLUSIVE, WAL): the longest stall of
//    `VACUUM INTO`, of `serialize()`, and of the stepwise copy (backup.ts), with an event-loop
//    lag probe (a 1 ms timer) running alongside.
//    Then a restore of the copy: its check and its replacing transaction (each one step).
// 2. Over HTTP, a server started on a copy of the database, 40 students answering at --rate/s:
//    answer latency before and during GET /api/backup.
import { Database } from "bun:sqlite";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { backupTo } from "../../src/admin/backup.ts";
import { replaceFromBackup } from "../../src/admin/restore.ts";
import { checkBackupElsewhere } from "../../src/admin/check-process.ts";
import { buildHistoryDb, SCHOOL } from "./history-db.ts";
import { freePort, startChild } from "../support/child-server.ts";
import type { TestServer } from "../support/server.ts";
import { answersFor, seatedGame, startYear } from "../support/year.ts";
import { downloadElsewhere, percentile, startAnswerLoad } from "../admin/answer-load.ts";

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const dbPath = arg("--db", join(tmpdir(), "tmc-history-100.db"));
const rate = Number(arg("--rate", "200"));

if (!existsSync(dbPath)) {
  console.log(`building ${dbPath} (100 games × 20 teams × 30 students)…`);
  buildHistoryDb(dbPath, SCHOOL);
}
const work = mkdtempSync(join(tmpdir(), "tmc-hold-"));

/** Runs `job`, measuring the longest gap of a 1 ms timer while it runs. */
async function withLagProbe<T>(job: () => Promise<T> | T): Promise<{ value: T; maxLagMs: number; ms: number }> {
  let maxLagMs = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    maxLagMs = Math.max(maxLagMs, now - last - 1);
    last = now;
  }, 1);
  await Bun.sleep(20);
  last = performance.now();
  const t0 = performance.now();
  const value = await job();
  const ms = performance.now() - t0;
  await Bun.sleep(5);
  clearInterval(probe);
  return { value, maxLagMs, ms };
}

const copyPath = join(work, "live.db");
copyFileSync(dbPath, copyPath);
const db = openDb(copyPath);
db.$client.query("SELECT count(*) FROM year_attempts").get();
const sizeMb = (Bun.file(copyPath).size / 1e6).toFixed(0);
console.log(`\ndatabase: ${sizeMb} MB, ${(db.$client.query("SELECT count(*) AS n FROM games").get() as { n: number }).n} games, ${(db.$client.query("SELECT count(*) AS n FROM year_attempts").get() as { n: number }).n} attempts\n`);

const vacuum = await withLagProbe(() => db.$client.exec(`VACUUM INTO '${join(work, "vacuum.db")}'`));
console.log(`VACUUM INTO      one step: ${vacuum.ms.toFixed(0)} ms; event loop held ${vacuum.maxLagMs.toFixed(0)} ms`);
const ser = await withLagProbe(() => db.$client.serialize().length);
console.log(`serialize()      one step: ${ser.ms.toFixed(0)} ms; event loop held ${ser.maxLagMs.toFixed(0)} ms`);
const stepwise = await withLagProbe(() => backupTo(db, join(work, "steps.db")));
const s = stepwise.value;
console.log(`stepwise copy    ${s.steps} steps, longest ${s.maxStepMs.toFixed(1)} ms, work ${s.workMs.toFixed(0)} ms, wall ${s.wallMs.toFixed(0)} ms; event loop held at most ${stepwise.maxLagMs.toFixed(0)} ms`);
const check = new Database(join(work, "steps.db"), { readonly: true });
console.log(`                 integrity_check: ${(check.query("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check}`);
check.close();
// A restore of that copy into the live database: checked (integrity, foreign keys), then replaced in one transaction.
copyFileSync(join(work, "steps.db"), join(work, "upload.db"));
const checked = await withLagProbe(() => checkBackupElsewhere(join(work, "upload.db")));
console.log(`restore check    ${checked.ms.toFixed(0)} ms in another process (integrity_check, foreign_key_check); event loop held at most ${checked.maxLagMs.toFixed(0)} ms`);
const replaced = await withLagProbe(() => replaceFromBackup(db, join(work, "upload.db")));
console.log(`restore replace  ${replaced.ms.toFixed(0)} ms for ${replaced.value.rows} rows (one transaction)`);
closeDb(db);

if (!args.includes("--skip-http")) {
  const data = join(work, "server");
  await Bun.$`mkdir -p ${data}`;
  copyFileSync(dbPath, join(data, "tmc.db"));
  const child = await startChild(["--data", data, "--port", String(await freePort()), "--admin-password", "bench", "--rate-limit-answer", "off", "--rate-limit-join", "off", "--rate-limit-create", "off", "--auto-backup", "off"], { preferBinary: false, timeoutMs: 60_000 });
  try {
    const login = await fetch(`${child.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "bench" }) });
    const { token } = (await login.json()) as { token: string };
    const srv = { url: child.url, teacher: { authorization: `Bearer ${token}`, "content-type": "application/json" } } as unknown as TestServer;
    const g = await seatedGame(srv, 4, 10);
    const { sessionId, digits } = await startYear(srv, g.gameId, { durationSeconds: 3600 });
    const load = startAnswerLoad(g.seats.flat(), sessionId, rate, [...answersFor(digits).values()]);
    const b0 = performance.now();
    await Bun.sleep(5000);
    const t0 = performance.now();
    const res = await downloadElsewhere(`${child.url}/api/backup`, { authorization: `Bearer ${token}` }, join(work, "download.db"));
    const bytes = Bun.file(join(work, "download.db")).size;
    const t1 = performance.now();
    await Bun.sleep(1000);
    await load.stop();
    const n = (from: number, to: number) => load.answers.filter((a) => a.sentAt >= from && a.sentAt <= to).length;
    console.log(`\nHTTP, ${rate} answers/s from 40 students:`);
    console.log(`  before the backup  ${n(b0, t0)} answers: p50 ${percentile(load.answers, 50, b0, t0).toFixed(0)} ms, p99 ${percentile(load.answers, 99, b0, t0).toFixed(0)} ms`);
    console.log(`  during the backup  ${n(t0, t1)} answers: p50 ${percentile(load.answers, 50, t0, t1).toFixed(0)} ms, p99 ${percentile(load.answers, 99, t0, t1).toFixed(0)} ms, max ${percentile(load.answers, 100, t0, t1).toFixed(0)} ms`);
    console.log(`  backup: ${(bytes / 1e6).toFixed(0)} MB in ${((t1 - t0) / 1000).toFixed(1)} s (downloaded by another process); server's longest step ${res.headers["x-backup-longest-step-ms"]} ms, work ${res.headers["x-backup-work-ms"]} ms`);
  } finally {
    child.proc.kill("SIGTERM");
    await child.proc.exited;
  }
}
rmSync(work, { recursive: true, force: true });
