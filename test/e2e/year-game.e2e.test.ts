// Real browsers, real server: a Year Game round from the teacher's start form to the results page.
// Three phones type expressions on the keypad, answers reach teammates, the team board, the
// projector and the teacher live over SSE, and the round ends on time without any teacher action.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { createGame, TEACHER_PASSWORD } from "../support/server.ts";
import { useE2e } from "./session.ts";
import { startYear } from "../support/year.ts";
import { isSameDocument, markDocument, pageLog, screenshot, teacherCreatesGame, waitForSseOpen, watchPage, WAIT_MS, type PageWatch } from "./browser.ts";

const TITLE = "E2E Year Game";
const TEAMS = ["Owls", "Foxes"];
const DIGITS = [1, 3, 5, 7, 9];
/** The shortest round the teacher's form allows (0.5 min steps). */
const MINUTES = 0.5;
// A and B play for team 1 (Owls), C for team 2 (Foxes).
const PLAYERS = [
  { nickname: "Ana", team: 0 },
  { nickname: "Ben 벤", team: 0 },
  { nickname: "Cleo", team: 1 },
] as const;

const e2e = useE2e();

/** A page, what it reported (dialogs, JS errors) and every HTTP answer ≥ 400 it received. */
type Watched = { page: Page; seen: PageWatch; failed: string[] };

async function open(kind: "desktop" | "phone"): Promise<Watched> {
  const page = await e2e.newPage(kind);
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { page, seen: watchPage(page), failed };
}

/** Chromium's console line for a fetch answered with an HTTP error status (not a JS error). */
const failedLoad = (status: number, text: string) => `console: Failed to load resource: the server responded with a status of ${status} (${text})`;

/** Waits for `selector` to match; on timeout the message carries the page's URL and htmx log. */
async function waitFor(page: Page, selector: string, timeout = WAIT_MS): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ state: "attached", timeout });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await pageLog(page)}`);
  }
}

/** The text of `selector`, whitespace collapsed. */
async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/** Keypad key for one character of an expression: digits are `button.digit`, the rest `button.op`. */
function keySelector(ch: string): string {
  return /^\d$/.test(ch) ? `.yg-keypad button.digit[data-key="${ch}"]` : `.yg-keypad button.op[data-key="${ch}"]`;
}

/** Taps the keypad, key by key (as a thumb would), and checks the expression box after each tap. */
async function tapExpression(page: Page, expression: string): Promise<void> {
  const input = page.locator("#yg-expression");
  const before = await input.inputValue();
  let typed = before;
  for (const ch of expression) {
    await page.locator(keySelector(ch)).tap();
    typed += ch;
    expect(await input.inputValue()).toBe(typed);
  }
}

/** Waits until the live preview under the expression shows "= value". */
async function previewShows(page: Page, value: string): Promise<void> {
  await page.locator("#yg-preview b").getByText(value, { exact: true }).waitFor().catch(async (e: Error) => {
    throw new Error(`${e.message}\npreview: "${await textOf(page, "#yg-preview")}" for "${await page.locator("#yg-expression").inputValue()}"`);
  });
  expect(await textOf(page, "#yg-preview")).toMatch(new RegExp(`= ${value}$`));
}

/** Every digit button used by `expression` is disabled, every other one enabled. */
async function expectUsedDigits(page: Page, expression: string): Promise<void> {
  const used = new Set(expression.replace(/\D/g, "").split(""));
  for (const d of DIGITS.map(String)) {
    const button = page.locator(keySelector(d));
    expect({ digit: d, disabled: await button.isDisabled() }).toEqual({ digit: d, disabled: used.has(d) });
  }
}

/** Taps Submit and waits until the feedback under the keypad matches `selector` and `text`. */
async function submit(page: Page, selector: string, text: RegExp): Promise<string> {
  const previous = await textOf(page, "#yg-feedback");
  await page.locator(".yg-keypad .yg-submit").tap();
  await page.waitForFunction(
    ([sel, prev]) => {
      const el = document.querySelector(`#yg-feedback ${sel}`);
      return !!el && (el.textContent ?? "").replace(/\s+/g, " ").trim() !== prev;
    },
    [selector, previous] as const,
    { timeout: WAIT_MS },
  );
  const feedback = await textOf(page, `#yg-feedback ${selector}`);
  expect(feedback).toMatch(text);
  return feedback;
}

/** Clears the expression box with the keypad's Clear key. */
async function clearExpression(page: Page): Promise<void> {
  await page.locator('.yg-keypad button[data-action="clear"]').tap();
  await page.waitForFunction(() => (document.getElementById("yg-expression") as HTMLInputElement | null)?.value === "", null, { timeout: WAIT_MS });
}

