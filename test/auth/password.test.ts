import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { checkAdminPassword, ensureAdminPassword } from "../../src/auth/teacher.ts";

describe("teacher password", () => {
  test("generated once on first start, stored hashed, not generated again", async () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-pw-")), "tmc.db"));
    migrateDb(db);
    const first = ensureAdminPassword(db, null);
    expect(first.generated).toMatch(/^[a-z2-9]{6,}$/);
    const stored = db.$client.query("SELECT value FROM settings WHERE key = 'admin_password_hash'").get() as { value: string };
    expect(stored.value).not.toContain(first.generated!);
    expect(stored.value).toStartWith("$argon2id$");
    expect(ensureAdminPassword(db, null).generated).toBeNull();
    expect(await checkAdminPassword(db, first.generated!)).toBe(true);
    // a configured password replaces it
    ensureAdminPassword(db, "from-flag");
    expect(await checkAdminPassword(db, "from-flag")).toBe(true);
    expect(await checkAdminPassword(db, first.generated!)).toBe(false);
  });
});
