// A student with a laptop and a script: made-up device cookies, or real ones fetched in a loop,
// must not multiply any budget (joins, answers, logins), and the address's ceilings hold — while a
// whole class behind one router still joins and plays at the default limits.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, phoneAddress, startServer, TEACHER_PASSWORD, type TestServer } from "../support/server.ts";
import { openSse } from "../support/sse-client.ts";
import { answersFor, startYear } from "../support/year.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

/** A device cookie of the right shape that this server never signed (new and old formats). */
function forgedDevice(i: number): string {
  const b64 = (n: number) => Buffer.from(crypto.getRandomValues(new Uint8Array(n))).toString("base64url");
  return i % 2 ? `D${b64(16)}.${b64(16)}` : `D${b64(24)}`;
}

/** One script on one address: every request under a fresh identity (`forged` or a real cookie fetched first). */
async function asFreshDevice(script: Client, kind: "forged" | "fresh", i: number): Promise<void> {
  script.cookies.clear();
  if (kind === "forged") script.cookies.set("tmc_device", forgedDevice(i));
  else await script.visit();
}

const statusesOf = (rs: Response[]) => rs.map((r) => r.status);
const count = (xs: number[], v: number) => xs.filter((x) => x === v).length;

describe("forged and fresh device cookies do not multiply a budget", () => {
  test("joins: 100 from one address with a made-up cookie each seat 10 (one device's allowance); with real fresh cookies, 60 (the address's)", async () => {
    const g = await createGame(s, { maxParticipants: 300 });
    for (const [kind, allowed] of [["forged", 10], ["fresh", 60]] as const) {
      const script = new Client(s.url, {}, phoneAddress());
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) {
        await asFreshDevice(script, kind, i);
        statuses.push((await script.postJson("/api/join-game", { gameCode: g.gameCode, nickname: `${kind}${i}` })).status);
      }
      expect(count(statuses, 200)).toBe(allowed);
      expect(count(statuses, 429)).toBe(100 - allowed);
    }
    const seats = s.deps.db.$client.query("SELECT count(*) AS n FROM participants WHERE game_id = ?").get(g.gameId) as { n: number };
    expect(seats.n).toBe(70);
  }, 60_000);

  test("answers: 250 from one seat, each under a made-up or a fresh real device cookie, are judged at most 200 times (the seat's allowance)", async () => {
    const g = await createGame(s, { teamCount: 2, maxParticipants: 10 });
    const student = await new Client(s.url, {}, phoneAddress()).visit();
    const joined = (await (await student.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "spammer" })).json()) as { token: string };
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const { sessionId } = await startYear(s, g.gameId, { durationSeconds: 600 });
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const rs = await Promise.all(Array.from({ length: 25 }, async (_, i) => {
        const c = new Client(s.url, {}, student.address);
        await asFreshDevice(c, (batch + i) % 2 ? "forged" : "fresh", i);
        c.cookies.set("tmc_seat", joined.token);
        return c.postJson("/api/submit-answer", { sessionId, expression: "1+3" });
      }));
      statuses.push(...statusesOf(rs));
    }
    expect(count(statuses, 429)).toBe(50);
    const judged = s.deps.db.$client.query("SELECT count(*) AS n FROM year_attempts WHERE round_id = ?").get(sessionId) as { n: number };
    expect(judged.n).toBe(200);
  }, 60_000);

  test("logins: 30 guesses at once from one address, each under a new made-up or real cookie, reach the password check 3 times", async () => {
    const address = phoneAddress();
    const guessers = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      const c = new Client(s.url, {}, address);
      await asFreshDevice(c, i % 2 ? "forged" : "fresh", i);
      return c;
    }));
    const statuses = statusesOf(await Promise.all(guessers.map((c, i) => c.postJson("/api/login", { password: `guess-${i}` }))));
    expect(count(statuses, 401)).toBe(3);
    expect(count(statuses, 429)).toBe(27);
  }, 60_000);

  test("after 3 failed logins from an address the wait grows (1 s, 2 s, …), even for the right password; the teacher's own machine logs in at once", async () => {
    const guesser = new Client(s.url, {}, phoneAddress());
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await guesser.postJson("/api/login", { password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401]);
    const waits: number[] = [];
    for (let round = 0; round < 2; round++) {
      const refused = await guesser.postJson("/api/login", { password: "again" });
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get("retry-after"));
      waits.push(wait);
      await Bun.sleep(wait * 1000 + 100);
      expect((await guesser.postJson("/api/login", { password: "again" })).status).toBe(401);
    }
    expect(waits).toEqual([1, 2]);
    expect((await guesser.postJson("/api/login", { password: TEACHER_PASSWORD })).status).toBe(429);
    // The teacher at the laptop (127.0.0.1) is not slowed by a student's failures.
    const teacher = await new Client(s.url).visit();
    expect((await teacher.postForm("/login", { password: TEACHER_PASSWORD })).status).toBe(303);
  }, 60_000);

  test("an altered real device cookie counts as none: 30 joins from one address, each under a different alteration of one real cookie, seat 10 (one device's allowance)", async () => {
    const g = await createGame(s, { maxParticipants: 100 });
    const script = await new Client(s.url, {}, phoneAddress()).visit();
    const real = script.cookies.get("tmc_device")!;
    expect(real).toBeTruthy();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Change one character of the cookie (its id or its signature), as a script trying to make new devices would.
      const at = i % real.length;
      const swapped = real[at] === "A" ? "B" : "A";
      script.cookies.clear();
      script.cookies.set("tmc_device", real.slice(0, at) + swapped + real.slice(at + 1));
      statuses.push((await script.postJson("/api/join-game", { gameCode: g.gameCode, nickname: `altered${i}` })).status);
    }
    expect(count(statuses, 200)).toBe(10);
    expect(count(statuses, 429)).toBe(20);
  });

  test("new device cookies are themselves limited per address: past the ceiling, none is handed out and the address counts as one device", async () => {
    const small = await startServer({ rateLimitNewDevice: { limit: 5, windowMs: 600_000 } });
    try {
      const address = phoneAddress();
      const handedOut: boolean[] = [];
      for (let i = 0; i < 8; i++) handedOut.push((await new Client(small.url, {}, address).visit()).cookies.has("tmc_device"));
      expect(handedOut).toEqual([true, true, true, true, true, false, false, false]);
      // Another address is not affected.
      expect((await new Client(small.url, {}, phoneAddress()).visit()).cookies.has("tmc_device")).toBe(true);
    } finally {
      await small.stop();
    }
  });
});

