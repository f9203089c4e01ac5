// A flush that falls due runs after the immediates already queued (the group commits of the
// answers that arrived: they are answered first). Flushes of many games that fall due together do
// not hold the event loop for all of them at once: after FLUSH_SLICE_MS of flushing in one turn,
// the others wait for the next turn, so what arrived meanwhile (a request; here a setImmediate
// queued during the first flush) is handled between them. An announcement marked urgent (a relay
// team's next question) waits too, ahead of the routine flushes; a change of phase (an URGENT
// topic: "round") goes at once.
import { expect, test } from "bun:test";
import { Bus, OVERVIEW_BACKLOG_FACTOR } from "../../src/realtime/bus.ts";
import { BACKLOG_MS, FLUSH_SLICE_MS, LIVE_ROUTINE_LEAD_MS, MAX_FLUSH_SLICE_MS, ROUTINE_LEAD_MS, SLICE_GROWS_AFTER_MS } from "../../src/realtime/flush-queue.ts";

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) { /* a render that takes `ms` */ }
}

type News = { topic: "scores" | "round"; urgent?: boolean };

/** Games 1, 2, 3 fall due together with `news` (one each, or the same for all); each flush takes longer than a slice. */
async function order(news: News | News[], duringFirst?: (bus: Bus) => void): Promise<string[]> {
  const each = Array.isArray(news) ? news : [news, news, news];
  const bus = new Bus(20);
  const seen: string[] = [];
  let first = true;
  for (const game of [1, 2, 3]) {
    bus.subscribe(game, () => {
      seen.push(`flush ${game}`);
      if (first) {
        first = false;
        setImmediate(() => seen.push("request"));
        duringFirst?.(bus);
      }
      busy(FLUSH_SLICE_MS + 5);
    });
  }
  for (const game of [1, 2, 3]) bus.announce(game, { topics: [each[game - 1]!.topic], urgent: each[game - 1]!.urgent });
  // Bun runs the timers due when a pass starts: 2 ms on, all three are, even if the clock turned
  // a millisecond between them (otherwise 2 and 3 may come in the next pass, after the immediates).
  busy(2);
  const deadline = Date.now() + 2000;
  while (seen.length < 4 && Date.now() < deadline) await Bun.sleep(5);
  bus.close();
  return seen;
}

test("a flush that falls due runs after the group commits queued before it: the answers it reports are answered first", async () => {
  const bus = new Bus(20);
  const seen: string[] = [];
  bus.subscribe(1, () => seen.push("flush"));
  // Stands for a request read in the last turn: its group commit is an immediate, queued before
  // this turn's timers run (here by a timer due before the flush's).
  setTimeout(() => setImmediate(() => seen.push("commit")), 0);
  bus.announce(1, { topics: ["scores"] });
  busy(2); // see order()
  const deadline = Date.now() + 2000;
  while (seen.length < 2 && Date.now() < deadline) await Bun.sleep(5);
  bus.close();
  expect(seen).toEqual(["commit", "flush"]);
});

test("routine updates of several games: after a slice of flushing, what waits runs before the next game's flush", async () => {
  expect(await order({ topic: "scores" })).toEqual(["flush 1", "request", "flush 2", "flush 3"]);
});

test("a change of phase (round) goes out for every game at once", async () => {
  expect(await order({ topic: "round" })).toEqual(["flush 1", "flush 2", "flush 3", "request"]);
});

test("announced-urgent flushes of several games wait for what arrived too: back to back they held answers back", async () => {
  expect(await order({ topic: "scores", urgent: true })).toEqual(["flush 1", "request", "flush 2", "flush 3"]);
});

test("an urgent flush (a relay team's next question) goes ahead of the routine flushes that wait with it", async () => {
  expect(await order([{ topic: "scores" }, { topic: "scores" }, { topic: "scores", urgent: true }])).toEqual(["flush 3", "request", "flush 1", "flush 2"]);
  // A change of phase goes at once, from its timer: ahead of the flushes already queued.
  expect(await order([{ topic: "scores" }, { topic: "scores" }, { topic: "round" }])).toEqual(["flush 3", "flush 1", "request", "flush 2"]);
});

test("a routine flush held back becomes urgent when urgent news for it arrives meanwhile, and goes ahead", async () => {
  // After this turn's timers: games 2 and 3 are queued as routine by then.
  const urgentFor3 = (bus: Bus) => setImmediate(() => bus.announce(3, { topics: ["scores"], urgent: true }));
  expect(await order({ topic: "scores" }, urgentFor3)).toEqual(["flush 1", "request", "flush 3", "flush 2"]);
});

