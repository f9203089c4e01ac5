// Secrets are random; only their SHA-256 is stored, so a copied database leaks no live token.

/** The first letter of a token says what it opens: a teacher session, a student's seat, a device. */
export const TOKEN_PREFIX = { teacher: "T", student: "S", device: "D" } as const;

export function newToken(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return prefix + Buffer.from(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return Bun.CryptoHasher.hash("sha256", token, "hex");
}

/** A token we issued has this shape; anything else is refused before touching the database. */
export function looksLikeToken(value: unknown, prefix: string): value is string {
  return typeof value === "string" && value.length === prefix.length + 32 && value.startsWith(prefix) && /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length));
}