describe("the per-address ceiling", () => {
  test("answers: with the address's ceiling at 30 a minute, 5 seats behind one address firing 10 answers each at once are judged 30 times; a seat on another address still answers", async () => {
    const capped = await startServer({ rateLimitAnswerAddress: { limit: 30, windowMs: 60_000 } });
    try {
      const g = await createGame(capped, { teamCount: 2, maxParticipants: 10 });
      const address = phoneAddress();
      const seats = await Promise.all(Array.from({ length: 5 }, async (_, i) => {
        const c = await new Client(capped.url, {}, address).visit();
        expect((await c.postJson("/api/join-game", { gameCode: g.gameCode, nickname: `desk${i}` })).status).toBe(200);
        return c;
      }));
      const elsewhere = await new Client(capped.url, {}, phoneAddress()).visit();
      expect((await elsewhere.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "elsewhere" })).status).toBe(200);
      await fetch(`${capped.url}/api/games/${g.gameId}/start`, { method: "POST", headers: capped.teacher });
      const { sessionId } = await startYear(capped, g.gameId, { durationSeconds: 600 });
      const statuses = statusesOf(await Promise.all(seats.flatMap((c) => Array.from({ length: 10 }, () => c.postJson("/api/submit-answer", { sessionId, expression: "1+3" })))));
      expect(count(statuses, 429)).toBe(20);
      const judged = capped.deps.db.$client.query("SELECT count(*) AS n FROM year_attempts WHERE round_id = ?").get(sessionId) as { n: number };
      expect(judged.n).toBe(30);
      expect((await elsewhere.postJson("/api/submit-answer", { sessionId, expression: "1+3" })).status).not.toBe(429);
    } finally {
      await capped.stop();
    }
  }, 60_000);


  test("with the ceiling at 12 joins a minute, a script firing 30 joins at once from one address, a fresh real cookie each, takes 12 seats of a 30-seat game; classmates elsewhere still join", async () => {
    const capped = await startServer({ rateLimitJoinAddress: { limit: 12, windowMs: 60_000 } });
    try {
      const g = await createGame(capped, { maxParticipants: 30, teamCount: 5 });
      const address = phoneAddress();
      const scripts = await Promise.all(Array.from({ length: 30 }, () => new Client(capped.url, {}, address).visit()));
      const statuses = statusesOf(await Promise.all(scripts.map((c, i) => c.postJson("/api/join-game", { gameCode: g.gameCode, nickname: `bot${i}` }))));
      expect(count(statuses, 200)).toBe(12);
      expect(count(statuses, 429)).toBe(18);
      const classmate = await new Client(capped.url, {}, phoneAddress()).visit();
      expect((await classmate.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "real student" })).status).toBe(200);
      // The teacher sees the 12 seats under the script's address.
      const teacher = await new Client(capped.url, { authorization: `Bearer ${capped.teacherToken}` }).visit();
      const lobby = await (await teacher.fetch(`/teacher/games/${g.gameId}`)).text();
      expect(lobby).toMatch(new RegExp(`<code>${address.replaceAll(".", "\\.")}</code></td><td>12 `));
    } finally {
      await capped.stop();
    }
  }, 60_000);
});

