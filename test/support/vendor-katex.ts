// KaTeX's CSS and fonts, copied into public/vendor/katex/ (committed, embedded in the binary).
// Only the woff2 fonts are kept — every browser a phone or projector runs today reads woff2 —
// and the CSS is rewritten to name only those, so no request goes to a missing woff/ttf.
// The CSS's relative url(fonts/…) resolves against /public/vendor/katex/katex.min.css, i.e.
// /public/vendor/katex/fonts/…, which @elysiajs/static serves from the embedded public/. Each font
// URL carries ?v=<hash of the font> (the static server ignores the query), as asset() does for
// the CSS: fonts are cached for a year, so a KaTeX upgrade must change their URLs too.
//
// Refresh after upgrading katex:  ./node_modules/.bin/bun test/support/vendor-katex.ts
// (test/questions/katex-assets.test.ts fails while the copy is stale).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
export const KATEX_DIST = join(ROOT, "node_modules", "katex", "dist");
export const KATEX_VENDOR = join(ROOT, "public", "vendor", "katex");

/** The vendored CSS: KaTeX's minified CSS with the woff and ttf alternatives removed, fonts versioned. */
export function vendoredKatexCss(): string {
  const css = readFileSync(join(KATEX_DIST, "katex.min.css"), "utf8");
  return css
    .replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, "")
    .replace(/url\((fonts\/[^)]+\.woff2)\)/g, (_, path: string) => {
      const v = new Bun.CryptoHasher("sha1").update(readFileSync(join(KATEX_DIST, path))).digest("hex").slice(0, 10);
      return `url(${path}?v=${v})`;
    });
}

export function woff2Fonts(): string[] {
  return readdirSync(join(KATEX_DIST, "fonts")).filter((f) => f.endsWith(".woff2")).sort();
}

if (import.meta.main) {
  mkdirSync(join(KATEX_VENDOR, "fonts"), { recursive: true });
  writeFileSync(join(KATEX_VENDOR, "katex.min.css"), vendoredKatexCss());
  for (const f of woff2Fonts()) copyFileSync(join(KATEX_DIST, "fonts", f), join(KATEX_VENDOR, "fonts", f));
  console.log(`katex: css + ${woff2Fonts().length} fonts → ${KATEX_VENDOR}`);
}
