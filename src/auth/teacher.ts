import { and, eq, gt, lt, ne } from "drizzle-orm";
import { read, write, type Db } from "../db/client.ts";
import { settings, teacherSessions } from "../db/schema.ts";
import { hashToken, looksLikeToken, newToken, TOKEN_PREFIX } from "./tokens.ts";
import { fail, type Result } from "../errors.ts";

const PASSWORD_KEY = "admin_password_hash";
const SESSION_DAYS = 14;
const TEACHER_PREFIX = TOKEN_PREFIX.teacher;

/**
 * Makes sure a teacher password exists. A configured password (flag/env) replaces the stored
 * one; otherwise one is generated on first start and returned so main can print it once.
 */
export function ensureAdminPassword(db: Db, configured: string | null): { generated: string | null } {
  const stored = read(db, (tx) => tx.select().from(settings).where(eq(settings.key, PASSWORD_KEY)).get());
  if (configured) {
    if (!stored || !Bun.password.verifySync(configured, stored.value)) storePassword(db, configured);
    return { generated: null };
  }
  if (stored) return { generated: null };
  const generated = generatePassword();
  storePassword(db, generated);
  return { generated };
}

const HASH = { algorithm: "argon2id", memoryCost: 19456, timeCost: 2 } as const;
/**
 * No 0/o, 1/l/i: a teacher copies it from the screen by hand. 31 letters ^ 12 ≈ 2^59 — far past
 * what a login that slows after a few failures (per address) lets anyone try.
 */
export const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export const PASSWORD_LENGTH = 12;

/** Uniform over the alphabet: bytes that would favour its first letters are drawn again. */
export function generatePassword(): string {
  const n = PASSWORD_ALPHABET.length;
  const limit = 256 - (256 % n);
  let out = "";
  while (out.length < PASSWORD_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(PASSWORD_LENGTH))) if (b < limit && out.length < PASSWORD_LENGTH) out += PASSWORD_ALPHABET[b % n];
  }
  return out;
}

function storePassword(db: Db, password: string): void {
  const hash = Bun.password.hashSync(password, HASH);
  write(db, (tx) => {
    tx.insert(settings).values({ key: PASSWORD_KEY, value: hash }).onConflictDoUpdate({ target: settings.key, set: { value: hash } }).run();
  });
}

export const PASSWORD_MIN = 6;
export const PASSWORD_MAX = 200;

/**
 * Changes the teacher password (the current one must be given) and ends every teacher session
 * except `keepToken`, the one making the change: a password that leaked stops working everywhere.
 */
export async function changeAdminPassword(db: Db, current: string, next: string, keepToken: string | null): Promise<Result> {
  if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX) return fail("password_too_short");
  if (!(await checkAdminPassword(db, current))) return fail("wrong_current_password");
  const hash = await Bun.password.hash(next, HASH);
  const keep = looksLikeToken(keepToken, TEACHER_PREFIX) ? hashToken(keepToken) : "";
  write(db, (tx) => {
    tx.insert(settings).values({ key: PASSWORD_KEY, value: hash }).onConflictDoUpdate({ target: settings.key, set: { value: hash } }).run();
    tx.delete(teacherSessions).where(ne(teacherSessions.tokenHash, keep)).run();
  });
  return { ok: true };
}

export async function checkAdminPassword(db: Db, password: string): Promise<boolean> {
  const stored = read(db, (tx) => tx.select().from(settings).where(eq(settings.key, PASSWORD_KEY)).get());
  if (!stored) return false;
  return Bun.password.verify(password, stored.value);
}

/** Starts a teacher session; `kind` cookie for the browser, bearer for scripts. */
export function createTeacherSession(db: Db, kind: "cookie" | "bearer", now = Date.now()): string {
  const token = newToken(TEACHER_PREFIX);
  write(db, (tx) => {
    tx.delete(teacherSessions).where(lt(teacherSessions.expiresAt, now)).run();
    tx.insert(teacherSessions).values({ tokenHash: hashToken(token), kind, expiresAt: now + SESSION_DAYS * 86_400_000 }).run();
  });
  return token;
}

export function isTeacherToken(db: Db, token: unknown, now = Date.now()): boolean {
  if (!looksLikeToken(token, TEACHER_PREFIX)) return false;
  const row = db.select({ h: teacherSessions.tokenHash }).from(teacherSessions)
    .where(and(eq(teacherSessions.tokenHash, hashToken(token)), gt(teacherSessions.expiresAt, now))).get();
  return !!row;
}

export function endTeacherSession(db: Db, token: unknown): void {
  if (!looksLikeToken(token, TEACHER_PREFIX)) return;
  write(db, (tx) => {
    tx.delete(teacherSessions).where(eq(teacherSessions.tokenHash, hashToken(token))).run();
  });
}
