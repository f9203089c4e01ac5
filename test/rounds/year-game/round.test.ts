import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { read } from "../../../src/db/client.ts";
import { ledgerCheck } from "../../../src/scoring/ledger.ts";
import { startYearRound, submitYearAnswer } from "../../../src/rounds/year-game/domain.ts";
import { pointsFor } from "../../../src/rounds/year-game/rules.ts";
import { createGame, joinAs, startServer, type TestServer } from "../../support/server.ts";
import { openSse } from "../../support/sse-client.ts";
import { answersFor, seatedGame, startYear, submit } from "../../support/year.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 500, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

function ledgerAgrees(gameId: number) {
  for (const row of read(s.deps.db, (tx) => ledgerCheck(tx, gameId))) expect(row.score).toBe(row.ledger);
}

describe("Year Game round", () => {
  test("5 members of one team submit the same number at once: one credit, four already_found, ledger equals score", async () => {
    const g = await seatedGame(s, 2, 5);
    const { sessionId } = await startYear(s, g.gameId);
    const expr = answersFor([1, 3, 5, 7, 9]).get(76)!;
    const results = await Promise.all(g.seats[0]!.map((seat) => submit(seat, sessionId, expr)));
    const bodies = (await Promise.all(results.map((r) => r.json()))) as any[];
    expect(results.filter((r) => r.status === 200).length).toBe(1);
    expect(results.filter((r) => r.status === 409).length).toBe(4);
    expect(bodies.filter((b) => b.error?.code === "already_found").length).toBe(4);
    const winner = bodies.find((b) => b.correct)!;
    expect(winner).toMatchObject({ correct: true, targetNumber: 76, points: 76, teamScore: 76 });
    // each refusal names who found it
    const finder = g.seats[0]!.find((_, i) => results[i]!.status === 200)!.nickname;
    expect(bodies.filter((b) => b.error).every((b) => b.error.foundBy === finder)).toBe(true);
    // another team may find the same number
    const other = await submit(g.seats[1]![0]!, sessionId, expr);
    expect(other.status).toBe(200);
    ledgerAgrees(g.gameId);
    const attempts = s.deps.db.$client.query("SELECT result, count(*) AS n FROM year_attempts WHERE round_id = ? GROUP BY result ORDER BY result").all(sessionId);
    expect(attempts).toEqual([{ result: "correct", n: 2 }, { result: "duplicate", n: 4 }]);
  });

  test("20 teams × 5 members send 2,000 mixed answers at once: every score is the sum of its distinct numbers' points and of its ledger", async () => {
    const g = await seatedGame(s, 20, 5);
    const digits = [0, 3, 4, 7, 8];
    const { sessionId } = await startYear(s, g.gameId, { digits, scoring: "range" });
    const answers = [...answersFor(digits)].filter(([n]) => n >= 1 && n <= 100);
    const bad = ["0+3+4+7", "(0+3", "8/0+3+4+7", "0348+7", "1+2+3+4+5", "√8+0+3+4+7"];
    const all = g.seats.flat();
    const sent: { seat: (typeof all)[number]; expr: string; target: number | null }[] = [];
    for (let i = 0; i < 2000; i++) {
      const seat = all[i % all.length]!;
      if (i % 4 === 3) sent.push({ seat, expr: bad[i % bad.length]!, target: null });
      else {
        // teammates overlap on purpose: many duplicates within a team
        const [target, expr] = answers[(i * 7 + seat.teamId) % 40]!;
        sent.push({ seat, expr, target });
      }
    }
    const res = await Promise.all(sent.map((x) => submit(x.seat, sessionId, x.expr)));
    const statuses = res.map((r) => r.status);
    expect(statuses.filter((st) => ![200, 409, 422].includes(st))).toEqual([]);
    const credited = new Map<number, Set<number>>();
    res.forEach((r, i) => {
      if (r.status === 200) {
        const set = credited.get(sent[i]!.seat.teamId) ?? credited.set(sent[i]!.seat.teamId, new Set()).get(sent[i]!.seat.teamId)!;
        expect(set.has(sent[i]!.target!)).toBe(false); // never credited twice
        set.add(sent[i]!.target!);
      }
    });
    const state = (await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as any;
    for (const team of state.teams) {
      const distinct = new Set(sent.filter((x) => x.target !== null && x.seat.teamId === team.id).map((x) => x.target!));
      expect(credited.get(team.id)?.size ?? 0).toBe(distinct.size);
      expect(team.score).toBe([...distinct].reduce((n, t) => n + pointsFor(t, { kind: "range" }), 0));
      expect(new Set(state.round.foundByTeam[team.id] ?? [])).toEqual(distinct);
    }
    ledgerAgrees(g.gameId);
  }, 60_000);

  test("a submission 1 ms after the end time is refused; the round closes by itself and screens are told", async () => {
    const { gameId, gameCode } = await createGame(s, { teamCount: 2 });
    const seat = await joinAs(s, gameCode, "Late Lee");
    await fetch(`${s.url}/api/games/${gameId}/start`, { method: "POST", headers: s.teacher });
    // a round that started 9.6 s ago with a 10 s limit: it ends 400 ms from now
    const now = Date.now();
    const started = startYearRound(s.deps.db, gameId, { digits: [1, 3, 5, 7, 9], durationSeconds: 10 }, now - 9_600);
    if (!started.ok) throw new Error(started.code);
    const round = started.round;
    s.deps.clock.track(round);
    s.deps.bus.publish(gameId, "round");
    const screen = await openSse(`${s.url}/g/${gameCode}/screen/stream`);
    await screen.waitFor((t) => t.includes(`yg-${round.id}-running`), 3000);
    const expr = answersFor([1, 3, 5, 7, 9]).get(25)!;
    const pid = seat.body.participantId as number;
    expect(await submitYearAnswer(s.deps.db, { participantId: pid, roundId: round.id, expression: expr }, round.endsAt + 1)).toMatchObject({ ok: false, code: "round_closed" });
    expect(await submitYearAnswer(s.deps.db, { participantId: pid, roundId: round.id, expression: expr }, round.endsAt)).toMatchObject({ ok: false, code: "round_closed" });
    expect(await submitYearAnswer(s.deps.db, { participantId: pid, roundId: round.id, expression: expr }, round.endsAt - 1)).toMatchObject({ ok: true, target: 25 });
    // no teacher action: the timer closes it and the projector switches to the results phase
    await screen.waitFor((t) => t.includes(`yg-${round.id}-finished`), 3000);
    screen.close();
    const row = s.deps.db.$client.query("SELECT status, finished_at FROM rounds WHERE id = ?").get(round.id) as any;
    expect(row.status).toBe("finished");
    expect(row.finished_at).toBe(round.endsAt);
    const late = await seat.client.postJson("/api/submit-answer", { sessionId: round.id, expression: answersFor([1, 3, 5, 7, 9]).get(30)! });
    expect(late.status).toBe(403);
    expect(((await late.json()) as any).error.code).toBe("round_closed");
  });

  test("a find is told to its own team's phones and the projector; another team's phones get no frame for it", async () => {
    const g = await seatedGame(s, 2, 2);
    const { sessionId } = await startYear(s, g.gameId);
    const cookie = (seat: (typeof g.seats)[number][number]) => [...seat.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const phones = await Promise.all(g.seats.flat().map((seat) => openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: cookie(seat) })));
    const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream`);
    await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`yg-${sessionId}-open`) || t.includes("yg-status"), 3000)));
    await screen.waitFor((t) => t.includes(`yg-${sessionId}-running`), 3000);
    await Bun.sleep(200);
    const named: (number[] | null)[] = [];
    const off = s.deps.bus.subscribe(g.gameId, (f) => named.push(f.teams ? [...f.teams] : null));
    const before = phones.map((p) => p.messages().length);
    const screenBefore = screen.messages().length;
    const [finder, mate] = g.seats[0]!;
    expect((await submit(finder!, sessionId, answersFor([1, 3, 5, 7, 9]).get(42)!)).status).toBe(200);
    await phones[1]!.waitFor(() => phones[1]!.messages().length > before[1]!, 3000);
    await screen.waitFor(() => screen.messages().length > screenBefore, 3000);
    await Bun.sleep(250);
    off();
    expect(named).toEqual([[finder!.teamId]]);
    // The finder's teammate sees the 42 in the team's grid; the other team's phones got nothing.
    expect(phones[1]!.messages().slice(before[1]!).map((m) => m.data).join("")).toContain("42");
    expect(phones[2]!.messages().length).toBe(before[2]!);
    expect(phones[3]!.messages().length).toBe(before[3]!);
    expect(mate!.teamId).toBe(finder!.teamId);
    for (const p of [...phones, screen]) p.close();
  });

  test("answers are judged by the server: invalid expressions get 422 with a reason; a wrong claimed target is refused", async () => {
    const g = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, g.gameId);
    const seat = g.seats[0]![0]!;
    const cases: [string, string][] = [
      ["1+3+5+7", "digits_mismatch"],
      ["(1+3", "syntax"],
      ["1/(3-3)+5+7+9", "digits_mismatch"],
      ["9/(7-5-3+1)+1", "digits_mismatch"],
      ["13+5+7+9", "operator_not_allowed"],
      ["(1+3)/(5+7+9)", "not_integer"],
      ["1*3*5*7*9", "out_of_range"],
      ["9^9^9^9", "digits_mismatch"],
      ["1" + "+1".repeat(50), "too_large"],
    ];
    for (const [expr, reason] of cases) {
      const r = await submit(seat, sessionId, expr);
      const body = (await r.json()) as any;
      expect([r.status, body.error.code, body.error.reason]).toEqual([422, "invalid_expression", reason]);
      expect(body.error.message.length).toBeGreaterThan(5);
    }
    const ok = await submit(seat, sessionId, "1+3+5+7+9", 25);
    expect(ok.status).toBe(200);
    const mismatch = await submit(seat, sessionId, "1+3+5+7+9-0", 26);
    expect(mismatch.status).toBe(422);
    const claimed = await submit(seat, sessionId, "9+7+5+3-1", 99);
    expect(((await claimed.json()) as any).error.reason).toBe("target_mismatch");
    // ASCII and keypad symbols are the same answer
    const keypad = await submit(seat, sessionId, "(9−7)×(5+3)÷1");
    expect(keypad.status).toBe(200);
    const ascii = await submit(seat, sessionId, "(9-7)*(5+3)/1");
    expect(((await ascii.json()) as any).error.code).toBe("already_found");
  });

  test("only seated students may answer, and only in their own game", async () => {
    const g = await seatedGame(s, 2, 1);
    const other = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, g.gameId);
    const anon = await fetch(`${s.url}/api/submit-answer`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ sessionId, expression: "1+3+5+7+9" }) });
    expect(anon.status).toBe(401);
    const outsider = await submit(other.seats[0]![0]!, sessionId, "1+3+5+7+9");
    expect(outsider.status).toBe(403);
    expect(((await outsider.json()) as any).error.code).toBe("not_participant");
    const teacher = await fetch(`${s.url}/api/submit-answer`, { method: "POST", headers: s.teacher, body: JSON.stringify({ sessionId, expression: "1+3+5+7+9" }) });
    expect(teacher.status).toBe(401);
  });

  test("game-state shows the running round: digits, rules, end time, found numbers per team", async () => {
    const g = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, g.gameId, { digits: [2, 0, 2, 6], durationSeconds: 600 });
    await submit(g.seats[0]![0]!, sessionId, "2+0+2+6");
    const state = (await (await fetch(`${s.url}/api/game-state?gameCode=${g.gameCode}`)).json()) as any;
    expect(state.round).toMatchObject({ sessionId, type: "year_game", status: "running", digits: [2, 0, 2, 6], open: true });
    expect(state.round.rules.targetMax).toBe(100);
    expect(state.round.endsAt).toBeGreaterThan(Date.now() + 590_000);
    expect(state.round.foundByTeam[g.seats[0]![0]!.teamId]).toEqual([10]);
    expect(state.teams.find((t: any) => t.id === g.seats[0]![0]!.teamId).score).toBe(10);
  });

  test("the teacher pauses, extends, resumes and ends a round; paused rounds refuse answers", async () => {
    const g = await seatedGame(s, 2, 1);
    const { sessionId } = await startYear(s, g.gameId, { durationSeconds: 300 });
    const call = (action: string, q = "") => fetch(`${s.url}/api/games/${g.gameId}/rounds/${sessionId}/${action}${q}`, { method: "POST", headers: s.teacher });
    const paused = (await (await call("pause")).json()) as any;
    expect(paused.status).toBe("paused");
    expect((await submit(g.seats[0]![0]!, sessionId, "1+3+5+7+9")).status).toBe(403);
    const extended = (await (await call("extend", "?seconds=60")).json()) as any;
    expect(extended.pausedRemainingMs).toBeGreaterThan(paused.pausedRemainingMs + 59_000);
    expect(((await (await call("resume")).json()) as any).status).toBe("running");
    expect((await submit(g.seats[0]![0]!, sessionId, "1+3+5+7+9")).status).toBe(200);
    expect(((await (await call("end")).json()) as any).status).toBe("finished");
    expect((await submit(g.seats[0]![0]!, sessionId, "9+7+5+3-1")).status).toBe(403);
    expect((await call("pause")).status).toBe(409);
    // a second round may start once the first is over; not while one runs
    const next = await startYear(s, g.gameId);
    const clash = await fetch(`${s.url}/api/games/${g.gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "year_game" }) });
    expect(clash.status).toBe(409);
    expect(next.digits).toHaveLength(5);
  });

  test("the keypad's answer fills only its own cell: a teammate's find already on the phone is never overwritten", async () => {
    const g = await seatedGame(s, 2, 2);
    const { sessionId } = await startYear(s, g.gameId);
    const answers = answersFor([1, 3, 5, 7, 9]);
    const [a, b] = g.seats[0]!;
    expect((await submit(b!, sessionId, answers.get(25)!)).status).toBe(200); // reaches A's phone over SSE
    const res = await a!.client.postForm(`/g/${g.gameCode}/year/${sessionId}/submit`, { expression: answers.get(15)! }, { "HX-Request": "true" });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`<hx-partial hx-target="#yg-grid li[data-n='15']" hx-swap="outerHTML"><li class="found" data-n="15"`);
    // not the whole grid, which could land after the stream's newer frame and erase 25 from this phone
    expect(body).not.toContain('hx-target="#yg-grid"');
    expect(body).not.toContain('data-n="25"');
  });

  test("drawn digits take one from each pair {0,1} {2,3} {4,5} {6,7} {8,9}", async () => {
    const g = await seatedGame(s, 2, 1);
    const res = await fetch(`${s.url}/api/games/${g.gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "year_game" }) });
    const { digits } = (await res.json()) as any;
    expect(digits.map((d: number) => Math.floor(d / 2))).toEqual([0, 1, 2, 3, 4]);
  });

  test("answer rate limit: 429 with Retry-After past the limit", async () => {
    const limited = await startServer({ rateLimitAnswer: { limit: 5, windowMs: 60_000 } });
    try {
      const g = await seatedGame(limited, 2, 1);
      const { sessionId } = await startYear(limited, g.gameId);
      const statuses = [];
      for (let i = 0; i < 7; i++) statuses.push((await submit(g.seats[0]![0]!, sessionId, "1+3")).status);
      expect(statuses).toEqual([422, 422, 422, 422, 422, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
