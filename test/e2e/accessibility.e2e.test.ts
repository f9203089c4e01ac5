// Accessibility in real browsers (axe-core, WCAG 2 A/AA: no serious or critical violation) on the
// teacher's, a phone's and the projector's pages of every round type in this build — the Year Game,
// Score Steal and the Relay Quiz while they run and when they end — and of the event around them:
// between rounds, the plan page, results, a ledger, analytics and the podium. Also the Year Game
// keypad on small phones.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { createGame } from "../support/server.ts";
import { addStealQuestions } from "../support/steal.ts";
import { answersFor } from "../support/year.ts";
import { teacherApi } from "../support/event.ts";
import { makeRelaySets } from "../support/relay.ts";
import { relayCard, sendRelayAnswer } from "./relay-phone.ts";
import { useE2e } from "./session.ts";
import { axeProblems, phoneJoins, teacherLogin, type AxeProblem } from "./axe.ts";
import { phoneContext, screenshot, waitForSseOpen, WAIT_MS } from "./browser.ts";

const e2e = useE2e();
const DIGITS = [1, 3, 5, 7, 9];

test("the teacher's, phones' and projector's pages pass axe (WCAG 2 A/AA) in the Year Game, Score Steal, between rounds and at the end", async () => {
  const s = e2e.server;
  addStealQuestions(s, [{ text: "What is $\\frac{1}{2}+\\frac{1}{4}$?", answer: "3/4", points: 100 }]);
  const game = await createGame(s, { title: "Axe", teamCount: 2, maxParticipants: 4, joinMode: "choose", teamNames: ["Owls", "Foxes"], plan: [
    { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } },
    { type: "score_steal", settings: { wrongPenalty: 0 } },
  ] });
  const teacher = await e2e.newPage("desktop");
  const projector = await e2e.newPage("desktop");
  const phone = await e2e.newPage("phone");
  const other = await e2e.newPage("phone");
  // Colours are measured at rest: a score's short highlight (the standings' bump) is left out.
  for (const p of [teacher, projector, phone, other]) await p.emulateMedia({ reducedMotion: "reduce" });
  await teacherLogin(teacher, s.url);
  await phoneJoins(phone, s.url, game.gameCode, "Ana", /^Owls\b/);
  await phoneJoins(other, s.url, game.gameCode, "Ben", /^Foxes\b/);
  await Promise.all([teacher.goto(`${s.url}/teacher/games/${game.gameId}`), projector.goto(`${s.url}/g/${game.gameCode}/screen`)]);
  const problems: AxeProblem[] = [];
  const check = async (page: Page, name: string) => problems.push(...(await axeProblems(page, name)));
  await check(teacher, "teacher lobby");
  await check(projector, "projector lobby");
  await check(phone, "phone lobby");

  await teacherApi(s, "POST", `/api/games/${game.gameId}/start`);
  await phone.locator("#phase .between").waitFor();
  await projector.locator("#phase .round-intro").waitFor();
  await check(phone, "phone before the first round");
  await check(projector, "projector: next round's intro");
  await check(teacher, "teacher: plan and start button");

  // ── The Year Game, running, with numbers found ──────────────────────────────────────────
  const yg = await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
  await phone.locator("#phase .yg-keypad").waitFor();
  await phone.locator("#yg-expression").fill(answersFor(DIGITS).get(25)!);
  await phone.locator(".yg-submit").click();
  await phone.locator('#yg-grid li.found[data-n="25"]').waitFor();
  await teacher.locator('#phase[data-phase$="-running"] #yg-t-grids li.found').first().waitFor();
  await projector.locator('#phase[data-phase$="-running"] #yg-s-ranking').waitFor();
  await check(phone, "phone: Year Game");
  await check(teacher, "teacher: Year Game");
  await check(projector, "projector: Year Game");
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${yg.body.sessionId}/end`);
  await phone.locator('#phase[data-phase$="-over"] .between').waitFor();
  await check(phone, "phone: between rounds");
  await check(projector, "projector: between rounds");
  await check(teacher, "teacher: between rounds");

  // ── Score Steal: a question open, then Ana's team picking whom to steal from ──────────────
  const ss = await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${ss.body.sessionId}/open`, {});
  await phone.locator(".answer-pad").waitFor();
  await teacher.locator("#ss-t-brackets").waitFor();
  await check(phone, "phone: Score Steal question");
  await check(projector, "projector: Score Steal question");
  await check(teacher, "teacher: Score Steal question");
  await phone.locator(".answer-input").fill("3/4");
  await phone.locator('.answer-pad button[type="submit"]').click();
  await phone.locator(".target-picker").waitFor();
  await check(phone, "phone: Score Steal target picker");
  await check(teacher, "teacher: Score Steal winner");
  await phone.locator(".target-picker button.target").first().click();
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${ss.body.sessionId}/reveal`);
  await other.locator("#phase .revealed").waitFor();
  await check(other, "phone: Score Steal answer shown");
  await check(projector, "projector: Score Steal answer shown");
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${ss.body.sessionId}/end`);

  // ── The end: the plan is played out, the game finished by itself ─────────────────────────
  await projector.locator("#phase .podium").waitFor();
  await phone.locator("#phase .final-card").waitFor();
  await check(phone, "phone: final place");
  await check(projector, "projector: podium, nothing revealed");
  await teacher.locator(".podium-controls button.primary").click();
  await teacher.locator(".podium-controls button.primary").click();
  await projector.locator('.podium[data-revealed="2"]').waitFor();
  await check(projector, "projector: podium revealed");
  await check(teacher, "teacher: finished game");
  for (const path of ["results", "analytics", `teams/${game.teams[0]!.id}/ledger`, "plan", `rounds/${yg.body.sessionId}`, `rounds/${ss.body.sessionId}`]) {
    await teacher.goto(`${s.url}/teacher/games/${game.gameId}/${path}`);
    await check(teacher, `teacher: ${path}`);
  }
  await screenshot(projector, "a11y-podium");
  expect(problems).toEqual([]);
}, 90_000);

