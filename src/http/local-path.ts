// Where a redirect may send a browser: only a path on this server. A path is checked the way a
// browser reads it — resolved against an origin and compared — not by looking at its first
// characters: `/\t/evil.example/x` (a tab after the slash, sent as `%09`) starts with one slash, yet
// a browser drops the tab and goes to //evil.example/x.

const DUMMY = "http://tmc.invalid";

/** `raw` as a path on this server (path, query and fragment as the browser would resolve them), or null if it would leave it. */
export function localPath(raw: unknown): string | null {
  if (typeof raw !== "string" || !raw.startsWith("/") || raw.length > 2000) return null;
  if (!URL.canParse(raw, DUMMY)) return null;
  const url = new URL(raw, DUMMY);
  if (url.origin !== DUMMY) return null;
  const path = url.pathname + url.search + url.hash;
  // Resolved once more, the result must stay here too (it is what the browser receives).
  return new URL(path, DUMMY).origin === DUMMY && path.startsWith("/") && !path.startsWith("//") ? path : null;
}