/** The numbers shown as found in the grid under `scope` (ascending). */
async function foundNumbers(page: Page, scope: string): Promise<number[]> {
  const ns = await page.locator(`${scope} li.found`).evaluateAll((els) => els.map((el) => Number(el.getAttribute("data-n"))));
  return ns.sort((a, b) => a - b);
}

test("year game: the teacher starts a round from the form, phones answer on the keypad, everyone follows live, the round ends on time, results per member", async () => {
  const t0 = Date.now();
  const url = e2e.server.url;

  // ── Teacher: log in, create a 2-team game where students choose their team ───────────────
  const teacher = await open("desktop");
  const tp = teacher.page;
  const gameId = await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: TITLE, teams: 2, maxPlayers: 30, teamNames: TEAMS, joinMode: "choose" });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();
  expect(code).toMatch(/^\d{2,6}$/);

  // ── Projector and team 1's board (opened on its own screen with the board link the lobby gives out) ──
  const projector = await open("desktop");
  const pp = projector.page;
  const board = await open("desktop");
  const bp = board.page;
  const boardLink = await tp.locator(`a[href^="/g/${code}/team/1?key="]`).first().getAttribute("href");
  expect(boardLink).toMatch(/\?key=[0-9a-f]{32}$/);
  await Promise.all([pp.goto(`${url}/g/${code}/screen`), bp.goto(`${url}${boardLink}`)]);
  await bp.locator(".board-title").getByText(TEAMS[0]!, { exact: true }).waitFor();

  // ── Three phones join through the forms and pick their team with the radio buttons ───────
  const phones = await Promise.all(PLAYERS.map(() => open("phone")));
  await Promise.all(
    phones.map(async ({ page }, i) => {
      const { nickname, team } = PLAYERS[i]!;
      // Straight to the join page for this code; lobby.e2e covers typing the code on the home page.
      await page.goto(`${url}/join?code=${code}`);
      await page.getByLabel("Nickname").fill(nickname);
      await page.getByRole("radio", { name: new RegExp(`^${TEAMS[team]}\\b`) }).check();
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL((u) => u.pathname === `/g/${code}/play`);
      await page.locator(".seat-head").getByText(nickname, { exact: true }).waitFor();
      await page.locator('#phase[data-phase="lobby-waiting"]').waitFor();
    }),
  );
  const [A, B, C] = phones.map((w) => w.page) as [Page, Page, Page];
  // The teacher's lobby lists each student under the team they chose.
  for (const { nickname, team } of PLAYERS) {
    await tp.locator("#lobby-teams .team-card").filter({ has: tp.locator("header b", { hasText: TEAMS[team]! }) }).getByText(nickname, { exact: true }).waitFor();
  }

  // Every live page is connected; from here on nothing may reload.
  const live = [tp, pp, bp, A, B, C];
  await Promise.all(live.map((p) => waitForSseOpen(p)));
  await Promise.all(live.map((p) => markDocument(p)));

  // ── Teacher starts the game, then a Year Game from the lobby's start form ───────────────
  await tp.locator(`#lobby-status form[action="/teacher/games/${gameId}/start"] button`).click();
  await Promise.all(phones.map(({ page }) => waitFor(page, '#phase[data-phase="lobby-started"]')));
  // The plan's button would start its next round; this test sets the digits on the Year Game's own
  // start form, folded under "Start a round outside the plan", each type's form in its own <details>.
  await tp.locator("details.other-rounds").evaluate((d) => { (d as HTMLDetailsElement).open = true; });
  await tp.locator("details.round-start", { has: tp.locator("summary", { hasText: "Year Game" }) }).evaluate((d) => { (d as HTMLDetailsElement).open = true; });
  const startForm = tp.locator("#yg-start-form");
  await startForm.waitFor();
  const digitInputs = startForm.locator('input[name="digits"]');
  expect(await digitInputs.count()).toBe(DIGITS.length);
  for (const [i, d] of DIGITS.entries()) await digitInputs.nth(i).fill(String(d));
  await startForm.locator('input[name="minutes"]').fill(String(MINUTES));
  await startForm.getByRole("button", { name: "Start the Year Game" }).click();
  const roundStartedAt = Date.now();
  const setupMs = roundStartedAt - t0;

  // Every screen switches to the round without a reload.
  await Promise.all(phones.map(({ page }) => waitFor(page, '#phase[data-phase$="-open"] .yg-keypad')));
  await waitFor(tp, '#phase[data-phase$="-running"] #yg-t-grids');
  await waitFor(pp, '#phase[data-phase$="-running"] #yg-s-ranking');
  await waitFor(bp, '#phase[data-phase$="-board"] #yg-b-grid');
  for (const p of live) expect(await isSameDocument(p)).toBe(true);
  const roundId = Number(/^yg-(\d+)-/.exec((await tp.locator("#phase").getAttribute("data-phase")) ?? "")?.[1]);
  expect(roundId).toBeGreaterThan(0);
  for (const { page } of phones) {
    expect(await page.locator(".yg-keypad").getAttribute("data-digits")).toBe(DIGITS.join(","));
    expect(await page.locator(".yg-keypad button.digit").evaluateAll((els) => els.map((e) => e.getAttribute("data-key")))).toEqual(DIGITS.map(String));
    expect(await textOf(page, "#yg-status .countdown")).toMatch(/^0:[0-3]\d$/);
  }
  expect(await textOf(pp, ".yg-screen-digits")).toBe(DIGITS.join(" "));

  // ── Team 1: A finds 25, B's 25 is a duplicate, B finds 15; team 2: C finds 25 and errs ──
  const team1 = (async () => {
    // A taps 1+3+5+7+9; half way the preview already shows the running value.
    await tapExpression(A, "1+3+5");
    await previewShows(A, "9");
    await expectUsedDigits(A, "1+3+5");
    await screenshot(A, "yg-1-phone-keypad-mid-expression");
    await tapExpression(A, "+7+9");
    await previewShows(A, "25");
    await expectUsedDigits(A, "13579");
    await submit(A, ".yg-correct", /^Correct! 25 = .* · \+25$/);
    // A correct answer clears the box (and frees the digits) and fills A's own grid at once.
    await A.waitForFunction(() => (document.getElementById("yg-expression") as HTMLInputElement).value === "", null, { timeout: WAIT_MS });
    await expectUsedDigits(A, "");
    await waitFor(A, '#yg-grid li.found[data-n="25"]');
    await screenshot(A, "yg-2-phone-after-correct");

    // B's grid gets A's 25 live; B's own 25 is then refused as already found by A.
    await waitFor(B, '#yg-grid li.found[data-n="25"]');
    await tapExpression(B, "9+7+5+3+1");
    await previewShows(B, "25");
    await submit(B, ".notice-info", new RegExp(`^25: Already found \\(by ${PLAYERS[0].nickname}\\)$`));
    await clearExpression(B);
    await expectUsedDigits(B, "");
    await tapExpression(B, "(9−7)×(5+3)−1");
    await previewShows(B, "15");
    await expectUsedDigits(B, "97531");
    await submit(B, ".yg-correct", /^Correct! 15 = .* · \+15$/);
    // … and A's grid gets B's 15 live.
    await waitFor(A, '#yg-grid li.found[data-n="15"]');
  })();
  const team2 = (async () => {
    await tapExpression(C, "5+9+1+7+3");
    await previewShows(C, "25");
    await submit(C, ".yg-correct", /^Correct! 25 = .* · \+25$/);
    await waitFor(C, '#yg-grid li.found[data-n="25"]');
    // Not every digit: the preview shows the partial value, the server explains the mistake.
    await tapExpression(C, "1+3");
    await previewShows(C, "4");
    await expectUsedDigits(C, "13");
    const error = await submit(C, ".notice-error", /Use each of the digits 1, 3, 5, 7, 9 exactly once\. Missing: 5, 7, 9\./);
    expect(error.length).toBeGreaterThan(0);
    // A wrong answer keeps the expression for fixing.
    expect(await C.locator("#yg-expression").inputValue()).toBe("1+3");
  })();
  await Promise.all([team1, team2]);

  // ── Live everywhere: grids, team board, projector ranking, teacher's team grids ─────────
  await A.waitForFunction(() => document.querySelector("#yg-status .team-score")?.textContent === "40", null, { timeout: WAIT_MS });
  for (const p of [A, B]) expect(await foundNumbers(p, "#yg-grid")).toEqual([15, 25]);
  expect(await foundNumbers(C, "#yg-grid")).toEqual([25]);
  // The team board (team 1) shows both numbers and the team's points.
  await waitFor(bp, '#yg-b-grid li.found[data-n="15"]');
  expect(await foundNumbers(bp, "#yg-b-grid")).toEqual([15, 25]);
  await bp.waitForFunction(() => document.querySelector("#yg-b-status .team-score")?.textContent === "40", null, { timeout: WAIT_MS });
  // The projector ranks the teams with their found counts and points.
  const rankRow = (page: Page, scope: string, team: string) => page.locator(`${scope} li`).filter({ has: page.locator(".name", { hasText: team }) });
  await pp.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll("#yg-s-ranking li")).map((li) => [li.querySelector(".name")?.textContent, li.querySelector(".found-count")?.textContent, li.querySelector(".score")?.textContent].join("|"));
    return rows.join(";") === "Owls|2|40;Foxes|1|25";
  }, null, { timeout: WAIT_MS }).catch(async (e: Error) => {
    throw new Error(`${e.message}\nranking: ${await textOf(pp, "#yg-s-ranking")}`);
  });
  expect(((await rankRow(pp, "#yg-s-ranking", "Owls").locator(".rank").textContent()) ?? "").trim()).toBe("1");
  expect(((await rankRow(pp, "#yg-s-ranking", "Foxes").locator(".rank").textContent()) ?? "").trim()).toBe("2");
  // The teacher's panel: one grid per team, the ranking and the recent attempts.
  const teacherGrid = (team: string) => `#yg-t-grids .team-card:has(header b:text-is("${team}"))`;
  await waitFor(tp, `${teacherGrid("Owls")} li.found[data-n="15"]`);
  expect(await foundNumbers(tp, teacherGrid("Owls"))).toEqual([15, 25]);
  expect(await foundNumbers(tp, teacherGrid("Foxes"))).toEqual([25]);
  await waitFor(tp, "#yg-t-recent li.attempt-invalid");
  await tp.locator("#yg-t-recent li").nth(4).waitFor();
  for (const p of live) expect(await isSameDocument(p)).toBe(true);
  await screenshot(tp, "yg-3-teacher-running");
  await screenshot(pp, "yg-4-projector-running");
  await screenshot(bp, "yg-5-team-board");
  const inRoundMs = Date.now() - roundStartedAt;

  // ── The round ends on time by itself ──────────────────────────────────────────────────
  // The wait is as long as the countdown still has to run (read from the page), plus WAIT_MS.
  const leftMs = Number(await A.locator("#yg-status .countdown").getAttribute("data-remaining-ms"));
  expect(leftMs).toBeGreaterThan(0);
  expect(leftMs).toBeLessThanOrEqual(MINUTES * 60_000);
  const untilEnd = Math.max(0, roundStartedAt + MINUTES * 60_000 - Date.now()) + WAIT_MS;
  await Promise.all(phones.map(({ page }) => waitFor(page, '#phase[data-phase$="-over"]', untilEnd)));
  const endedAfterMs = Date.now() - roundStartedAt;
  await waitFor(pp, '#phase[data-phase$="-finished"]', WAIT_MS);
  for (const { page } of phones) {
    expect(await page.locator(".yg-keypad").count()).toBe(0);
    expect(await page.locator("#yg-expression").count()).toBe(0);
    expect(await textOf(page, "#phase .countdown")).toBe("0:00");
    await page.locator("#phase").getByText("Round over!", { exact: true }).first().waitFor();
  }
  // The phones still show their team's numbers after the round.
  expect(await foundNumbers(B, "#phase .yg-grid")).toEqual([15, 25]);
  expect(await foundNumbers(C, "#phase .yg-grid")).toEqual([25]);
  // The server closed the round at its end time, not earlier.
  expect(endedAfterMs).toBeGreaterThanOrEqual(MINUTES * 60_000 - 2_000);
  for (const p of live) expect(await isSameDocument(p)).toBe(true);
  await screenshot(B, "yg-6-phone-round-over");
  await screenshot(pp, "yg-7-projector-finished");

  // ── Results: linked from the teacher's lobby after the round ─────────────────────────────
  const resultsLink = tp.locator(`#phase a[href="/teacher/games/${gameId}/rounds/${roundId}"]`);
  await resultsLink.waitFor();
  expect(await isSameDocument(tp)).toBe(true);
  await screenshot(tp, "yg-8-teacher-after-round");
  await resultsLink.click();
  await tp.waitForURL((u) => u.pathname === `/teacher/games/${gameId}/rounds/${roundId}`);
  const contributions = await tp.locator("tr.member-contribution").evaluateAll((rows) =>
    rows.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => (c.textContent ?? "").trim())),
  );
  expect(contributions).toContainEqual([PLAYERS[0].nickname, "1", "25"]);
  expect(contributions).toContainEqual([PLAYERS[1].nickname, "1", "15"]);
  expect(contributions).toContainEqual([PLAYERS[2].nickname, "1", "25"]);
  expect(contributions).toHaveLength(3);
  // Each team card lists its numbers.
  expect(await textOf(tp, '.yg-results .team-card:has(header b:text-is("Owls")) .yg-numbers')).toMatch(/^(25, 15|15, 25)$/);
  expect(await textOf(tp, '.yg-results .team-card:has(header b:text-is("Foxes")) .yg-numbers')).toBe("25");
  // The numbers no team found, each with an example expression; 15 and 25 are not among them.
  const unfound = await tp.locator(".yg-unfound .examples li").evaluateAll((lis) =>
    lis.map((li) => ({ n: Number(li.querySelector("b")?.textContent), expr: (li.querySelector("code")?.textContent ?? "").trim() })),
  );
  expect(unfound.length).toBeGreaterThan(10);
  expect(unfound.map((u) => u.n)).not.toContain(15);
  expect(unfound.map((u) => u.n)).not.toContain(25);
  for (const u of unfound) expect(u.expr).toMatch(/[13579]/);
  expect(unfound.find((u) => u.n === 1)?.expr ?? "").not.toBe("");
  await screenshot(tp, "yg-9-results");

  // ── Nothing alarming happened in any page ───────────────────────────────────────────────
  // The duplicate (409) and the invalid answer (422) are the only HTTP errors: the submit route
  // answers refused answers with 4xx on purpose (htmx 4 swaps them in), which Chromium logs.
  const submitPath = `/g/${code}/year/${roundId}/submit`;
  const expected = new Map<Watched, { failed: string[]; errors: string[] }>([
    [phones[1]!, { failed: [`409 POST ${submitPath}`], errors: [failedLoad(409, "Conflict")] }],
    [phones[2]!, { failed: [`422 POST ${submitPath}`], errors: [failedLoad(422, "Unprocessable Entity")] }],
  ]);
  for (const w of [teacher, projector, board, ...phones]) {
    const want = expected.get(w) ?? { failed: [], errors: [] };
    expect(w.seen.dialogs).toEqual([]);
    expect(w.failed).toEqual(want.failed);
    expect(w.seen.errors).toEqual(want.errors);
  }
  console.log(`year-game e2e: setup ${setupMs} ms, in-round actions ${inRoundMs} ms, round closed after ${endedAfterMs} ms, total ${Date.now() - t0} ms`);
}, 80_000);