test("the Relay Quiz passes axe: the teacher's start form and live panel, a phone on turn, off turn and with a hint, the projector's tracks, the finished relay on every screen", async () => {
  const s = e2e.server;
  const bank = makeRelaySets(s.deps.db, "Y", "PQ", 2, false); // P: 2 → 3, Q: 3 → 4
  const truth = new Map(bank.flatMap((b) => b.answers.map((a, i) => [`${b.set}·${i + 1}`, a] as const)));
  const game = await createGame(s, { title: "Axe relay", teamCount: 2, maxParticipants: 6, joinMode: "choose", teamNames: ["Owls", "Foxes"], plan: [
    { type: "relay_quiz", settings: { sets: bank.map((b) => b.set), cycleSeconds: [600] } },
    { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } },
  ] });
  const teacher = await e2e.newPage("desktop");
  const projector = await e2e.newPage("desktop");
  const [ana, ben, cam] = [await e2e.newPage("phone"), await e2e.newPage("phone"), await e2e.newPage("phone")];
  for (const p of [teacher, projector, ana, ben, cam]) await p.emulateMedia({ reducedMotion: "reduce" });
  await teacherLogin(teacher, s.url);
  // One after the other: join order is the member order (Ana is A: P in cycle 1, Q in cycle 2).
  await phoneJoins(ana, s.url, game.gameCode, "Ana", /^Owls\b/);
  await phoneJoins(ben, s.url, game.gameCode, "Ben", /^Owls\b/);
  await phoneJoins(cam, s.url, game.gameCode, "Cam", /^Foxes\b/);
  await Promise.all([teacher.goto(`${s.url}/teacher/games/${game.gameId}`), projector.goto(`${s.url}/g/${game.gameCode}/screen`)]);
  await Promise.all([teacher, projector, ana, ben, cam].map((p) => waitForSseOpen(p)));
  const problems: AxeProblem[] = [];
  const check = async (page: Page, name: string) => problems.push(...(await axeProblems(page, name)));

  // ── The teacher's relay start form (the lobby's folded forms), with the member order ───────
  await teacherApi(s, "POST", `/api/games/${game.gameId}/start`);
  await teacher.locator("#event-plan button.primary").waitFor();
  await teacher.locator("details.other-rounds > summary").click();
  await teacher.locator("details.round-start > summary", { hasText: "Relay Quiz" }).click();
  await teacher.locator("#rq-start-form .rq-preview-team").first().waitFor();
  await check(teacher, "teacher: relay start form and member order");

  // ── Running: every phone has its question; the projector shows the tracks ─────────────────
  const relay = await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
  expect(relay.body.type).toBe("relay_quiz");
  const first = await relayCard(ana, 1);
  await relayCard(ben, 1);
  await projector.locator("#rq-s-tracks .rq-track-row").first().waitFor();
  await teacher.locator('#phase[data-phase^="rq-"][data-phase*="-running"]').waitFor();
  await check(ana, "phone: relay question on turn");
  await check(projector, "projector: relay tracks");
  await check(teacher, "teacher: relay running");

  // Ana answers; until Ben answers too she is off turn (the team moves on together).
  await sendRelayAnswer(ana, first, truth.get(`${first.set}·1`)!);
  await ana.locator(".rq-off").waitFor();
  await ana.locator("#rq-last .rq-last").waitFor();
  await check(ana, "phone: relay off turn, last answer shown");
  const benFirst = await relayCard(ben, 1);
  await sendRelayAnswer(ben, benFirst, truth.get(`${benFirst.set}·1`)!);

  // Cycle 2: Ana buys the hint (confirming its cost) and sees the true previous answer.
  const second = await relayCard(ana, 2);
  ana.once("dialog", (d) => void d.accept());
  await ana.locator(`#rq-q-${second.id} .rq-hint-button`).click();
  await ana.locator(".rq-hint-shown").waitFor();
  await projector.locator(`#rq-s-tracks li.now .rq-step:text-is("2")`).first().waitFor();
  await check(ana, "phone: relay question with a hint shown");
  await check(projector, "projector: relay tracks, a team in cycle 2");
  await check(teacher, "teacher: relay with a hint bought");
  await sendRelayAnswer(ana, second, truth.get(`${second.set}·2`)!);
  const benSecond = await relayCard(ben, 2);
  await sendRelayAnswer(ben, benSecond, truth.get(`${benSecond.set}·2`)!);
  await ana.locator(".rq-done").waitFor();
  await check(ana, "phone: team finished the relay");

  // ── The teacher ends it (Foxes unfinished): the finished relay on every screen ────────────
  await teacherApi(s, "POST", `/api/games/${game.gameId}/rounds/${relay.body.sessionId}/end`);
  await ana.locator('#phase[data-phase$="-over"] .rq-result').waitFor();
  await cam.locator('#phase[data-phase$="-over"]').waitFor();
  await projector.locator("#phase .rq-finish").waitFor();
  await teacher.locator('#phase[data-phase$="-finished"] .rq-results').waitFor();
  await check(ana, "phone: finished relay, the team's chains");
  await check(cam, "phone: finished relay, team unfinished");
  await check(projector, "projector: finished relay and standings");
  await check(teacher, "teacher: finished relay results");
  for (const path of [`rounds/${relay.body.sessionId}`, "analytics", "results"]) {
    await teacher.goto(`${s.url}/teacher/games/${game.gameId}/${path}`);
    await check(teacher, `teacher: ${path} after a relay`);
  }
  await screenshot(projector, "a11y-relay-finished");
  expect(problems).toEqual([]);
}, 90_000);

