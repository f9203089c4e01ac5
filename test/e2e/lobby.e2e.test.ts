// Real browsers, real server: a teacher logs in and creates a game, a projector and three phones
// follow it, the lobby updates live over SSE, and "Start game" reaches every phone without a reload.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { createGame, joinAs, TEACHER_PASSWORD } from "../support/server.ts";
import { teacherLogin } from "./axe.ts";
import { useE2e } from "./session.ts";
import { isSameDocument, markDocument, screenshot, teacherCreatesGame, waitForSseOpen, watchPage, WAIT_MS, type PageWatch } from "./browser.ts";

// The classic payload (26 chars) is too long for a nickname (max 20), so it is a team name here;
// the nickname payload is a 20-character one that would also run if the name were parsed as HTML.
const IMG_PAYLOAD = "<img src=x onerror=alert(1)>";
const NICK_PAYLOAD = "<svg onload=alert()>";
const NICKNAMES = ["Mina", NICK_PAYLOAD, "Joon 준"];
const TEAM_NAMES = ["Alpha", IMG_PAYLOAD, "Gamma"];
const TITLE = "E2E Lobby Check";

const e2e = useE2e();

/** A page plus what it reported (dialogs, JS errors). */
type Watched = { page: Page; seen: PageWatch };

async function open(kind: "desktop" | "phone"): Promise<Watched> {
  const page = await e2e.newPage(kind);
  return { page, seen: watchPage(page) };
}

/** Waits until `page` shows `text` (exact, as text) inside `scope`. */
async function seesText(page: Page, scope: string, text: string): Promise<void> {
  await page.locator(scope).getByText(text, { exact: true }).first().waitFor({ state: "visible" });
}

test("teacher creates a game, three phones join, lobby and projector update live, start reaches every phone", async () => {
  const url = e2e.server.url;

  // ── Teacher: /teacher → /login → dashboard → create → lobby ──────────────────────────────
  const teacher = await open("desktop");
  const tp = teacher.page;
  const gameId = await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: TITLE, teams: 3, maxPlayers: 30, teamNames: TEAM_NAMES });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^\d{2,6}$/);
  await seesText(tp, "h1", TITLE);
  await expect(tp.locator("#lobby-teams .team-card").count()).resolves.toBe(3);
  for (const name of TEAM_NAMES) await seesText(tp, "#lobby-teams", name);
  const count = tp.getByTestId("participant-count");
  expect(((await count.textContent()) ?? "").replace(/\s+/g, " ")).toContain("0 / 30");

  // ── Projector ────────────────────────────────────────────────────────────────────────────
  const projector = await open("desktop");
  const pp = projector.page;
  await pp.goto(`${url}/g/${code}/screen`);
  await seesText(pp, ".screen-head", code);
  for (const name of TEAM_NAMES) await seesText(pp, "#phase", name);

  // Both live pages are connected and will not be reloaded from here on.
  await Promise.all([waitForSseOpen(tp), waitForSseOpen(pp)]);
  await Promise.all([markDocument(tp), markDocument(pp)]);

  // ── Three phones join through the forms, at the same time ───────────────────────────────
  const students = await Promise.all(NICKNAMES.map(() => open("phone")));
  await Promise.all(
    students.map(async ({ page }, i) => {
      const nickname = NICKNAMES[i]!;
      await page.goto(`${url}/`);
      await page.getByLabel("Game code").fill(code);
      if (i === 0) await screenshot(page, "1-student-join-code");
      await page.getByRole("button", { name: "Next" }).click();
      await page.waitForURL((u) => u.pathname === "/join" && u.searchParams.get("code") === code);
      await page.getByLabel("Nickname").fill(nickname);
      expect(await page.getByLabel("Nickname").inputValue()).toBe(nickname);
      if (i === 0) await screenshot(page, "2-student-join-name");
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL((u) => u.pathname === `/g/${code}/play`);
      await seesText(page, ".seat-head", nickname);
      await page.locator('#phase[data-phase="lobby-waiting"]').waitFor();
      await page.locator("#phase").getByText("Waiting for the teacher to start").waitFor();
      await waitForSseOpen(page);
      await markDocument(page);
    }),
  );
  await screenshot(students[1]!.page, "3-student-seat-payload");
  await screenshot(students[0]!.page, "3-student-seat");

  // ── Live lobby: teacher and projector show all three without a reload ───────────────────
  for (const nickname of NICKNAMES) {
    await seesText(tp, "#lobby-teams", nickname);
    await seesText(pp, "#phase", nickname);
  }
  await tp.waitForFunction(
    (re) => new RegExp(re).test((document.querySelector('[data-testid="participant-count"]')?.textContent ?? "").replace(/\s+/g, " ")),
    String.raw`\b3 / 30\b`,
    { timeout: WAIT_MS },
  );
  expect(await isSameDocument(tp)).toBe(true);
  expect(await isSameDocument(pp)).toBe(true);
  await screenshot(tp, "4-teacher-lobby");
  await screenshot(pp, "5-projector");

  // The payloads are text everywhere: no element was created from them.
  const injected = 'img[src="x"], img[onerror], svg[onload]';
  for (const { page } of [teacher, projector, ...students]) expect(await page.locator(injected).count()).toBe(0);
  await seesText(students[1]!.page, ".seat-head", NICK_PAYLOAD);

  // ── Start: every phone changes phase live ───────────────────────────────────────────────
  const start = tp.locator(`#lobby-status form[action="/teacher/games/${gameId}/start"] button`);
  await start.click();
  await Promise.all(
    students.map(async ({ page }) => {
      await page.waitForFunction(() => {
        const phase = document.getElementById("phase");
        return !!phase && phase.dataset.phase !== "lobby-waiting" && !/waiting for the teacher to start/i.test(phase.textContent ?? "");
      }, null, { timeout: WAIT_MS });
      expect(await isSameDocument(page)).toBe(true);
    }),
  );
  // The projector leaves its lobby panel, live.
  await pp.waitForFunction(() => (document.getElementById("phase")?.dataset.phase ?? "lobby") !== "lobby", null, { timeout: WAIT_MS });
  expect(await isSameDocument(pp)).toBe(true);
  // The teacher's own status row follows over SSE too: status pill and no more start button.
  await tp.locator("#lobby-status .pill.status-started").waitFor();
  await start.waitFor({ state: "detached" });
  expect(await isSameDocument(tp)).toBe(true);
  await screenshot(students[0]!.page, "6-student-after-start");
  await screenshot(tp, "7-teacher-after-start");

  // ── Nothing alarming happened in any page ───────────────────────────────────────────────
  for (const w of [teacher, projector, ...students]) {
    expect(w.seen.dialogs).toEqual([]);
    expect(w.seen.errors).toEqual([]);
  }
}, 60_000);

