// Subcommands of the executable (`tmc <command> …`), run instead of the server.
import { runBackupCommand } from "./cli-backup.ts";
import { runCheckBackupCommand } from "./check-process.ts";

export const COMMANDS: Record<string, (argv: string[], env: Record<string, string | undefined>) => Promise<number>> = {
  backup: runBackupCommand,
  /** Internal: the server checks an uploaded backup in a process of its own. */
  "check-backup": runCheckBackupCommand,
};
