// A change that concerns one team (Bus.publishForTeams) wakes that team's own streams and the
// whole-game screens; other teams' phones skip the flush before rendering anything. Any unnamed
// publication in the same flush wakes everyone. Real streams over HTTP on a real Bus.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Server } from "bun";
import { Bus } from "../../src/realtime/bus.ts";
import { sseResponse } from "../../src/realtime/sse.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";

const bus = new Bus(30);
/** Renders per stream name; each render gives new html, so every render is also a frame. */
const renders = new Map<string, number>();
let server: Server<unknown>;
const open: SseStream[] = [];

beforeAll(() => {
  server = Bun.serve({
    port: 0,
    idleTimeout: 30,
    fetch(request, srv) {
      const who = new URL(request.url).searchParams.get("who")!;
      const team = who.startsWith("team") ? Number(who.slice(4, 5)) : undefined;
      return sseResponse({
        gameId: 1, audience: who, topics: new Set(["scores", "round"]), phase: "p", ...(team !== undefined ? { team } : {}),
        render: () => {
          const n = (renders.get(who) ?? 0) + 1;
          renders.set(who, n);
          return { html: `<b>${who} ${n}</b>`, phase: "p" };
        },
      }, { bus, heartbeatMs: 60_000, server: srv, request });
    },
  });
});
afterAll(() => {
  for (const st of open) st.close();
  bus.close();
  server.stop(true);
});

async function watch(who: string): Promise<SseStream> {
  const st = await openSse(`http://127.0.0.1:${server.port}/?who=${who}`);
  open.push(st);
  await st.waitFor((t) => t.includes(`${who} 1<`));
  return st;
}

const frames = (st: SseStream) => st.messages().length;
const snapshot = () => Object.fromEntries([...renders].sort());

describe("flushes named for teams", () => {
  test("the bus names a flush's teams only when every publication in it named some", async () => {
    const b = new Bus(20);
    const seen: (number[] | null)[] = [];
    b.subscribe(1, (f) => seen.push(f.teams ? [...f.teams].sort() : null));
    b.publishForTeams(1, [3], "scores");
    b.publishForTeams(1, [5], "scores");
    await Bun.sleep(60);
    b.publishForTeams(1, [3], "scores");
    b.publish(1, "scores");
    await Bun.sleep(60);
    b.publish(1, "round");
    await Bun.sleep(60);
    b.publishForTeams(1, [4], "scores");
    await Bun.sleep(60);
    expect(seen).toEqual([[3, 5], null, null, [4]]);
    b.close();
  });

  test("team 1's change wakes team 1's phones and the projector, never team 2's; an unnamed change wakes all; nothing is lost", async () => {
    const [t1a, t1b, t2a, t2b, screen] = await Promise.all(["team1a", "team1b", "team2a", "team2b", "screen"].map(watch));
    const before = snapshot();
    // Five changes of team 1 in a row (one flush or a few).
    for (let i = 0; i < 5; i++) { bus.publishForTeams(1, [1], "scores"); await Bun.sleep(i === 4 ? 0 : 40); }
    await t1a!.waitFor((t) => t.includes("team1a") && frames(t1a!) > 1);
    await Bun.sleep(150);
    const after = snapshot();
    expect(after.team2a).toBe(before.team2a);
    expect(after.team2b).toBe(before.team2b);
    expect(after.team1a!).toBeGreaterThan(before.team1a!);
    expect(after.team1b!).toBeGreaterThan(before.team1b!);
    expect(after.screen!).toBeGreaterThan(before.screen!);
    expect([frames(t2a!), frames(t2b!)]).toEqual([1, 1]);
    // Team 2's own change reaches team 2's phones (and only them, among the phones).
    bus.publishForTeams(1, [2], "scores");
    await t2a!.waitFor((t) => t.includes(`team2a ${before.team2a! + 1}<`));
    await t2b!.waitFor((t) => t.includes(`team2b ${before.team2b! + 1}<`));
    // An unnamed change (a round's state) reaches every stream.
    const all = [t1a!, t1b!, t2a!, t2b!, screen!];
    const counts = all.map(frames);
    bus.publish(1, "round");
    await Promise.all(all.map((st, i) => st.waitFor(() => frames(st) > counts[i]!, 2000)));
  });
});