/**
 * Games 2–7 fall due with game 1 (urgent news or routine) and wait through its long flush. Returns
 * the flushes run in the turn after it, before what arrived meanwhile ("request 2") is read.
 */
async function flushesInTheTurnAfterALongWait(urgent: boolean): Promise<{ seen: string[]; turn: number }> {
  const bus = new Bus(20);
  const seen: string[] = [];
  for (const game of [1, 2, 3, 4, 5, 6, 7]) {
    bus.subscribe(game, () => {
      seen.push(`flush ${game}`);
      if (game === 1) setImmediate(() => seen.push("request"));
      if (game === 2) setImmediate(() => seen.push("request 2"));
      busy(game === 1 ? SLICE_GROWS_AFTER_MS + 4 * MAX_FLUSH_SLICE_MS + 20 : MAX_FLUSH_SLICE_MS / 5 + 1);
    });
  }
  for (const game of [1, 2, 3, 4, 5, 6, 7]) bus.announce(game, { topics: ["scores"], urgent });
  busy(2); // see order()
  const deadline = Date.now() + 3000;
  while (seen.length < 9 && Date.now() < deadline) await Bun.sleep(5);
  bus.close();
  return { seen, turn: seen.indexOf("request 2") - 2 };
}

test("urgent flushes that have waited long get a longer slice (up to MAX_FLUSH_SLICE_MS), so a saturated server does not starve them", async () => {
  const { seen, turn } = await flushesInTheTurnAfterALongWait(true);
  // Games 2–7 waited through game 1's long flush: the next turn flushes for up to MAX_FLUSH_SLICE_MS
  // (five of them) before reading again, instead of one per FLUSH_SLICE_MS. (At least three: a
  // loaded machine may preempt the test in the middle of the turn.)
  expect(seen.slice(0, 3)).toEqual(["flush 1", "request", "flush 2"]);
  expect(turn).toBeGreaterThanOrEqual(3);
  expect(turn).toBeLessThanOrEqual(5);
  expect(seen.at(-1)).toBe("flush 7");
});

test("routine flushes that have waited long keep the short slice: what arrives meanwhile (answers, joins) is read between them", async () => {
  const { seen, turn } = await flushesInTheTurnAfterALongWait(false);
  expect(seen.slice(0, 3)).toEqual(["flush 1", "request", "flush 2"]);
  // Each routine flush here takes longer than FLUSH_SLICE_MS: one per turn.
  expect(turn).toBe(1);
  expect(seen.at(-1)).toBe("flush 7");
});

test("a flush waiting in the queue goes first when a change of phase arrives for it", async () => {
  // Once games 2 and 3 wait in the queue (Bun runs a timer that fell due during a long callback in
  // its next pass, which may come after this turn's immediates).
  const toPhase = (bus: Bus) => {
    const whenQueued = () => (bus.queuedFlushes() === 2 ? bus.announce(3, { topics: ["round"] }) : setImmediate(whenQueued));
    setImmediate(whenQueued);
  };
  // Ahead of an urgent flush that waited longer (game 2's).
  expect(await order([{ topic: "scores", urgent: true }, { topic: "scores", urgent: true }, { topic: "scores" }], toPhase)).toEqual(["flush 1", "request", "flush 3", "flush 2"]);
});

/**
 * A teacher's panel (game 1's overview lane, interval OVERVIEW) flushes, then news for it arrives
 * while game 2's flush runs for `flushMs` and game 3's waits in the queue behind it. Returns when
 * the panel's second flush came, in ms after its first.
 */
async function secondOverviewFlush(flushMs: number): Promise<number> {
  const OVERVIEW = 200;
  const bus = new Bus(10, OVERVIEW);
  const at: number[] = [];
  bus.subscribe(1, () => at.push(Date.now()), "overview");
  bus.subscribe(2, () => {
    busy(flushMs);
    bus.announce(1, { topics: ["attempts"] });
  });
  bus.subscribe(3, () => {});
  bus.announce(1, { topics: ["attempts"] });
  const deadline = Date.now() + 3000;
  while (at.length < 1 && Date.now() < deadline) await Bun.sleep(1);
  for (const game of [2, 3]) bus.announce(game, { topics: ["scores"] });
  busy(2); // see order()
  while (at.length < 2 && Date.now() < deadline) await Bun.sleep(5);
  bus.close();
  return at[1]! - at[0]!;
}

