import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, joinAs, readSse, startServer, teacherBrowser, type TestServer } from "../support/server.ts";

const PAYLOAD = "<img src=x onerror=alert(1)>";
const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
// Typed nicknames are limited to 20 characters, so the full payload arrives as a roster name
// (up to 40); a 20-character payload is also typed by a student.
const TYPED = "<b onclick=alert(1)>";

let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
});
afterAll(async () => { await s.stop(); });

/** Markup outside attribute values (inside a quoted attribute, "<" is inert; kitajs escapes the quotes). */
function outsideAttributes(html: string): string {
  return html.replace(/="[^"]*"/g, '=""');
}

function expectEscaped(html: string) {
  expect(html).toContain(ESCAPED);
  expect(outsideAttributes(html)).not.toContain(PAYLOAD);
  expect(outsideAttributes(html)).not.toContain("<img src=x");
}

describe("attacker-controlled text is shown as text", () => {
  test("a nickname with HTML is escaped on the lobby, projector, seat and team pages and in live updates", async () => {
    const { gameId, gameCode } = await createGame(s, { title: `<script>alert("t")</script>` });
    const csv = `player_name,team_name\n"${PAYLOAD}",<b>bold</b>\nBo,B\n`;
    const form = new FormData();
    form.set("file", new File([csv], "roster.csv", { type: "text/csv" }));
    const preview = await (await teacher.fetch(`/teacher/games/${gameId}/roster/preview`, { method: "POST", body: form })).text();
    expectEscaped(preview);
    expect((await teacher.postForm(`/teacher/games/${gameId}/roster/save`, { csv })).status).toBe(303);
    const state = (await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json()) as any;
    expect(state.teams.map((t: any) => t.name)).toEqual(["<b>bold</b>", "B"]);
    const rosterId = s.deps.db.$client.query("SELECT id FROM roster_entries WHERE player_name = ?").get(PAYLOAD) as { id: number };
    // the teacher's stream is open before the join, so the update carrying the nickname is checked too
    const stream = await teacher.fetch(`/teacher/games/${gameId}/stream`);
    const student = await joinAs(s, gameCode, "", { rosterEntryId: rosterId.id });
    expect(student.res.status).toBe(200);
    expect(student.body.nickname).toBe(PAYLOAD);
    const frames = await readSse(stream, (t) => t.includes("onerror"), 3000);
    expectEscaped(frames);

    const lobby = await (await teacher.fetch(`/teacher/games/${gameId}`)).text();
    expectEscaped(lobby);
    expect(lobby).not.toContain(`<script>alert("t")</script>`);
    expect(outsideAttributes(lobby)).not.toContain("<b>bold</b>");
    expectEscaped(await (await fetch(`${s.url}/g/${gameCode}/screen`)).text());
    expectEscaped(await (await student.client.fetch(`/g/${gameCode}/play`)).text());
    const board = await (await fetch(`${s.url}/g/${gameCode}/team/1`)).text();
    expectEscaped(board);
    // the dashboard lists the title escaped
    const dash = await (await teacher.fetch("/teacher")).text();
    expect(dash).toContain("&lt;script&gt;");
    expect(dash).not.toContain(`<script>alert`);
  });

  test("a typed nickname with HTML is escaped on every page; the API returns it as data", async () => {
    const { gameId, gameCode } = await createGame(s);
    const student = await joinAs(s, gameCode, TYPED);
    expect(student.res.status).toBe(200);
    const escaped = "&lt;b onclick=alert(1)&gt;";
    for (const html of [
      await (await teacher.fetch(`/teacher/games/${gameId}`)).text(),
      await (await fetch(`${s.url}/g/${gameCode}/screen`)).text(),
      await (await student.client.fetch(`/g/${gameCode}/play`)).text(),
    ]) {
      expect(html).toContain(escaped);
      expect(outsideAttributes(html)).not.toContain(TYPED);
    }
    const state = (await (await fetch(`${s.url}/api/game-state?gameCode=${gameCode}`)).json()) as any;
    expect(state.participants[0].nickname).toBe(TYPED);
  });

  test("a Host header with markup does not inject into the projector page", async () => {
    const { gameCode } = await createGame(s);
    const res = await fetch(`${s.url}/g/${gameCode}/screen`, { headers: { host: `"><script>x</script>` } });
    expect(res.status).toBeLessThan(500);
    const html = await res.text();
    expect(html).not.toContain("<script>x</script>");
  });
});
