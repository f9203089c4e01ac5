// Every setting in one table: its default, its env var and flag, and its check.
// `--help` and `--print-config` are generated from this table.

export type RateSpec = { limit: number; windowMs: number } | "off";

export type Config = {
  port: number;
  host: string;
  data: string;
  adminPassword: string | null;
  rateLimitJoin: RateSpec;
  rateLimitAnswer: RateSpec;
  rateLimitCreate: RateSpec;
  rateLimitLogin: RateSpec;
  bodyLimitBytes: number;
  /** Import uploads (CSV, JSON or zip) have their own limit above bodyLimitBytes. */
  importLimitBytes: number;
  coalesceMs: number;
  heartbeatMs: number;
  autoBackup: boolean;
  backupKeep: number;
  retainDays: number | null;
  restoreLimitBytes: number;
};

type Setting<K extends keyof Config> = {
  key: K;
  flag: string;
  env: string;
  help: string;
  secret?: boolean;
  parse: (raw: string) => Config[K];
};

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** "10/10m" -> 10 requests per 10 minutes; "off" disables the limit. */
export function parseRate(raw: string): RateSpec {
  const text = raw.trim().toLowerCase();
  if (text === "off") return "off";
  const m = /^(\d+)\s*\/\s*(\d*)\s*([smh])$/.exec(text);
  if (!m) throw new Error(`config: "${raw}" is not a rate like 10/10m, 200/5m, 5/1h or off`);
  const limit = Number(m[1]);
  const windowMs = Number(m[2] || "1") * UNITS[m[3]!]!;
  if (limit < 1 || windowMs < 1000) throw new Error(`config: rate "${raw}" must allow at least 1 per second-long window`);
  return { limit, windowMs };
}

function parseIntIn(min: number, max: number) {
  return (raw: string) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`config: "${raw}" must be a whole number from ${min} to ${max}`);
    return n;
  };
}

function parseOnOff(raw: string): boolean {
  const text = raw.trim().toLowerCase();
  if (["on", "true", "1", "yes"].includes(text)) return true;
  if (["off", "false", "0", "no"].includes(text)) return false;
  throw new Error(`config: "${raw}" must be on or off`);
}

/** A number of days, or "off". */
function parseDaysOrOff(raw: string): number | null {
  return raw.trim().toLowerCase() === "off" ? null : parseIntIn(1, 36_500)(raw.trim());
}

export const SETTINGS: Setting<keyof Config>[] = [
  { key: "port", flag: "--port", env: "TMC_PORT", help: "port to listen on; the next free one is used if taken (default 3000)", parse: parseIntIn(1, 65535) },
  { key: "host", flag: "--host", env: "TMC_HOST", help: "address to listen on (default 0.0.0.0 = every network)", parse: (s) => s },
  { key: "data", flag: "--data", env: "TMC_DATA", help: "folder for the database (default tmc-data beside the executable; the user's data folder if that is not writable)", parse: (s) => s },
  { key: "adminPassword", flag: "--admin-password", env: "TMC_ADMIN_PASSWORD", help: "teacher password; generated and printed once if never set. Prefer the env var: a flag is visible to other users in the process list", secret: true, parse: (s) => s },
  { key: "rateLimitJoin", flag: "--rate-limit-join", env: "TMC_RATE_LIMIT_JOIN", help: "joins per client (default 10/10m; off to disable)", parse: parseRate },
  { key: "rateLimitAnswer", flag: "--rate-limit-answer", env: "TMC_RATE_LIMIT_ANSWER", help: "answer submissions per client (default 200/5m)", parse: parseRate },
  { key: "rateLimitCreate", flag: "--rate-limit-create", env: "TMC_RATE_LIMIT_CREATE", help: "games created per client (default 5/1h)", parse: parseRate },
  { key: "rateLimitLogin", flag: "--rate-limit-login", env: "TMC_RATE_LIMIT_LOGIN", help: "teacher login attempts per client (default 20/10m)", parse: parseRate },
  { key: "bodyLimitBytes", flag: "--body-limit", env: "TMC_BODY_LIMIT", help: "largest request body in bytes (default 262144)", parse: parseIntIn(1024, 64 * 1024 * 1024) },
  { key: "importLimitBytes", flag: "--import-limit", env: "TMC_IMPORT_LIMIT", help: "largest question import upload (CSV, JSON or zip) in bytes (default 27262976 = 26 MiB: a 25 MiB file and its form)", parse: parseIntIn(1024 * 1024, 26 * 1024 * 1024) },
  { key: "coalesceMs", flag: "--coalesce-ms", env: "TMC_COALESCE_MS", help: "live updates per game are batched over this many ms (default 100); the teacher's dashboard over 10× as long", parse: parseIntIn(0, 5000) },
  { key: "heartbeatMs", flag: "--heartbeat-ms", env: "TMC_HEARTBEAT_MS", help: "SSE heartbeat interval in ms (default 15000)", parse: parseIntIn(100, 20000) },
  { key: "autoBackup", flag: "--auto-backup", env: "TMC_AUTO_BACKUP", help: "copy the database into <data>/backups when a game finishes and daily (default on; off to disable)", parse: parseOnOff },
  { key: "backupKeep", flag: "--backup-keep", env: "TMC_BACKUP_KEEP", help: "automatic backups kept in <data>/backups, newest first (default 10)", parse: parseIntIn(1, 1000) },
  { key: "retainDays", flag: "--retain-days", env: "TMC_RETAIN_DAYS", help: "delete finished games older than this many days, at start and daily (default off)", parse: parseDaysOrOff },
  { key: "restoreLimitBytes", flag: "--restore-limit", env: "TMC_RESTORE_LIMIT", help: "largest backup file a restore accepts, in bytes (default 500000000 = 500 MB)", parse: parseIntIn(1024 * 1024, 16 * 1024 * 1024 * 1024) },
];

