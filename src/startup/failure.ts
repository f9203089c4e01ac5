// A start-up that fails says why in the teacher's words, keeps the window open when it would
// otherwise vanish (see shouldWaitForEnter), and exits with code 1.
import { DbInUseError } from "../db/client.ts";
import type { Lang } from "../errors.ts";
import { bilingual, consoleLang, type StartupTextKey } from "./text.ts";
import { shouldWaitForEnter, waitForEnter, type Surroundings } from "./interactive.ts";

type FailureCode = Extract<StartupTextKey, "port_exhausted" | "port_not_allowed" | "data_explicit_not_writable" | "data_none_writable" | "already_running" | "newer_database">;

/** A failure start-up foresees, with what its message needs. */
export class StartupError extends Error {
  constructor(readonly code: FailureCode, readonly vars: Record<string, string | number> = {}) {
    super(`startup: ${code} ${JSON.stringify(vars)}`);
  }
}

/** The message for any error that stopped start-up (expected ones by code, the rest verbatim). */
export function describeFailure(err: unknown, lang: Lang, dataDir?: string): string {
  let body: string;
  if (err instanceof StartupError) body = bilingual(err.code, lang, err.vars);
  else if (err instanceof DbInUseError) body = bilingual("already_running", lang, { dir: dataDir ?? err.file });
  else if (/newer version of TMC/.test(String((err as Error)?.message))) body = bilingual("newer_database", lang, { dir: dataDir ?? "" });
  else body = bilingual("unexpected", lang, { message: (err as Error)?.stack ?? String(err) });
  return `${bilingual("cannot_start", lang)}\n${body}`;
}

export async function failStartup(err: unknown, s: Surroundings, dataDir?: string): Promise<never> {
  const lang = consoleLang(s.env);
  console.error("");
  console.error(describeFailure(err, lang, dataDir));
  if (shouldWaitForEnter(s)) {
    console.error("");
    console.error(bilingual("press_enter", lang));
    await waitForEnter();
  }
  process.exit(1);
}
