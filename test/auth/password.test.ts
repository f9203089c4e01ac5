import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { checkAdminPassword, ensureAdminPassword, generatePassword, PASSWORD_ALPHABET } from "../../src/auth/teacher.ts";
import { helpText, SETTINGS } from "../../src/config.ts";

describe("teacher password", () => {
  test("generated once on first start, stored hashed, not generated again", async () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-pw-")), "tmc.db"));
    migrateDb(db);
    const first = ensureAdminPassword(db, null);
    expect(first.generated).toMatch(/^[a-z2-9]{10,}$/);
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

  test("a generated password has at least 10 characters, none of them easy to misread (0/o, 1/l/i), from the whole alphabet", () => {
    expect(PASSWORD_ALPHABET).not.toMatch(/[01ilo]/);
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const pw = generatePassword();
      expect(pw.length).toBeGreaterThanOrEqual(10);
      for (const ch of pw) {
        expect(PASSWORD_ALPHABET).toContain(ch);
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
      }
    }
    expect(counts.size).toBe(PASSWORD_ALPHABET.length);
  });

  test("--help recommends the environment variable over --admin-password (visible in the process list)", () => {
    expect(helpText()).toContain("TMC_ADMIN_PASSWORD rather than --admin-password");
    expect(SETTINGS.find((x) => x.flag === "--admin-password")!.help).toContain("process list");
  });
});
