// The teacher's analytics and results pages over HTTP: a chart per bracket for 20 teams and 4
// rounds, a placeholder for a game without points, coverage and answer statistics per round.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, phoneAddress, teacherBrowser, type TestServer, startServer } from "../support/server.ts";
import { answersFor, submit, type Seat } from "../support/year.ts";
import { addStealQuestions, answer, teacherAct } from "../support/steal.ts";
import { expectBooksBalance, teacherApi } from "../support/event.ts";
import { playShortRelay } from "../support/relay.ts";
import { roundAnalytics } from "../../src/event/analytics.ts";

let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
  addStealQuestions(s, [{ text: "2 + 2 = ?", answer: "4", points: 100 }]);
});
afterAll(() => s.stop());

const DIGITS = [1, 3, 5, 7, 9];

describe("analytics", () => {
  test("a chart renders for a game with 20 teams and 4 rounds: one chart per bracket, a line per team, the round boundaries marked", async () => {
    const brackets = Array.from({ length: 20 }, (_, i) => (i < 10 ? "Higher" : "Lower"));
    const game = await createGame(s, { teamCount: 20, maxParticipants: 20, joinMode: "choose", teamBrackets: brackets, plan: [
      { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } },
      { type: "score_steal", settings: { wrongPenalty: 10 } },
      { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600 } },
      { type: "year_game", settings: { digits: DIGITS, durationSeconds: 600, scoring: "flat", flatPoints: 5 } },
    ] });
    const seats: Seat[] = await Promise.all(game.teams.map(async (t, i) => {
      const client = await new Client(s.url, {}, phoneAddress()).visit();
      const body = (await (await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname: `p${i}`, teamId: t.id })).json()) as any;
      return { client, participantId: body.participantId, teamId: t.id, token: body.token, nickname: `p${i}` };
    }));
    expect((await teacherApi(s, "POST", `/api/games/${game.gameId}/start`)).status).toBe(200);
    const targets = [...answersFor(DIGITS).keys()].sort((a, b) => a - b);
    for (let round = 1; round <= 4; round++) {
      const r = await teacherApi(s, "POST", `/api/games/${game.gameId}/next-round`);
      expect(r.status).toBe(201);
      if (r.body.type === "year_game") {
        // Team i finds i % 7 + 1 numbers, so the lines differ.
        await Promise.all(seats.map(async (seat, i) => {
          for (const n of targets.slice(i % 5, i % 5 + (i % 7) + 1)) expect((await submit(seat, r.body.sessionId, answersFor(DIGITS).get(n)!)).status).toBe(200);
        }));
      } else {
        await teacherAct(s, game.gameId, r.body.sessionId, "open");
        await Promise.all(seats.map((seat, i) => answer(seat, r.body.sessionId, i % 3 === 0 ? "4" : "5")));
        await teacherAct(s, game.gameId, r.body.sessionId, "steal-for", { teamId: seats[0]!.teamId, targetTeamId: seats[1]!.teamId });
        await teacherAct(s, game.gameId, r.body.sessionId, "steal-for", { teamId: seats[12]!.teamId, targetTeamId: null });
      }
      expect((await teacherAct(s, game.gameId, r.body.sessionId, "end")).status).toBe(200);
    }
    await expectBooksBalance(s, game.gameId);
    const res = await teacher.fetch(`/teacher/games/${game.gameId}/analytics`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const charts = html.split('<figure class="score-chart">').slice(1);
    expect(charts.length).toBe(2);
    for (const chart of charts) {
      const paths = [...chart.matchAll(/<path d="([^"]*)"[^>]*data-team-id="(\d+)"/g)];
      expect(paths.length).toBe(10);
      // d3-shape's step line: starts with a move, then horizontal/vertical steps, no NaN.
      for (const [, d] of paths) expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+$/);
      expect((chart.match(/<g class="round-band">/g) ?? []).length).toBe(4);
      expect((chart.match(/<li><svg width="34"/g) ?? []).length).toBe(10);
    }
    // Per round: points per team for all four; Score Steal accuracy and median time; Year Game coverage.
    expect((html.match(/class="card round-analytics"/g) ?? []).length).toBe(4);
    expect(html).toContain('class="yg-heat"');
    expect((html.match(/<ol class="yg-heat"[^>]*>(.*?)<\/ol>/)?.[1]?.match(/<li /g) ?? []).length).toBe(100);
    expect(html).toMatch(/class="yg-unfound"/);
    const steal = html.split('class="card round-analytics"')[2]!;
    expect(steal).toMatch(/<th scope="row">2 \+ 2 = \?<\/th><td class="num">20<\/td><td class="num">35%<\/td>/); // 7 of the 20 teams answered right
    expect(steal).toMatch(/\d+\.\d s/);
    // The statistics card.
    expect(html).toMatch(/<dt>(Participants|참가자)<\/dt><dd>20<\/dd>/);
    expect(html).toMatch(/<dt>(Rounds played|진행한 라운드)<\/dt><dd>4<\/dd>/);
    // Printable: the stylesheet has print rules and the chart needs no script.
    const css = await (await fetch(`${s.url}/public/app.css`)).text();
    expect(css).toContain("@media print");
    expect(charts.join("")).not.toContain("<script");
  }, 60_000);

  test("after a played relay: per question its answers, accuracy and hints; per team answers, accuracy, hints and points — in the data and on the page, in en and ko", async () => {
    const g = await playShortRelay(s, "an", 30);
    const [P, Q] = g.bank.map((b) => b.set) as [string, string];
    const [t1, t2] = g.seats.map((team) => team[0]!.teamId) as [number, number];
    const [r] = roundAnalytics(s.deps.db, g.gameId);
    expect(r!.round.status).toBe("finished");
    const byQuestion = (what: string) => r!.questions.find((q) => q.what.startsWith(what))!;
    expect([`${P}-1:`, `${Q}-1:`, `${P}-2:`, `${Q}-2:`].map((k) => { const q = byQuestion(k); return [k, q.answers, q.correct, q.hints]; })).toEqual([
      [`${P}-1:`, 2, 2, 0], [`${Q}-1:`, 2, 1, 0], [`${P}-2:`, 2, 2, 0], [`${Q}-2:`, 2, 2, 1],
    ]);
    expect(r!.questions.length).toBe(4);
    expect(r!.teams.map((t) => [t.teamId, t.answers, t.correct, t.hints])).toEqual([[t1, 4, 3, 1], [t2, 4, 4, 0]]);
    expect(r!.points.map((p) => [p.teamId, p.points])).toEqual([[t1, 300 - 30], [t2, 400]]);
    await expectBooksBalance(s, g.gameId);

    for (const [lang, words] of [["en", { hints: "Hints", question: "Question" }], ["ko", { hints: "힌트", question: "문제" }]] as const) {
      const html = await (await fetch(`${s.url}/teacher/games/${g.gameId}/analytics`, { headers: { authorization: `Bearer ${s.teacherToken}`, "accept-language": lang } })).text();
      const section = html.split('class="card round-analytics"')[1]!;
      // Per team: points, answers, accuracy, median time (relay rows carry none: "—"), hints.
      expect(section).toMatch(new RegExp(`<tr data-team-id="${t1}"><th scope="row">[^<]+</th><td class="num">270</td><td class="num">4</td><td class="num">75%</td><td class="num">(—|[\\d.]+ s)</td><td class="num">1</td></tr>`));
      expect(section).toMatch(new RegExp(`<tr data-team-id="${t2}"><th scope="row">[^<]+</th><td class="num">400</td><td class="num">4</td><td class="num">100%</td><td class="num">(—|[\\d.]+ s)</td><td class="num">0</td></tr>`));
      // Per question: answers, accuracy and hints, the question's text escaped.
      const questions = section.match(/<details class="round-questions">.*?<\/details>/s)![0];
      expect(questions).toContain(`<summary>${words.question} (4)</summary>`);
      expect(questions).toContain(`<th scope="col">${words.hints}</th>`);
      const row = (set: string, n: number) => questions.match(new RegExp(`<tr><th scope="row">${set}-${n}: [^<]*</th>(.*?)</tr>`))?.[1];
      expect([row(P, 1), row(Q, 1), row(P, 2), row(Q, 2)]).toEqual([
        '<td class="num">2</td><td class="num">100%</td><td class="num">0</td>',
        '<td class="num">2</td><td class="num">50%</td><td class="num">0</td>',
        '<td class="num">2</td><td class="num">100%</td><td class="num">0</td>',
        '<td class="num">2</td><td class="num">100%</td><td class="num">1</td>',
      ]);
      expect(questions).toContain(`${Q}-2: ${Q}·2: with $T$ the previous answer, what is $T + 1$?`);
    }
  });

  test("a game with no points renders a placeholder, not an error, on the analytics and results pages", async () => {
    const game = await createGame(s, { teamCount: 3 });
    const analytics = await teacher.fetch(`/teacher/games/${game.gameId}/analytics`);
    expect(analytics.status).toBe(200);
    const html = await analytics.text();
    expect(html).toContain("chart-empty");
    expect(html).not.toContain("<figure");
    const results = await teacher.fetch(`/teacher/games/${game.gameId}/results`);
    expect(results.status).toBe(200);
    expect((await teacherApi(s, "GET", `/api/games/${game.gameId}/results`)).body.brackets[0].teams.map((t: any) => t.rank)).toEqual([1, 1, 1]);
  });
});
