// A phone's part in a Relay Quiz, as a student does it: read the question card, type the answer,
// send it, and wait until the server has taken it (the card moves on, or its feedback shows).
import type { Page } from "playwright-core";
import { pageLog, WAIT_MS } from "./browser.ts";

export type RelayCard = { id: string; set: string; cycle: number };

/** The phone's question on turn (waits for one): its id and where it sits ("P1 · 2 / 2" → P1, cycle 2). */
export async function relayCard(page: Page, cycle?: number): Promise<RelayCard> {
  const card = cycle === undefined ? page.locator(".rq-card").first() : page.locator(".rq-card", { has: page.locator(`.rq-slot:text-matches("· ${cycle} /")`) }).first();
  try {
    await card.waitFor({ timeout: WAIT_MS });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${await pageLog(page)}`);
  }
  const id = ((await card.getAttribute("id")) ?? "").replace(/^rq-q-/, "");
  const slot = ((await card.locator(".rq-slot").textContent()) ?? "").replace(/\s+/g, " ").trim();
  const m = /^(\S+) · (\d+) \//.exec(slot);
  if (!m) throw new Error(`relay card slot: "${slot}"`);
  return { id, set: m[1]!, cycle: Number(m[2]) };
}

/** Types `answer` into the card and sends it with its button; resolves when the server has answered. */
export async function sendRelayAnswer(page: Page, card: RelayCard, answer: string): Promise<void> {
  const el = page.locator(`#rq-q-${card.id}`);
  await el.locator(".answer-input").fill(answer);
  await el.locator('.answer-pad button[type="submit"]').click();
  await page.waitForFunction((id) => !document.getElementById(`rq-q-${id}`) || (document.getElementById(`rq-fb-${id}`)?.textContent ?? "").trim() !== "", card.id, { timeout: WAIT_MS })
    .catch(async (e: Error) => { throw new Error(`${e.message}\n${await pageLog(page)}`); });
}
