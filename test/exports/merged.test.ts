// Merged results: one event run in three class periods, ranked as one competition per bracket,
// with each team's class and game; the same table as XLSX and CSV; chosen from the dashboard.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { write } from "../../src/db/client.ts";
import { award } from "../../src/scoring/ledger.ts";
import { createGame, startServer, teacherBrowser, type TestServer } from "../support/server.ts";

let s: TestServer;
const games: { gameId: number; teams: { id: number; name: string }[] }[] = [];

/** Scores go through the ledger, as every score does. */
function score(teamId: number, gameId: number, points: number) {
  write(s.deps.db, (tx) => award(tx, { gameId, teamId, roundId: null, participantId: null, delta: points, reason: "test" }));
}

beforeAll(async () => {
  s = await startServer();
  for (const [i, classLabel] of ["1반", "2반", "3반"].entries()) {
    const g = await createGame(s, { title: "Spring TMC", classLabel, teamCount: 4, teamNames: [`H${i + 1}a`, `H${i + 1}b`, `L${i + 1}a`, `L${i + 1}b`], teamBrackets: ["Higher", "Higher", "Lower", "Lower"] });
    games.push(g);
  }
  // Higher: H2a 300, H1a 250, H3a 250 (tie), H1b 100 …  Lower: L3b 90, L1a 80, others 0.
  const [g1, g2, g3] = games as [typeof games[0], typeof games[0], typeof games[0]];
  score(g1.teams[0]!.id, g1.gameId, 250);
  score(g1.teams[1]!.id, g1.gameId, 100);
  score(g2.teams[0]!.id, g2.gameId, 300);
  score(g3.teams[0]!.id, g3.gameId, 250);
  score(g1.teams[2]!.id, g1.gameId, 80);
  score(g3.teams[3]!.id, g3.gameId, 90);
});
afterAll(() => s.stop());

const get = (path: string) => fetch(s.url + path, { headers: { authorization: `Bearer ${s.teacherToken}`, "accept-language": "en" } });
const ids = () => games.map((g) => g.gameId).join(",");

describe("merged results across classes", () => {
  test("every team of the chosen games is ranked per bracket across games, ties equal, with its class and game", async () => {
    const res = await get(`/api/results/merged?games=${ids()}&format=json`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { games: { id: number; classLabel: string }[]; teams: any[] };
    expect(body.games.map((g) => g.classLabel)).toEqual(["1반", "2반", "3반"]);
    const view = body.teams.map((t) => `${t.bracket} ${t.rank} ${t.team} ${t.classLabel} ${t.total}`);
    expect(view.slice(0, 6)).toEqual([
      "Higher 1 H2a 2반 300",
      "Higher 2 H1a 1반 250",
      "Higher 2 H3a 3반 250",
      "Higher 4 H1b 1반 100",
      "Higher 5 H2b 2반 0",
      "Higher 5 H3b 3반 0",
    ]);
    expect(view.slice(6, 9)).toEqual(["Lower 1 L3b 3반 90", "Lower 2 L1a 1반 80", "Lower 3 L1b 1반 0"]);
    expect(body.teams).toHaveLength(12);
    expect(body.teams.every((t) => t.game === "Spring TMC")).toBe(true);
  });

  test("a subset of games ranks only their teams; equal ranks keep the order the games were chosen in", async () => {
    const [g1, g3] = [games[0]!, games[2]!];
    const body = (await (await get(`/api/results/merged?games=${g3.gameId},${g1.gameId}`)).json()) as { teams: any[] };
    expect(body.teams.filter((t) => t.bracket === "Higher").map((t) => `${t.rank} ${t.team}`)).toEqual(["1 H3a", "1 H1a", "3 H1b", "4 H3b"]);
  });

  test("the same table as XLSX and as CSV", async () => {
    const xlsx = await get(`/api/results/merged?games=${ids()}&format=xlsx`);
    expect(xlsx.headers.get("content-disposition")).toMatch(/filename="tmc-merged-results-\d{4}-\d\d-\d\d\.xlsx"/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const ws = book.getWorksheet("Merged results")!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(["Bracket", "Rank", "Team", "Class", "Game", "Code", "Members", "Total"]);
    expect((ws.getRow(2).values as unknown[]).slice(1, 5)).toEqual(["Higher", 1, "H2a", "2반"]);
    expect(ws.getRow(2).getCell(8).value).toBe(300);
    const csv = await get(`/api/results/merged?games=${ids()}&format=csv`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const cells = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(cells).toHaveLength(13);
    expect(cells[3]!.slice(0, 4)).toEqual(["Higher", "2", "H3a", "3반"]);
  });

  test("bad lists and unknown games are refused", async () => {
    const code = async (q: string) => { const r = await get(`/api/results/merged?${q}`); return [r.status, ((await r.json()) as any).error.code]; };
    expect(await code("games=")).toEqual([400, "invalid_input"]);
    expect(await code("games=1,x")).toEqual([400, "invalid_input"]);
    expect(await code("games=1,-2")).toEqual([400, "invalid_input"]);
    expect(await code(`games=${ids()}&format=pdf`)).toEqual([400, "invalid_input"]);
    expect(await code(`games=${Array.from({ length: 51 }, (_, i) => i + 1).join(",")}`)).toEqual([400, "invalid_input"]);
    expect(await code(`games=${games[0]!.gameId},99999`)).toEqual([404, "game_not_found"]);
  });

  test("the dashboard's checkboxes lead to the merged page, which links to the downloads", async () => {
    const teacher = await teacherBrowser(s);
    const dashboard = await (await teacher.fetch("/teacher")).text();
    for (const g of games) expect(dashboard).toContain(`name="games" value="${g.gameId}" form="merge-form"`);
    expect(dashboard).toContain(`<form id="merge-form" method="get" action="/teacher/results/merged"`);
    const query = games.map((g) => `games=${g.gameId}`).join("&");
    const page = await teacher.fetch(`/teacher/results/merged?${query}`);
    expect(page.status).toBe(200);
    const htmlText = await page.text();
    expect(htmlText).toContain(`/api/results/merged?games=${ids()}&format=xlsx`);
    expect(htmlText.indexOf("H2a")).toBeLessThan(htmlText.indexOf("H1a"));
    expect((await teacher.fetch("/teacher/results/merged?games=abc")).status).toBe(400);
  });
});
