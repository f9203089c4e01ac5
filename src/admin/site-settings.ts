// Settings the teacher changes on the settings page, kept in the database's `settings` table
// (so they survive a restart and stay as they are across a restore).
import type { Database } from "bun:sqlite";
import { eq } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { settings } from "../db/schema.ts";
import type { Lang } from "../errors.ts";

const DEFAULT_LANG_KEY = "default_lang";

/** Read on every request (language of a page): kept in memory, per database, once read. */
const langs = new WeakMap<Database, Lang>();

/** The language for a browser that states no preference between Korean and English. */
export function defaultLang(db: Db): Lang {
  let lang = langs.get(db.$client);
  if (lang) return lang;
  try {
    const row = db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEFAULT_LANG_KEY)).get();
    lang = row?.value === "en" ? "en" : "ko";
  } catch {
    // The error page of a failing database still needs a language; this one is not remembered.
    return "ko";
  }
  langs.set(db.$client, lang);
  return lang;
}

export function setDefaultLang(db: Db, lang: Lang): void {
  write(db, (tx) => {
    tx.insert(settings).values({ key: DEFAULT_LANG_KEY, value: lang }).onConflictDoUpdate({ target: settings.key, set: { value: lang } }).run();
  });
  langs.set(db.$client, lang);
}
