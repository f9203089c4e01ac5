// A short full event in real browsers: the teacher creates a game and sets the plan on the plan
// page (a 10-second Year Game, a one-question Score Steal, two Relay Quizzes of two sets of two
// questions each), two teams of two play all four rounds on their phones through the teacher's one
// button, phones and the projector follow between rounds, the game ends with its plan, and the
// projector's podium is revealed third place first, on the teacher's clicks.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { TEACHER_PASSWORD } from "../support/server.ts";
import { addStealQuestions } from "../support/steal.ts";
import { answersFor } from "../support/year.ts";
import { expectBooksBalance, teacherApi } from "../support/event.ts";
import { makeRelaySets } from "../support/relay.ts";
import { relayCard, sendRelayAnswer } from "./relay-phone.ts";
import { useE2e } from "./session.ts";
import { phoneJoins } from "./axe.ts";
import { isSameDocument, markDocument, pageLog, screenshot, teacherCreatesGame, waitForSseOpen, watchPage, WAIT_MS } from "./browser.ts";

const e2e = useE2e();
const DIGITS = [1, 3, 5, 7, 9];
// The shortest Year Game the settings allow: it must end on its clock.
const YEAR_SECONDS = 10;

async function seen(page: Page, selector: string, timeout = WAIT_MS): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ timeout });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await pageLog(page)}`);
  }
}

/** Types an expression into a phone's Year Game box and sends it; waits for "Correct!". */
async function findNumber(page: Page, n: number): Promise<void> {
  await page.locator("#yg-expression").fill(answersFor(DIGITS).get(n)!);
  await page.locator(".yg-keypad .yg-submit").click();
  await seen(page, `#yg-grid li.found[data-n="${n}"]`);
}

/** Each phone answers its relay questions, cycle by cycle (all four phones at once), every answer right. */
async function playRelay(phones: Page[], truth: Map<string, string>): Promise<void> {
  await Promise.all(phones.map(async (page) => {
    for (const cycle of [1, 2]) {
      const card = await relayCard(page, cycle);
      await sendRelayAnswer(page, card, truth.get(`${card.set}·${card.cycle}`)!);
    }
  }));
}

