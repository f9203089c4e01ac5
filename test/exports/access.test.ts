// Exports, merged results, activity and abuse are the teacher's: every API endpoint answers 401
// without credentials and 403 to a student's token (bearer or seat cookie); every page sends a
// browser to the login page. Nothing is written by the refused requests.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createGame, joinAs, startServer, type TestServer } from "../support/server.ts";

let s: TestServer;
let studentToken: string;
let gameId: number;
beforeAll(async () => {
  s = await startServer();
  const g = await createGame(s);
  gameId = g.gameId;
  studentToken = (await joinAs(s, g.gameCode, "student")).body.token as string;
});
afterAll(() => s.stop());

const API = [
  "/api/games/{id}/export?format=xlsx",
  "/api/games/{id}/export?format=csv&table=members",
  "/api/results/merged?games={id}&format=json",
  "/api/results/merged?games={id}&format=xlsx",
  "/api/results/merged?games={id}&format=csv",
  "/api/activity",
  "/api/abuse",
];
const PAGES = ["/teacher/results/merged?games={id}", "/teacher/activity", "/teacher/abuse"];

const get = (path: string, headers: Record<string, string>) => fetch(s.url + path.replaceAll("{id}", String(gameId)), { headers, redirect: "manual" });
const written = () => s.deps.db.$client.query("SELECT (SELECT count(*) FROM participants) AS p, (SELECT count(*) FROM score_events) AS e, (SELECT count(*) FROM games) AS g").get();

describe("teacher-only exports, activity and abuse", () => {
  for (const path of API) {
    test(`GET ${path}: 401 without credentials, 403 with a student's token`, async () => {
      const before = written();
      const anon = await get(path, {});
      expect(anon.status).toBe(401);
      expect(((await anon.json()) as any).error.code).toBe("unauthorized");
      const students: Record<string, string>[] = [{ authorization: `Bearer ${studentToken}` }, { cookie: `tmc_seat=${studentToken}` }];
      for (const headers of students) {
        const student = await get(path, headers);
        expect(student.status).toBe(403);
        expect(((await student.json()) as any).error.code).toBe("forbidden");
      }
      expect((await get(path, { authorization: `Bearer ${s.teacherToken}` })).status).toBe(200);
      expect(written()).toEqual(before);
    });
  }

  for (const path of PAGES) {
    test(`GET ${path} without a session sends the browser to the login page`, async () => {
      const res = await get(path, { cookie: `tmc_seat=${studentToken}` });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toStartWith("/login?next=");
    });
  }
});
