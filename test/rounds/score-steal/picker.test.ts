// The winning team's target picker on the phone: every other team, its own bracket first; shielded
// teams and teams of another bracket are disabled buttons that say why (ko and en); team names are
// escaped. The server refuses a pick of either whatever the page shows.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { addStealQuestions, answer, stealFrom, stealGame, startSteal, teacherAct, type StealSeat } from "../../support/steal.ts";

let s: TestServer;
let ids: number[];
beforeAll(async () => {
  s = await startServer();
  ids = addStealQuestions(s, [{ text: "1 = ?", answer: "1" }, { text: "2 = ?", answer: "2" }]);
});
afterAll(() => s.stop());

const HOSTILE = `<img src=x onerror=alert(1)>`;

type PickerButton = { teamId: number; disabled: boolean; text: string; html: string };

/** The picker's buttons as the phone's page renders them, in order. */
async function pickerOf(seat: StealSeat, code: string, lang: "en" | "ko"): Promise<PickerButton[]> {
  const page = await (await seat.client.fetch(`/g/${code}/play`, { headers: { "accept-language": lang } })).text();
  const picker = /<fieldset class="target-picker">([\s\S]*?)<\/fieldset>/.exec(page)?.[1];
  if (picker === undefined) throw new Error(`no picker on the page:\n${page.slice(0, 2000)}`);
  return [...picker.matchAll(/<input type="hidden" name="targetTeamId" value="(\d+)"\/?>\s*<button([^>]*)>([\s\S]*?)<\/button>/g)].map((m) => ({
    teamId: Number(m[1]), disabled: /\bdisabled\b/.test(m[2]!), html: m[3]!, text: m[3]!.replace(/<[^>]*>/g, ""),
  }));
}

describe("Score Steal target picker", () => {
  test("the winner sees its bracket's teams (shielded ones disabled, 'protected') and the other bracket's teams disabled ('other bracket'), in ko and en, names escaped", async () => {
    const g = await stealGame(s, { brackets: ["H", "L"], teamsPerBracket: 3, perTeam: 1, teamNames: ["Owls", "Bears", HOSTILE, "Lynx", "Crows", "Moles"] });
    const [h1, h2, h3, l1, l2, l3] = g.teams as [typeof g.teams[0], typeof g.teams[0], typeof g.teams[0], typeof g.teams[0], typeof g.teams[0], typeof g.teams[0]];
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: ids, wrongPenalty: 0 });
    await teacherAct(s, g.gameId, sessionId, "open");
    await answer(h1.seats[0]!, sessionId, "1");
    // Question 1: nobody shielded yet; the other bracket is listed, disabled.
    const first = await pickerOf(h1.seats[0]!, g.gameCode, "en");
    expect(first.map((b) => [b.teamId, b.disabled])).toEqual([[h2.id, false], [h3.id, false], [l1.id, true], [l2.id, true], [l3.id, true]]);
    expect((await stealFrom(h1.seats[0]!, sessionId, h2.id)).status).toBe(200);
    expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
    expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
    await answer(h1.seats[0]!, sessionId, "2");

    // Question 2: Bears (picked last time) is shielded.
    const en = await pickerOf(h1.seats[0]!, g.gameCode, "en");
    expect(en.map((b) => b.teamId)).toEqual([h2.id, h3.id, l1.id, l2.id, l3.id]);
    expect(en.find((b) => b.teamId === h2.id)).toMatchObject({ disabled: true, text: expect.stringContaining("(protected)") });
    expect(en.find((b) => b.teamId === h2.id)!.html).toContain('class="shield"');
    expect(en.find((b) => b.teamId === h3.id)).toMatchObject({ disabled: false });
    expect(en.find((b) => b.teamId === h3.id)!.html).not.toContain(`class="why"`);
    for (const t of [l1, l2, l3]) expect(en.find((b) => b.teamId === t.id)).toMatchObject({ disabled: true, text: expect.stringContaining(`${t.name} · 0 (other bracket)`) });
    // The hostile team name is text, never markup.
    expect(en.find((b) => b.teamId === h3.id)!.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(en.map((b) => b.html).join("")).not.toContain("<img");
    const ko = await pickerOf(h1.seats[0]!, g.gameCode, "ko");
    expect(ko.find((b) => b.teamId === h2.id)).toMatchObject({ disabled: true, text: expect.stringContaining("(보호됨)") });
    for (const t of [l1, l2, l3]) expect(ko.find((b) => b.teamId === t.id)).toMatchObject({ disabled: true, text: expect.stringContaining("(다른 조)") });
    // The own team is never listed.
    expect(ko.some((b) => b.teamId === h1.id)).toBe(false);

    // What the page disables, the server refuses (API and the phone's form): other bracket 422, shielded 409.
    const api = await stealFrom(h1.seats[0]!, sessionId, l1.id);
    expect(api.status).toBe(422);
    expect(((await api.json()) as any).error.code).toBe("target_not_eligible");
    const form = await h1.seats[0]!.client.postForm(`/g/${g.gameCode}/steal/${sessionId}/target`, { targetTeamId: String(l2.id) }, { "accept-language": "en" });
    expect(form.status).toBe(422);
    expect(await form.text()).toContain("notice-error");
    const shielded = await h1.seats[0]!.client.postForm(`/g/${g.gameCode}/steal/${sessionId}/target`, { targetTeamId: String(h2.id) });
    expect(shielded.status).toBe(409);
    // The enabled one goes through the same form.
    const ok = await h1.seats[0]!.client.postForm(`/g/${g.gameCode}/steal/${sessionId}/target`, { targetTeamId: String(h3.id) });
    expect(ok.status).toBe(200);
    expect((await pickerOf(h1.seats[0]!, g.gameCode, "en").catch(() => null))).toBeNull();
  });
});
