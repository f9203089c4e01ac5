// Server secrets kept in the settings table: drawn on first start, the same after a restart (a
// device cookie issued yesterday still verifies), and never printed.
import { eq } from "drizzle-orm";
import { read, write, type Db } from "../db/client.ts";
import { settings } from "../db/schema.ts";

/** The secret stored under `key`, drawn (32 random bytes, hex) the first time it is asked for. */
export function ensureSecret(db: Db, key: string): string {
  const stored = read(db, (tx) => tx.select().from(settings).where(eq(settings.key, key)).get());
  if (stored) return stored.value;
  const fresh = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
  return write(db, (tx) => {
    // Another start may have drawn one in the meantime: the first stored wins.
    tx.insert(settings).values({ key, value: fresh }).onConflictDoNothing().run();
    return tx.select().from(settings).where(eq(settings.key, key)).get()!.value;
  });
}
