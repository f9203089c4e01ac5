// A played game exported: the workbook read back with the library that wrote it, and the CSV
// tables as Excel would read them (BOM, Korean names, formula-looking nicknames neutralised,
// numbers left as numbers).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { Client, createGame, phoneAddress, startServer, type TestServer } from "../support/server.ts";
import { answersFor, startYear } from "../support/year.ts";
import { addStealQuestions, startSteal, teacherAct } from "../support/steal.ts";
import { playShortRelay } from "../support/relay.ts";
import type { Seat } from "../support/year.ts";

let s: TestServer;
let gameId: number;
let gameCode: string;
const teamA = "가람";
const teamB = "Team B";
type Member = { client: Client; nickname: string; teamId: number };
const members: Member[] = [];

async function join(nickname: string, teamId: number): Promise<Member> {
  const client = await new Client(s.url, {}, phoneAddress()).visit();
  const res = await client.postJson("/api/join-game", { gameCode, nickname, teamId });
  expect(res.status).toBe(200);
  return { client, nickname, teamId };
}

const teacherGet = (path: string) => fetch(s.url + path, { headers: { authorization: `Bearer ${s.teacherToken}`, "accept-language": "en" } });
const rows = (sql: string, ...args: (string | number)[]) => s.deps.db.$client.query(sql).all(...args) as Record<string, any>[];

beforeAll(async () => {
  s = await startServer();
  const g = await createGame(s, { teamCount: 2, joinMode: "choose", teamNames: [teamA, teamB], title: "Export day", classLabel: "2-3" });
  gameId = g.gameId;
  gameCode = g.gameCode;
  const [a, b] = g.teams.map((t) => t.id) as [number, number];
  // A nickname starting with "=" or "@" is a valid name (src/games/names.ts refuses only control and invisible characters).
  members.push(await join("김민지", a), await join("=1+1", a), await join("@SUM(A1:A2)", b));
  expect((await fetch(`${s.url}/api/games/${gameId}/start`, { method: "POST", headers: s.teacher })).status).toBe(200);
  // Year Game: "=1+1" finds 76 for team A (76 points under value scoring).
  const year = await startYear(s, gameId);
  const found = await members[1]!.client.postJson("/api/submit-answer", { sessionId: year.sessionId, expression: answersFor([1, 3, 5, 7, 9]).get(76)! });
  expect(found.status).toBe(200);
  expect((await teacherAct(s, gameId, year.sessionId, "end")).status).toBe(200);
  // Score Steal with a penalty of 50: A wins question 1 (steals from B at 0), then answers question 2 wrong: −50.
  addStealQuestions(s, [{ text: "1/2 + 1/4 = ?", answer: "3/4", points: 100 }, { text: "Sides of a hexagon?", answer: "6", points: 200 }]);
  const steal = await startSteal(s, gameId, { wrongPenalty: 50 });
  await teacherAct(s, gameId, steal.sessionId, "open");
  expect((await members[0]!.client.postJson("/api/submit-answer", { sessionId: steal.sessionId, answer: "3/4" })).status).toBe(200);
  expect((await members[0]!.client.postJson("/api/steal", { sessionId: steal.sessionId, targetTeamId: b })).status).toBe(200);
  await teacherAct(s, gameId, steal.sessionId, "reveal");
  await teacherAct(s, gameId, steal.sessionId, "open");
  const wrong = (await (await members[1]!.client.postJson("/api/submit-answer", { sessionId: steal.sessionId, answer: "7" })).json()) as { points: number };
  expect(wrong.points).toBe(-50);
});
afterAll(() => s.stop());

