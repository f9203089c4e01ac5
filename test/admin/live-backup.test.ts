// A backup taken while a class answers, on a server that already holds a school's history: the
// copy is whole and consistent, answers keep their pace, the copy opens in a fresh server, and a
// restore through the API brings the game back into the running server.
import { afterAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startChild, type Child } from "../support/child-server.ts";
import { Client, type TestServer } from "../support/server.ts";
import { answersFor, seatedGame, startYear } from "../support/year.ts";
import { openSse } from "../support/sse-client.ts";
import { buildHistoryDb, SCHOOL } from "../bench/history-db.ts";
import { downloadElsewhere, percentile, startAnswerLoad } from "./answer-load.ts";

const PASSWORD = "backup-test-pw";
const dirs: string[] = [];
const children: Child[] = [];
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serverOn(data: string): Promise<{ child: Child; s: TestServer }> {
  const child = await startChild(["--data", data, "--port", String(await freePort()), "--admin-password", PASSWORD, "--rate-limit-answer", "off", "--rate-limit-join", "off", "--rate-limit-create", "off", "--auto-backup", "off"], { preferBinary: false, timeoutMs: 30_000 });
  children.push(child);
  const login = await fetch(`${child.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) });
  const { token } = (await login.json()) as { token: string };
  // Only url and teacher are used by the Year Game helpers.
  return { child, s: { url: child.url, teacher: { authorization: `Bearer ${token}`, "content-type": "application/json" }, teacherToken: token } as unknown as TestServer };
}

async function stop(child: Child) {
  child.proc.kill("SIGTERM");
  await child.proc.exited;
}

function tempDir(name: string): string {
  const d = mkdtempSync(join(tmpdir(), `tmc-${name}-`));
  dirs.push(d);
  return d;
}

describe("backup while a class answers", () => {
  test("stall guard: 200 answers/s during a backup of 20 games of history keep p99 < 1.5 s (the 250 ms target is measured by test/bench/backup-hold.ts); the copy passes integrity_check, holds every answer acknowledged before it began, opens in a fresh server, and a restore through the API brings the game back", async () => {
    const data = tempDir("live");
    buildHistoryDb(join(data, "tmc.db"), { ...SCHOOL, games: 20 });
    const { child, s } = await serverOn(data);
    const g = await seatedGame(s, 4, 10, 5);
    const { sessionId, digits } = await startYear(s, g.gameId, { durationSeconds: 3600, digits: [1, 3, 5, 7, 9] });
    const load = startAnswerLoad(g.seats.flat(), sessionId, 200, [...answersFor(digits).values()]);
    await Bun.sleep(1500);

    const t0 = performance.now();
    // Downloaded by another process: receiving the file here would delay the answers being timed.
    const file = join(tempDir("copy"), "backup.db");
    const res = await downloadElsewhere(`${s.url}/api/backup`, { authorization: s.teacher.authorization! }, file);
    const t1 = performance.now();
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="tmc-backup-\d{4}-\d{2}-\d{2}-\d{4}\.db"$/);
    await Bun.sleep(300);
    await load.stop();

    // Answers kept their pace while the copy was made.
    const during = load.answers.filter((a) => a.sentAt >= t0 && a.sentAt <= t1);
    const p99 = percentile(load.answers, 99, t0, t1);
    console.info(`backup: ${((t1 - t0) / 1000).toFixed(2)} s for ${(Bun.file(file).size / 1e6).toFixed(1)} MB, longest step ${res.headers["x-backup-longest-step-ms"]} ms; ${during.length} answers sent meanwhile, p50 ${percentile(load.answers, 50, t0, t1).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms`);
    expect(during.length).toBeGreaterThan(((t1 - t0) / 1000) * 200 * 0.5);
    // The target (p99 < 250 ms) is a speed claim: `bun test/bench/backup-hold.ts` measures it on a quiet
    // machine. Here only that a backup never stalls answers for seconds (one-step copies did, ≈1 s+).
    expect(p99).toBeLessThan(1500);
    expect(load.answers.filter((a) => ![200, 409, 422].includes(a.status ?? 0))).toEqual([]);

    // The copy: whole, consistent, and holding everything acknowledged before it began.
    const copy = new Database(file, { readonly: true });
    expect(copy.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    expect(copy.query("PRAGMA foreign_key_check").all()).toEqual([]);
    const stored = new Set((copy.query("SELECT expression FROM year_attempts WHERE round_id = ?").all(sessionId) as { expression: string }[]).map((r) => r.expression));
    const ackedBefore = load.answers.filter((a) => a.ackAt !== null && a.ackAt < t0);
    expect(ackedBefore.length).toBeGreaterThan(150);
    expect(ackedBefore.filter((a) => a.tag.startsWith("q") && !stored.has(a.tag)).map((a) => a.tag)).toEqual([]);
    const findsBefore = ackedBefore.filter((a) => a.status === 200).length;
    expect((copy.query("SELECT count(*) AS n FROM year_finds WHERE round_id = ?").get(sessionId) as { n: number }).n).toBeGreaterThanOrEqual(findsBefore);
    const ledger = copy.query("SELECT t.id, t.score, coalesce((SELECT sum(delta) FROM score_events e WHERE e.team_id = t.id), 0) AS sum FROM teams t WHERE t.game_id = ?").all(g.gameId) as { id: number; score: number; sum: number }[];
    for (const row of ledger) expect(row.score).toBe(row.sum);
    expect((copy.query("SELECT count(*) AS n FROM games").get() as { n: number }).n).toBe(21);
    expect((copy.query("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number }).n).toBeGreaterThanOrEqual(5);
    const scores = Object.fromEntries(ledger.map((r) => [r.id, r.score]));
    copy.close();

    // It opens in a fresh server.
    const fresh = tempDir("fresh");
    copyFileSync(file, join(fresh, "tmc.db"));
    const second = await serverOn(fresh);
    const state = (await (await fetch(`${second.s.url}/api/game-state?gameId=${g.gameId}`, { headers: second.s.teacher })).json()) as { game: { status: string }; teams: { id: number; score: number }[] };
    expect(state.game.status).toBe("started");
    expect(Object.fromEntries(state.teams.map((t) => [t.id, t.score]))).toEqual(scores);
    await stop(second.child);

    // Restore through the API, into the running server: a game deleted since comes back, the live
    // game returns to the backup's scores, open screens reload.
    const seat = g.seats[0]![0]!;
    const cookie = [...seat.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const phone = await openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie });
    const late = await new Client(s.url).visit();
    const lateJoin = await late.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "latecomer", teamId: g.teams[0]!.id });
    expect(lateJoin.status).toBe(200);
    expect((await fetch(`${s.url}/api/games/1`, { method: "DELETE", headers: s.teacher })).status).toBe(200);
    expect((await fetch(`${s.url}/api/game-state?gameId=1`, { headers: s.teacher })).status).toBe(404);

    const form = new FormData();
    form.set("file", new File([await Bun.file(file).arrayBuffer()], "backup.db"));
    const restored = await fetch(`${s.url}/api/restore`, { method: "POST", headers: { authorization: s.teacher.authorization! }, body: form });
    const body = (await restored.json()) as { games: number; savedAs: string };
    expect(restored.status).toBe(200);
    expect(body.games).toBe(21);
    expect((await fetch(`${s.url}/api/game-state?gameId=1`, { headers: s.teacher })).status).toBe(200);
    const back = (await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as { game: { status: string }; teams: { id: number; score: number }[]; round: { status: string } };
    expect(back.game.status).toBe("started");
    expect(back.round.status).toBe("running");
    expect(Object.fromEntries(back.teams.map((t) => [t.id, t.score]))).toEqual(scores);
    const health = (await (await fetch(`${s.url}/api/health`)).json()) as { timers: { roundClocks: number } };
    expect(health.timers.roundClocks).toBe(1);
    await phone.waitFor((text) => text.includes("event: tmc:reload"));
    expect(readdirSync(join(data, "backups")).some((n) => /^tmc-before-restore-.*\.db$/.test(n))).toBe(true);
    // A seat in the backup answers on; the latecomer (not in it) is sent to the join page.
    expect([200, 409, 422]).toContain((await seat.client.postJson("/api/submit-answer", { sessionId, expression: "q-after" })).status);
    const lost = await late.fetch(`/g/${g.gameCode}/play`);
    expect(lost.status).toBe(303);
    expect(lost.headers.get("location")).toBe(`/join?code=${g.gameCode}`);
    phone.close();
    await stop(child);
  }, 180_000);
});
