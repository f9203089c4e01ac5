// Keyboard only (Tab, Enter, Space, arrows; no pointer): a student joins a game and picks a team
// with the arrow keys, types and submits a Year Game expression and uses a keypad key, answers a
// Score Steal question and picks the team to steal from; the teacher logs in, starts the game and
// starts each next round of the plan; the student answers relay questions and takes a hint. Live
// updates that redraw the control under the focus (the teacher's open button, the phone's target
// picker, the relay hint) keep it there.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { createGame, TEACHER_PASSWORD } from "../support/server.ts";
import { addStealQuestions } from "../support/steal.ts";
import { answersFor } from "../support/year.ts";
import { teacherApi } from "../support/event.ts";
import { makeRelaySets } from "../support/relay.ts";
import { useE2e } from "./session.ts";
import { pageLog, waitForSseOpen, watchPage } from "./browser.ts";
import { phoneJoins } from "./axe.ts";

const e2e = useE2e();
const DIGITS = [1, 3, 5, 7, 9];

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 60, back = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`keyboard: ${selector} never took the focus after ${max} Tabs\n${await pageLog(page)}`);
}

const focused = (page: Page) => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? "");

/**
 * A live update redraws the region under the keyboard user's focus: a teacher's adjustment moves a
 * team's score, every screen of the game is sent its parts again; `landed` waits until this page
 * shows it. The focus must stay where it was (a plain swap would drop it to <body>).
 */
async function keepsFocusThroughUpdate(page: Page, s: Parameters<typeof teacherApi>[0], gameId: number, teamId: number, landed: () => Promise<unknown>): Promise<void> {
  // An expando property marks the very element (a morph keeps the node; a swap makes a new one).
  expect(await page.evaluate(() => { const el = document.activeElement as (Element & { __e2eFocus?: boolean }) | null; if (!el || el === document.body) return false; el.__e2eFocus = true; return true; })).toBe(true);
  expect((await teacherApi(s, "POST", `/api/games/${gameId}/adjust`, { teamId, points: 10, reason: "keyboard test" })).status).toBe(201);
  await landed();
  expect(await page.evaluate(() => (document.activeElement as (Element & { __e2eFocus?: boolean }) | null)?.__e2eFocus === true) || `focus moved to ${await focused(page)}`).toBe(true);
}

