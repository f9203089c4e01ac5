// A backup's checks (restore.ts checkBackup) read the whole file: two seconds for a school's
// year, during which the server would answer nobody. So the server runs them in a process of its
// own — this same program, `tmc check-backup <file>` — and waits for the verdict without blocking.
import { join } from "node:path";
import { IS_COMPILED, ROOT } from "../paths.ts";
import { fail, type Result } from "../errors.ts";
import { checkBackup, type CheckedBackup } from "./restore.ts";

/** How to run this program again: the executable itself, or Bun with the entry file. */
function selfCommand(): string[] {
  return IS_COMPILED ? [process.execPath] : [process.execPath, join(ROOT, "src", "main.ts")];
}

/** Checks (and migrates, in place) `file` in a child process. */
export async function checkBackupElsewhere(file: string): Promise<Result<CheckedBackup>> {
  const proc = Bun.spawn([...selfCommand(), "check-backup", file], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  const code = await proc.exited;
  try {
    return JSON.parse(out.trim().split("\n").pop() ?? "") as Result<CheckedBackup>;
  } catch {
    console.error(`restore: the backup check stopped (exit ${code}): ${err.slice(0, 500)}`);
    return fail("invalid_backup", { reason: "damaged" });
  }
}

/** `tmc check-backup <file>`: prints the verdict as one line of JSON (used by the server only). */
export async function runCheckBackupCommand(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file) return 2;
  let verdict: Result<CheckedBackup>;
  try {
    verdict = checkBackup(file);
  } catch {
    verdict = fail("invalid_backup", { reason: "damaged" });
  }
  console.log(JSON.stringify(verdict));
  return 0;
}
