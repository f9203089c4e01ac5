// Real browsers: the teacher's activity page updates by itself when a phone joins, the game page's
// Excel link downloads a workbook, the abuse page's button removes an address's seats, and the
// dashboard's checkboxes lead to the merged results.
import { expect, test } from "bun:test";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEACHER_PASSWORD } from "../support/server.ts";
import { useE2e } from "./session.ts";
import { isSameDocument, markDocument, screenshot, teacherCreatesGame, waitForSseOpen, watchPage } from "./browser.ts";

const e2e = useE2e();

test("activity updates itself, Excel downloads, the abuse page removes seats, games merge from the dashboard", async () => {
  const url = e2e.server.url;
  const tp = await e2e.newPage("desktop");
  const seen = watchPage(tp);
  const gameId = await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: "Views check", teams: 2, maxPlayers: 10, teamNames: ["Owls", "Foxes"] });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();

  // Activity: nobody yet; a phone joins and opens its page; the panel shows it without a reload.
  await tp.getByRole("link", { name: "Activity" }).click();
  await tp.waitForURL((u) => u.pathname === "/teacher/activity");
  const row = tp.locator(`tr[data-game-id="${gameId}"]`);
  await expect(row.locator('[data-testid="connected"]').textContent()).resolves.toBe("0");
  await markDocument(tp);
  const phone = await e2e.newPage("phone");
  await phone.goto(`${url}/join?code=${code}`);
  await phone.getByLabel("Nickname").fill("=1+1");
  await phone.getByRole("button", { name: "Join" }).click();
  await phone.waitForURL((u) => u.pathname === `/g/${code}/play`);
  await waitForSseOpen(phone);
  await row.locator('[data-testid="connected"]', { hasText: "1" }).waitFor({ timeout: 10_000 });
  expect(await isSameDocument(tp)).toBe(true);
  await screenshot(tp, "activity-page");

  // The game page's Excel link.
  await tp.goto(`${url}/teacher/games/${gameId}`);
  await tp.locator(".export-links summary").click();
  await screenshot(tp, "lobby-exports");
  const [download] = await Promise.all([tp.waitForEvent("download"), tp.getByRole("link", { name: "Excel (all sheets)" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^tmc-results-${code}-${gameId}-\\d{4}-\\d\\d-\\d\\d\\.xlsx$`));
  const file = join(mkdtempSync(join(tmpdir(), "tmc-e2e-xlsx-")), download.suggestedFilename());
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(new Uint8Array(readFileSync(file)).buffer);
  expect(book.getWorksheet("Members")!.getCell("C2").value).toBe("=1+1");

  // Abuse: the phone's address holds one seat; the button removes it, the panel follows.
  await tp.getByRole("link", { name: "Abuse" }).click();
  await tp.waitForURL((u) => u.pathname === "/teacher/abuse");
  const seats = tp.locator("table.abuse-seats tr[data-address]");
  await expect(seats.count()).resolves.toBe(1);
  seen.acceptDialogs = true;
  await seats.getByRole("button", { name: "Remove this address's seats" }).click();
  await tp.locator("#flash .notice-ok").waitFor();
  await tp.getByText("No seats in games in play.").waitFor({ timeout: 15_000 });
  await screenshot(tp, "abuse-page");

  // Merged results from the dashboard's checkboxes.
  await tp.getByRole("link", { name: "Games" }).click();
  await tp.waitForURL((u) => u.pathname === "/teacher");
  await tp.locator(`input[name="games"][value="${gameId}"]`).check();
  await tp.getByRole("button", { name: "Merge results of the chosen games" }).click();
  await tp.waitForURL((u) => u.pathname === "/teacher/results/merged" && u.searchParams.getAll("games").includes(String(gameId)));
  await tp.locator("table.merged").getByText("Owls").waitFor();
  await screenshot(tp, "merged-results");
  expect(seen.errors).toEqual([]);
}, 60_000);
