// The version and the commit a binary was built from, for `tmc --version` and the start-up line.
// The release build defines TMC_BUILD_COMMIT (src/release/build.ts, `--define`); running from
// source asks git, and says "dev" when there is no git.
import { version } from "../../package.json";
import { ROOT } from "../paths.ts";

declare const TMC_BUILD_COMMIT: string | undefined;

/** The commit of the checkout ("-dirty" with uncommitted changes), or "dev" without git. */
export function gitCommit(): string {
  try {
    const head = Bun.spawnSync(["git", "rev-parse", "--short=10", "HEAD"], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
    if (head.exitCode !== 0) return "dev";
    const dirty = Bun.spawnSync(["git", "status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, stdout: "pipe", stderr: "ignore" });
    return head.stdout.toString().trim() + (dirty.stdout.toString().trim() ? "-dirty" : "");
  } catch {
    return "dev";
  }
}

/** The commit this code comes from; `ask` false skips git (start-up should not spawn it). */
export function buildCommit(ask = true): string {
  if (typeof TMC_BUILD_COMMIT === "string") return TMC_BUILD_COMMIT;
  return ask ? gitCommit() : "dev";
}

export const VERSION: string = version;

export function versionText(): string {
  return `tmc ${VERSION} (commit ${buildCommit()})`;
}
