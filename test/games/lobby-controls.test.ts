import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, joinAs, phoneAddress, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";
import { answersFor, seatedGame, startYear, submit } from "../support/year.ts";

let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
});
afterAll(async () => { await s.stop(); });

// As the teacher: a finished game's state is not public.
const state = async (gameId: number) => (await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json()) as any;
const htmx = { "hx-request": "true" };

describe("teacher lobby controls", () => {
  test("move, rename and kick change the lobby, and a watching projector sees each change", async () => {
    const g = await createGame(s, { teamCount: 3 });
    const a = await joinAs(s, g.gameCode, "Ana");
    const b = await joinAs(s, g.gameCode, "Ben");
    const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream?phase=lobby`);
    await screen.waitFor((t) => t.includes("Ben"));

    const to = g.teams[2]!.id;
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${a.body.participantId}/move`, { teamId: String(to) }, htmx)).status).toBe(200);
    expect((await state(g.gameId)).participants.find((p: any) => p.nickname === "Ana").teamId).toBe(to);

    expect((await teacher.postForm(`/teacher/games/${g.gameId}/teams/${to}/rename`, { name: "Owls 🦉" }, htmx)).status).toBe(200);
    await screen.waitFor((t) => t.includes("Owls 🦉"));

    expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${b.body.participantId}/kick`, {}, htmx)).status).toBe(200);
    expect((await state(g.gameId)).participants.map((p: any) => p.nickname)).toEqual(["Ana"]);
    // the lobby frame after the kick no longer lists Ben
    await screen.waitFor((t) => t.lastIndexOf("Owls") > t.lastIndexOf("Ben"));
    screen.close();
    // Ben may join again with the same nickname (it was freed)
    expect((await joinAs(s, g.gameCode, "Ben")).res.status).toBe(200);
  });

  test("a move to a team of another game, or of a student of another game, is refused and changes nothing", async () => {
    const g = await createGame(s);
    const other = await createGame(s);
    const a = await joinAs(s, g.gameCode, "Cleo");
    const x = await joinAs(s, other.gameCode, "Xavi");
    const r1 = await teacher.postForm(`/teacher/games/${g.gameId}/participants/${a.body.participantId}/move`, { teamId: String(other.teams[0]!.id) }, htmx);
    expect(r1.status).toBe(404);
    const r2 = await teacher.postForm(`/teacher/games/${g.gameId}/participants/${x.body.participantId}/move`, { teamId: String(g.teams[0]!.id) }, htmx);
    expect(r2.status).toBe(404);
    expect((await state(other.gameId)).participants[0].teamId).toBe(other.teams[0]!.id);
    const bad = await teacher.postForm(`/teacher/games/${g.gameId}/teams/${g.teams[0]!.id}/rename`, { name: "  " }, htmx);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("notice-error");
  });

  test("re-balance evens out the teams; shuffle deals everyone again; both keep every student", async () => {
    const g = await createGame(s, { teamCount: 3, joinMode: "choose", maxParticipants: 30 });
    for (let i = 0; i < 9; i++) await joinAs(s, g.gameCode, `p${i}`, { teamId: g.teams[0]!.id });
    let st = await state(g.gameId);
    expect(st.teams.map((t: any) => t.memberCount)).toEqual([9, 0, 0]);
    await teacher.postForm(`/teacher/games/${g.gameId}/rebalance`, {}, htmx);
    st = await state(g.gameId);
    expect(st.teams.map((t: any) => t.memberCount)).toEqual([3, 3, 3]);
    await teacher.postForm(`/teacher/games/${g.gameId}/shuffle`, {}, htmx);
    st = await state(g.gameId);
    expect(st.teams.map((t: any) => t.memberCount).sort()).toEqual([3, 3, 3]);
    expect(st.participants.length).toBe(9);
  });

  test("lock and unlock joining; start and finish; the dashboard lists games with counts", async () => {
    const g = await createGame(s, { title: "Lifecycle" });
    await joinAs(s, g.gameCode, "One");
    await teacher.postForm(`/teacher/games/${g.gameId}/lock`, {}, htmx);
    expect((await joinAs(s, g.gameCode, "Two")).body.error).toMatchObject({ code: "game_locked" });
    await teacher.postForm(`/teacher/games/${g.gameId}/unlock`, {}, htmx);
    expect((await joinAs(s, g.gameCode, "Two")).res.status).toBe(200);
    // plain form (no JavaScript): 303 back to the lobby
    const started = await teacher.postForm(`/teacher/games/${g.gameId}/start`, {});
    expect(started.status).toBe(303);
    expect(started.headers.get("location")).toBe(`/teacher/games/${g.gameId}`);
    expect((await state(g.gameId)).game.status).toBe("started");
    // late join is allowed while started
    expect((await joinAs(s, g.gameCode, "Three")).res.status).toBe(200);
    const again = await teacher.postForm(`/teacher/games/${g.gameId}/start`, {}, htmx);
    expect(again.status).toBe(409);
    await teacher.postForm(`/teacher/games/${g.gameId}/finish`, {}, htmx);
    const st = await state(g.gameId);
    expect(st.game.status).toBe("finished");
    expect(st.game.finishedAt).toBeGreaterThanOrEqual(st.game.startedAt);
    const list = (await (await fetch(`${s.url}/api/games`, { headers: s.teacher })).json()) as any;
    const row = list.games.find((x: any) => x.id === g.gameId);
    expect(row).toMatchObject({ status: "finished", participantCount: 3, teamCount: 4 });
    const dash = await (await teacher.fetch("/teacher")).text();
    expect(dash).toContain("Lifecycle");
  });

  test("the create form makes a game with the given team names and a two-digit code", async () => {
    const res = await teacher.postForm("/teacher/games", { title: "Form game", classLabel: "3-2", teamCount: "3", maxParticipants: "25", joinMode: "auto", teamNames: "Red\nBlue\n" });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get("location")!.split("/").pop());
    const st = await state(id);
    // A teacher whose browser asks for no language reads Korean: default names are "3팀"; in English "Team 3".
    expect(st.teams.map((t: any) => t.name)).toEqual(["Red", "Blue", "3팀"]);
    expect(st.game.code).toMatch(/^\d{2}$/);
    expect(st.game.classLabel).toBe("3-2");
    const en = await teacher.postForm("/teacher/games", { title: "Form game", teamCount: "2", maxParticipants: "25" }, { "accept-language": "en" });
    expect((await state(Number(en.headers.get("location")!.split("/").pop()))).teams.map((t: any) => t.name)).toEqual(["Team 1", "Team 2"]);
    const bad = await teacher.postForm("/teacher/games", { title: "x", teamCount: "25", maxParticipants: "10" }, htmx);
    expect(bad.status).toBe(400);
  });

  test("latecomers: the create form can refuse them, and the lobby toggles it for a started game", async () => {
    const res = await teacher.postForm("/teacher/games", { title: "Late", teamCount: "2", maxParticipants: "10", lateJoin: "off" });
    expect(res.status).toBe(303);
    const id = Number(res.headers.get("location")!.split("/").pop());
    const code = (await state(id)).game.code as string;
    expect((await joinAs(s, code, "Early")).res.status).toBe(200);
    expect((await teacher.postForm(`/teacher/games/${id}/start`, {}, htmx)).status).toBe(200);
    const late = await joinAs(s, code, "Late1");
    expect(late.res.status).toBe(409);
    expect((late.body as any).error.code).toBe("game_not_joinable");
    const lobby = await (await teacher.fetch(`/teacher/games/${id}`)).text();
    expect(lobby).toContain("시작 후 참가 불가"); // the teacher's browser sends no language: Korean
    expect(lobby).toContain(`action="/teacher/games/${id}/late-join-on"`);
    expect((await teacher.postForm(`/teacher/games/${id}/late-join-on`, {}, htmx)).status).toBe(200);
    expect((await joinAs(s, code, "Late2")).res.status).toBe(200);
    expect((await teacher.postForm(`/teacher/games/${id}/late-join-off`, {}, htmx)).status).toBe(200);
    expect((await joinAs(s, code, "Late3")).res.status).toBe(409);
    expect((await state(id)).participants.map((p: any) => p.nickname).sort()).toEqual(["Early", "Late2"]);
  });

  test("game creation is rate limited per client (5 per hour by default)", async () => {
    const limited = await startServer({ rateLimitCreate: { limit: 5, windowMs: 3_600_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await fetch(`${limited.url}/api/create-game`, { method: "POST", headers: limited.teacher, body: JSON.stringify({ title: `g${i}`, teamCount: 2, maxParticipants: 5 }) })).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    } finally {
      await limited.stop();
    }
  });

  test("the lobby counts seats per network address, and removes every seat of one address at once (page and API)", async () => {
    const g = await createGame(s, { maxParticipants: 40 });
    const [router, script, lone] = [phoneAddress(), phoneAddress(), phoneAddress()];
    for (let i = 0; i < 3; i++) await joinAs(s, g.gameCode, `class${i}`, {}, router);
    const bots = [];
    for (let i = 0; i < 5; i++) bots.push(await joinAs(s, g.gameCode, `bot${i}`, {}, script));
    await joinAs(s, g.gameCode, "alone", {}, lone);
    const lobby = await (await teacher.fetch(`/teacher/games/${g.gameId}`)).text();
    const rows = [...lobby.matchAll(/<tr><td><code>([^<]+)<\/code><\/td><td>(\d+) /g)].map((m) => [m[1], Number(m[2])]);
    expect(rows).toEqual([[script, 5], [router, 3], [lone, 1]]);
    // The teacher removes the script's address: its five seats go, their cookies stop working, the class stays.
    const removed = await teacher.postForm(`/teacher/games/${g.gameId}/addresses/remove`, { address: script }, htmx);
    expect(removed.status).toBe(200);
    expect((await state(g.gameId)).participants.map((p: any) => p.nickname).sort()).toEqual(["alone", "class0", "class1", "class2"]);
    expect((await bots[0]!.client.fetch(`/g/${g.gameCode}/play`)).status).toBe(303);
    // Again: nothing left there.
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/addresses/remove`, { address: script }, htmx)).status).toBe(404);
    // The API does the same for a script of the teacher's own.
    const api = await fetch(`${s.url}/api/games/${g.gameId}/addresses/remove`, { method: "POST", headers: s.teacher, body: JSON.stringify({ address: router }) });
    expect(await api.json()).toEqual({ gameId: g.gameId, address: router, removed: 3 });
    expect((await state(g.gameId)).participants.map((p: any) => p.nickname)).toEqual(["alone"]);
    // Students cannot.
    const kid = await joinAs(s, g.gameCode, "kid");
    expect((await kid.client.postJson(`/api/games/${g.gameId}/addresses/remove`, { address: lone })).status).toBe(403);
  });
});

