// The teacher's adjustments over HTTP: a ledger row with a reason, floored at 0, undone by a
// reversing row (never a delete), once; score, ledger and results agree; students are refused.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { seatedGame, startYear, submit, answersFor } from "../support/year.ts";
import { expectBooksBalance, teacherApi } from "../support/event.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.stop());

const count = (sql: string, ...args: (string | number)[]) => (s.deps.db.$client.query(sql).get(...args) as { n: number }).n;

describe("adjustments", () => {
  test("adjust and undo: the score, the ledger and the results agree; the floor at 0 holds; an undo is a reversing row, once", async () => {
    const g = await seatedGame(s, 2, 1);
    const [a, b] = [g.teams[0]!, g.teams[1]!];
    const plus = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: a.id, points: 30, reason: "Tidy desks" });
    expect(plus.status).toBe(201);
    expect(plus.body).toMatchObject({ teamId: a.id, applied: 30, teamScore: 30 });
    // Taking more than a team has stops at 0, and the row holds the change applied.
    const minus = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: a.id, points: -50, reason: "Shouting answers" });
    expect(minus.body).toMatchObject({ applied: -30, teamScore: 0 });
    expect(count("SELECT delta AS n FROM score_events WHERE id = ?", minus.body.eventId)).toBe(-30);
    await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: b.id, points: 7, reason: "Bonus" });
    await expectBooksBalance(s, g.gameId);
    let results = (await teacherApi(s, "GET", `/api/games/${g.gameId}/results`)).body;
    expect(results.brackets[0].teams.find((t: any) => t.teamId === a.id)).toMatchObject({ total: 0, adjustments: 0, rank: 2 });

    const rows = () => count("SELECT count(*) AS n FROM score_events WHERE game_id = ?", g.gameId);
    const before = rows();
    const undo = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust/${minus.body.eventId}/undo`);
    expect(undo.status).toBe(201);
    expect(undo.body).toMatchObject({ undoes: minus.body.eventId, applied: 30, teamScore: 30 });
    expect(rows()).toBe(before + 1); // a new row; nothing deleted
    const twice = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust/${minus.body.eventId}/undo`);
    expect(twice).toMatchObject({ status: 409, body: { error: { code: "already_undone" } } });
    expect(rows()).toBe(before + 1);
    // The ledger says which row undid which, and ends at the score.
    const ledger = (await teacherApi(s, "GET", `/api/games/${g.gameId}/ledger?teamId=${a.id}`)).body;
    expect(ledger.rows.map((r: any) => [r.source.kind, r.delta, r.total])).toEqual([["adjustment", 30, 30], ["adjustment", -30, 0], ["undo", 30, 30]]);
    expect(ledger.rows[0].source.note).toBe("Tidy desks");
    expect(ledger.rows[1].undoneBy).toBe(undo.body.eventId);
    expect(ledger.rows[2].source.undoes).toBe(minus.body.eventId);
    expect(ledger.rows[0].who).toBeNull();
    results = (await teacherApi(s, "GET", `/api/games/${g.gameId}/results`)).body;
    expect(results.brackets[0].teams.find((t: any) => t.teamId === a.id)).toMatchObject({ total: 30, adjustments: 30, rank: 1 });
    await expectBooksBalance(s, g.gameId);
  });

  test("only adjustments of this game can be undone; bad points and reasons are refused", async () => {
    const g = await seatedGame(s, 2, 1);
    const other = await seatedGame(s, 2, 1);
    const { sessionId, digits } = await startYear(s, g.gameId, { digits: [1, 3, 5, 7, 9] });
    expect((await submit(g.seats[0]![0]!, sessionId, answersFor(digits).get(25)!)).status).toBe(200);
    const roundRow = count("SELECT max(id) AS n FROM score_events WHERE game_id = ?", g.gameId);
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust/${roundRow}/undo`))).toMatchObject({ status: 409, body: { error: { code: "not_adjustment" } } });
    const theirs = await teacherApi(s, "POST", `/api/games/${other.gameId}/adjust`, { teamId: other.teams[0]!.id, points: 5, reason: "x" });
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust/${theirs.body.eventId}/undo`))).toMatchObject({ status: 404, body: { error: { code: "adjustment_not_found" } } });
    expect((await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: other.teams[0]!.id, points: 5, reason: "x" }))).toMatchObject({ status: 404, body: { error: { code: "team_not_found" } } });
    for (const [body, field] of [[{ points: 0, reason: "x" }, "points"], [{ points: 5, reason: "  " }, "reason"], [{ points: 5, reason: "a\u0000b" }, "reason"], [{ points: 1.5, reason: "x" }, "points"]] as const) {
      const r = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: g.teams[0]!.id, ...body });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("invalid_input");
      if (field === "reason" || body.points === 0) expect(r.body.error.detail.field).toBe(field);
    }
    await expectBooksBalance(s, g.gameId);
  });

  test("two undos of one adjustment at once: one reversing row, one already_undone", async () => {
    const g = await seatedGame(s, 2, 1);
    const adj = await teacherApi(s, "POST", `/api/games/${g.gameId}/adjust`, { teamId: g.teams[0]!.id, points: 40, reason: "Quiz bonus" });
    const both = await Promise.all([1, 2, 3].map(() => teacherApi(s, "POST", `/api/games/${g.gameId}/adjust/${adj.body.eventId}/undo`)));
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(count("SELECT count(*) AS n FROM score_events WHERE reason = ?", `adjust_undo:${adj.body.eventId}`)).toBe(1);
    await expectBooksBalance(s, g.gameId);
  });

  test("a student's token gets 403 on every event route", async () => {
    const g = await seatedGame(s, 2, 1);
    const student = { authorization: `Bearer ${g.seats[0]![0]!.token}`, "content-type": "application/json" };
    const calls: [string, string, unknown?][] = [
      ["POST", `/api/games/${g.gameId}/adjust`, { teamId: g.teams[0]!.id, points: 100, reason: "me" }],
      ["POST", `/api/games/${g.gameId}/adjust/1/undo`],
      ["GET", `/api/games/${g.gameId}/ledger`],
      ["GET", `/api/games/${g.gameId}/results`],
      ["GET", `/api/games/${g.gameId}/plan`],
      ["PUT", `/api/games/${g.gameId}/plan`, { rounds: [] }],
      ["POST", `/api/games/${g.gameId}/plan/1/skip`],
      ["POST", `/api/games/${g.gameId}/next-round`],
    ];
    for (const [method, path, body] of calls) {
      const res = await fetch(`${s.url}${path}`, { method, headers: student, body: body === undefined ? undefined : JSON.stringify(body) });
      expect([path, res.status]).toEqual([path, 403]);
      expect(((await res.json()) as any).error.code).toBe("forbidden");
    }
    expect(count("SELECT count(*) AS n FROM score_events WHERE game_id = ?", g.gameId)).toBe(0);
  });

  test("the teacher adjusts and undoes from a team's ledger page; the page lists the rows with a running total", async () => {
    const g = await seatedGame(s, 2, 1);
    const teamId = g.teams[1]!.id;
    const teacher = await teacherBrowser(s);
    const posted = await teacher.postForm(`/teacher/games/${g.gameId}/adjust`, { teamId: String(teamId), points: "12", reason: "Helped <b>clean</b>" });
    expect(posted.status).toBe(303);
    expect(posted.headers.get("location")).toBe(`/teacher/games/${g.gameId}/teams/${teamId}/ledger`);
    const page = await (await teacher.fetch(`/teacher/games/${g.gameId}/teams/${teamId}/ledger`)).text();
    expect(page).toContain("Helped &lt;b&gt;clean&lt;/b&gt;");
    expect(page).not.toContain("<b>clean</b>");
    const eventId = Number(/data-event-id="(\d+)"/.exec(page)![1]);
    expect(page).toContain(`/adjust/${eventId}/undo`);
    const bad = await teacher.postForm(`/teacher/games/${g.gameId}/adjust`, { teamId: String(teamId), points: "abc", reason: "x" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("notice-error");
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/adjust/${eventId}/undo`, {})).status).toBe(303);
    const after = await (await teacher.fetch(`/teacher/games/${g.gameId}/teams/${teamId}/ledger`)).text();
    expect(after).toContain('data-kind="undo"');
    expect(after).not.toContain(`/adjust/${eventId}/undo`);
    await expectBooksBalance(s, g.gameId);
  });
});
