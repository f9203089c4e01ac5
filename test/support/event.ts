// Helpers for event tests: JSON calls as the teacher, and the invariants every event keeps.
import { expect } from "bun:test";
import { read } from "../../src/db/client.ts";
import { ledgerCheck } from "../../src/scoring/ledger.ts";
import type { TestServer } from "./server.ts";

export type Answer = { status: number; body: any };

/** A teacher API call (bearer token): status and parsed JSON. */
export async function teacherApi(s: TestServer, method: string, path: string, body?: unknown): Promise<Answer> {
  const res = await fetch(`${s.url}${path}`, { method, headers: s.teacher, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/**
 * Every team: cached score = ledger sum = results total = sum of its per-round points plus its
 * adjustments = the ledger's last running total.
 */
export async function expectBooksBalance(s: TestServer, gameId: number): Promise<void> {
  const checks = read(s.deps.db, (tx) => ledgerCheck(tx, gameId));
  const results = (await teacherApi(s, "GET", `/api/games/${gameId}/results`)).body;
  const teams = results.brackets.flatMap((b: any) => b.teams);
  expect(teams.length).toBe(checks.length);
  for (const c of checks) {
    expect(c.score).toBe(c.ledger);
    const t = teams.find((x: any) => x.teamId === c.teamId);
    expect(t.total).toBe(c.score);
    expect(t.rounds.reduce((n: number, r: any) => n + r.points, 0) + t.adjustments).toBe(t.total);
    const ledger = (await teacherApi(s, "GET", `/api/games/${gameId}/ledger?teamId=${c.teamId}`)).body;
    expect(ledger.score).toBe(c.score);
    expect(ledger.rows.length ? ledger.rows[ledger.rows.length - 1].total : 0).toBe(c.score);
    expect(ledger.rows.reduce((n: number, r: any) => n + r.delta, 0)).toBe(c.score);
  }
}
