// A join changes its own team's member list: that team's phones and the whole-game screens (the
// projector's team cards, the teacher's list) are told, never another team's phones. Real server,
// real streams: both the API's join and the page's form.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createGame, joinAs, phoneAddress, Client, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");

test("a student joining team 1 reaches team 1's phones and the projector; team 2's phones get no frame and no render", async () => {
  const g = await createGame(s, { teamCount: 2, joinMode: "choose" });
  const t1 = g.teams[0]!, t2 = g.teams[1]!;
  const seated = await Promise.all(([["ana", t1.id], ["ben", t1.id], ["cleo", t2.id], ["dan", t2.id]] as const).map(([name, teamId]) => joinAs(s, g.gameCode, name, { teamId })));
  const phones = await Promise.all(seated.map(({ client }) => openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: cookieOf(client) })));
  const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream`);
  await Promise.all(phones.map((p) => p.waitFor((t) => t.includes("seat-team"), 3000)));
  await screen.waitFor((t) => t.includes("dan"), 3000);
  await Bun.sleep(200);
  const named: (number[] | null)[] = [];
  const off = s.deps.bus.subscribe(g.gameId, (f) => named.push(f.teams ? [...f.teams] : null));
  const before = phones.map((p) => p.messages().length);
  // One by the API, one by the join form.
  expect((await joinAs(s, g.gameCode, "eve", { teamId: t1.id })).res.status).toBe(200);
  const form = await new Client(s.url, {}, phoneAddress()).visit();
  const posted = await form.postForm("/join", { gameCode: g.gameCode, nickname: "finn", teamId: String(t1.id) });
  expect(posted.status).toBeLessThan(400);
  await Promise.all(phones.slice(0, 2).map((p) => p.waitFor((t) => t.includes("eve") && t.includes("finn"), 3000)));
  await screen.waitFor((t) => t.includes("eve") && t.includes("finn"), 3000);
  await Bun.sleep(250);
  off();
  expect(named.length).toBeGreaterThan(0);
  expect(named.every((teams) => teams !== null && teams.every((id) => id === t1.id))).toBe(true);
  expect(phones[2]!.messages().length).toBe(before[2]!);
  expect(phones[3]!.messages().length).toBe(before[3]!);
  for (const p of [...phones, screen]) p.close();
});

test("a team's member list follows joins, moves and removals on its phones' pages and streams (it is drawn once per membership)", async () => {
  const g = await createGame(s, { teamCount: 2, joinMode: "choose" });
  const t1 = g.teams[0]!, t2 = g.teams[1]!;
  const [ana, ben, cleo] = await Promise.all(([["ana", t1.id], ["ben", t1.id], ["cleo", t2.id]] as const).map(([name, teamId]) => joinAs(s, g.gameCode, name, { teamId })));
  const teacher = await teacherBrowser(s);
  const listOn = async (seat: typeof ana) => {
    const page = await (await seat!.client.fetch(`/g/${g.gameCode}/play`)).text();
    const list = page.slice(page.indexOf('id="seat-team"'), page.indexOf("</ul>", page.indexOf('id="seat-team"')));
    return [...list.matchAll(/pid-(\d+)/g)].map((m) => Number(m[1]));
  };
  const id = (seat: typeof ana) => seat!.body.participantId as number;
  expect(await listOn(ana)).toEqual([id(ana), id(ben)]);
  const phone = await openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: cookieOf(ana!.client) });
  await phone.waitFor((t) => t.includes(`pid-${id(ben)}`), 3000);
  // Cleo moves in: Ana's page and stream list her; then Ben is removed, then Cleo moves back.
  expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${id(cleo)}/move`, { teamId: String(t1.id) }, { "hx-request": "true" })).status).toBe(200);
  expect(await listOn(ana)).toEqual([id(ana), id(ben), id(cleo)]);
  await phone.waitFor((t) => t.includes(`pid-${id(cleo)}`), 3000);
  expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${id(ben)}/kick`, {}, { "hx-request": "true" })).status).toBe(200);
  expect(await listOn(ana)).toEqual([id(ana), id(cleo)]);
  expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${id(cleo)}/move`, { teamId: String(t2.id) }, { "hx-request": "true" })).status).toBe(200);
  expect(await listOn(ana)).toEqual([id(ana)]);
  expect(await listOn(cleo)).toEqual([id(cleo)]);
  // A newcomer to team 1 is listed at once.
  const dan = await joinAs(s, g.gameCode, "dan", { teamId: t1.id });
  expect(await listOn(ana)).toEqual([id(ana), id(dan)]);
  // A removal and a join with no page read between them: the same number of members, another list.
  expect((await teacher.postForm(`/teacher/games/${g.gameId}/participants/${id(dan)}/kick`, {}, { "hx-request": "true" })).status).toBe(200);
  const eve = await joinAs(s, g.gameCode, "eve", { teamId: t1.id });
  expect(await listOn(ana)).toEqual([id(ana), id(eve)]);
  await phone.waitFor((t) => t.includes(`pid-${id(eve)}`), 3000);
  phone.close();
});