// Regression: with both scripts `defer`red, htmx initialised on a timer that could run before
// hx-sse.js had registered, and the page never opened its live stream (seen ~1 run in 8 under load).
test("the live stream opens even when hx-sse.js arrives late", async () => {
  const { page } = await open("desktop");
  await page.context().route(/\/vendor\/hx-sse\.min\.js/, async (route) => {
    await new Promise((r) => setTimeout(r, 300)); // a slow network for this one file
    await route.continue();
  });
  const { gameCode } = await createGame(e2e.server, { title: "Late script", teamCount: 2 });
  await page.goto(`${e2e.server.url}/g/${gameCode}/screen`);
  await waitForSseOpen(page);
}, 30_000);

// One dialog serves every member's ⋯ button (a thousand students' rows each held a form with every
// team as an option: a megabyte of the teacher's page). Mouse and keyboard both move and remove.
test("the teacher moves a student and removes one through the member menu, by mouse and by keyboard", async () => {
  const s = e2e.server;
  const g = await createGame(s, { title: "Member menu", teamCount: 2, joinMode: "choose", teamNames: ["Foxes", "Owls"] });
  const [foxes, owls] = g.teams;
  await joinAs(s, g.gameCode, "Mina", { teamId: foxes!.id });
  await joinAs(s, g.gameCode, NICK_PAYLOAD, { teamId: foxes!.id });
  await joinAs(s, g.gameCode, "Joon", { teamId: foxes!.id });
  const { page, seen } = await open("desktop");
  await teacherLogin(page, s.url);
  await page.goto(`${s.url}/teacher/games/${g.gameId}`);
  await waitForSseOpen(page);
  await markDocument(page);
  const card = (teamId: number) => page.locator(`#lobby-teams [data-team-id="${teamId}"]`);
  const dialog = page.locator("#member-dialog");
  await expect(dialog.isVisible()).resolves.toBe(false);

  // Mouse: Mina's ⋯, the dialog names her with her team chosen; Owls, Move.
  await page.getByRole("link", { name: "Mina: move or remove" }).click();
  await dialog.waitFor({ state: "visible" });
  expect(await dialog.locator("h2").textContent()).toBe("Mina");
  expect(await dialog.getByLabel("Move to").inputValue()).toBe(String(foxes!.id));
  expect(await dialog.getByLabel("Move to").locator("option").allTextContents()).toEqual(["Foxes", "Owls"]);
  await screenshot(page, "8-teacher-member-menu");
  await dialog.getByLabel("Move to").selectOption(String(owls!.id));
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  await card(owls!.id).getByText("Mina", { exact: true }).waitFor();
  await expect(dialog.isVisible()).resolves.toBe(false);
  // The focus is back on Mina's ⋯, in her new card (the live update replaced the list).
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Mina: move or remove");

  // Keyboard: Enter on the payload nickname's ⋯ opens the menu on the team list; ArrowDown, Tab to Move, Enter.
  await page.getByRole("link", { name: `${NICK_PAYLOAD}: move or remove` }).focus();
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "visible" });
  expect(await dialog.locator("h2").textContent()).toBe(NICK_PAYLOAD);
  expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("teamId");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await card(owls!.id).getByText(NICK_PAYLOAD, { exact: true }).waitFor();
  // Escape closes the menu without a change.
  await page.getByRole("link", { name: "Joon: move or remove" }).focus();
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "visible" });
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Joon: move or remove");

  // A keyboard user resting on a student's link keeps it while the list is redrawn (a student joins).
  await page.getByRole("link", { name: "Mina: move or remove" }).focus();
  await joinAs(s, g.gameCode, "Lateguy", { teamId: foxes!.id });
  await card(foxes!.id).getByText("Lateguy", { exact: true }).waitFor();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Mina: move or remove");

  // Remove: confirmed, Joon leaves the list.
  seen.acceptDialogs = true;
  await page.getByRole("link", { name: "Joon: move or remove" }).click();
  await dialog.getByRole("button", { name: "Remove from the game" }).click();
  await card(foxes!.id).getByText("Joon", { exact: true }).waitFor({ state: "detached" });
  expect(seen.dialogs).toEqual(["confirm: Remove this student?"]);
  expect(await page.locator("svg[onload]").count()).toBe(0);
  expect(await isSameDocument(page)).toBe(true);
  expect(seen.errors).toEqual([]);
}, 60_000);
