// A phone's stream is sent an update exactly when what the phone shows changes (studentView's
// key: the parts' content, the countdown by its deadline and pause): every change a phone must
// see arrives — the clock extended, paused, resumed, the winner, the steal, the reveal — and
// another team's late answer, which changes nothing on this phone, sends it nothing.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { openSse, type SseStream } from "../../support/sse-client.ts";
import { addStealQuestions, answer, stealFrom, stealGame, startSteal, teacherAct, type StealSeat } from "../../support/steal.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.stop());

function streamOf(seat: StealSeat, gameCode: string): Promise<SseStream> {
  const cookie = [...seat.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return openSse(`${s.url}/g/${gameCode}/play/stream`, { cookie }, { address: seat.client.address });
}

/** Waits for the next message after `count` and returns it (what the phone received). */
async function next(st: SseStream, count: number): Promise<string> {
  await st.waitFor(() => st.messages().length > count, 3000);
  return st.messages()[count]!.data;
}

test("a phone gets every change it shows (clock, winner, steal, reveal) and nothing for another team's late answer", async () => {
  const [qid] = addStealQuestions(s, [{ text: "Phone updates: 6 × 7 = ?", answer: "42", points: 100 }]);
  const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
  const [a, b, c] = g.teams.map((t) => t.seats[0]!) as [StealSeat, StealSeat, StealSeat];
  const { sessionId } = await startSteal(s, g.gameId, { questionIds: [qid], wrongPenalty: 0 });
  const phone = await streamOf(a, g.gameCode);
  await phone.waitFor((t) => t.includes(`data-phase="ss-${sessionId}-ready"`));
  let seen = phone.messages().length;
  const step = async (act: () => Promise<Response>, expectText: (data: string) => void) => {
    expect((await act()).status).toBe(200);
    const data = await next(phone, seen);
    expectText(data);
    // Updates are coalesced (100 ms): wait for the last one of this step.
    await Bun.sleep(300);
    seen = phone.messages().length;
    return data;
  };
  await step(() => teacherAct(s, g.gameId, sessionId, "open"), (d) => expect(d).toContain(`data-phase="ss-${sessionId}-1-open"`));
  const remaining = (d: string) => Number(/data-remaining-ms="(\d+)"/.exec(d)?.[1]);
  const extended = await step(() => fetch(`${s.url}/api/games/${g.gameId}/rounds/${sessionId}/extend?seconds=120`, { method: "POST", headers: s.teacher }), (d) => expect(remaining(d)).toBeGreaterThan(100_000));
  await step(() => teacherAct(s, g.gameId, sessionId, "pause"), (d) => expect(d).toContain('data-running="false"'));
  await step(() => teacherAct(s, g.gameId, sessionId, "resume"), (d) => expect(remaining(d)).toBeLessThanOrEqual(remaining(extended)));
  await step(() => answer(b, sessionId, "42"), (d) => expect(d).toContain("winner-line"));
  // C's late answer: C's phones change (its locked answer), A's phone shows nothing new.
  expect((await answer(c, sessionId, "41")).status).toBe(200);
  await Bun.sleep(400);
  expect(phone.messages().length).toBe(seen);
  // The steal: its line, and the winner's new score in this phone's standings.
  await step(() => stealFrom(b, sessionId, c.teamId), (d) => {
    expect(d).toContain("steal-line");
    expect(d).toContain(`data-team-id="${b.teamId}" data-score="100"`);
  });
  await step(() => teacherAct(s, g.gameId, sessionId, "reveal"), (d) => expect(d).toContain("42"));
  phone.close();
});

test("another team's penalty reaches every phone of the bracket (its standings), and the team's own answer its own phones", async () => {
  const [q1, q2] = addStealQuestions(s, [{ text: "Penalty: 1 + 1 = ?", answer: "2", points: 100 }, { text: "Penalty: 2 + 2 = ?", answer: "4", points: 100 }]);
  const g = await stealGame(s, { brackets: [null], teamsPerBracket: 3, perTeam: 1 });
  const [a, b, c] = g.teams.map((t) => t.seats[0]!) as [StealSeat, StealSeat, StealSeat];
  const { sessionId } = await startSteal(s, g.gameId, { questionIds: [q1, q2], wrongPenalty: 50 });
  expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
  expect((await answer(b, sessionId, "2")).status).toBe(200);
  expect((await stealFrom(b, sessionId, c.teamId)).status).toBe(200);
  expect((await teacherAct(s, g.gameId, sessionId, "reveal")).status).toBe(200);
  const phoneA = await streamOf(a, g.gameCode);
  const phoneB = await streamOf(b, g.gameCode);
  await phoneA.waitFor((t) => t.includes(`data-team-id="${b.teamId}" data-score="100"`));
  expect((await teacherAct(s, g.gameId, sessionId, "open")).status).toBe(200);
  await phoneA.waitFor((t) => t.includes(`data-phase="ss-${sessionId}-2-open"`));
  await phoneB.waitFor((t) => t.includes(`data-phase="ss-${sessionId}-2-open"`));
  await Bun.sleep(300);
  const seenA = phoneA.messages().length;
  const seenB = phoneB.messages().length;
  // B answers wrong: −50. A's standings show B at 50; B's phones show B's locked answer.
  expect((await answer(b, sessionId, "5")).status).toBe(200);
  expect(await next(phoneA, seenA)).toContain(`data-team-id="${b.teamId}" data-score="50"`);
  expect(await next(phoneB, seenB)).toContain(`data-phase="ss-${sessionId}-2-answered"`);
  phoneA.close();
  phoneB.close();
});
