// Whether the teacher has put the "how the day goes" guide away. Kept in the settings table, so
// it survives restarts; until then each login to the dashboard opens the guide first.
import { eq } from "drizzle-orm";
import { write, type Conn, type Db } from "../db/client.ts";
import { settings } from "../db/schema.ts";

const KEY = "day_guide_dismissed";

export function isDayGuideDismissed(db: Conn): boolean {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY)).get()?.value === "1";
}

export function dismissDayGuide(db: Db): void {
  write(db, (tx) => {
    tx.insert(settings).values({ key: KEY, value: "1" }).onConflictDoUpdate({ target: settings.key, set: { value: "1" } }).run();
  });
}

/** Where a login lands: the guide instead of the dashboard, until the teacher dismisses it. */
export function afterLogin(db: Conn, next: string): string {
  return next === "/teacher" && !isDayGuideDismissed(db) ? "/teacher/guide" : next;
}