test("keyboard only: join and choose a team, a Year Game expression, a Score Steal answer and target, relay answers and a hint, the teacher's start-next-round", async () => {
  const s = e2e.server;
  addStealQuestions(s, [{ text: "2 + 2 = ?", answer: "4", points: 100 }]);
  // One relay set of two questions (answers 2, then T + 1 = 3); a free hint (no confirm dialog).
  const [relaySet] = makeRelaySets(s.deps.db, "k", "P", 2, false);
  const game = await createGame(s, { title: "Keys", teamCount: 2, maxParticipants: 4, joinMode: "choose", teamNames: ["Owls", "Foxes"], plan: [
    { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } },
    { type: "score_steal", settings: { wrongPenalty: 0 } },
    { type: "relay_quiz", settings: { sets: [relaySet!.set], cycleSeconds: [600], hintPenalty: 0 } },
  ] });
  const phone = await e2e.newPage("phone");
  const teacher = await e2e.newPage("desktop");
  const seen = [watchPage(phone), watchPage(teacher)];

  // ── A student: the code, Enter; a nickname, Tab to the teams, ArrowDown to Foxes, Enter ─────
  await phone.goto(`${s.url}/`);
  expect(await focused(phone)).toContain('name="code"');
  await phone.keyboard.type(game.gameCode);
  await phone.keyboard.press("Enter");
  await phone.waitForURL((u) => u.pathname === "/join");
  expect(await focused(phone)).toContain('name="nickname"');
  await phone.keyboard.type("Kim");
  await tabTo(phone, 'input[type="radio"][name="teamId"]');
  await phone.keyboard.press("ArrowDown");
  expect(await phone.evaluate(() => (document.activeElement as HTMLInputElement).checked && document.activeElement?.closest("label")?.textContent)).toContain("Foxes");
  await phone.keyboard.press("Enter");
  await phone.waitForURL((u) => u.pathname === `/g/${game.gameCode}/play`);
  await phone.locator(".seat-head").getByText("Foxes", { exact: true }).waitFor();
  await waitForSseOpen(phone);
  // A second student on the other team (by pointer: not the one under test).
  const other = await e2e.newPage("phone");
  await phoneJoins(other, s.url, game.gameCode, "Lee", /^Owls\b/);

  // ── The teacher: password, Enter; the game page; Tab to "Start the game", Enter ─────────────
  await teacher.goto(`${s.url}/login`);
  // The password field takes the focus by itself (autofocus); on a loaded machine that can come after "load".
  await teacher.waitForFunction(() => document.activeElement?.getAttribute("name") === "password");
  await teacher.keyboard.type(TEACHER_PASSWORD);
  await teacher.keyboard.press("Enter");
  await teacher.waitForURL((u) => u.pathname === "/teacher" || u.pathname === "/teacher/guide");
  await teacher.goto(`${s.url}/teacher/games/${game.gameId}`);
  await waitForSseOpen(teacher);
  await tabTo(teacher, `#event-plan form[action="/teacher/games/${game.gameId}/start"] button`);
  await teacher.keyboard.press("Enter");
  await phone.locator('#phase[data-phase="lobby-started"]').waitFor();
  // The plan's one button now starts the next round: Tab to it, Space.
  await teacher.locator(`#event-plan form[action="/teacher/games/${game.gameId}/next-round"] button`).waitFor();
  await tabTo(teacher, `#event-plan form[action="/teacher/games/${game.gameId}/next-round"] button`);
  expect(await focused(teacher)).toContain("Year Game");
  await teacher.keyboard.press("Space");

  // ── The Year Game: Tab to the expression, type it, Enter; a keypad key by Space ───────────
  await phone.locator(".yg-keypad").waitFor();
  await tabTo(phone, "#yg-expression");
  await phone.keyboard.type(answersFor(DIGITS).get(25)!);
  await phone.keyboard.press("Enter");
  await phone.locator('#yg-grid li.found[data-n="25"]').waitFor();
  await phone.locator("#yg-feedback .yg-correct").waitFor();
  await tabTo(phone, '.yg-keypad button.digit[data-key="7"]');
  await phone.keyboard.press("Space");
  expect(await phone.locator("#yg-expression").inputValue()).toBe("7");
  await tabTo(phone, '.yg-keypad button[data-action="clear"]');
  await phone.keyboard.press("Enter");
  expect(await phone.locator("#yg-expression").inputValue()).toBe("");
  const round = (await teacherApi(s, "GET", `/api/games/${game.gameId}/plan`)).body.rounds[0].sessionId;
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${round}/end`);

  // ── The teacher starts Score Steal and opens its question, by keyboard ─────────────────────
  const next = `#event-plan form[action="/teacher/games/${game.gameId}/next-round"] button`;
  await teacher.locator(next).getByText(/Score Steal/).waitFor();
  await teacher.locator("body").focus();
  await tabTo(teacher, next);
  await teacher.keyboard.press("Enter");
  const open = "#ss-t-controls form[action$='/open'] button";
  await teacher.locator(open).waitFor();
  await tabTo(teacher, open);
  const owls = game.teams.find((t) => t.name === "Owls")!.id;
  const foxes = game.teams.find((t) => t.name === "Foxes")!.id;
  await keepsFocusThroughUpdate(teacher, s, game.gameId, owls, () => teacher.locator(`#team-score-${owls}`).getByText("10", { exact: true }).waitFor());
  await teacher.keyboard.press("Enter");

  // ── Score Steal: Tab to the answer, type, Enter; the team won: Tab to a target, Space ─────
  await phone.locator(".answer-input").waitFor();
  await tabTo(phone, ".answer-input");
  await phone.keyboard.type("4");
  await phone.keyboard.press("Enter");
  await phone.locator(".target-picker button.target").waitFor();
  await tabTo(phone, ".target-picker button.target");
  expect(await focused(phone)).toContain("Owls");
  await keepsFocusThroughUpdate(phone, s, game.gameId, owls, () => phone.locator(".target-picker button.target").getByText("· 20").waitFor());
  await phone.keyboard.press("Space");
  await phone.locator(".steal-line").waitFor();
  const state = (await teacherApi(s, "GET", `/api/game-state?gameId=${game.gameId}`)).body;
  expect(state.teams.find((t: any) => t.name === "Foxes").score).toBe(125);
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${state.round.sessionId}/end`);

  // ── The Relay Quiz: the teacher's button; the phone Tabs to its question, types, Enter ─────
  await teacher.locator(next).getByText(/Relay Quiz/).waitFor();
  await teacher.locator("body").focus();
  await tabTo(teacher, next);
  await teacher.keyboard.press("Enter");
  await phone.locator(".rq-card .answer-input").waitFor();
  await tabTo(phone, ".rq-card .answer-input");
  await phone.keyboard.type("2");
  await phone.keyboard.press("Enter");
  // Kim is Foxes' only member: the second question comes to this phone; Tab to the hint, Enter.
  await phone.locator(`.rq-card .rq-slot:text-is("${relaySet!.set} · 2 / 2")`).waitFor();
  await tabTo(phone, ".rq-card .rq-hint-button");
  await keepsFocusThroughUpdate(phone, s, game.gameId, foxes, () => phone.locator(".rq-status .team-score").getByText("235", { exact: true }).waitFor());
  await phone.keyboard.press("Enter");
  await phone.locator(".rq-hint-shown").filter({ hasText: "2" }).waitFor();
  await tabTo(phone, ".rq-card .answer-input");
  await phone.keyboard.type("3");
  await phone.keyboard.press("Enter");
  await phone.locator(".rq-done").waitFor();
  const after = (await teacherApi(s, "GET", `/api/game-state?gameId=${game.gameId}`)).body;
  expect(after.teams.find((t: any) => t.name === "Foxes").score).toBe(335);
  for (const w of seen) {
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
  }
}, 60_000);
