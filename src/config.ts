// Every setting in one table: its default, its env var and flag, and its check.
// `--help` and `--print-config` are generated from this table.

export type RateSpec = { limit: number; windowMs: number } | "off";
/** After `free` consecutive failed logins from one address, the next waits `firstMs`, doubling up to `maxMs`. */
export type BackoffSpec = { free: number; firstMs: number; maxMs: number } | "off";
/** A count limit, or "off". */
export type CapSpec = number | "off";

export type Config = {
  port: number;
  host: string;
  data: string;
  adminPassword: string | null;
  /** Joins per device (a signed device cookie; without one, per address). */
  rateLimitJoin: RateSpec;
  /** Joins per network address, whatever the cookies. */
  rateLimitJoinAddress: RateSpec;
  /** Answers per seat. */
  rateLimitAnswer: RateSpec;
  /** Answers per network address. */
  rateLimitAnswerAddress: RateSpec;
  rateLimitCreate: RateSpec;
  /** Teacher login attempts per network address, whatever the cookies. */
  rateLimitLogin: RateSpec;
  loginBackoff: BackoffSpec;
  /** New device cookies issued per network address (past it, that address's requests are counted by address alone). */
  rateLimitNewDevice: RateSpec;
  streamsPerDevice: CapSpec;
  streamsPerAddress: CapSpec;
  /** "auto": three quarters of the process's open-file limit (see src/limits/streams.ts). */
  streamsTotal: CapSpec | "auto";
  /** A live stream whose client has left this many bytes unread is closed (the client stopped reading). */
  streamQueueBytes: number;
  /** Host names accepted besides localhost and this machine's own addresses; "*" accepts any. */
  allowHosts: string[];
  bodyLimitBytes: number;
  /** Import uploads (CSV, JSON or zip) have their own limit above bodyLimitBytes. */
  importLimitBytes: number;
  coalesceMs: number;
  heartbeatMs: number;
  /** Connections the kernel keeps waiting for the server to take (src/startup/backlog.ts; Linux); 0 leaves Bun's. */
  listenBacklog: number;
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

/** A value as the settings are written (`--print-config`), so it can be pasted back. */
function showValue(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(",") : "(none)";
  if (v && typeof v === "object" && "windowMs" in v) return formatRate(v as RateSpec);
  if (v && typeof v === "object" && "firstMs" in v) return formatBackoff(v as BackoffSpec);
  return String(v);
}

function formatDuration(ms: number): string {
  for (const [unit, size] of [["h", 3_600_000], ["m", 60_000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

export function formatRate(spec: RateSpec): string {
  return spec === "off" ? "off" : `${spec.limit}/${formatDuration(spec.windowMs)}`;
}

export function formatBackoff(spec: BackoffSpec): string {
  return spec === "off" ? "off" : `${spec.free},${formatDuration(spec.firstMs)},${formatDuration(spec.maxMs)}`;
}

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

function parseDuration(raw: string, what: string): number {
  const m = /^(\d+)\s*([smh])$/.exec(raw.trim().toLowerCase());
  if (!m) throw new Error(`config: "${raw}" in ${what} is not a duration like 1s, 5m or 1h`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** "3,1s,5m": three failures are free, then 1 s, doubling up to 5 minutes; "off" disables. */
export function parseBackoff(raw: string): BackoffSpec {
  const text = raw.trim().toLowerCase();
  if (text === "off") return "off";
  const parts = text.split(",");
  if (parts.length !== 3 || !/^\d+$/.test(parts[0]!.trim())) throw new Error(`config: "${raw}" is not a login backoff like 3,1s,5m (free failures, first wait, longest wait) or off`);
  const spec = { free: Number(parts[0]), firstMs: parseDuration(parts[1]!, raw), maxMs: parseDuration(parts[2]!, raw) };
  if (spec.firstMs < 1000 || spec.maxMs < spec.firstMs) throw new Error(`config: login backoff "${raw}": the first wait must be at least 1s and the longest at least the first`);
  return spec;
}

function parseCap(min: number, max: number) {
  const int = parseIntIn(min, max);
  return (raw: string): CapSpec => (raw.trim().toLowerCase() === "off" ? "off" : int(raw.trim()));
}

/** Host names: letters, digits, dots and dashes (an IPv6 address in brackets), comma-separated; "*" = any. */
function parseHosts(raw: string): string[] {
  const names = raw.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const h of names) if (h !== "*" && !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]{1,253})$/.test(h)) throw new Error(`config: "${h}" is not a host name (use names like tmc.school.local, comma-separated, or *)`);
  return names;
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
  { key: "adminPassword", flag: "--admin-password", env: "TMC_ADMIN_PASSWORD", help: "teacher password; generated and printed once if never set. Prefer the env var: a flag is visible to every user in the process list", secret: true, parse: (s) => s },
  { key: "rateLimitJoin", flag: "--rate-limit-join", env: "TMC_RATE_LIMIT_JOIN", help: "joins per device (default 10/10m; off to disable)", parse: parseRate },
  { key: "rateLimitJoinAddress", flag: "--rate-limit-join-address", env: "TMC_RATE_LIMIT_JOIN_ADDRESS", help: "joins per network address, whatever the cookies (default 60/1m: a class of 40 behind one router)", parse: parseRate },
  { key: "rateLimitAnswer", flag: "--rate-limit-answer", env: "TMC_RATE_LIMIT_ANSWER", help: "answers per seat (default 200/5m)", parse: parseRate },
  { key: "rateLimitAnswerAddress", flag: "--rate-limit-answer-address", env: "TMC_RATE_LIMIT_ANSWER_ADDRESS", help: "answers per network address (default 600/1m)", parse: parseRate },
  { key: "rateLimitCreate", flag: "--rate-limit-create", env: "TMC_RATE_LIMIT_CREATE", help: "games created per device (default 5/1h)", parse: parseRate },
  { key: "rateLimitLogin", flag: "--rate-limit-login", env: "TMC_RATE_LIMIT_LOGIN", help: "teacher login attempts per network address, whatever the cookies (default 20/10m)", parse: parseRate },
  { key: "loginBackoff", flag: "--login-backoff", env: "TMC_LOGIN_BACKOFF", help: "after N failed logins in a row from one address, wait, doubling (default 3,1s,5m; off)", parse: parseBackoff },
  { key: "rateLimitNewDevice", flag: "--rate-limit-new-device", env: "TMC_RATE_LIMIT_NEW_DEVICE", help: "new device cookies per network address; past it the address counts as one device (default 200/10m)", parse: parseRate },
  { key: "streamsPerDevice", flag: "--streams-per-device", env: "TMC_STREAMS_PER_DEVICE", help: "live streams open at once per device (default 24: a teacher's laptop with lobby, projector and every team board; off)", parse: parseCap(1, 1_000_000) },
  { key: "streamsPerAddress", flag: "--streams-per-address", env: "TMC_STREAMS_PER_ADDRESS", help: "live streams open at once per network address (default 200; off)", parse: parseCap(1, 1_000_000) },
  { key: "streamsTotal", flag: "--streams-total", env: "TMC_STREAMS_TOTAL", help: "live streams open at once in all (default auto: 3/4 of the open-file limit, 4000 where it cannot be read; off)", parse: (raw) => (raw.trim().toLowerCase() === "auto" ? "auto" : parseCap(1, 10_000_000)(raw)) },
  { key: "streamQueueBytes", flag: "--stream-queue-bytes", env: "TMC_STREAM_QUEUE_BYTES", help: "close a live stream once this many bytes wait for its client behind the frame its socket is taking (default 1048576)", parse: parseIntIn(65_536, 256 * 1024 * 1024) },
  { key: "allowHosts", flag: "--allow-host", env: "TMC_ALLOW_HOST", help: "host names students may use besides localhost and this machine's addresses, comma-separated (* = any; default none)", parse: parseHosts },
  { key: "bodyLimitBytes", flag: "--body-limit", env: "TMC_BODY_LIMIT", help: "largest request body in bytes (default 262144)", parse: parseIntIn(1024, 64 * 1024 * 1024) },
  { key: "importLimitBytes", flag: "--import-limit", env: "TMC_IMPORT_LIMIT", help: "largest question import upload (CSV, JSON or zip) in bytes (default 27262976 = 26 MiB: a 25 MiB file and its form)", parse: parseIntIn(1024 * 1024, 26 * 1024 * 1024) },
  { key: "listenBacklog", flag: "--listen-backlog", env: "TMC_LISTEN_BACKLOG", help: "connections waiting to be taken when every phone reconnects at once (Linux, up to net.core.somaxconn; default 8192); 0 leaves Bun's 512", parse: parseIntIn(0, 65_535) },
  { key: "coalesceMs", flag: "--coalesce-ms", env: "TMC_COALESCE_MS", help: "live updates per game are batched over this many ms (default 100); news of the lobby alone (students joining) over 5× as long, the teacher's dashboard over 10×", parse: parseIntIn(0, 5000) },
  { key: "heartbeatMs", flag: "--heartbeat-ms", env: "TMC_HEARTBEAT_MS", help: "SSE heartbeat interval in ms (default 15000); a stream that sent a frame in the last half interval skips its heartbeat", parse: parseIntIn(100, 20000) },
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
    // The reasoning behind each number is in the README ("Limits").
    rateLimitJoin: { limit: 10, windowMs: 10 * 60_000 },
    rateLimitJoinAddress: { limit: 60, windowMs: 60_000 },
    rateLimitAnswer: { limit: 200, windowMs: 5 * 60_000 },
    rateLimitAnswerAddress: { limit: 600, windowMs: 60_000 },
    rateLimitCreate: { limit: 5, windowMs: 60 * 60_000 },
    rateLimitLogin: { limit: 20, windowMs: 10 * 60_000 },
    loginBackoff: { free: 3, firstMs: 1000, maxMs: 5 * 60_000 },
    rateLimitNewDevice: { limit: 200, windowMs: 10 * 60_000 },
    streamsPerDevice: 24,
    streamsPerAddress: 200,
    streamsTotal: "auto",
    streamQueueBytes: 1024 * 1024,
    allowHosts: [],
    bodyLimitBytes: 256 * 1024,
    importLimitBytes: 26 * 1024 * 1024,
    coalesceMs: 100,
    heartbeatMs: 15_000,
    listenBacklog: 8192,
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
  const rows = SETTINGS.map((s) => `  ${(s.flag + " <value>").padEnd(36)} ${s.help}\n  ${"".padEnd(36)} env: ${s.env}`);
  return [
    "TMC — Team Math Challenge server",
    "",
    "Usage: tmc [options]",
    "       tmc backup <file or folder> [--data <folder>]   copy the database, while the server runs or not",
    "",
    ...rows,
    `  ${"--no-open".padEnd(36)} do not open the teacher's page in the browser at start`,
    `  ${"".padEnd(36)} env: TMC_NO_OPEN=1 (it opens only for the compiled program on a terminal)`,
    `  ${"--print-config".padEnd(36)} show the settings in force (secrets hidden) and exit`,
    `  ${"--version".padEnd(36)} show the version and the commit it was built from`,
    `  ${"--help".padEnd(36)} show this help`,
    "",
    "Set the teacher password with TMC_ADMIN_PASSWORD rather than --admin-password: other users of",
    "this computer can read a program's flags in the process list.",
  ].join("\n");
}

export function describeConfig(config: Config): string {
  return SETTINGS.map((s) => {
    const v = config[s.key];
    const shown = s.secret ? (v ? "(set, hidden)" : "(not set)") : showValue(v);
    return `${s.key.padEnd(22)} ${shown}`;
  }).join("\n");
}