// Regression: htmx's default request queue ("queue first") keeps one waiting preview and drops
// every later one, so on a slow network the preview could stay on an older expression.
test("the preview follows the last key even when preview answers are slow", async () => {
  const game = await createGame(e2e.server, { title: "Slow preview", teamCount: 2 });
  const phone = await open("phone");
  const page = phone.page;
  await page.goto(`${e2e.server.url}/join?code=${game.gameCode}`);
  await page.getByLabel("Nickname").fill("Dana");
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL((u) => u.pathname === `/g/${game.gameCode}/play`);
  await waitForSseOpen(page);
  const started = await fetch(`${e2e.server.url}/api/games/${game.gameId}/start`, { method: "POST", headers: e2e.server.teacher });
  expect(started.status).toBe(200);
  await startYear(e2e.server, game.gameId, { digits: DIGITS, durationSeconds: 120 });
  await waitFor(page, '#phase[data-phase$="-open"] .yg-keypad');

  // Every preview answer takes 400 ms; each key is tapped once the previous key's preview
  // request has been triggered, so the later ones arrive while one is still in flight.
  await page.context().route(/\/year\/\d+\/preview$/, async (route) => {
    await new Promise((r) => setTimeout(r, 400)); // a slow network for this one endpoint
    await route.continue();
  });
  await page.evaluate(() => {
    const w = window as unknown as { __previewTriggers: number };
    w.__previewTriggers = 0;
    document.addEventListener("htmx:config:request", (e) => {
      if ((e.target as Element).id === "yg-expression") w.__previewTriggers++;
    });
  });
  const triggers = () => page.evaluate(() => (window as unknown as { __previewTriggers: number }).__previewTriggers);
  for (const ch of "9×7−5") {
    const before = await triggers();
    await page.locator(keySelector(ch)).tap();
    await page.waitForFunction((n) => (window as unknown as { __previewTriggers: number }).__previewTriggers > n, before, { timeout: WAIT_MS });
  }
  expect(await page.locator("#yg-expression").inputValue()).toBe("9×7−5");
  await previewShows(page, "58");
  expect(phone.seen.errors).toEqual([]);
  expect(phone.seen.dialogs).toEqual([]);
}, 30_000);
