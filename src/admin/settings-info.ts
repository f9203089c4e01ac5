// What the settings page shows about the server: its limits in force, where its data is, how
// big, which version. Read from the config and the disk; nothing here changes anything.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { SETTINGS, type Config, type RateSpec } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Lang } from "../errors.ts";
import { backupsDir, listBackups, type BackupFile } from "./backup-files.ts";
import { defaultLang } from "./site-settings.ts";

export type RateLimitRow = { bucket: "join" | "answer" | "create" | "login"; spec: RateSpec; flag: string; env: string };

export type ServerInfo = {
  version: string;
  dataDir: string;
  dbFile: string;
  /** The database file and its write-ahead log. */
  dbBytes: number;
  walBytes: number;
  rateLimits: RateLimitRow[];
  defaultLang: Lang;
  passwordFromFlag: boolean;
  autoBackup: boolean;
  backupKeep: number;
  retainDays: number | null;
  restoreLimitBytes: number;
  backupsDir: string;
  backups: BackupFile[];
};

const BUCKETS = { rateLimitJoin: "join", rateLimitAnswer: "answer", rateLimitCreate: "create", rateLimitLogin: "login" } as const;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function serverInfo(db: Db, config: Config): ServerInfo {
  const dbFile = db.$client.filename;
  const dataDir = resolve(config.data);
  return {
    version: pkg.version,
    dataDir,
    dbFile,
    dbBytes: sizeOf(dbFile),
    walBytes: sizeOf(`${dbFile}-wal`),
    rateLimits: SETTINGS.filter((s) => s.key in BUCKETS).map((s) => ({ bucket: BUCKETS[s.key as keyof typeof BUCKETS], spec: config[s.key] as RateSpec, flag: s.flag, env: s.env })),
    defaultLang: defaultLang(db),
    passwordFromFlag: config.adminPassword !== null,
    autoBackup: config.autoBackup,
    backupKeep: config.backupKeep,
    retainDays: config.retainDays,
    restoreLimitBytes: config.restoreLimitBytes,
    backupsDir: backupsDir(dataDir),
    backups: listBackups(dataDir),
  };
}
