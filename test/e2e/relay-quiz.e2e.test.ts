// Real browsers, real server: a short Relay Quiz (two sets of two questions) from the teacher's
// start form to the results. Two teams of two play it on phones with the number keys; one member
// buys a hint; the projector follows each team's track and the finishing order, live.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { TEACHER_PASSWORD } from "../support/server.ts";
import { makeRelaySets } from "../support/relay.ts";
import { useE2e } from "./session.ts";
import { isSameDocument, markDocument, pageLog, screenshot, teacherCreatesGame, waitForSseOpen, watchPage, WAIT_MS, type PageWatch } from "./browser.ts";

const TEAMS = ["Owls", "Foxes"];
const PLAYERS = [
  { nickname: "Ana", team: 0 },
  { nickname: "Ben 벤", team: 0 },
  { nickname: "Cleo", team: 1 },
  { nickname: "Dan", team: 1 },
] as const;

const e2e = useE2e();

type Watched = { page: Page; seen: PageWatch };

async function open(kind: "desktop" | "phone"): Promise<Watched> {
  const page = await e2e.newPage(kind);
  return { page, seen: watchPage(page) };
}

async function waitFor(page: Page, selector: string, timeout = WAIT_MS): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ state: "attached", timeout });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await pageLog(page)}`);
  }
}

async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? "").replace(/\s+/g, " ").trim();
}

/**
 * Types an answer with the on-screen number keys of the phone's (only) question and sends it.
 * The live update then moves the phone on; the phone keeps showing "your last answer" — or, when
 * this answer ended the whole round, the results.
 */
async function answerWithKeys(page: Page, answer: string, expected: RegExp): Promise<void> {
  const card = page.locator(".rq-card").first();
  for (const ch of answer) await card.locator(`.number-keys button[data-key="${ch}"]`).tap();
  expect(await card.locator(".answer-input").inputValue()).toBe(answer);
  await card.getByRole("button", { name: "Send answer" }).tap();
  await page.waitForFunction(
    ([source]) => {
      const last = document.querySelector("#rq-last .rq-last")?.textContent ?? "";
      return new RegExp(source!).test(last) || !!document.querySelector('#phase[data-phase$="-over"] .rq-result');
    },
    [expected.source] as const,
    { timeout: WAIT_MS },
  ).catch(async (e: Error) => {
    throw new Error(`${e.message}\nlast: "${await page.locator("#rq-last").textContent().catch(() => "")}"\n${await pageLog(page)}`);
  });
}

