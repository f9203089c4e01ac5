// A phone's live screen survives a server crash: it shows "Reconnecting…" while the server is
// down, reconnects by itself when it is back, and shows what changed meanwhile — no reload.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { freePort, startChild, type Child } from "../support/child-server.ts";
import { isSameDocument, launchBrowser, markDocument, phoneContext, waitForSseOpen, watchPage } from "./browser.ts";

const PASSWORD = "reconnect-pw";
const data = mkdtempSync(join(tmpdir(), "tmc-reconnect-"));
let child: Child | null = null;
let browser: Browser | null = null;

afterAll(async () => {
  await browser?.close();
  if (child && child.proc.exitCode === null) child.proc.kill("SIGKILL");
  rmSync(data, { recursive: true, force: true });
});

describe("live screens recover", () => {
  test("SIGKILL and restart: the phone shows Reconnecting…, then the game start that happened meanwhile, without a reload", async () => {
    const port = await freePort();
    const args = ["--data", data, "--port", String(port), "--admin-password", PASSWORD];
    child = await startChild(args, { preferBinary: false });
    const api = async (path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${child!.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}) });
      return (await res.json()) as any;
    };
    const { token } = await api("/api/login", { password: PASSWORD });
    const game = await api("/api/create-game", { title: "Reconnect", teamCount: 2, maxParticipants: 10 }, token);

    browser = await launchBrowser();
    const phone = await (await phoneContext(browser)).newPage();
    const seen = watchPage(phone);
    await phone.goto(`${child.url}/join?code=${game.gameCode}`);
    await phone.fill('input[name="nickname"]', "Sleepy");
    await phone.click('button[type="submit"]');
    await phone.waitForURL(`**/g/${game.gameCode}/play`);
    await waitForSseOpen(phone);
    await markDocument(phone);
    expect(await phone.locator("#phase").getAttribute("data-phase")).toBe("lobby-waiting");
    await expect(phone.locator(".conn-down").isVisible()).resolves.toBe(false);

    child.proc.kill("SIGKILL");
    await child.proc.exited;
    await phone.locator(".conn-down").waitFor({ state: "visible" });

    child = await startChild(args, { preferBinary: false });
    const { token: again } = await api("/api/login", { password: PASSWORD });
    await api(`/api/games/${game.gameId}/start`, {}, again);

    await phone.waitForFunction(() => document.querySelector("#phase")?.getAttribute("data-phase") === "lobby-started", null, { timeout: 15_000 });
    await phone.locator(".conn-down").waitFor({ state: "hidden" });
    expect(await isSameDocument(phone)).toBe(true);
    // while the server was down the browser logged failed connection attempts; nothing else
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|net::|htmx:sse:error/.test(e))).toEqual([]);
  }, 60_000);
});
