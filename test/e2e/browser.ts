// Shared helpers for real-browser end-to-end tests (bun:test + playwright-core + Debian chromium).
//
// Typical use:
//   const browser = await launchBrowser();
//   const teacher = await desktopContext(browser);       // 1280×800, en-US, 10 s default timeouts
//   const phone = await phoneContext(browser);           // 390×844, isMobile, touch, en-US
//   const page = await teacher.newPage();
//   const seen = watchPage(page);                        // records dialogs (dismissed) and page errors
//   ...
//   expect(seen.dialogs).toEqual([]); expect(seen.errors).toEqual([]);
//   await screenshot(page, "teacher-lobby");              // → /tmp/tmc-shots/teacher-lobby.png
//   await browser.close();
//
// Every wait in these tests should be an auto-waiting locator / waitForFunction / waitForURL with
// the contexts' default timeout (WAIT_MS); never a fixed sleep.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "playwright-core";

/** Upper bound for any single wait (navigation, locator, waitForFunction). */
export const WAIT_MS = 10_000;
/** Where screenshot() saves files; not cleaned between runs. */
export const SHOTS_DIR = process.env.TMC_SHOTS_DIR ?? "/tmp/tmc-shots";

const CHROMIUM = process.env.TMC_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

/** Starts headless Debian chromium. Close it in afterAll (browser.close()). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 30_000 });
}

async function newContext(browser: Browser, base: BrowserContextOptions, extra: BrowserContextOptions): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "en-US", ...base, ...extra });
  // Counts SSE connections from the first script on, so waitForSseOpen() cannot miss an early one.
  await context.addInitScript(() => {
    const w = window as unknown as { __e2eSseOpened: number };
    w.__e2eSseOpened = 0;
    document.addEventListener("htmx:sse:after:connection", () => w.__e2eSseOpened++);
  });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  return context;
}

/** A desktop/laptop browser (teacher, projector): 1280×800, English UI. Pass `locale: "ko-KR"` for Korean. */
export function desktopContext(browser: Browser, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return newContext(browser, { viewport: { width: 1280, height: 800 } }, extra);
}

/** A student's phone: 390×844 CSS px, isMobile + touch, device scale 2, English UI. Own cookies (one seat each). */
export function phoneContext(browser: Browser, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, extra);
}

export type PageWatch = {
  /** Messages of every dialog (alert/confirm/prompt) the page opened; each was dismissed. */
  dialogs: string[];
  /** Uncaught exceptions and console errors. */
  errors: string[];
  /** Pass true to accept the next dialogs instead (e.g. hx-confirm buttons). */
  acceptDialogs: boolean;
};

/** Records dialogs and JS errors on `page`. Dialogs are dismissed unless `acceptDialogs` is set. */
export function watchPage(page: Page): PageWatch {
  const seen: PageWatch = { dialogs: [], errors: [], acceptDialogs: false };
  page.on("dialog", (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    void (seen.acceptDialogs ? d.accept() : d.dismiss()).catch(() => {});
  });
  page.on("pageerror", (e) => seen.errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(`console: ${m.text()}`);
  });
  return seen;
}

/**
 * Marks the current document so a later isSameDocument() proves no reload or navigation
 * happened in between (live updates must arrive over SSE, not by reloading).
 */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __e2eMark: boolean }).__e2eMark = true));
}

export function isSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __e2eMark?: boolean }).__e2eMark === true);
}

/** Resolves once the page's hx-sse:connect stream has opened at least once (htmx:sse:after:connection). */
export async function waitForSseOpen(page: Page): Promise<void> {
  await page.waitForFunction(() => ((window as unknown as { __e2eSseOpened?: number }).__e2eSseOpened ?? 0) > 0, null, { timeout: WAIT_MS });
}

/** Saves a full-page PNG under SHOTS_DIR and returns its path. For humans; not an assertion. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}
