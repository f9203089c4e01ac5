import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

// In the compiled binary every module shares import.meta.dir (the embedded root, where
// `--asset=public --asset=drizzle` put the folders); in development this file sits in src/.
const here = import.meta.dir;
export const IS_COMPILED = existsSync(join(here, "drizzle", "meta", "_journal.json"));
export const ROOT = IS_COMPILED ? here : dirname(here);
export const PUBLIC_DIR = join(ROOT, "public");
export const MIGRATIONS_DIR = join(ROOT, "drizzle");

// The data folder is chosen by src/startup/data-folder.ts (dataFolderHere): beside the executable,
// or the user's data folder when that cannot be written.