async function workbook(): Promise<ExcelJS.Workbook> {
  const res = await teacherGet(`/api/games/${gameId}/export?format=xlsx`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="tmc-results-\d+-\d+-\d{4}-\d\d-\d\d\.xlsx"$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

/** A sheet as header → values rows (cell values as exceljs reads them). */
function sheetRows(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return out;
}

describe("results as XLSX", () => {
  test("the workbook has every sheet, header rows frozen and columns sized", async () => {
    const book = await workbook();
    expect(book.worksheets.map((w) => w.name)).toEqual(["Summary", "Rounds", "Members", "Ledger", "Year Game finds", "Score Steal answers", "Relay chains"]);
    for (const ws of book.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
      // exceljs leaves out a width equal to its default (9), and reads it back as undefined.
      for (let i = 1; i <= ws.columnCount; i++) expect(ws.getColumn(i).width ?? 9).toBeGreaterThanOrEqual(6);
      const header = (ws.getRow(1).values as string[]).slice(1);
      header.forEach((h, i) => expect(ws.getColumn(i + 1).width ?? 9, `${ws.name}: ${h}`).toBeGreaterThanOrEqual(Math.min(60, h.length)));
    }
    // Relay Quiz is not played here: its sheet is its header row alone.
    const relay = book.getWorksheet("Relay chains")!;
    expect(relay.rowCount).toBe(1);
    expect((relay.getRow(1).values as unknown[]).slice(1)).toEqual(["Time", "Round", "Team", "Member", "Kind", "What", "Detail", "Answer", "Correct", "Points"]);
  });

  test("Summary ranks per bracket with the ledger's totals; Rounds splits them by round", async () => {
    const book = await workbook();
    const totals = rows("SELECT t.name, sum(e.delta) AS total FROM teams t LEFT JOIN score_events e ON e.team_id = t.id WHERE t.game_id = ? GROUP BY t.id ORDER BY total DESC", gameId);
    expect(totals).toEqual([{ name: teamA, total: 76 + 100 - 50 }, { name: teamB, total: 0 }]);
    expect(sheetRows(book.getWorksheet("Summary")!)).toEqual([
      { Bracket: null, Rank: 1, Team: teamA, Members: 2, Total: 126 },
      { Bracket: null, Rank: 2, Team: teamB, Members: 1, Total: 0 },
    ]);
    expect(sheetRows(book.getWorksheet("Rounds")!)).toEqual([
      { Team: teamA, Bracket: null, "1. Year Game": 76, "2. Score Steal": 50, Total: 126 },
      { Team: teamB, Bracket: null, "1. Year Game": 0, "2. Score Steal": 0, Total: 0 },
    ]);
  });

  test("Members credits each member's finds, answers and points; names are text, never formulas", async () => {
    const ws = (await workbook()).getWorksheet("Members")!;
    const got = sheetRows(ws).map(({ "Joined at": joined, ...rest }) => {
      expect(joined).toBeInstanceOf(Date);
      return rest;
    });
    expect(got).toEqual([
      { Team: teamA, Bracket: null, Member: "김민지", "Numbers found": 0, Answers: 1, Correct: 1, Points: 100 },
      { Team: teamA, Bracket: null, Member: "=1+1", "Numbers found": 1, Answers: 1, Correct: 0, Points: 76 - 50 },
      { Team: teamB, Bracket: null, Member: "@SUM(A1:A2)", "Numbers found": 0, Answers: 0, Correct: 0, Points: 0 },
    ]);
    const cell = ws.getCell("C3");
    expect(cell.value).toBe("=1+1");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
  });

  test("Ledger: every score row with its reason, who, change, running total and a real time", async () => {
    const ledger = sheetRows((await workbook()).getWorksheet("Ledger")!);
    const db = rows("SELECT e.reason, e.delta, p.nickname FROM score_events e LEFT JOIN participants p ON p.id = e.participant_id WHERE e.game_id = ? ORDER BY e.id", gameId);
    expect(ledger.map((r) => [r.Reason, r.Change, r.Member])).toEqual(db.map((r) => [r.reason, r.delta, r.nickname]));
    const penalty = ledger.find((r) => String(r.Reason).startsWith("score_steal:penalty:"))!;
    expect(penalty).toMatchObject({ Team: teamA, Round: 2, "Round type": "Score Steal", Member: "=1+1", Change: -50, "Running total": 126 });
    for (const r of ledger) {
      expect(r.Time).toBeInstanceOf(Date);
      expect(Math.abs((r.Time as Date).getTime() - Date.now() + new Date().getTimezoneOffset() * 60_000)).toBeLessThan(120_000);
    }
  });

  test("Year Game finds and Score Steal answers hold the rounds' rows with numbers as numbers", async () => {
    const book = await workbook();
    const finds = sheetRows(book.getWorksheet("Year Game finds")!);
    expect(finds.map(({ Time, ...r }) => r)).toEqual([{ Round: 1, Team: teamA, Member: "=1+1", Number: 76, Expression: answersFor([1, 3, 5, 7, 9]).get(76)!, Points: 76 }]);
    const answers = sheetRows(book.getWorksheet("Score Steal answers")!);
    const typed = answers.filter((r) => r.Answer !== null);
    expect(typed.map((r) => [r.Question, r.Member, r.Answer, r.Correct, r.Points])).toEqual([
      // The winning answer scores nothing itself: the points come with the steal (a row of its own).
      ["1/2 + 1/4 = ?", "김민지", "3/4", true, 0],
      ["Sides of a hexagon?", "=1+1", "7", false, -50],
    ]);
    for (const r of typed) expect(typeof r["Time taken (ms)"]).toBe("number");
  });
});


async function csv(table: string, lang = "en"): Promise<{ bytes: Uint8Array; text: string; cells: string[][] }> {
  const res = await fetch(`${s.url}/api/games/${gameId}/export?format=csv&table=${table}`, { headers: { authorization: `Bearer ${s.teacherToken}`, "accept-language": lang } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { bytes, text, cells: Papa.parse<string[]>(text.slice(1).trim()).data };
}

describe("results as CSV", () => {
  test("UTF-8 with a BOM, Korean names intact, formula-looking nicknames neutralised", async () => {
    const { bytes, text, cells } = await csv("members");
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(cells[0]).toEqual(["Team", "Bracket", "Member", "Joined at", "Numbers found", "Answers", "Correct", "Points"]);
    expect(cells.map((r) => r[2])).toEqual(["Member", "김민지", "'=1+1", "'@SUM(A1:A2)"]);
    expect(cells[1]![0]).toBe(teamA);
    expect(cells[1]![3]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // Nowhere does a cell begin with = or @ unescaped.
    expect(text).not.toMatch(/(^|,|\n)"?[=@]/);
  });

  test("number columns stay numbers: −50 is written as -50, not neutralised", async () => {
    const { text, cells } = await csv("ledger");
    const penalty = cells.find((r) => r[6]?.startsWith("score_steal:penalty:"))!;
    expect(penalty.slice(5)).toEqual(["'=1+1", penalty[6]!, "-50", "126"]);
    expect(text).toContain(",-50,126\r\n");
    expect(text).not.toContain("'-50");
  });

  test("headers follow the reader's language; every table is available", async () => {
    expect((await csv("summary", "ko")).cells[0]).toEqual(["조", "순위", "팀", "인원", "총점"]);
    for (const table of ["summary", "rounds", "members", "ledger", "year_finds", "steal_answers", "relay_chains"]) expect((await csv(table)).cells.length).toBeGreaterThanOrEqual(1);
    expect((await csv("relay_chains")).cells).toEqual([["Time", "Round", "Team", "Member", "Kind", "What", "Detail", "Answer", "Correct", "Points"]]);
  });

  test("a CSV without a table, an unknown table or format, and an unknown game are refused", async () => {
    const code = async (path: string) => { const r = await teacherGet(path); return [r.status, ((await r.json()) as any).error.code]; };
    expect(await code(`/api/games/${gameId}/export?format=csv`)).toEqual([400, "invalid_input"]);
    expect(await code(`/api/games/${gameId}/export?format=csv&table=teams`)).toEqual([400, "invalid_input"]);
    expect(await code(`/api/games/${gameId}/export?format=pdf`)).toEqual([400, "invalid_input"]);
    expect(await code(`/api/games/99999/export?format=xlsx`)).toEqual([404, "game_not_found"]);
  });

  test("the teacher's game page and the results page link to the downloads: the workbook and every table", async () => {
    for (const path of [`/teacher/games/${gameId}`, `/teacher/games/${gameId}/results`]) {
      for (const [lang, label] of [["en", "Excel (all sheets)"], ["ko", "Excel (모든 시트)"]] as const) {
        const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${s.teacherToken}`, "accept-language": lang } });
        expect(res.status).toBe(200);
        const links = (await res.text()).match(/<div class="export-links">.*?<\/div>/s)?.[0] ?? "";
        expect(links).toContain(`href="/api/games/${gameId}/export?format=xlsx">${label}</a>`);
        for (const table of ["summary", "rounds", "members", "ledger", "year_finds", "steal_answers", "relay_chains"]) expect(links).toContain(`href="/api/games/${gameId}/export?format=csv&table=${table}"`);
      }
    }
  });
});

describe("Relay chains after a played relay", () => {
  test("every answer and hint with its member, question, verdict, received answer, key and points — in the workbook and as CSV", async () => {
    const g = await playShortRelay(s, "x", 30);
    const [P, Q] = g.bank.map((b) => b.set) as [string, string];
    const [[a1, b1], [a2, b2]] = g.seats as [[Seat, Seat], [Seat, Seat]];
    const t1 = g.teams[0]!.name, t2 = g.teams[1]!.name;
    const res = await teacherGet(`/api/games/${g.gameId}/export?format=xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = sheetRows(book.getWorksheet("Relay chains")!);
    // Who held what: member A of each team has P1 then Q2, member B has Q1 then P2 (join order).
    const key = (r: Record<string, unknown>) => `${r.Team} ${r.What} ${r.Kind}`;
    const got = sheet.map((r) => [r.Round, r.Team, r.Member, r.Kind, String(r.What).split(":")[0], r.Answer, r.Correct, r.Points, String(r.Detail).replace(/^answer=[^;]*; /, "")] as const)
      .sort((x, y) => key({ Team: x[1], What: x[4], Kind: x[3] }).localeCompare(key({ Team: y[1], What: y[4], Kind: y[3] })));
    expect(got).toEqual([
      [1, t1, a1.nickname, "answer", `${P}-1`, "2", true, 100, "correct; credit=answer; received=-; key=2"],
      [1, t1, b1.nickname, "answer", `${P}-2`, "3", true, 100, "correct; credit=answer; received=2; key=3"],
      [1, t1, b1.nickname, "answer", `${Q}-1`, "9", false, 0, "wrong; credit=none; received=-; key=3"],
      [1, t1, a1.nickname, "answer", `${Q}-2`, "4", true, 100, "correct; credit=answer; received=9; key=4"],
      [1, t1, a1.nickname, "hint", `${Q}-2`, null, null, -30, "penalty=30; charged=30; revealed=3"],
      [1, t2, a2.nickname, "answer", `${P}-1`, "2", true, 100, "correct; credit=answer; received=-; key=2"],
      [1, t2, b2.nickname, "answer", `${P}-2`, "3", true, 100, "correct; credit=answer; received=2; key=3"],
      [1, t2, b2.nickname, "answer", `${Q}-1`, "3", true, 100, "correct; credit=answer; received=-; key=3"],
      [1, t2, a2.nickname, "answer", `${Q}-2`, "4", true, 100, "correct; credit=answer; received=3; key=4"],
    ]);
    expect(sheet.every((r) => r.Time instanceof Date)).toBe(true);
    // The hint's row names the question it was bought on, as its answer's row does.
    const q2 = sheet.filter((r) => String(r.What).startsWith(`${Q}-2:`) && r.Team === t1).map((r) => r.What);
    expect([q2.length, new Set(q2).size]).toEqual([2, 1]);

    // The same rows as CSV: numbers as numbers, verdicts as TRUE/FALSE, the hint's −30 as -30.
    const csvRes = await teacherGet(`/api/games/${g.gameId}/export?format=csv&table=relay_chains`);
    const cells = Papa.parse<string[]>((await csvRes.text()).replace(/^\uFEFF/, "").trim()).data;
    expect(cells[0]).toEqual(["Time", "Round", "Team", "Member", "Kind", "What", "Detail", "Answer", "Correct", "Points"]);
    expect(cells.length).toBe(1 + 9);
    const hint = cells.find((r) => r[4] === "hint")!;
    expect([hint[1], hint[2], hint[3], hint[7], hint[8], hint[9]]).toEqual(["1", t1, a1.nickname, "", "", "-30"]);
    expect(cells.filter((r) => r[4] === "answer").map((r) => r[8]).sort()).toEqual(["FALSE", ...Array(7).fill("TRUE")]);
    expect(cells.slice(1).reduce((n, r) => n + Number(r[9]), 0)).toBe(270 + 400);
  });
});