test("while flushes wait BACKLOG_MS in the queue (the server cannot keep up), a teacher's panel refreshes at a third of its pace; otherwise at its own", async () => {
  const OVERVIEW = 200;
  // Backed up: game 3 has waited longer than BACKLOG_MS when the panel's news comes.
  const slow = await secondOverviewFlush(BACKLOG_MS + 30);
  expect(slow).toBeGreaterThanOrEqual(OVERVIEW * OVERVIEW_BACKLOG_FACTOR - 5);
  // (Not as soon as game 2's flush let it: that is what an unchanged pace gives.)
  expect(slow).toBeGreaterThan(BACKLOG_MS + 30 + OVERVIEW);
  // Keeping up: the same news after a short flush goes out one interval after the first.
  const fast = await secondOverviewFlush(20);
  expect(fast).toBeGreaterThanOrEqual(OVERVIEW - 5);
  expect(fast).toBeLessThan(OVERVIEW * 2);
});

test("urgent flushes go ahead of routine ones by ROUTINE_LEAD_MS at most: a routine flush that has waited that long goes next", async () => {
  // Game 1's (urgent) flush is long; games 2 (routine) and 3 (urgent) fall due with it and wait. When game
  // 2 has not waited ROUTINE_LEAD_MS, game 3 goes first; when it has, game 2 does.
  const run = async (firstMs: number) => {
    const bus = new Bus(20);
    const seen: string[] = [];
    bus.subscribe(1, () => { seen.push("flush 1"); busy(firstMs); });
    for (const game of [2, 3]) bus.subscribe(game, () => seen.push(`flush ${game}`));
    bus.announce(1, { topics: ["scores"], urgent: true });
    bus.announce(2, { topics: ["scores"] });
    bus.announce(3, { topics: ["scores"], urgent: true });
    busy(2); // see order()
    const deadline = Date.now() + 3000;
    while (seen.length < 3 && Date.now() < deadline) await Bun.sleep(5);
    bus.close();
    return seen;
  };
  expect(await run(FLUSH_SLICE_MS + 5)).toEqual(["flush 1", "flush 3", "flush 2"]);
  expect(await run(ROUTINE_LEAD_MS + 20)).toEqual(["flush 1", "flush 2", "flush 3"]);
});

test("a phones' routine flush that has waited LIVE_ROUTINE_LEAD_MS goes ahead of urgent ones while those are kept up with; behind on them, it waits ROUTINE_LEAD_MS", async () => {
  // Game 1's (urgent) flush is long; game 2's routine flush (the live lane: phones and projector)
  // fell due with it and waits. Game 3's urgent news comes as game 1's flush ends (`late`: the
  // urgent flushes are kept up with) or fell due with the others (it has waited as long).
  const run = async (firstMs: number, late: boolean, lane2: "live" | "overview" = "live") => {
    const bus = new Bus(20);
    const seen: string[] = [];
    bus.subscribe(1, () => {
      seen.push("flush 1");
      busy(firstMs);
      if (late) bus.announce(3, { topics: ["scores"], urgent: true });
    });
    bus.subscribe(2, () => seen.push("flush 2"), lane2);
    bus.subscribe(3, () => seen.push("flush 3"));
    bus.announce(1, { topics: ["scores"], urgent: true });
    bus.announce(2, { topics: ["scores"] });
    if (!late) bus.announce(3, { topics: ["scores"], urgent: true });
    busy(2); // see order()
    const deadline = Date.now() + 3000;
    while (seen.length < 3 && Date.now() < deadline) await Bun.sleep(5);
    bus.close();
    return seen;
  };
  expect(await run(LIVE_ROUTINE_LEAD_MS + 30, true)).toEqual(["flush 1", "flush 2", "flush 3"]);
  // Not yet waited its lead: the urgent flush goes first.
  expect(await run(LIVE_ROUTINE_LEAD_MS - 100, true)).toEqual(["flush 1", "flush 3", "flush 2"]);
  // The urgent flush has waited as long (more than SLICE_GROWS_AFTER_MS): the server is behind on them.
  expect(LIVE_ROUTINE_LEAD_MS + 30).toBeGreaterThan(SLICE_GROWS_AFTER_MS);
  expect(await run(LIVE_ROUTINE_LEAD_MS + 30, false)).toEqual(["flush 1", "flush 3", "flush 2"]);
  // A teacher's panel (the overview lane) waits ROUTINE_LEAD_MS all the same.
  expect(await run(LIVE_ROUTINE_LEAD_MS + 30, true, "overview")).toEqual(["flush 1", "flush 3", "flush 2"]);
});