test("a short full event: plan page, Year Game, Score Steal, two Relay Quizzes, between rounds on every screen, the end, the podium", async () => {
  const s = e2e.server;
  const url = s.url;
  addStealQuestions(s, [{ text: "6 × 7 = ?", answer: "42", points: 100 }]);
  // The default plan's relays play sets P1… and P2…: here two sets of two questions each (P: 2 → 3, Q: 3 → 4).
  const relayBank = [...makeRelaySets(s.deps.db, "1", "PQ", 2, false), ...makeRelaySets(s.deps.db, "2", "PQ", 2, false)];
  const truth = new Map(relayBank.flatMap((b) => b.answers.map((a, i) => [`${b.set}·${i + 1}`, a] as const)));

  // ── The teacher creates the game and sets the plan ────────────────────────────────────────
  const tp = await e2e.newPage("desktop");
  const teacherWatch = watchPage(tp);
  teacherWatch.acceptDialogs = true;
  const gameId = await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: "Event", teams: 2, maxPlayers: 8, teamNames: ["Owls", "Foxes"], joinMode: "choose" });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();
  await tp.locator("#event-plan").getByText("Year Game").waitFor();
  await tp.locator('#event-plan a[href$="/plan"]').click();
  await tp.waitForURL((u) => u.pathname === `/teacher/games/${gameId}/plan`);
  const entry = (pos: number) => tp.locator(`.plan-edit[data-index="${pos - 1}"]`);
  await entry(1).locator("summary").click();
  await entry(1).locator('input[name="digits"]').fill(DIGITS.join(", "));
  await entry(1).locator('input[name="durationSeconds"]').fill(String(YEAR_SECONDS));
  await entry(1).getByRole("button", { name: "Save settings" }).click();
  await tp.waitForURL((u) => u.pathname === `/teacher/games/${gameId}/plan`);
  await entry(2).locator("summary").click();
  await entry(2).locator('input[name="secondsPerQuestion"]').fill("30");
  await entry(2).getByRole("button", { name: "Save settings" }).click();
  await tp.waitForURL((u) => u.pathname === `/teacher/games/${gameId}/plan`);
  for (const pos of [3, 4]) {
    await entry(pos).locator("summary").click();
    await entry(pos).locator('input[name="sets"]').fill(`P${pos - 2}, Q${pos - 2}`);
    await entry(pos).getByRole("button", { name: "Save settings" }).click();
    await tp.waitForURL((u) => u.pathname === `/teacher/games/${gameId}/plan`);
  }
  expect(await tp.locator(".plan-entry").evaluateAll((lis) => lis.map((li) => li.getAttribute("data-state")))).toEqual(["next", "pending", "pending", "pending"]);
  expect((await teacherApi(s, "GET", `/api/games/${gameId}/plan`)).body.rounds.slice(2).map((r: any) => r.settings.sets)).toEqual([["P1", "Q1"], ["P2", "Q2"]]);
  await tp.goto(`${url}/teacher/games/${gameId}`);

  // ── The projector, and two teams of two phones ───────────────────────────────────────────
  const pp = await e2e.newPage("desktop");
  await pp.goto(`${url}/g/${code}/screen`);
  const players = [["Ana", "Owls"], ["Ben", "Owls"], ["Cam", "Foxes"], ["Dia", "Foxes"]] as const;
  const phones = await Promise.all(players.map(async ([name, team]) => {
    const page = await e2e.newPage("phone");
    await phoneJoins(page, url, code, name, new RegExp(`^${team}\\b`));
    return page;
  }));
  const [ana, ben, cam, dia] = phones as [Page, Page, Page, Page];
  const live = [tp, pp, ...phones];
  await Promise.all(live.map((p) => waitForSseOpen(p)));
  await Promise.all(live.map((p) => markDocument(p)));

  // ── The one button: start the game, then the next round (the Year Game) ──────────────────
  await tp.locator("#event-plan button.primary", { hasText: "Start the game" }).click();
  await seen(ana, "#phase .between");
  expect(await ana.locator("#phase .next-up").textContent()).toContain("Year Game");
  await seen(pp, '#phase .round-intro[data-type="year_game"]');
  await screenshot(pp, "event-1-projector-intro");
  await tp.locator("#event-plan button.primary", { hasText: "Start the next round: Year Game" }).click();
  await Promise.all(phones.map((p) => seen(p, "#phase .yg-keypad")));
  const started = Date.now();
  await Promise.all([findNumber(ana, 25), findNumber(ben, 15), findNumber(cam, 9)]);
  await seen(tp, '#event-plan [data-state="running"][data-type="year_game"]');

  // The round ends on time; between rounds every screen says what comes next.
  const untilEnd = Math.max(0, started + YEAR_SECONDS * 1000 - Date.now()) + WAIT_MS;
  await Promise.all(phones.map((p) => seen(p, '#phase[data-phase$="-over"] .between[data-next="score_steal"]', untilEnd)));
  expect((await ana.locator(".team-place .place-rank").textContent())?.trim()).toBe("1st");
  expect((await dia.locator(".team-place .place-rank").textContent())?.trim()).toBe("2nd");
  await seen(pp, '#phase .round-intro[data-type="score_steal"]');
  expect(await pp.locator(".intro-rule").count()).toBe(2);
  await seen(tp, `#event-plan button.primary:text("Start the next round: Score Steal")`);
  await screenshot(ana, "event-2-phone-between");
  await screenshot(pp, "event-3-projector-between");

  // ── Score Steal: Foxes win the question and steal from Owls ───────────────────────────────
  await tp.locator("#event-plan button.primary", { hasText: "Start the next round: Score Steal" }).click();
  await tp.locator("#ss-t-controls button.primary", { hasText: "Open the next question" }).click();
  await seen(dia, ".answer-pad");
  await dia.locator(".answer-input").fill("42");
  await dia.locator('.answer-pad button[type="submit"]').click();
  await seen(cam, ".target-picker button.target");
  await cam.locator(".target-picker button.target", { hasText: "Owls" }).click();
  await seen(ana, ".steal-line");
  await tp.locator("#ss-t-controls button", { hasText: "End the round" }).click(); // confirmed in the dialog

  // ── Two Relay Quizzes: each phone answers its question of each cycle; when both teams are
  //    through, the round ends by itself ───────────────────────────────────────────────────
  for (const [n, sets] of [[3, ["P1", "Q1"]], [4, ["P2", "Q2"]]] as const) {
    await Promise.all(phones.map((p) => seen(p, '#phase .between[data-next="relay_quiz"]')));
    await seen(pp, '#phase .round-intro[data-type="relay_quiz"]');
    await tp.locator("#event-plan button.primary", { hasText: "Start the next round: Relay Quiz" }).click();
    const first = await relayCard(ana, 1);
    expect(sets as readonly string[]).toContain(first.set);
    await seen(pp, "#rq-s-tracks .rq-track-row");
    if (n === 3) await screenshot(pp, "event-4-projector-relay");
    await playRelay(phones, truth);
    if (n === 3) await seen(pp, "#phase .rq-finish");
  }

  // ── The plan is played out: the game ends; phones show their final place ─────────────────
  await Promise.all(phones.map((p) => seen(p, "#phase .final-card")));
  expect((await cam.locator(".final-card .place-rank").textContent())?.trim()).toBe("1st");
  expect((await ben.locator(".final-card .place-rank").textContent())?.trim()).toBe("2nd");
  // Each phone shows its own contribution only (Ana found 25 and answered 4 relay questions; Ben's row is hidden on her phone).
  expect(await ana.locator(".final-card .contribution:visible").count()).toBe(1);
  expect(await ana.locator(".final-card .contribution:visible dd").first().textContent()).toBe("1");
  await screenshot(cam, "event-5-phone-final");

  // ── The podium: nothing shown until the teacher clicks; 2nd place first, then 1st ──────────
  await seen(pp, '#phase .podium[data-revealed="0"]');
  expect(await pp.locator(".pedestal.revealed").count()).toBe(0);
  await tp.locator(".podium-controls button.primary").click();
  await seen(pp, '.podium[data-revealed="1"]');
  expect(await pp.locator(".pedestal.revealed .name").allTextContents()).toEqual(["Owls"]);
  await tp.locator(".podium-controls button.primary").click();
  await seen(pp, '.podium[data-revealed="2"]');
  expect(await pp.locator(".pedestal.place-1.revealed .name").textContent()).toBe("Foxes");
  // Foxes: 9 + 100 stolen + 2 × 400 relay points; Owls: 40 − 40 stolen (never below 0) + 800.
  expect(await pp.locator(".pedestal.place-1.revealed .total").textContent()).toBe("909");
  await screenshot(pp, "event-6-projector-podium");
  for (const p of live) expect(await isSameDocument(p)).toBe(true);

  // The books: results, ledgers and scores agree; the results page ranks the teams.
  await expectBooksBalance(s, gameId);
  const results = (await teacherApi(s, "GET", `/api/games/${gameId}/results`)).body;
  expect(results.brackets[0].teams.map((t: any) => [t.name, t.rank, t.total])).toEqual([["Foxes", 1, 909], ["Owls", 2, 800]]);
  expect(results.rounds.map((r: any) => r.type)).toEqual(["year_game", "score_steal", "relay_quiz", "relay_quiz"]);
  expect(results.brackets[0].teams.map((t: any) => t.rounds.map((r: any) => r.points))).toEqual([[9, 100, 400, 400], [40, -40, 400, 400]]);
  expect((await teacherApi(s, "GET", `/api/games/${gameId}/plan`)).body.rounds.map((r: any) => r.state)).toEqual(["done", "done", "done", "done"]);
  await tp.goto(`${url}/teacher/games/${gameId}/results`);
  expect(await tp.locator(".results-table tbody th a").allTextContents()).toEqual(["Foxes", "Owls"]);
  expect(teacherWatch.errors).toEqual([]);
}, 120_000);