test("relay quiz: the teacher orders a team and starts from the form, two teams of two answer on phones, a hint, the projector's tracks and finishing order, results", async () => {
  const url = e2e.server.url;
  const bank = makeRelaySets(e2e.server.deps.db, "E", "PQ", 2, false); // P: 2 → 3, Q: 3 → 4

  // ── Teacher, projector, four phones ───────────────────────────────────────────────────────
  const teacher = await open("desktop");
  const tp = teacher.page;
  const gameId = await teacherCreatesGame(tp, url, TEACHER_PASSWORD, { title: "E2E Relay", teams: 2, maxPlayers: 30, teamNames: TEAMS, joinMode: "choose" });
  const code = ((await tp.locator(".game-code").textContent()) ?? "").trim();
  const projector = await open("desktop");
  const pp = projector.page;
  await pp.goto(`${url}/g/${code}/screen`);
  const phones = await Promise.all(PLAYERS.map(() => open("phone")));
  for (const [i, { page }] of phones.entries()) {
    // One after the other: join order is the default member order.
    const { nickname, team } = PLAYERS[i]!;
    await page.goto(`${url}/join?code=${code}`);
    await page.getByLabel("Nickname").fill(nickname);
    await page.getByRole("radio", { name: new RegExp(`^${TEAMS[team]}\\b`) }).check();
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL((u) => u.pathname === `/g/${code}/play`);
  }
  const [ana, ben, cleo, dan] = phones.map((w) => w.page) as [Page, Page, Page, Page];
  const live = [tp, pp, ana, ben, cleo, dan];
  await Promise.all(live.map((p) => waitForSseOpen(p)));
  await Promise.all(live.map((p) => markDocument(p)));

  // ── The start form: sets from the bank, the mapping per team, Ben moved up to A ──────────
  await tp.locator(`#lobby-status form[action="/teacher/games/${gameId}/start"] button`).click();
  // The game has the default plan; a relay outside it (with its members ordered by hand) starts from the folded forms.
  await tp.locator("details.other-rounds > summary").click();
  await tp.locator("details.round-start > summary", { hasText: "Relay Quiz" }).click();
  const form = tp.locator("#rq-start-form");
  await form.waitFor();
  for (const b of bank) expect(await form.locator(`input[name="sets"][value="${b.set}"]`).isChecked()).toBe(true);
  const owls = form.locator(".rq-preview-team").filter({ hasText: "Owls" });
  await owls.locator("tbody tr").first().getByText("Ana", { exact: true }).waitFor();
  await owls.getByRole("button", { name: "Move up: Ben 벤" }).click();
  await owls.locator("tbody tr").first().getByText("Ben 벤", { exact: true }).waitFor();
  // Ben is A now: P1 in cycle 1, Q2 in cycle 2.
  expect(await owls.locator("tbody tr").first().locator("td").allTextContents()).toEqual([`${bank[0]!.set}·1`, `${bank[1]!.set}·2`]);
  await form.locator('input[name="cycleSeconds"]').fill("120, 120");
  await screenshot(tp, "rq-1-teacher-start-form");
  await form.getByRole("button", { name: "Start the Relay Quiz" }).click();

  // Every screen switches to the relay without a reload; each phone shows its own question.
  await Promise.all([ana, ben, cleo, dan].map((p) => waitFor(p, '#phase[data-phase^="rq-"] .rq-card')));
  await waitFor(pp, "#rq-s-tracks .rq-track-row");
  for (const p of live) expect(await isSameDocument(p)).toBe(true);
  // Owls: Ben (A) has P1, Ana (B) has Q1. Foxes: Cleo has P1, Dan has Q1.
  expect(await textOf(ben, ".rq-card .rq-slot")).toBe(`${bank[0]!.set} · 1 / 2`);
  expect(await textOf(ana, ".rq-card .rq-slot")).toBe(`${bank[1]!.set} · 1 / 2`);
  expect(await ana.locator(".rq-card .q-text").textContent()).not.toContain(`${bank[0]!.set}:`);
  expect(await textOf(ben, ".rq-card .q-text")).toContain(`${bank[0]!.set}: what is`);
  await screenshot(ben, "rq-2-phone-on-turn");

  // ── Cycle 1: Ben right, Ana wrong (3 is true); Owls move on at once, Foxes are still in cycle 1 ─
  // Ana, still on her question, is sent Ben's cell alone: it replaces itself in the table she has.
  await ana.evaluate(() => { (document.querySelector("#rq-team table") as unknown as { kept?: boolean }).kept = true; });
  // Ben's turns (his question, off turn, the next question) replace his turn's region, not the panel.
  await ben.evaluate(() => { (document.querySelector("#phase") as unknown as { kept?: boolean }).kept = true; });
  await answerWithKeys(ben, "2", /Correct!/);
  await waitFor(ana, `#rq-team td#rq-c-0-1 code:text-is("2")`);
  expect(await ana.evaluate(() => (document.querySelector("#rq-team table") as unknown as { kept?: boolean }).kept === true)).toBe(true);
  expect(await ana.locator("#rq-team td.rq-cell").count()).toBe(4);
  expect(await ana.locator(`#rq-team tbody tr:first-child td`).nth(0).getAttribute("id")).toBe("rq-c-0-1");
  await answerWithKeys(ana, "4", /Not right/);
  await waitFor(pp, `#rq-s-tracks .rq-track-row:has(h3:text-is("Owls")) li.now .rq-step:text-is("2")`);
  expect(await pp.locator(`#rq-s-tracks .rq-track-row:has(h3:text-is("Foxes")) li.now .rq-step`).textContent()).toBe("1");
  // The teacher's panel: the Owls' card alone is replaced (its own live update), the Foxes' stays.
  await waitFor(tp, `#rq-t-teams .rq-team:has(header b:text-is("Owls")) header .pill:text-is("Cycle 2/2")`);
  expect(await tp.locator(`#rq-t-teams .rq-team:has(header b:text-is("Foxes")) header .pill`).first().textContent()).toBe("Cycle 1/2");
  expect(await isSameDocument(tp)).toBe(true);

  // ── Cycle 2: Ben (Q2) received Ana's wrong 4 — he buys the hint (confirming its cost) ─────
  await waitFor(ben, `.rq-card .rq-slot:text-is("${bank[1]!.set} · 2 / 2")`);
  expect(await ben.evaluate(() => (document.querySelector("#phase") as unknown as { kept?: boolean }).kept === true)).toBe(true);
  expect(await ben.locator(".rq-card").count()).toBe(1);
  expect(await textOf(ben, ".rq-card .rq-earlier")).toContain("4");
  phones[1]!.seen.acceptDialogs = true;
  await ben.locator(".rq-card .rq-hint-button").tap();
  await ben.locator(".rq-hint-shown").filter({ hasText: "True previous answer: 3" }).waitFor();
  expect(phones[1]!.seen.dialogs).toEqual(["confirm: The hint costs your team points. Show it?"]);
  await ben.waitForFunction(() => document.querySelector("#rq-status .team-score")?.textContent === "0", null, { timeout: WAIT_MS });
  await screenshot(ben, "rq-3-phone-hint");
  await answerWithKeys(ben, "4", /Correct!/);
  // Ana (P2) sees Ben's 2 and answers 3: the Owls finish first.
  expect(await textOf(ana, ".rq-card .rq-earlier")).toContain("2");
  await answerWithKeys(ana, "3", /Correct!/);
  await waitFor(ana, ".rq-done");
  expect(await textOf(ana, ".rq-done")).toContain("Your team has finished the relay!");

  // ── Foxes play through; every team is done, so the round ends by itself ───────────────────
  await answerWithKeys(cleo, "2", /Correct!/);
  await answerWithKeys(dan, "3", /Correct!/);
  await waitFor(cleo, `.rq-card .rq-slot:text-is("${bank[1]!.set} · 2 / 2")`);
  await answerWithKeys(cleo, "4", /Correct!/);
  await answerWithKeys(dan, "3", /Correct!/);

  // The projector: the finishing order (Owls, Foxes), then the finished panel with standings.
  await waitFor(pp, '#phase[data-phase$="-finished"] .rq-finish');
  expect(await pp.locator(".rq-finish li").evaluateAll((els) => els.map((e) => e.textContent?.replace(/\s+/g, " ").trim()))).toEqual(["1 Owls", "2 Foxes"]);
  expect(await pp.locator("#screen-standings .standings li .name").evaluateAll((els) => els.map((e) => e.textContent))).toEqual(["Foxes", "Owls"]);
  await screenshot(pp, "rq-4-projector-finished");
  // Phones show their team's chains with the true answers.
  await waitFor(ana, '#phase[data-phase$="-over"] .rq-result');
  expect(await textOf(ana, ".rq-result")).toContain("Key: 3");

  // The teacher: the results with each chain A → B, follow-through and hints marked.
  await waitFor(tp, '#phase[data-phase$="-finished"] .rq-results');
  const owlsResult = tp.locator(".rq-result").filter({ hasText: "Owls" });
  expect(await owlsResult.locator(".rq-chain").first().locator(".rq-link .rq-member span").allTextContents()).toEqual(["Ben 벤", "Ana"]);
  expect(await owlsResult.locator(".rq-hint-mark").count()).toBe(1);
  await tp.goto(`${url}/teacher/games/${gameId}/rounds/${/rq-(\d+)-/.exec((await tp.locator("#phase").getAttribute("data-phase")) ?? "")![1]}`);
  await tp.locator(".rq-results .contrib").first().waitFor();
  await screenshot(tp, "rq-5-teacher-results");

  for (const { seen } of [teacher, projector, ...phones]) {
    expect(seen.errors).toEqual([]);
  }
  for (const [i, { seen }] of phones.entries()) if (i !== 1) expect(seen.dialogs).toEqual([]);
}, 120_000);