describe("removing a student who scored", () => {
  test("the seat goes, the team keeps its points: the ledger rows stay (without the student), and they still cannot be changed", async () => {
    const g = await seatedGame(s, 2, 1);
    const { sessionId, digits } = await startYear(s, g.gameId);
    const seat = g.seats[0]![0]!;
    const ok = await submit(seat, sessionId, answersFor(digits).get(25)!);
    expect(ok.status).toBe(200);
    const teacher = await teacherBrowser(s);
    const kicked = await teacher.postForm(`/teacher/games/${g.gameId}/participants/${seat.participantId}/kick`, {}, { "HX-Request": "true" });
    expect(kicked.status).toBe(200);
    const row = s.deps.db.$client.query("SELECT participant_id, delta FROM score_events WHERE team_id = ?").get(seat.teamId) as { participant_id: number | null; delta: number };
    expect(row).toEqual({ participant_id: null, delta: 25 });
    expect(() => s.deps.db.$client.run("UPDATE score_events SET delta = 1 WHERE team_id = ?", [seat.teamId])).toThrow(/append_only/);
    expect(() => s.deps.db.$client.run("UPDATE score_events SET participant_id = 999 WHERE team_id = ?", [seat.teamId])).toThrow(/append_only/);
  });
});

test("a member's ⋯ link leads, without the lobby's script, to a page whose plain forms move and remove the student", async () => {
  const g = await createGame(s, { teamCount: 2, teamNames: ["Foxes", "<b>Owls</b>"] });
  const a = await joinAs(s, g.gameCode, "<i>Ana</i>");
  const page = `/teacher/games/${g.gameId}/participants/${a.body.participantId}`;
  const lobby = await (await teacher.fetch(`/teacher/games/${g.gameId}`)).text();
  expect(lobby).toContain(`href="${page}"`);
  const res = await teacher.fetch(page);
  expect(res.status).toBe(200);
  const body = await res.text();
  expect(body).toContain("&lt;i&gt;Ana&lt;/i&gt;");
  expect(body).toContain("&lt;b&gt;Owls&lt;/b&gt;");
  expect(body).not.toContain("<i>Ana</i>");
  expect(body).toContain(`action="${page}/move"`);
  expect(body).toContain(`action="${page}/kick"`);
  // A plain form post (no htmx) answers with the lobby.
  const moved = await teacher.postForm(`${page}/move`, { teamId: String(g.teams[1]!.id) });
  expect(moved.status).toBe(303);
  expect(moved.headers.get("location")).toBe(`/teacher/games/${g.gameId}`);
  expect((await state(g.gameId)).participants[0].teamId).toBe(g.teams[1]!.id);
  expect((await teacher.postForm(`${page}/kick`, {})).status).toBe(303);
  expect((await teacher.fetch(page)).status).toBe(404);
  expect((await teacher.fetch(`/teacher/games/${g.gameId}/participants/999999`)).status).toBe(404);
});

// Runs last: every test above joined, moved, removed, re-balanced or shuffled students.
test("each team's cached member count (teams.member_count, kept by triggers) still equals its rows", () => {
  const c = s.deps.db.$client;
  const off = c.query("SELECT id, member_count AS cached, (SELECT count(*) FROM participants p WHERE p.team_id = teams.id) AS rows FROM teams WHERE member_count <> (SELECT count(*) FROM participants p WHERE p.team_id = teams.id)").all();
  expect(off).toEqual([]);
  expect((c.query("SELECT count(*) AS n FROM teams WHERE member_count > 0").get() as { n: number }).n).toBeGreaterThan(5);
});
