// Real browsers: the teacher downloads a backup from the settings page and restores it through
// the upload form while phones are open. Every open phone reloads by itself; the student who was
// in the backup keeps the seat, the one who joined later lands on the join page.
import { expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { TEACHER_PASSWORD } from "../support/server.ts";
import { useE2e } from "./session.ts";
import { screenshot, teacherCreatesGame, waitForSseOpen, watchPage } from "./browser.ts";

const e2e = useE2e();

async function joinFromPhone(code: string, nickname: string): Promise<Page> {
  const page = await e2e.newPage("phone");
  await page.goto(`${e2e.server.url}/join?code=${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL((u) => u.pathname === `/g/${code}/play`);
  await waitForSseOpen(page);
  return page;
}

test("download a backup from the settings page, restore it through the form: open phones reload, a seat not in the backup goes to the join page", async () => {
  const url = e2e.server.url;
  const tp = await e2e.newPage("desktop");
  const seen = watchPage(tp);
  await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: "Backup check", teams: 2, maxPlayers: 10, teamNames: [] });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();
  const kept = await joinFromPhone(code, "Mina");

  await tp.getByRole("link", { name: "Settings" }).click();
  await tp.waitForURL((u) => u.pathname === "/teacher/settings");
  await screenshot(tp, "settings-page");
  const [download] = await Promise.all([tp.waitForEvent("download"), tp.getByRole("link", { name: "Download backup" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tmc-backup-\d{4}-\d{2}-\d{2}-\d{4}\.db$/);
  const file = join(mkdtempSync(join(tmpdir(), "tmc-e2e-backup-")), download.suggestedFilename());
  await download.saveAs(file);
  const copy = new Database(file, { readonly: true });
  expect(copy.query("SELECT nickname FROM participants").all()).toEqual([{ nickname: "Mina" }]);
  copy.close();

  const later = await joinFromPhone(code, "Joon");
  const keptUrl = kept.url();

  await tp.locator('input[name="file"]').setInputFiles(file);
  await tp.getByLabel("The current games will be replaced by the backup's").check();
  await tp.getByRole("button", { name: "Restore", exact: true }).click();
  await tp.getByText(/Restored: 1 game/).waitFor();
  await screenshot(tp, "settings-restored");

  // Both phones were told to reload; Joon's seat is not in the backup.
  await later.waitForURL((u) => u.pathname === "/join" && u.searchParams.get("code") === code);
  await later.getByLabel("Nickname").waitFor();
  await kept.waitForFunction(() => performance.getEntriesByType("navigation").length > 0 && (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).type === "reload");
  expect(kept.url()).toBe(keptUrl);
  await kept.getByText("Mina").first().waitFor();
  expect(seen.errors).toEqual([]);
}, 60_000);
