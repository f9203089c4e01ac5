// The round contract's edges (issue 8): one dispatcher for every round type refuses an unknown or
// missing type the same way on the API and the teacher's page; forms are checked by the API's
// schemas; a round type's script comes only with its own panel; refusals carry their details; a
// deadline that passes while the server is down closes the round when it starts again.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { createGame, joinAs, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { addStealQuestions, startSteal } from "../support/steal.ts";
import { answersFor, startYear } from "../support/year.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

const startRound = (gameId: number, body: unknown) => fetch(`${s.url}/api/games/${gameId}/rounds`, { method: "POST", headers: { ...s.teacher, "accept-language": "en" }, body: JSON.stringify(body) });

describe("one dispatcher for every round type", () => {
  test("the API: an unknown type name → 422 unknown_round_type; a missing or non-string type → 400 invalid_input naming it; a body that does not fit → 400 naming the field", async () => {
    const g = await createGame(s);
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const unknown = await startRound(g.gameId, { type: "coin_toss" });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as any).error.code).toBe("unknown_round_type");
    for (const body of [{}, { type: 7 }, { type: ["year_game"] }, { type: null }]) {
      const res = await startRound(g.gameId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const err = ((await res.json()) as any).error;
      expect(err.code).toBe("invalid_input");
      expect(JSON.stringify(err)).toContain("type");
    }
    const wrongField = await startRound(g.gameId, { type: "year_game", digits: "12345" });
    expect(wrongField.status).toBe(400);
    expect(JSON.stringify(((await wrongField.json()) as any).error)).toContain("digits");
    // Nothing was started by any of them.
    expect(s.deps.db.$client.query("SELECT count(*) AS n FROM rounds WHERE game_id = ?").get(g.gameId)).toEqual({ n: 0 });
  });

  test("the teacher's page: an unknown type is refused with a message on the start page and on its form's post; nothing starts", async () => {
    const g = await createGame(s);
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const teacher = await teacherBrowser(s);
    const page = await teacher.fetch(`/teacher/games/${g.gameId}/rounds/new?type=coin_toss`, { headers: { "accept-language": "en" } });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("There is no round of that type.");
    const posted = await teacher.postForm(`/teacher/games/${g.gameId}/rounds`, { type: "coin_toss" }, { "accept-language": "en", "hx-request": "true" });
    expect(posted.status).toBe(422);
    expect(s.deps.db.$client.query("SELECT count(*) AS n FROM rounds WHERE game_id = ?").get(g.gameId)).toEqual({ n: 0 });
  });

  test("forms are checked by the API's schemas: a join mode or a scoring rule outside the list is refused, with nothing created or started", async () => {
    const teacher = await teacherBrowser(s);
    const games = () => (s.deps.db.$client.query("SELECT count(*) AS n FROM games").get() as { n: number }).n;
    const before = games();
    const created = await teacher.postForm("/teacher/games", { title: "Form check", teamCount: "4", maxParticipants: "40", joinMode: "lottery" }, { "accept-language": "en", "hx-request": "true" });
    expect(created.status).toBeGreaterThanOrEqual(400);
    expect(created.status).toBeLessThan(500);
    expect(await created.text()).toContain("Choose how students get a team");
    expect(games()).toBe(before);
    const g = await createGame(s);
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const form = (scoring: string) => new URLSearchParams([["type", "year_game"], ...[1, 3, 5, 7, 9].map((d) => ["digits", String(d)]), ["targetMin", "1"], ["targetMax", "100"], ["minutes", "5"], ["scoring", scoring], ["flatPoints", "10"]]).toString();
    const post = (scoring: string) => teacher.fetch(`/teacher/games/${g.gameId}/rounds`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "en", "hx-request": "true" }, body: form(scoring) });
    const started = await post("double_or_nothing");
    expect(started.status).toBeGreaterThanOrEqual(400);
    expect(started.status).toBeLessThan(500);
    expect(await started.text()).toContain("Choose a scoring rule from the list.");
    expect(s.deps.db.$client.query("SELECT count(*) AS n FROM rounds WHERE game_id = ?").get(g.gameId)).toEqual({ n: 0 });
    // The same form with a scoring rule from the list starts the round (the refusal was the rule's).
    expect((await post("flat")).status).toBeLessThan(400);
    expect(s.deps.db.$client.query("SELECT count(*) AS n FROM rounds WHERE game_id = ?").get(g.gameId)).toEqual({ n: 1 });
  });
});

