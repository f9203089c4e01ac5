// Content-hashed asset URLs: `/public/app.css?v=<hash>` may be cached for a year, because an
// upgrade changes the hash and so the URL — a phone never runs a stale script.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PUBLIC_DIR } from "./paths.ts";

const versions = new Map<string, string>();

function scan(dir: string): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) scan(full);
    else versions.set(relative(PUBLIC_DIR, full).split("\\").join("/"), new Bun.CryptoHasher("sha1").update(readFileSync(full)).digest("hex").slice(0, 10));
  }
}
scan(PUBLIC_DIR);

export function asset(path: string): string {
  const v = versions.get(path);
  if (!v) throw new Error(`assets: no public/${path}`);
  return `/public/${path}?v=${v}`;
}