export function defaultConfig(): Config {
  return {
    port: 3000,
    host: "0.0.0.0",
    data: "./tmc-data",
    adminPassword: null,
    rateLimitJoin: { limit: 10, windowMs: 10 * 60_000 },
    rateLimitAnswer: { limit: 200, windowMs: 5 * 60_000 },
    rateLimitCreate: { limit: 5, windowMs: 60 * 60_000 },
    rateLimitLogin: { limit: 20, windowMs: 10 * 60_000 },
    bodyLimitBytes: 256 * 1024,
    importLimitBytes: 26 * 1024 * 1024,
    coalesceMs: 100,
    heartbeatMs: 15_000,
    autoBackup: true,
    backupKeep: 10,
    retainDays: null,
    restoreLimitBytes: 500_000_000,
  };
}

export type ParsedArgs = { config: Config; help: boolean; printConfig: boolean; version: boolean; noOpen: boolean };

/** Defaults, then env vars, then flags (`--port 4000` or `--port=4000`). */
export function loadConfig(argv: string[], env: Record<string, string | undefined>, base = defaultConfig()): ParsedArgs {
  const config: Config = { ...base };
  const set = (s: Setting<keyof Config>, raw: string) => {
    (config as Record<string, unknown>)[s.key] = s.parse(raw);
  };
  for (const s of SETTINGS) {
    const raw = env[s.env];
    if (raw !== undefined && raw !== "") set(s, raw);
  }
  let help = false;
  let printConfig = false;
  let version = false;
  let noOpen = !!env.TMC_NO_OPEN;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") { help = true; continue; }
    if (arg === "--print-config") { printConfig = true; continue; }
    if (arg === "--version" || arg === "-v") { version = true; continue; }
    if (arg === "--no-open") { noOpen = true; continue; }
    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const s = SETTINGS.find((x) => x.flag === name);
    if (!s) throw new Error(`config: unknown option ${name} (see --help)`);
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new Error(`config: ${name} needs a value`);
    set(s, raw);
  }
  return { config, help, printConfig, version, noOpen };
}

export function helpText(): string {
  const rows = SETTINGS.map((s) => `  ${(s.flag + " <value>").padEnd(26)} ${s.help}\n  ${"".padEnd(26)} env: ${s.env}`);
  return [
    "TMC — Team Math Challenge server",
    "",
    "Usage: tmc [options]",
    "       tmc backup <file or folder> [--data <folder>]   copy the database, while the server runs or not",
    "",
    ...rows,
    "  --no-open                  do not open the teacher's page in the browser at start",
    "                             env: TMC_NO_OPEN=1 (it opens only for the compiled program on a terminal)",
    "  --print-config             show the settings in force (secrets hidden) and exit",
    "  --version                  show the version and the commit it was built from",
    "  --help                     show this help",
    "",
    "Set the teacher password with TMC_ADMIN_PASSWORD rather than --admin-password: other users of",
    "this computer can read a command line's flags in the process list.",
  ].join("\n");
}

export function describeConfig(config: Config): string {
  return SETTINGS.map((s) => {
    const v = config[s.key];
    const shown = s.secret ? (v ? "(set, hidden)" : "(not set)") : typeof v === "object" && v !== null ? `${v.limit}/${v.windowMs / 1000}s` : typeof v === "boolean" || v === null ? (v ? "on" : "off") : String(v);
    return `${s.key.padEnd(18)} ${shown}`;
  }).join("\n");
}