describe("a class of 40 behind one router, at the default limits", () => {
  test("joins within seconds, opens 40 live pages, and plays: a burst as the round opens, then answers at a brisk pace — nothing refused", async () => {
    const g = await createGame(s, { maxParticipants: 40, teamCount: 8 });
    const router = phoneAddress();
    const phones = await Promise.all(Array.from({ length: 40 }, () => new Client(s.url, {}, router).visit()));
    const started = performance.now();
    const joins = await Promise.all(phones.map((c, i) => c.postForm("/join", { gameCode: g.gameCode, nickname: `kid${i}` })));
    expect(statusesOf(joins).every((st) => st === 303)).toBe(true);
    expect(performance.now() - started).toBeLessThan(60_000);
    const pages = await Promise.all(phones.map((c) => c.fetch(`/g/${g.gameCode}/play`)));
    expect(statusesOf(pages).every((st) => st === 200)).toBe(true);
    const cookie = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const streams = await Promise.all(phones.map((c) => openSse(`${s.url}/g/${g.gameCode}/play/stream?phase=lobby-waiting`, { cookie: cookie(c) }, { address: router })));
    try {
      expect(streams.map((st) => st.status).every((st) => st === 200)).toBe(true);
      await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
      const { sessionId, digits } = await startYear(s, g.gameId, { durationSeconds: 600 });
      const answers = [...answersFor(digits).values()];
      // Every phone taps within a moment of the open, then each sends a few more.
      const statuses: number[] = [];
      for (let wave = 0; wave < 4; wave++) {
        const rs = await Promise.all(phones.map((c, i) => c.postJson("/api/submit-answer", { sessionId, expression: answers[(i * 4 + wave) % answers.length] })));
        statuses.push(...statusesOf(rs));
      }
      expect(statuses.filter((st) => st === 429)).toEqual([]);
      expect(statuses.every((st) => st === 200 || st === 409)).toBe(true);
    } finally {
      for (const st of streams) st.close();
    }
  }, 60_000);
});
