// A relay survives SIGKILL: the real server runs as a child process; mid-round it is killed and
// started again on the same data folder. Every team resumes at the same cycle with the same
// members on turn and the same absolute deadlines, answers and hints are all there (a hint is
// not charged twice), and play goes on — the restarted server's clock is armed.
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { freePort, startChild, type Child } from "../support/child-server.ts";
import { Client } from "../support/server.ts";
import { makeRelaySets, type Mapping } from "../support/relay.ts";

const PASSWORD = "relay-crash-pw";
const data = mkdtempSync(join(tmpdir(), "tmc-relay-crash-"));
let child: Child | null = null;

afterAll(async () => {
  if (child && child.proc.exitCode === null) {
    child.proc.kill("SIGKILL");
    await child.proc.exited;
  }
  rmSync(data, { recursive: true, force: true });
});

describe("Relay Quiz crash safety", () => {
  test("SIGKILL mid-round and restart: every team resumes at the same cycle and member with the same deadlines, and play goes on", async () => {
    // The bank is written before the server starts (the running server holds the file alone).
    const db = openDb(join(data, "tmc.db"));
    migrateDb(db);
    const bank = makeRelaySets(db, "x");
    closeDb(db);

    const port = await freePort();
    const args = ["--data", data, "--port", String(port), "--admin-password", PASSWORD];
    const env = { TMC_RATE_LIMIT_JOIN: "off", TMC_RATE_LIMIT_ANSWER: "off" };
    child = await startChild(args, { env, preferBinary: false });
    const base = () => child!.url;
    const { token } = (await (await fetch(`${base()}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) })).json()) as { token: string };
    const teacher = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const game = (await (await fetch(`${base()}/api/create-game`, { method: "POST", headers: teacher, body: JSON.stringify({ title: "Crash relay", teamCount: 2, maxParticipants: 20, joinMode: "choose" }) })).json()) as { gameId: number; gameCode: string; teams: { id: number }[] };
    const seats: { client: Client; pid: number; teamId: number }[][] = [];
    for (const team of game.teams) {
      const members = [];
      for (let i = 0; i < 4; i++) {
        const client = await new Client(base()).visit();
        const body = (await (await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname: `c${team.id}-${i}`, teamId: team.id })).json()) as { participantId: number };
        members.push({ client, pid: body.participantId, teamId: team.id });
      }
      seats.push(members);
    }
    await fetch(`${base()}/api/games/${game.gameId}/start`, { method: "POST", headers: teacher });
    const started = (await (await fetch(`${base()}/api/games/${game.gameId}/rounds`, { method: "POST", headers: teacher, body: JSON.stringify({ type: "relay_quiz", sets: bank.map((b) => b.set), cycleSeconds: [240, 300, 300, 300], hintPenalty: 50 }) })).json()) as { sessionId: number; mapping: Mapping[] };
    const id = started.sessionId;
    const post = (who: { client: Client }, path: string, body: unknown) => who.client.postJson(path, body).then(async (r) => ({ status: r.status, ...((await r.json()) as object) }) as any);
    // Team 1 plays cycle 1 through (→ cycle 2, new deadline) and buys a hint; team 2 answers two of four.
    for (const [i, seat] of seats[0]!.entries()) expect((await post(seat, "/api/submit-answer", { sessionId: id, answer: bank[i]!.answers[0] })).status).toBe(200);
    const hint = await post(seats[0]![0]!, "/api/relay/hint", { sessionId: id, questionId: bank[1]!.ids[1] });
    expect(hint).toMatchObject({ status: 200, charged: 50 });
    for (const [i, seat] of seats[1]!.slice(0, 2).entries()) expect((await post(seat, "/api/submit-answer", { sessionId: id, answer: bank[i]!.answers[0] })).status).toBe(200);
    const roundOf = async () => {
      const state = (await (await fetch(`${base()}/api/game-state?gameId=${game.gameId}`, { headers: teacher })).json()) as any;
      return { round: state.round, scores: state.teams.map((t: any) => t.score) };
    };
    const before = await roundOf();
    expect(before.round.teams.map((t: any) => t.cycle)).toEqual([2, 1]);
    const strip = (r: any) => ({ ...r, remainingMs: undefined, serverNow: undefined, teams: r.teams.map((t: any) => ({ ...t, remainingMs: undefined })) });

    child.proc.kill("SIGKILL");
    await child.proc.exited;
    child = await startChild(args, { env, preferBinary: false });
    for (const team of seats) for (const seat of team) seat.client = Object.assign(new Client(base()), { cookies: seat.client.cookies });

    const after = await roundOf();
    // Same cycles, same members on turn, same absolute deadlines, same scores (the hint charged once).
    expect(strip(after.round)).toEqual(strip(before.round));
    expect(after.scores).toEqual(before.scores);
    expect(after.round.teams.map((t: any) => t.endsAt)).toEqual(before.round.teams.map((t: any) => t.endsAt));
    const health = (await (await fetch(`${base()}/api/health`)).json()) as any;
    expect(health.timers.roundClocks).toBe(1);
    // Play goes on: the hint is still free to see again, out of turn is still refused, and team 2 completes cycle 1.
    expect(await post(seats[0]![0]!, "/api/relay/hint", { sessionId: id, questionId: bank[1]!.ids[1] })).toMatchObject({ status: 200, charged: 0, previousAnswer: bank[1]!.answers[0] });
    expect((await post(seats[1]![0]!, "/api/submit-answer", { sessionId: id, answer: "1" })).status).toBe(409);
    expect((await post(seats[1]![2]!, "/api/submit-answer", { sessionId: id, answer: bank[2]!.answers[0] })).status).toBe(200);
    const moved = await post(seats[1]![3]!, "/api/submit-answer", { sessionId: id, answer: bank[3]!.answers[0] });
    expect(moved).toMatchObject({ status: 200, correct: true, next: { cycle: 2 } });
    expect((await roundOf()).round.teams.map((t: any) => t.cycle)).toEqual([2, 2]);
  }, 60_000);
});