test("the Year Game keypad: the clear key stays on one line (no taller than a digit key) at 390 px, and nothing overflows its box at 320 px", async () => {
  const s = e2e.server;
  const game = await createGame(s, { title: "Keypad", teamCount: 2, maxParticipants: 4 });
  for (const lang of ["ko-KR", "en-US"] as const) {
    for (const width of [390, 320]) {
      const context = await phoneContext(e2e.browser, { locale: lang, viewport: { width, height: 740 } });
      const page = await context.newPage();
      await phoneJoins(page, s.url, game.gameCode, `k${width}${lang.slice(0, 2)}`);
      await waitForSseOpen(page);
      if (width === 390 && lang === "ko-KR") {
        await teacherApi(s, "POST", `/api/games/${game.gameId}/start`);
        await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
      }
      await page.locator(".yg-keypad").waitFor({ timeout: WAIT_MS });
      const layout = await page.evaluate(() => {
        const clear = document.querySelector<HTMLElement>('.yg-keypad [data-action="clear"]')!;
        const digit = document.querySelector<HTMLElement>(".yg-keypad .key.digit")!;
        const cell = document.querySelector<HTMLElement>('#yg-grid li[data-n="100"]')!;
        return {
          text: clear.textContent,
          clearFits: clear.scrollWidth <= clear.clientWidth,
          clearTaller: clear.getBoundingClientRect().height > digit.getBoundingClientRect().height + 1,
          cellFits: cell.scrollWidth <= cell.clientWidth,
          pageFits: document.documentElement.scrollWidth <= window.innerWidth,
        };
      });
      expect({ lang, width, ...layout }).toEqual({ lang, width, text: lang === "ko-KR" ? "지우기" : "Clear", clearFits: true, clearTaller: false, cellFits: true, pageFits: true });
      await screenshot(page, `keypad-${width}-${lang}`);
      await context.close();
    }
  }
}, 60_000);