describe("a round type's script comes with its own panel only", () => {
  test("the Year Game's keypad script is on the phone and projector pages while a Year Game runs, and on no page in the lobby or during Score Steal", async () => {
    const [q] = addStealQuestions(s, [{ text: "1 + 1 = ?", answer: "2" }]);
    const g = await createGame(s, { teamCount: 2, maxParticipants: 4, plan: [] });
    const kid = await joinAs(s, g.gameCode, "kid");
    const pages = async () => Promise.all([kid.client.fetch(`/g/${g.gameCode}/play`), fetch(`${s.url}/g/${g.gameCode}/screen`)].map(async (p) => (await p).text()));
    const hasScript = (html: string) => /<script[^>]+src="\/[^"]*year-game\.js/.test(html);
    expect((await pages()).map(hasScript)).toEqual([false, false]);
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const { sessionId } = await startSteal(s, g.gameId, { questionIds: [q] });
    expect((await pages()).map(hasScript)).toEqual([false, false]);
    await fetch(`${s.url}/api/games/${g.gameId}/rounds/${sessionId}/end`, { method: "POST", headers: s.teacher });
    await startYear(s, g.gameId, { durationSeconds: 600 });
    expect((await pages()).map(hasScript)).toEqual([true, true]);
  });
});

describe("refusals carry their details", () => {
  test("already_found names the finder in the error's detail (and at the top level, as before)", async () => {
    const g = await createGame(s, { teamCount: 2, maxParticipants: 4, joinMode: "choose" });
    const a = await joinAs(s, g.gameCode, "ana", { teamId: g.teams[0]!.id });
    const b = await joinAs(s, g.gameCode, "ben", { teamId: g.teams[0]!.id });
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const { sessionId, digits } = await startYear(s, g.gameId, { durationSeconds: 600 });
    const [target, expression] = [...answersFor(digits)][0]!;
    expect((await a.client.postJson("/api/submit-answer", { sessionId, expression })).status).toBe(200);
    const again = await b.client.postJson("/api/submit-answer", { sessionId, expression });
    expect(again.status).toBe(409);
    const body = (await again.json()) as any;
    expect(body.error.code).toBe("already_found");
    expect(body.error.detail.foundBy).toBe("ana");
    expect(body.error.detail.target ?? body.targetNumber ?? target).toBe(target);
  });
});

describe("time passes while the server is down", () => {
  test("a Year Game whose deadline passed while the server was stopped is closed as soon as it starts again, at its deadline, and refuses answers", async () => {
    const g = await createGame(s, { teamCount: 2, maxParticipants: 4 });
    await joinAs(s, g.gameCode, "kid");
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const { sessionId } = await startYear(s, g.gameId, { durationSeconds: 600 });
    // A consistent copy of the database as it was with the round open (the server keeps running);
    // in the copy, the round's deadline has passed while the server was stopped.
    const copy = join(s.dir, "copy.db");
    s.deps.db.$client.run(`VACUUM INTO '${copy}'`);
    const endsAt = Date.now() - 2_000;
    const file = new Database(copy);
    file.run("UPDATE rounds SET ends_at = ? WHERE id = ?", [endsAt, sessionId]);
    file.close();
    const later = await startServer({}, { prepare: (dbFile) => copyFileSync(copy, dbFile) });
    try {
      const status = () => later.deps.db.$client.query("SELECT status FROM rounds WHERE id = ?").get(sessionId) as { status: string };
      const deadline = Date.now() + 3000;
      while (status().status !== "finished" && Date.now() < deadline) await Bun.sleep(20);
      expect(status().status).toBe("finished");
      const state = (await (await fetch(`${later.url}/api/game-state?gameId=${g.gameId}`, { headers: later.teacher })).json()) as any;
      expect(state.round.status).toBe("finished");
    } finally {
      await later.stop();
    }
  });
});
