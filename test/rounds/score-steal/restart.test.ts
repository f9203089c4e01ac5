// Score Steal survives a SIGKILL: its phases and deadlines are stored, so a restarted server
// resumes exactly where the round was (the same deadline, the same winner still choosing).
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startChild, type Child } from "../../support/child-server.ts";
import { Client, phoneAddress } from "../../support/server.ts";

const PASSWORD = "restart-password-1";
const dir = mkdtempSync(join(tmpdir(), "tmc-steal-restart-"));
let child: Child | null = null;
afterAll(() => {
  child?.proc.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("Score Steal across a SIGKILL", () => {
  test("killed while a question is open: the same deadline after the restart; killed while the winner chooses: the same phase and winner, and the steal still works", async () => {
    const port = await freePort();
    const start = () => startChild(["--data", dir, "--port", String(port), "--admin-password", PASSWORD, "--auto-backup", "off"], { preferBinary: false });
    child = await start();
    const base = child.url;
    const { token } = (await (await fetch(`${base}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) })).json()) as { token: string };
    const teacher = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const post = (path: string, body: unknown = {}) => fetch(base + path, { method: "POST", headers: teacher, body: JSON.stringify(body) });
    for (const [text, answer] of [["2 + 2 = ?", "4"], ["3 × 3 = ?", "9"]]) expect((await post("/api/questions", { category: "score_steal", text, answer })).status).toBe(201);
    const game = (await (await post("/api/create-game", { title: "Restart", teamCount: 3, maxParticipants: 6, joinMode: "auto" })).json()) as { gameId: number; gameCode: string };
    const phones: { client: Client; teamId: number }[] = [];
    for (const nickname of ["ann", "bob", "cat"]) {
      const client = await new Client(base, {}, phoneAddress()).visit();
      const joined = (await (await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname })).json()) as { teamId: number };
      phones.push({ client, teamId: joined.teamId });
    }
    expect((await post(`/api/games/${game.gameId}/start`)).status).toBe(200);
    const { sessionId } = (await (await post(`/api/games/${game.gameId}/rounds`, { type: "score_steal", secondsPerQuestion: 300 })).json()) as { sessionId: number };
    expect((await post(`/api/games/${game.gameId}/rounds/${sessionId}/open`)).status).toBe(200);
    const state = async () => ((await (await fetch(`${base}/api/game-state?gameId=${game.gameId}`, { headers: teacher })).json()) as any).round;
    const before = await state();
    expect(before.brackets[0].phase).toBe("question_open");

    child.proc.kill("SIGKILL");
    await child.proc.exited;
    child = await start();
    const afterOpen = await state();
    expect(afterOpen.brackets[0]).toMatchObject({ phase: "question_open", deadlineAt: before.brackets[0].deadlineAt, position: 1 });

    const won = (await (await phones[0]!.client.postJson("/api/submit-answer", { sessionId, answer: "4" })).json()) as { winner: boolean };
    expect(won.winner).toBe(true);
    const choosing = await state();
    expect(choosing.brackets[0]).toMatchObject({ phase: "choosing_target", winner: { teamId: phones[0]!.teamId } });

    child.proc.kill("SIGKILL");
    await child.proc.exited;
    child = await start();
    const resumed = await state();
    expect(resumed.brackets[0]).toMatchObject({ phase: "choosing_target", winner: { teamId: phones[0]!.teamId, ms: choosing.brackets[0].winner.ms } });
    // The winner's phone (its seat cookie) still picks, once.
    const stole = await phones[0]!.client.postJson("/api/steal", { sessionId, targetTeamId: phones[1]!.teamId });
    expect(stole.status).toBe(200);
    expect((await phones[0]!.client.postJson("/api/steal", { sessionId, targetTeamId: phones[2]!.teamId })).status).toBe(409);
  }, 90_000);
});
