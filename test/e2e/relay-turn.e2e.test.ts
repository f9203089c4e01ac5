// A relay phone holding two questions (a team of one, two sets): answering one redraws the phone's
// turn in place (RoundView.step, an innerMorph of #rq-yours), so the other question keeps what the
// student typed in it, the focus, and the phone keyboard they asked for with the "Keyboard" key.
import { expect, test } from "bun:test";
import { createGame } from "../support/server.ts";
import { makeRelaySets, startRelay } from "../support/relay.ts";
import { useE2e } from "./session.ts";
import { pageLog, waitForSseOpen, WAIT_MS } from "./browser.ts";
import { phoneJoins } from "./axe.ts";

const e2e = useE2e();

test("relay: a phone's other question keeps its typing, focus and keyboard while the answered one leaves its turn", async () => {
  const s = e2e.server;
  const game = await createGame(s, { teamCount: 2 });
  const bank = makeRelaySets(s.deps.db, "turn", "PQ", 2, false);
  const phone = await e2e.newPage("phone");
  await phoneJoins(phone, s.url, game.gameCode, "Solo");
  await waitForSseOpen(phone);
  expect((await fetch(`${s.url}/api/games/${game.gameId}/start`, { method: "POST", headers: s.teacher })).status).toBe(200);
  await startRelay(s, game.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] });
  await phone.locator(".rq-card").nth(1).waitFor({ timeout: WAIT_MS }).catch(async (e: Error) => { throw new Error(`${e.message}\n${await pageLog(phone)}`); });
  const [first, second] = await phone.locator(".rq-card").evaluateAll((cards) => cards.map((c) => c.id.replace(/^rq-q-/, "")));
  const firstSet = bank.find((b) => b.ids.includes(Number(first)))!;

  // The student asks for the phone's keyboard in the second question and starts typing there.
  await phone.locator(`#rq-q-${second} button[data-action="keyboard"]`).tap();
  await phone.keyboard.type("12");
  const marked = await phone.evaluate((id) => {
    const input = document.querySelector(`#rq-q-${id} .answer-input`) as (HTMLInputElement & { __kept?: boolean }) | null;
    if (!input || document.activeElement !== input) return false;
    input.__kept = true;
    (document.querySelector("#phase") as unknown as { __kept?: boolean }).__kept = true;
    return input.getAttribute("inputmode") === "text";
  }, second);
  expect(marked).toBe(true);

  // Meanwhile the first question's answer goes (sent from its form; the focus stays where it is).
  await phone.evaluate(([id, answer]) => {
    const form = document.querySelector(`#rq-q-${id} form`) as HTMLFormElement;
    (form.querySelector(".answer-input") as HTMLInputElement).value = answer!;
    form.requestSubmit();
  }, [first, firstSet.answers[0]!] as const);
  await phone.waitForFunction((id) => !document.getElementById(`rq-q-${id}`), first, { timeout: WAIT_MS })
    .catch(async (e: Error) => { throw new Error(`${e.message}\n${await pageLog(phone)}`); });

  const after = await phone.evaluate((id) => {
    const input = document.querySelector(`#rq-q-${id} .answer-input`) as (HTMLInputElement & { __kept?: boolean }) | null;
    return {
      sameBox: input?.__kept === true,
      samePanel: (document.querySelector("#phase") as unknown as { __kept?: boolean }).__kept === true,
      focused: document.activeElement === input,
      value: input?.value,
      inputmode: input?.getAttribute("inputmode"),
      turn: document.querySelector("#rq-yours [data-turn]")?.getAttribute("data-turn"),
    };
  }, second);
  expect(after).toEqual({ sameBox: true, samePanel: true, focused: true, value: "12", inputmode: "text", turn: expect.stringMatching(new RegExp(`-q1-${second}$`)) });
});
