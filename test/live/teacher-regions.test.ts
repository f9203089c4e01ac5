// The teacher's panel refreshes every second. Its status row, event plan and address list rarely
// change, and were sent whole in every refresh (a third of its bytes during a round): a stream now
// gets each of them only when it differs from what its page shows.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createGame, joinAs, phoneAddress, startServer, teacherBrowser, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitLogin: "off" }); });
afterAll(async () => { await s.stop(); });

const REGIONS = ["lobby-status", "event-plan", "lobby-addresses"] as const;
const has = (data: string, region: string) => data.includes(`hx-target="#${region}"`);

test("a refresh carries the status, plan and address regions only when they change", async () => {
  const game = await createGame(s, { teamCount: 2 });
  const first = phoneAddress();
  expect((await joinAs(s, game.gameCode, "Ana", { teamId: game.teams[0]!.id }, first)).res.status).toBe(200);
  const t = await teacherBrowser(s, phoneAddress());
  const stream = await openSse(`${s.url}/teacher/games/${game.gameId}/stream`, { cookie: [...t.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }, { address: t.address! });
  try {
    expect(stream.status).toBe(200);
    // The first frame (a reconnect's too) carries every region.
    await stream.waitFor((text) => REGIONS.every((r) => has(text, r)), 5000);
    // A score moves: the refresh has the score, and none of the three regions, which did not change.
    let seen = stream.messages().length;
    const adjust = await fetch(`${s.url}/api/games/${game.gameId}/adjust`, { method: "POST", headers: s.teacher, body: JSON.stringify({ teamId: game.teams[0]!.id, points: 50, reason: "bonus" }) });
    expect(adjust.status).toBe(201);
    await stream.waitFor(() => stream.messages().slice(seen).some((m) => m.data.includes(`hx-target="#team-score-${game.teams[0]!.id}" hx-swap="innerHTML">50<`)), 5000);
    const refresh = stream.messages().slice(seen).map((m) => m.data).join("");
    for (const r of REGIONS) expect(has(refresh, r)).toBe(false);
    // A phone joins from another address: the count in the status row and the address list change, and are sent.
    seen = stream.messages().length;
    const second = phoneAddress();
    expect((await joinAs(s, game.gameCode, "Ben", { teamId: game.teams[1]!.id }, second)).res.status).toBe(200);
    await stream.waitFor(() => stream.messages().slice(seen).some((m) => has(m.data, "lobby-addresses") && m.data.includes(second)), 5000);
    const joined = stream.messages().slice(seen).map((m) => m.data).join("");
    expect(has(joined, "lobby-status")).toBe(true);
    expect(joined).toContain(first);
  } finally {
    stream.close();
  }
}, 30_000);
