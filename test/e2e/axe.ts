// Accessibility checks in the browser: axe-core (npm, a devDependency) injected into the page,
// WCAG 2 A and AA rules; what the issue counts is serious and critical violations.
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "../../src/paths.ts";
import { TEACHER_PASSWORD } from "../support/server.ts";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");

export type AxeProblem = { page: string; id: string; impact: string; help: string; nodes: string[] };

/** Serious and critical WCAG 2 A/AA violations on the page as it is now (with where, for the failure message). */
export async function axeProblems(page: Page, name: string): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact ?? "", help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.map(String).join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ page: name, ...v }));
}

/** Logs a browser in as the teacher through the login form (the first login's guide put away). */
export async function teacherLogin(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel(/Password|비밀번호/).first().fill(TEACHER_PASSWORD);
  await page.locator('form[action="/login"] button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === "/teacher" || u.pathname === "/teacher/guide");
  if (new URL(page.url()).pathname === "/teacher/guide") {
    await page.locator('form[action="/teacher/guide/dismiss"] button').click();
    await page.waitForURL((u) => u.pathname === "/teacher");
  }
}

/** A phone joins a game through the join page (the code filled in by the link) and lands on its seat page. */
export async function phoneJoins(page: Page, url: string, code: string, nickname: string, team?: RegExp): Promise<void> {
  await page.goto(`${url}/join?code=${code}`);
  await page.getByLabel(/Nickname|닉네임/).fill(nickname);
  if (team) await page.getByRole("radio", { name: team }).check();
  await page.locator('form[action="/join"][method="post"] button[type="submit"]').click();
  await page.waitForURL((u) => u.pathname === `/g/${code}/play`);
}
