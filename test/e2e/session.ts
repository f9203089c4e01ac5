// One real server and one headless chromium per browser-test file, closed after the file.
import { afterAll, beforeAll } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServer, type TestServer } from "../support/server.ts";
import { desktopContext, launchBrowser, phoneContext } from "./browser.ts";

export type E2eSession = {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A page in a fresh context (its own cookies): a teacher's laptop or a student's phone. */
  newPage(kind: "desktop" | "phone"): Promise<Page>;
};

export function useE2e(): E2eSession {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
    async newPage(kind) {
      const context = kind === "phone" ? await phoneContext(browser!) : await desktopContext(browser!);
      contexts.push(context);
      return context.newPage();
    },
  };
}
