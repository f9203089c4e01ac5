// KaTeX's CSS and fonts are served from the binary's public/ folder, and the CSS's font URLs
// resolve there (test/support/vendor-katex.ts refreshes the copy).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asset } from "../../src/assets.ts";
import { startServer, type TestServer } from "../support/server.ts";
import { KATEX_VENDOR, vendoredKatexCss, woff2Fonts } from "../support/vendor-katex.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

describe("KaTeX assets", () => {
  test("the vendored CSS is KaTeX's own (same version), naming only woff2 fonts that exist", () => {
    const css = readFileSync(join(KATEX_VENDOR, "katex.min.css"), "utf8");
    expect(css).toBe(vendoredKatexCss());
    const urls = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(urls.length).toBe(woff2Fonts().length);
    for (const u of urls) {
      expect(u).toMatch(/^fonts\/KaTeX_[\w-]+\.woff2\?v=[0-9a-f]{10}$/);
      expect(existsSync(join(KATEX_VENDOR, u.split("?")[0]!))).toBe(true);
    }
  });
  test("the CSS is served at a versioned URL and its fonts resolve under /public/vendor/katex/fonts/", async () => {
    const cssUrl = asset("vendor/katex/katex.min.css");
    expect(cssUrl).toMatch(/^\/public\/vendor\/katex\/katex\.min\.css\?v=[0-9a-f]+$/);
    const res = await fetch(s.url + cssUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/css");
    const css = await res.text();
    const font = /url\((fonts\/KaTeX_Main-Regular\.woff2\?v=[0-9a-f]+)\)/.exec(css)![1]!;
    const fontRes = await fetch(new URL(font, s.url + cssUrl));
    expect(fontRes.status).toBe(200);
    expect(new URL(font, s.url + cssUrl).pathname).toBe("/public/vendor/katex/fonts/KaTeX_Main-Regular.woff2");
    expect((await fontRes.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  });
});
