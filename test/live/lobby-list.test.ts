// The teacher's member list (move and kick controls for every student) is sent to a teacher's
// stream once per membership; after that a refresh carries only the scores. With more teachers'
// panels streaming than the list cache holds, a list pushed out and rendered again must not be
// sent again to a panel that already shows it (its version was a counter: every eviction made a
// new one, and 25 panels resent their whole list every second).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createGame, phoneAddress, startServer, teacherBrowser, type Client, type TestServer } from "../support/server.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitLogin: "off" }); });
afterAll(async () => { await s.stop(); });

const GAMES = 80;
const LIST = 'hx-target="#lobby-teams"';

test(`${GAMES} teachers' panels streaming: a refresh of the first sends only its scores, not the member list it already shows`, async () => {
  const games: Awaited<ReturnType<typeof createGame>>[] = [];
  for (let i = 0; i < GAMES; i++) games.push(await createGame(s, { teamCount: 2 }));
  // A teacher device holds up to 24 streams: a few teachers' laptops, each on its own address.
  const teachers: Client[] = [];
  const streams: SseStream[] = [];
  for (const [i, g] of games.entries()) {
    if (i % 20 === 0) teachers.push(await teacherBrowser(s, phoneAddress()));
    const t = teachers.at(-1)!;
    streams.push(await openSse(`${s.url}/teacher/games/${g.gameId}/stream`, { cookie: [...t.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }, { address: t.address! }));
  }
  try {
    expect(streams.every((x) => x.status === 200)).toBe(true);
    await Promise.all(streams.map((x) => x.waitFor((text) => text.includes(LIST), 5000)));
    // Every other panel refreshes: more distinct lists than the cache holds pass through it.
    for (const g of games.slice(1)) s.deps.bus.publish(g.gameId, "scores");
    await Bun.sleep(1000);
    // Then the first game's score moves (the teacher adjusts it): its panel gets the new score only.
    const first = streams[0]!;
    const seen = first.messages().length;
    const adjust = await fetch(`${s.url}/api/games/${games[0]!.gameId}/adjust`, { method: "POST", headers: s.teacher, body: JSON.stringify({ teamId: games[0]!.teams[0]!.id, points: 50, reason: "bonus" }) });
    expect(adjust.status).toBe(201);
    await first.waitFor(() => first.messages().slice(seen).some((m) => m.data.includes('hx-target="#team-score-' + games[0]!.teams[0]!.id + '" hx-swap="innerHTML">50<')), 5000);
    expect(first.messages().slice(seen).filter((m) => m.data.includes(LIST))).toEqual([]);
  } finally {
    for (const x of streams) x.close();
  }
}, 120_000);
