// What the phones, the projector and the teacher see of the event: between rounds "next: …" with
// the team's place and the next round's intro; at the end each phone's final place and own
// contribution, and the projector's podium revealed on the teacher's clicks.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createGame, startServer, teacherBrowser, type Client, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";
import { answersFor, seatedGame, submit } from "../support/year.ts";
import { teacherApi } from "../support/event.ts";
import { teacherAct } from "../support/steal.ts";

let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
});
afterAll(() => s.stop());

const DIGITS = [1, 3, 5, 7, 9];
const en = { "accept-language": "en" };

describe("the event on every screen", () => {
  test("between rounds: phones show what comes next and their team's place; the projector the next round's intro and the standings", async () => {
    const g = await seatedGame(s, 3, 1);
    await teacherApi(s, "PUT", `/api/games/${g.gameId}/plan`, { rounds: [{ type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } }, { type: "score_steal" }] });
    const [a, b] = [g.seats[0]![0]!, g.seats[1]![0]!];
    let phone = await (await a.client.fetch(`/g/${g.gameCode}/play`, { headers: en })).text();
    expect(phone).toContain('data-next="year_game"');
    expect(phone).toMatch(/Next: <b>Year Game<\/b>/);
    expect(phone).toMatch(/tied 1st/); // nobody has scored: all tied
    let screen = await (await fetch(`${s.url}/g/${g.gameCode}/screen`, { headers: en })).text();
    expect(screen).toContain('class="round-intro" data-type="year_game"');
    expect(screen).toContain("Use every given digit exactly once");
    expect(screen).toContain('id="screen-standings"');

    const yg = await teacherApi(s, "POST", `/api/games/${g.gameId}/next-round`);
    expect((await submit(b, yg.body.sessionId, answersFor(DIGITS).get(25)!)).status).toBe(200);
    // While the round runs, the phone shows the round, not the plan.
    phone = await (await a.client.fetch(`/g/${g.gameCode}/play`, { headers: en })).text();
    expect(phone).not.toContain('class="card between"');
    expect(phone).toContain("yg-keypad");
    await teacherAct(s, g.gameId, yg.body.sessionId, "end");
    phone = await (await a.client.fetch(`/g/${g.gameCode}/play`, { headers: en })).text();
    expect(phone).toContain('data-next="score_steal"');
    expect(phone).toMatch(/Your team\S{1,6}s place<\/span>: <b class="place-rank">tied 2nd<\/b>/);
    expect(phone).toContain(`data-phase="yg-${yg.body.sessionId}-over"`); // the round's results stay below
    const phoneB = await (await b.client.fetch(`/g/${g.gameCode}/play`, { headers: en })).text();
    expect(phoneB).toMatch(/<b class="place-rank">1st<\/b>/);
    screen = await (await fetch(`${s.url}/g/${g.gameCode}/screen`, { headers: en })).text();
    expect(screen).toContain('data-type="score_steal"');
    expect(screen).toContain(`data-phase="between~yg-${yg.body.sessionId}-finished"`);
    // The teacher's game page: the plan with each round's state and the one button.
    const lobby = await (await teacher.fetch(`/teacher/games/${g.gameId}`, { headers: en })).text();
    expect(lobby).toMatch(/data-state="done" data-type="year_game"/);
    expect(lobby).toMatch(/data-state="next" data-type="score_steal"/);
    expect(lobby).toContain(`action="/teacher/games/${g.gameId}/next-round"`);
    expect(lobby).toContain("Start the next round: Score Steal");
  });

  test("the plan page lists the default plan with each round's settings, and the teacher can move, skip, change and add entries", async () => {
    const g = await seatedGame(s, 2, 1);
    const page = await (await teacher.fetch(`/teacher/games/${g.gameId}/plan`, { headers: en })).text();
    // Every type of the default plan is in this build: nothing is marked unavailable.
    expect(page).not.toContain("not available in this build");
    expect((page.match(/class="card plan-edit"/g) ?? []).length).toBe(4);
    expect(page).toContain('name="sets" value="P1, Q1, R1, S1"');
    // Labelled in the teacher's language; the relay's member order (it needs seated teams) is set on its start form.
    expect(page).toContain("<span>Time (seconds)</span>");
    expect(page).not.toContain('name="memberOrder"');
    const lobby = await (await teacher.fetch(`/teacher/games/${g.gameId}`, { headers: en })).text();
    expect(lobby).toContain("Start the next round: Year Game");
    // Edits on the plan page: move, skip, settings from the round type's schema, add.
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/plan/3/up`, {})).status).toBe(303);
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/plan/2/skip`, {})).status).toBe(303);
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/plan/1/settings`, { digits: "2, 0, 2, 4", durationSeconds: "300", scoring: "flat", "operators.sqrt": "yes" })).status).toBe(303);
    const bad = await teacher.postForm(`/teacher/games/${g.gameId}/plan/1/settings`, { durationSeconds: "2" }, en);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("notice-error");
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/plan/add`, { type: "score_steal" })).status).toBe(303);
    const plan = (await teacherApi(s, "GET", `/api/games/${g.gameId}/plan`)).body.rounds;
    expect(plan.map((r: any) => [r.type, r.state])).toEqual([["year_game", "next"], ["relay_quiz", "skipped"], ["score_steal", "pending"], ["relay_quiz", "pending"], ["score_steal", "pending"]]);
    expect(plan[0].settings).toEqual({ digits: [2, 0, 2, 4], durationSeconds: 300, scoring: "flat", operators: { sqrt: true } });
    const edit = await (await teacher.fetch(`/teacher/games/${g.gameId}/plan`, { headers: en })).text();
    expect(edit).toContain('name="durationSeconds" type="number" min="10" max="14400" value="300"');
  });

  test("after the game: each phone shows its team's final place and its own contribution; the projector's podium opens from third place on the teacher's clicks", async () => {
    // Two brackets: Higher (A 25 points, B 15) and Lower (C and D tied at 0).
    const game = await createGame(s, { teamCount: 4, maxParticipants: 8, joinMode: "choose", teamBrackets: ["Higher", "Higher", "Lower", "Lower"], plan: [{ type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } }] });
    const join = async (nickname: string, teamId: number) => {
      const { Client: C } = await import("../support/server.ts");
      const client = await new C(s.url).visit();
      const body = (await (await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname, teamId })).json()) as any;
      return { client, participantId: body.participantId as number, teamId, token: body.token as string, nickname };
    };
    const [ann, bo, cy, dee] = await Promise.all([join("Ann", game.teams[0]!.id), join("Bo", game.teams[0]!.id), join("Cy", game.teams[1]!.id), join("Dee", game.teams[2]!.id)]);
    await teacherApi(s, "POST", `/api/games/${game.gameId}/start`);
    const yg = await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
    expect((await submit(ann!, yg.body.sessionId, answersFor(DIGITS).get(25)!)).status).toBe(200);
    expect((await submit(cy!, yg.body.sessionId, answersFor(DIGITS).get(15)!)).status).toBe(200);
    await teacherApi(s, "POST", `/api/games/${game.gameId}/adjust`, { teamId: game.teams[3]!.id, points: 4, reason: "Lower bonus" });
    // Podium before the end is refused.
    expect((await teacher.postForm(`/teacher/games/${game.gameId}/podium/next`, {})).status).toBe(409);
    const projector = await openSse(`${s.url}/g/${game.gameCode}/screen/stream`, en);
    await teacherAct(s, game.gameId, yg.body.sessionId, "end");
    // The plan is played out: the game finished by itself.
    expect((await teacherApi(s, "GET", `/api/game-state?gameId=${game.gameId}`)).body.game.status).toBe("finished");
    await projector.waitFor((t) => t.includes('data-phase="podium-0"'), 3000);

    const annPage = await (await ann!.client.fetch(`/g/${game.gameCode}/play`, { headers: en })).text();
    expect(annPage).toMatch(/Your team\S{1,6}s place<\/span>: <b class="place-rank">1st<\/b>/);
    expect(annPage).toContain(`.mine-only:not(.pid-${ann!.participantId}){display:none}`);
    // One render per team: both members' rows are there, each phone shows only its own.
    expect(annPage).toMatch(new RegExp(`<dl class="contribution mine-only pid-${ann!.participantId}"><dt>Year Game: numbers found</dt><dd>1</dd>`));
    expect(annPage).toMatch(new RegExp(`<dl class="contribution mine-only pid-${bo!.participantId}"><dt>Year Game: numbers found</dt><dd>0</dd>`));
    const deePage = await (await dee!.client.fetch(`/g/${game.gameCode}/play`, { headers: en })).text();
    expect(deePage).toMatch(/place-rank">2nd<\/b>/);

    // Steps: Higher 2nd (Cy's team), Higher 1st (Ann's), Lower 2nd, Lower 1st (the adjusted team).
    const click = async (dir: string) => expect((await teacher.postForm(`/teacher/games/${game.gameId}/podium/${dir}`, {}, { "hx-request": "true" })).status).toBe(200);
    let screen = await (await fetch(`${s.url}/g/${game.gameCode}/screen`, { headers: en })).text();
    expect(screen).toContain('data-revealed="0" data-steps="4"');
    expect(screen).not.toContain(game.teams[1]!.name);
    await click("next");
    await projector.waitFor((t) => t.includes('data-phase="podium-1"'), 3000);
    screen = await (await fetch(`${s.url}/g/${game.gameCode}/screen`, { headers: en })).text();
    expect(screen).toMatch(new RegExp(`pedestal place-2 revealed[^]*${game.teams[1]!.name}[^]*<span class="total">15</span>`));
    expect(screen).not.toMatch(/pedestal place-1 revealed/);
    await click("next");
    await click("next");
    screen = await (await fetch(`${s.url}/g/${game.gameCode}/screen`, { headers: en })).text();
    expect(screen).toContain('<h2 class="bracket-name">Lower</h2>');
    expect(screen).not.toContain('<h2 class="bracket-name">Higher</h2>');
    await click("next");
    await click("next"); // past the last step: nothing more
    screen = await (await fetch(`${s.url}/g/${game.gameCode}/screen`, { headers: en })).text();
    expect(screen).toContain('data-revealed="4" data-steps="4"');
    expect(screen).toContain('<h2 class="bracket-name">Higher</h2>');
    expect(screen).toContain('<h2 class="bracket-name">Lower</h2>');
    await click("back");
    expect((await (await fetch(`${s.url}/g/${game.gameCode}/screen`)).text())).toContain('data-revealed="3"');
    const lobby = await (await teacher.fetch(`/teacher/games/${game.gameId}`, { headers: en })).text();
    expect(lobby).toContain("Reveal the next place: Lower 1st");
    projector.close();
  });

  test("the projector's QR code opens the join page with the game code filled in", async () => {
    const game = await createGame(s, { teamCount: 2 });
    const screen = await (await fetch(`${s.url}/g/${game.gameCode}/screen`)).text();
    expect(screen).toMatch(new RegExp(`class="qr" role="img" aria-label="http://[^"]+/join\\?code=${game.gameCode}"`));
  });

  test("default team names follow the teacher's language: 1팀… in Korean, Team 1… in English", async () => {
    const ko = await teacherApi(s, "POST", "/api/create-game", { title: "ko", teamCount: 2, maxParticipants: 4 });
    expect(ko.body.teams.map((t: any) => t.name)).toEqual(["1팀", "2팀"]);
    const res = await fetch(`${s.url}/api/create-game`, { method: "POST", headers: { ...s.teacher, ...en }, body: JSON.stringify({ title: "en", teamCount: 2, maxParticipants: 4 }) });
    expect(((await res.json()) as any).teams.map((t: any) => t.name)).toEqual(["Team 1", "Team 2"]);
  });
});
