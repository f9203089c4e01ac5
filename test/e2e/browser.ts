// Shared helpers for real-browser end-to-end tests (bun:test + playwright-core + Debian chromium).
//
//   launchBrowser()                   headless /usr/bin/chromium; close it in afterAll
//   desktopContext(browser, opts?)    1280×800, en-US (teacher, projector)
//   phoneContext(browser, opts?)      390×844, isMobile, touch, en-US (one student = one context = own cookies)
//   watchPage(page)                   records dialogs (dismissed) and JS/console errors → assert they stay []
//   waitForSseOpen(page)              the page's hx-sse:connect stream has opened
//   markDocument / isSameDocument     prove a change arrived live, without a reload
//   screenshot(page, name)            full-page PNG in SHOTS_DIR (/tmp/tmc-shots), for humans only
//   pageLog(page)                     URL + htmx SSE/request event log, for failure messages
//
// Both contexts use WAIT_MS (10 s) as the default timeout for actions, locators and navigation.
// Wait with auto-waiting locators, waitForURL or waitForFunction; never with fixed sleeps.
// Example:
//   const browser = await launchBrowser();
//   const page = await (await phoneContext(browser)).newPage();
//   const seen = watchPage(page);
//   await page.goto(`${server.url}/`);
//   await page.getByLabel("Game code").fill(code);
//   ...
//   expect(seen.dialogs).toEqual([]);
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
  // Counts SSE connections from the first script on, so waitForSseOpen() cannot miss an early one,
  // and keeps a short log of htmx SSE/error events for failure messages.
  await context.addInitScript(() => {
    const w = window as unknown as { __e2eSseOpened: number; __e2eLog: string[] };
    w.__e2eSseOpened = 0;
    w.__e2eLog = [];
    const t0 = performance.now();
    const log = (what: string) => w.__e2eLog.length < 200 && w.__e2eLog.push(`${Math.round(performance.now() - t0)}ms ${what}`);
    document.addEventListener("htmx:sse:after:connection", () => w.__e2eSseOpened++);
    for (const name of ["htmx:sse:before:connection", "htmx:sse:after:connection", "htmx:sse:error", "htmx:sse:close", "htmx:error", "htmx:before:request", "htmx:after:request"]) {
      document.addEventListener(name, (e) => log(`${name} ${(e.target as Element)?.getAttribute?.("hx-sse:connect") ?? ""} ${String((e as CustomEvent).detail?.error ?? "")}`));
    }
    document.addEventListener("visibilitychange", () => log(`visibility ${document.visibilityState}`));
    document.addEventListener("DOMContentLoaded", () => log("DOMContentLoaded"));
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
  try {
    await page.waitForFunction(() => ((window as unknown as { __e2eSseOpened?: number }).__e2eSseOpened ?? 0) > 0, null, { timeout: WAIT_MS });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await pageLog(page)}`);
  }
}

/** The page's URL, visibility and htmx event log (see newContext): for failure messages. */
export async function pageLog(page: Page): Promise<string> {
  const info = await page
    .evaluate(() => `visibility=${document.visibilityState}\n${((window as unknown as { __e2eLog?: string[] }).__e2eLog ?? []).join("\n")}`)
    .catch((e: Error) => `(page not readable: ${e.message})`);
  return `--- ${page.url()}\n${info}`;
}

/** Saves a full-page PNG under SHOTS_DIR and returns its path. For humans; not an assertion. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const path = join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

/**
 * The teacher's way in, as a person does it: /teacher → login form → dashboard → create form →
 * the new game's lobby. Returns the game id (English UI).
 */
export async function teacherCreatesGame(page: Page, url: string, password: string, game: { title: string; teams: number; maxPlayers: number; teamNames: string[]; joinMode?: "auto" | "choose" | "roster" }): Promise<number> {
  await page.goto(`${url}/teacher`);
  await page.waitForURL((u) => u.pathname === "/login");
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The first login opens the "how the day goes" guide; the teacher puts it away for good.
  await page.waitForURL((u) => u.pathname === "/teacher" || u.pathname === "/teacher/guide");
  if (new URL(page.url()).pathname === "/teacher/guide") {
    await page.getByRole("button", { name: "Got it — don't show this again" }).click();
    await page.waitForURL((u) => u.pathname === "/teacher");
  }
  const form = page.locator('form[action="/teacher/games"]');
  await form.getByLabel("Title", { exact: true }).fill(game.title);
  await form.getByLabel("Teams", { exact: true }).fill(String(game.teams));
  await form.getByLabel("Max players", { exact: true }).fill(String(game.maxPlayers));
  if (game.joinMode) await form.getByLabel("Team assignment").selectOption(game.joinMode);
  await form.locator('textarea[name="teamNames"]').fill(game.teamNames.join("\n"));
  await form.getByRole("button", { name: "Create" }).click();
  await page.waitForURL((u) => /^\/teacher\/games\/\d+$/.test(u.pathname));
  return Number(new URL(page.url()).pathname.split("/").pop());
}
