// Score Steal in real browsers: two brackets of two teams, four phones and the projector. Phones
// type on the number keys, the winners pick whom to steal from, the projector shows the steal and
// the shield; on the next question the shielded team cannot be picked.
import { expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { useE2e } from "./session.ts";
import { screenshot, waitForSseOpen, watchPage } from "./browser.ts";
import { createGame } from "../support/server.ts";
import { addStealQuestions, teacherAct } from "../support/steal.ts";

const e2e = useE2e();

async function joinOnPhone(code: string, nickname: string): Promise<Page> {
  const page = await e2e.newPage("phone");
  await page.goto(`${e2e.server.url}/join?code=${code}`);
  await page.getByLabel("Nickname").fill(nickname);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL(/\/g\/\d+\/play$/);
  await waitForSseOpen(page);
  return page;
}

/** Taps an answer on the on-screen number keys and sends it. */
async function tapAnswer(page: Page, answer: string) {
  for (const ch of answer) await page.locator(`.answer-pad button[data-key="${ch}"]`).tap();
  expect(await page.locator(".answer-pad .answer-input").inputValue()).toBe(answer);
  await page.getByRole("button", { name: "Send answer" }).tap();
}

test("two questions, two brackets: phones answer on the keys, winners steal, the projector shows the steal and the shield", async () => {
  const s = e2e.server;
  const [q1, q2] = addStealQuestions(s, [
    { text: "What is $\\frac{1}{2} + \\frac{1}{4}$?", answer: "3/4", points: 100 },
    { text: "6 × 7 − 36 = ?", answer: "6", points: 200 },
  ]);
  const game = await createGame(s, { teamCount: 4, maxParticipants: 8, teamNames: ["Team 1", "Team 2", "Team 3", "Team 4"], teamBrackets: ["Higher", "Higher", "Lower", "Lower"] });
  const phones = [];
  for (const name of ["hana", "dul", "set", "net"]) phones.push(await joinOnPhone(game.gameCode, name));
  const seen = phones.map(watchPage);
  const screen = await e2e.newPage("desktop");
  await screen.goto(`${s.url}/g/${game.gameCode}/screen`);
  await waitForSseOpen(screen);
  expect((await fetch(`${s.url}/api/games/${game.gameId}/start`, { method: "POST", headers: s.teacher })).status).toBe(200);
  const started = await fetch(`${s.url}/api/games/${game.gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "score_steal", questionIds: [q1, q2], wrongPenalty: 50 }) });
  const { sessionId } = (await started.json()) as { sessionId: number };
  const [h1, h2, l1, l2] = phones as [Page, Page, Page, Page];

  // Question 1: the fraction is rendered with KaTeX on every phone and on the projector.
  expect((await teacherAct(s, game.gameId, sessionId, "open")).status).toBe(200);
  for (const page of [...phones, screen]) await page.locator(".question .katex").first().waitFor();
  await tapAnswer(h2, "1/2");
  await h2.locator(".team-answer.wrong").waitFor();
  await tapAnswer(h1, "3/4");
  await tapAnswer(l1, "3/4");
  await h1.locator(".target-picker").waitFor();
  await l1.locator(".target-picker").waitFor();
  await screenshot(h1, "score-steal-phone-picker");
  await screenshot(h2, "score-steal-phone-wrong");
  // Higher's winner may pick Team 2; the Lower teams are listed, disabled, with the reason.
  expect(await h1.locator(".target-picker button.target:not([disabled])").allTextContents()).toEqual([expect.stringContaining("Team 2")]);
  expect(await h1.locator(".target-picker button.target[disabled]").allTextContents()).toEqual([expect.stringMatching(/^Team 3 .*\(other bracket\)$/), expect.stringMatching(/^Team 4 .*\(other bracket\)$/)]);
  await h1.locator(".target-picker button.target", { hasText: "Team 2" }).tap();
  await l1.locator(".target-picker button.target", { hasText: "Team 4" }).tap();
  // The projector shows both steals and a shield on each target.
  await screen.locator(".steal-line", { hasText: "Team 2" }).waitFor();
  await screen.locator(".steal-line", { hasText: "Team 4" }).waitFor();
  await screen.locator('.standings li[data-team-id] .shield').nth(1).waitFor();
  const shielded = await screen.locator(".standings li:has(.shield) .name").allTextContents();
  expect(shielded.map((t) => t.trim()).sort()).toEqual(["Team 2🛡", "Team 4🛡"]);
  await h2.locator(".steal-line", { hasText: "Team 1" }).waitFor();
  await screenshot(screen, "score-steal-projector-steal");

  // Question 2 (after the reveal): Team 1 wins Higher again; Team 2 is shielded, the only other team → points from nobody, no picker.
  expect((await teacherAct(s, game.gameId, sessionId, "reveal")).status).toBe(200);
  await h1.locator(".revealed", { hasText: "3/4" }).waitFor();
  expect((await teacherAct(s, game.gameId, sessionId, "open")).status).toBe(200);
  await h1.locator(".question", { hasText: "6 × 7" }).waitFor();
  await tapAnswer(h1, "6");
  await h1.locator(".steal-line", { hasText: "from nobody" }).waitFor();
  expect(await h1.locator(".target-picker").count()).toBe(0);
  await tapAnswer(l2, "6");
  await l2.locator(".target-picker").waitFor();
  // Lower: Team 4 won; Team 3 is its only target and is not shielded (only the Higher teams are disabled).
  expect(await l2.locator(".target-picker button.target:not([disabled])").allTextContents()).toEqual([expect.stringContaining("Team 3")]);
  expect(await l2.locator(".target-picker button.target[disabled]").count()).toBe(2);
  await l2.locator(".target-picker button.target", { hasText: "Team 3" }).tap();
  await screen.locator(".steal-line", { hasText: "Team 3" }).waitFor();
  const state = (await (await fetch(`${s.url}/api/game-state?gameId=${game.gameId}`, { headers: s.teacher })).json()) as { teams: { name: string; score: number }[] };
  expect(Object.fromEntries(state.teams.map((t) => [t.name, t.score]))).toEqual({ "Team 1": 300, "Team 2": 0, "Team 3": 0, "Team 4": 200 });
  for (const w of seen) expect(w.errors).toEqual([]);
}, 120_000);
