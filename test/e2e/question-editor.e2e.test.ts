// Real browser, real server: the teacher writes a question with a fraction, sees it typeset in
// the live preview (phone and projector frames) as they type, saves it, adds an image, and sees
// the image loaded in both frames — then keeps typing and the preview keeps both.
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../../src/paths.ts";
import { TEACHER_PASSWORD } from "../support/server.ts";
import { useE2e } from "./session.ts";
import { pageLog, screenshot, watchPage } from "./browser.ts";

const e2e = useE2e();
const PNG = readFileSync(join(ROOT, "src/questions/demo/images/right-triangle.png"));

/** Both frames hold KaTeX markup for `cls` (e.g. "mfrac"). */
async function framesShow(page: Page, cls: string): Promise<void> {
  for (const frame of [".frame-phone", ".frame-projector"]) {
    await page.locator(`#q-preview ${frame} .katex .${cls}`).first().waitFor().catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await pageLog(page)}`);
    });
  }
}

/** Both frames show the question's image, fully loaded. */
async function framesShowImage(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll<HTMLImageElement>("#q-preview img.q-image"));
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  });
}

test("the teacher writes a question with a fraction and an image and sees both rendered in the preview", async () => {
  const url = e2e.server.url;
  const page = await e2e.newPage("desktop");
  const seen = watchPage(page);

  await page.goto(`${url}/teacher/questions/new`);
  await page.waitForURL((u) => u.pathname === "/login");
  await page.getByLabel("Password", { exact: true }).fill(TEACHER_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL((u) => u.pathname === "/teacher/questions/new");

  // Typing updates the preview (htmx, after a short pause): the fraction is typeset in both frames.
  await page.locator('textarea[name="text"]').fill("What is $\\frac{3}{4}$ of 8?");
  await framesShow(page, "mfrac");
  await page.locator('input[name="answer"]').fill("6");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page.waitForURL((u) => /^\/teacher\/questions\/\d+$/.test(u.pathname));
  await framesShow(page, "mfrac");

  // The image, uploaded on the edit page, appears in both frames.
  await page.locator('input[type="file"][name="file"]').setInputFiles({ name: "triangle.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Upload image" }).click();
  await page.waitForURL((u) => u.hash === "#image");
  await framesShowImage(page);
  await framesShow(page, "mfrac");

  // Still typing: the live preview keeps the image and typesets the new formula.
  await page.locator('textarea[name="text"]').fill("What is $\\frac{3}{4}$ of $\\sqrt{64}$?");
  await framesShow(page, "sqrt");
  await framesShow(page, "mfrac");
  await framesShowImage(page);
  await screenshot(page, "question-editor");

  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test("a relay set is reordered from the keyboard: after each move the focus is back on the same button", async () => {
  const { server } = e2e;
  const add = (order: number, extra: Record<string, unknown>) =>
    fetch(`${server.url}/api/questions`, { method: "POST", headers: server.teacher, body: JSON.stringify({ category: "relay", set: "K1", order, text: `Question ${order}`, ...extra }) });
  for (const [order, answer] of [[1, "1"], [2, "2"], [3, "3"]] as const) await add(order, { answer });
  const page = await e2e.newPage("desktop");
  const seen = watchPage(page);
  await page.goto(`${server.url}/login?next=${encodeURIComponent("/teacher/questions/sets/K1")}`);
  await page.getByLabel("Password", { exact: true }).fill(TEACHER_PASSWORD);
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname === "/teacher/questions/sets/K1");
  await page.getByRole("button", { name: "Question 3 up" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.search.includes("moved"));
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Question 2 up");
  await page.keyboard.press("Enter");
  // At the top, "up" is disabled: the focus lands on the same question's "down".
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Question 1 down" || null);
  const texts = await page.locator(".chain-table .q-text").allTextContents();
  expect(texts).toEqual(["Question 3", "Question 1", "Question 2"]);
  expect(seen.errors).toEqual([]);
});
