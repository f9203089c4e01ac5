// A previewed import file waits here for the teacher's "save", so the file is uploaded once and
// the save form carries only a token (a page without script cannot re-send a chosen file).
// Bounded: a few files, each for half an hour; a token is used once. Only a preview with no
// errors leaves a file here (the others have nothing to save).
export class PendingImports {
  private files = new Map<string, { bytes: Uint8Array; expires: number }>();

  constructor(readonly max = 3, readonly ttlMs = 30 * 60_000) {}

  put(bytes: Uint8Array, now = Date.now()): string {
    for (const [token, f] of this.files) if (f.expires < now) this.files.delete(token);
    // Map order is insertion order: the oldest goes first.
    while (this.files.size >= this.max) this.files.delete(this.files.keys().next().value!);
    const token = crypto.randomUUID();
    this.files.set(token, { bytes, expires: now + this.ttlMs });
    return token;
  }

  /** The file for `token`, once; null when unknown, used or expired. */
  take(token: string, now = Date.now()): Uint8Array | null {
    const f = this.files.get(token);
    this.files.delete(token);
    return f && f.expires >= now ? f.bytes : null;
  }
}
