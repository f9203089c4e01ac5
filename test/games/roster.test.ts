import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { previewRoster, type RosterProblem } from "../../src/games/roster.ts";
import { rosterProblemText } from "../../views/games/roster.tsx";
import { Client, createGame, joinAs, startServer, teacherBrowser, type TestServer } from "../support/server.ts";

let s: TestServer;
let teacher: Client;
beforeAll(async () => {
  s = await startServer();
  teacher = await teacherBrowser(s);
});
afterAll(async () => { await s.stop(); });

const KOREAN = "\uFEFFplayer_name,team_name,bracket,player_number\n김민수,호랑이,Higher,1\n이서연,호랑이,Higher,2\n박지훈,독수리,Lower,3\n최유나,독수리,Lower,4\n정하늘,곰,Higher,5\n";

async function upload(gameId: number, csv: string) {
  const form = new FormData();
  form.set("file", new File([csv], "roster.csv", { type: "text/csv" }));
  return teacher.fetch(`/teacher/games/${gameId}/roster/preview`, { method: "POST", body: form, headers: { "hx-request": "true" } });
}

describe("roster import", () => {
  test("a UTF-8 CSV with a BOM keeps Korean names; the preview lists rows and teams", () => {
    const p = previewRoster(KOREAN);
    expect(p.valid).toBe(true);
    expect(p.rows.map((r) => r.playerName)).toEqual(["김민수", "이서연", "박지훈", "최유나", "정하늘"]);
    expect(p.teams).toEqual([{ name: "호랑이", bracket: "Higher", size: 2 }, { name: "독수리", bracket: "Lower", size: 2 }, { name: "곰", bracket: "Higher", size: 1 }]);
  });

  test("problems are shown per row before anything is saved", () => {
    const p = previewRoster("player_name,team_name\nAmy,A\n,A\namy ,B\nBob,\nCarl,C\n");
    expect(p.valid).toBe(false);
    const said = (errors: RosterProblem[]) => errors.map((e) => rosterProblemText(e, "en")).join();
    expect(said(p.rows[1]!.errors)).toContain("player_name");
    expect(said(p.rows[2]!.errors)).toContain("duplicate");
    expect(said(p.rows[3]!.errors)).toContain("team_name");
    expect(said(previewRoster("name,team\nA,B\n").errors)).toContain("player_name");
    expect(said(previewRoster("player_name,team_name\nA,T1\n").errors)).toContain("2–20");
  });

  test("saving replaces the teams in one transaction; students pick their name; a name is claimed once; brackets rank apart", async () => {
    const g = await createGame(s, { teamCount: 2 });
    const preview = await upload(g.gameId, KOREAN);
    const html = await preview.text();
    expect(html).toContain("김민수");
    expect(html).toContain("name=\"csv\"");
    const bad = await upload(g.gameId, "player_name,team_name\n,A\n");
    expect(await bad.text()).not.toContain('name="csv"');

    expect((await teacher.postForm(`/teacher/games/${g.gameId}/roster/save`, { csv: KOREAN }, { "hx-request": "true" })).status).toBe(200);
    const st = (await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as any;
    expect(st.game.joinMode).toBe("roster");
    expect(st.teams.map((t: any) => [t.name, t.bracket])).toEqual([["호랑이", "Higher"], ["독수리", "Lower"], ["곰", "Higher"]]);
    expect(st.brackets).toEqual(["Higher", "Lower"]);

    const joinPage = await (await new Client(s.url).fetch(`/join?code=${g.gameCode}`)).text();
    expect(joinPage).toContain("김민수");
    const rosterId = (name: string) => (s.deps.db.$client.query("SELECT id FROM roster_entries WHERE player_name = ?").get(name) as { id: number }).id;
    const minsu = await joinAs(s, g.gameCode, "", { rosterEntryId: rosterId("김민수") });
    expect(minsu.body).toMatchObject({ nickname: "김민수", teamId: st.teams[0].id });
    const twin = await joinAs(s, g.gameCode, "", { rosterEntryId: rosterId("김민수") });
    expect(twin.body.error).toMatchObject({ code: "roster_name_taken" });
    expect((await joinAs(s, g.gameCode, "free typing")).body.error).toMatchObject({ code: "roster_required" });
    // the claimed name disappears from the picker
    const after = await (await new Client(s.url).fetch(`/join?code=${g.gameCode}`)).text();
    expect(after).not.toContain("김민수");

    // the projector shows the brackets side by side, Higher first
    const start = await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    expect(start.status).toBe(200);
    const screen = await (await fetch(`${s.url}/g/${g.gameCode}/screen`)).text();
    expect(screen.indexOf(">Higher<")).toBeGreaterThan(0);
    expect(screen.indexOf(">Higher<")).toBeLessThan(screen.indexOf(">Lower<"));
    // ranked separately: each bracket has its own rank 1
    expect((await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json() as any).teams.filter((t: any) => t.rank === 1).length).toBe(3);
  });

  test("a roster cannot replace teams once students have joined", async () => {
    const g = await createGame(s);
    await joinAs(s, g.gameCode, "early");
    const r = await teacher.postForm(`/teacher/games/${g.gameId}/roster/save`, { csv: KOREAN }, { "hx-request": "true" });
    expect(r.status).toBe(409);
    expect(((await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as any).teams.length).toBe(4);
  });

  test("a pin column: every name needs its PIN — a script that reads the names off the join page cannot claim them", async () => {
    const csv = "player_name,team_name,pin\nAda,Red,4821\nBo,Red,7730\nCy,Blue,1955\nDee,Blue,30a9\n";
    const p = previewRoster(csv);
    expect(p.valid).toBe(true);
    expect(p.pins).toBe(true);
    // A PIN column with a blank, a long or an odd PIN is a problem of that row, worded for the teacher.
    const bad = previewRoster("player_name,team_name,pin\nAda,Red,\nBo,Red,1234567890123\nCy,Blue,12-3\nDee,Blue,1\n");
    expect(bad.valid).toBe(false);
    expect(bad.rows.slice(0, 3).map((r) => r.errors.map((e) => rosterProblemText(e, "en")).join())).toEqual([
      "pin: empty (the file has a pin column, so every name needs one)", "pin: longer than 12 characters", "pin: only letters and digits",
    ]);
    expect(rosterProblemText(bad.rows[0]!.errors[0]!, "ko")).toContain("PIN");

    const g = await createGame(s, { teamCount: 2 });
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/roster/save`, { csv }, { "hx-request": "true" })).status).toBe(200);
    const page = await (await new Client(s.url).fetch(`/join?code=${g.gameCode}`)).text();
    expect(page).toContain('name="pin"');
    for (const pin of ["4821", "7730", "1955", "30a9"]) expect(page).not.toContain(pin);
    const id = (name: string) => (s.deps.db.$client.query("SELECT id FROM roster_entries WHERE game_id = ? AND player_name = ?").get(g.gameId, name) as { id: number }).id;
    // The attack: claim every name on the page. Without the PIN, or with a wrong one, nothing is claimed.
    const grabs = await Promise.all(["Ada", "Bo", "Cy", "Dee"].flatMap((name) => [{}, { pin: "0000" }].map((extra) => joinAs(s, g.gameCode, "", { rosterEntryId: id(name), ...extra }))));
    expect(grabs.map((x) => [x.res.status, (x.body.error as { code?: string })?.code])).toEqual(Array(8).fill([403, "wrong_pin"]));
    expect((grabs[0]!.body.error as { message: string }).message).toContain("PIN");
    // The student with the PIN gets the name, through the API and through the form.
    const ada = await joinAs(s, g.gameCode, "", { rosterEntryId: id("Ada"), pin: "4821" });
    expect(ada.body).toMatchObject({ nickname: "Ada" });
    const bo = await new Client(s.url, {}, ada.client.address).visit();
    expect((await bo.postForm("/join", { gameCode: g.gameCode, rosterEntryId: String(id("Bo")), pin: " 7730 " })).status).toBe(303);
    const wrong = await (await new Client(s.url).visit()).postForm("/join", { gameCode: g.gameCode, rosterEntryId: String(id("Cy")), pin: "9999" });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain("PIN");
  });

  test("without a pin column, names are claimed as before (no PIN asked)", async () => {
    const g = await createGame(s, { teamCount: 2 });
    expect((await teacher.postForm(`/teacher/games/${g.gameId}/roster/save`, { csv: KOREAN }, { "hx-request": "true" })).status).toBe(200);
    expect(await (await new Client(s.url).fetch(`/join?code=${g.gameCode}`)).text()).not.toContain('name="pin"');
  });
});
