// Which folder holds the database. A teacher double-clicks the program wherever it landed, so the
// default is the folder beside it (games travel with the program on a USB stick). Where that
// cannot hold data — Program Files, a read-only stick, macOS running a quarantined app from a
// temporary read-only copy (App Translocation), Windows running it straight out of a zip — the
// user's own data folder is used instead, and start-up says where. A folder the teacher named
// (--data / TMC_DATA) is never silently replaced: if it cannot be written, start-up stops.
//
// chooseDataFolder is pure (platform, env, paths and the writability check are passed in) so the
// Windows and macOS rules are tested on Linux.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, posix, win32 } from "node:path";
import { IS_COMPILED } from "../paths.ts";

export type FallbackReason = "not_writable" | "translocated" | "inside_zip";

export type DataFolderInput = {
  /** --data or TMC_DATA, if the teacher gave one. */
  explicit: string | null;
  compiled: boolean;
  execPath: string;
  cwd: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
  /** Why the folder cannot be written, or null when it can (it may be created). */
  writeProblem: (dir: string) => string | null;
};

export type DataFolderChoice =
  | { ok: true; dir: string; fallback: null | { from: string; reason: FallbackReason } }
  | { ok: false; code: "data_explicit_not_writable"; dir: string; reason: string }
  | { ok: false; code: "data_none_writable"; tried: string[] };

function pathsFor(platform: NodeJS.Platform) {
  return platform === "win32" ? win32 : posix;
}

/** The per-user data folder of each OS (XDG_DATA_HOME respected on Linux and the other Unixes). */
export function userDataFolder(platform: NodeJS.Platform, env: Record<string, string | undefined>, home: string): string {
  const p = pathsFor(platform);
  if (platform === "win32") return p.join(env.APPDATA || p.join(home, "AppData", "Roaming"), "TMC");
  if (platform === "darwin") return p.join(home, "Library", "Application Support", "TMC");
  const xdg = env.XDG_DATA_HOME;
  return p.join(xdg && p.isAbsolute(xdg) ? xdg : p.join(home, ".local", "share"), "tmc");
}

/** A place that holds files only while the program runs, whatever its permissions say. */
function temporaryPlace(platform: NodeJS.Platform, dir: string): FallbackReason | null {
  if (platform === "darwin" && dir.includes("/AppTranslocation/")) return "translocated";
  // Explorer runs a program opened inside a zip from %TEMP%\Temp1_<name>.zip\ and deletes it afterwards.
  if (platform === "win32" && /\\Temp\d*_[^\\]*\.zip(\\|$)/i.test(dir)) return "inside_zip";
  return null;
}

export function chooseDataFolder(input: DataFolderInput): DataFolderChoice {
  const p = pathsFor(input.platform);
  if (input.explicit) {
    const dir = p.resolve(input.cwd, input.explicit);
    const problem = input.writeProblem(dir);
    return problem ? { ok: false, code: "data_explicit_not_writable", dir, reason: problem } : { ok: true, dir, fallback: null };
  }
  const beside = input.compiled ? p.join(p.dirname(input.execPath), "tmc-data") : p.resolve(input.cwd, "tmc-data");
  const temporary = temporaryPlace(input.platform, beside);
  if (!temporary && !input.writeProblem(beside)) return { ok: true, dir: beside, fallback: null };
  const user = userDataFolder(input.platform, input.env, input.home);
  if (input.writeProblem(user)) return { ok: false, code: "data_none_writable", tried: temporary ? [user] : [beside, user] };
  return { ok: true, dir: user, fallback: { from: beside, reason: temporary ?? "not_writable" } };
}

/**
 * The real check: create the folder and a file in it. Permission bits are not enough (root ignores
 * them, a read-only mount or a locked USB stick refuses writes whatever they say).
 */
export function writeProblem(dir: string): string | null {
  const probe = join(dir, `.tmc-write-check-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
    return null;
  } catch (err) {
    return (err as { code?: string }).code ?? String((err as Error).message ?? err);
  }
}

/** The choice for this process (start-up, and any command that must find the same games, e.g. a backup). */
export function dataFolderHere(explicit: string | null): DataFolderChoice {
  return chooseDataFolder({ explicit, compiled: IS_COMPILED, execPath: process.execPath, cwd: process.cwd(), platform: process.platform, env: process.env, home: homedir(), writeProblem });
}
