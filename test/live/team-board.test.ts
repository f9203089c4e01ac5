// Team boards show a team's own work — each number's expression and who found it — only to the
// teacher, a seat on that team, or the board link the teacher's lobby gives out. Anyone else
// (another team's student, a visitor) gets the projector's view: counts only, page and stream.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, startServer, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";
import { answersFor, seatedGame, startYear, submit, type Seat } from "../support/year.ts";

let s: TestServer;
let code: string;
let gameId: number;
let team1: Seat;
let team2: Seat;
/** What team 2 found, as its board would show it. */
let secret: { n: number; expression: string };

const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
/** Does this text show team 2's find — its expression or its finder? */
const leaks = (text: string) => text.includes(Bun.escapeHTML(secret.expression)) || text.includes(secret.expression) || text.includes(`${team2.nickname}:`);

async function boardKeyOf(position: number): Promise<string> {
  const row = s.deps.db.$client.query("SELECT board_key AS k FROM teams WHERE game_id = ? AND position = ?").get(gameId, position) as { k: string };
  return row.k;
}

/** The board page and the first frame of its stream, as `client` (cookies) sees them. */
async function board(client: Client, position: number, query = ""): Promise<{ page: string; stream: string }> {
  const page = await client.fetch(`/g/${code}/team/${position}${query ? `?${query}` : ""}`);
  expect(page.status).toBe(200);
  const sse = await openSse(`${s.url}/g/${code}/team/${position}/stream${query ? `?${query}` : ""}`, { ...client.extraHeaders, cookie: cookieOf(client) }, client.address ? { address: client.address } : {});
  try {
    expect(sse.status).toBe(200);
    return { page: await page.text(), stream: await sse.waitFor((t) => t.includes("data: "), 5000) };
  } finally {
    sse.close();
  }
}

beforeAll(async () => {
  s = await startServer();
  const g = await seatedGame(s, 2, 1);
  [code, gameId] = [g.gameCode, g.gameId];
  [team1, team2] = [g.seats[0]![0]!, g.seats[1]![0]!];
  const { sessionId, digits } = await startYear(s, gameId, { durationSeconds: 600 });
  const [n, expression] = [...answersFor(digits)].find(([target]) => target === 42)!;
  const res = (await (await submit(team2, sessionId, expression)).json()) as { correct: boolean; expression: string };
  expect(res.correct).toBe(true);
  secret = { n, expression: res.expression };
});
afterAll(async () => { await s.stop(); });

describe("team boards are private to their team", () => {
  test("a student of team 1 gets no expression of team 2 from the board page or its stream, only the projector's counts", async () => {
    const seen = await board(team1.client, 2);
    expect(leaks(seen.page)).toBe(false);
    expect(leaks(seen.stream)).toBe(false);
    // The projector's view: team 2 has found one number.
    expect(seen.page).toContain('class="found-count"');
    expect(seen.page).not.toContain(`class="found" data-n="${secret.n}"`);
  });

  test("a visitor with no seat, or a made-up board key, sees the projector's view too", async () => {
    for (const query of ["", "key=00000000000000000000000000000000", `key=${(await boardKeyOf(1))}`]) {
      const seen = await board(new Client(s.url), 2, query);
      expect(leaks(seen.page), query).toBe(false);
      expect(leaks(seen.stream), query).toBe(false);
    }
  });

  test("team 2's own student, the teacher, and the board link from the lobby see team 2's work", async () => {
    const teacher = new Client(s.url, { authorization: `Bearer ${s.teacherToken}` });
    const lobby = await (await teacher.fetch(`/teacher/games/${gameId}`)).text();
    const link = new RegExp(`href="/g/${code}/team/2\\?key=([0-9a-f]{32})"`).exec(lobby);
    expect(link?.[1]).toBe(await boardKeyOf(2));
    for (const [who, client, query] of [["own student", team2.client, ""], ["teacher", teacher, ""], ["board link", new Client(s.url), `key=${link![1]}`]] as const) {
      const seen = await board(client, 2, query);
      expect(leaks(seen.page), who).toBe(true);
      expect(leaks(seen.stream), who).toBe(true);
    }
  });

  test("the board link's key is carried to the board's stream, and the page says why a visitor sees less", async () => {
    const key = await boardKeyOf(2);
    const own = await (await new Client(s.url).fetch(`/g/${code}/team/2?key=${key}`)).text();
    expect(own).toContain(`/stream?phase=`);
    expect(own).toMatch(new RegExp(`/g/${code}/team/2/stream\\?phase=[^"]*&(amp;)?key=${key}"`));
    const visitor = await (await new Client(s.url).fetch(`/g/${code}/team/2`)).text();
    expect(visitor).not.toContain("key=");
    expect(visitor).toContain("프로젝터와 같은 화면");
  });

  test("a student moved to another team stops seeing the old team's board: its stream tells the page to reload", async () => {
    const g = await seatedGame(s, 2, 1);
    const kid = g.seats[0]![0]!;
    const cookie = cookieOf(kid.client);
    const stream = await openSse(`${s.url}/g/${g.gameCode}/team/1/stream?phase=lobby-started`, { cookie }, { address: kid.client.address });
    try {
      expect(stream.status).toBe(200);
      await Bun.sleep(100);
      const moved = await fetch(`${s.url}/teacher/games/${g.gameId}/participants/${kid.participantId}/move`, { method: "POST", headers: { authorization: `Bearer ${s.teacherToken}`, "content-type": "application/x-www-form-urlencoded" }, body: `teamId=${g.seats[1]![0]!.teamId}`, redirect: "manual" });
      expect(moved.status).toBe(303);
      await stream.waitFor((t) => t.includes("event: tmc:reload"), 5000);
    } finally {
      stream.close();
    }
  });
});
