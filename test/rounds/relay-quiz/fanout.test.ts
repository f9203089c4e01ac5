// A relay answer or hint changes its own team's screens only: it is published for that team
// (Bus.publishForTeams), so the other teams' phones are not woken — at district scale, 20 teams'
// views read and checked per answer was most of the server's time. What does change for other
// teams still reaches them: a cycle that moves every team (together pacing) and the round's end.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, startServer, teacherBrowser, type TestServer } from "../../support/server.ts";
import { openSse, type SseStream } from "../../support/sse-client.ts";
import { heldBy, makeRelaySets, relayAnswer, relayHint, seatTeams, startRelay, type Mapping } from "../../support/relay.ts";
import type { Seat } from "../../support/year.ts";

let s: TestServer;
let suffix = 0;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

const EN = { "accept-language": "en" };

/** One team of four in a relay of two-question sets, each phone's stream open (English). */
async function teamOfFourStreaming() {
  const g = await seatTeams(s, [4]);
  const bank = makeRelaySets(s.deps.db, `fo${++suffix}`, "PQRS", 2, false);
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], pacing: "team" });
  const seats = g.seats[0]!;
  const phones = await Promise.all(seats.map((seat) => openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: cookieOf(seat), ...EN })));
  return { bank, r, mapping: r.mapping[0]!, seats, phones, code: g.gameCode, gameId: g.gameId };
}

const cookieOf = (seat: Seat) => [...seat.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
const frames = (st: SseStream) => st.messages().length;

/** Two teams of two, two sets of two questions (two cycles: each member holds one question per cycle), every phone streaming. */
async function setUp(pacing: "team" | "together") {
  const g = await seatTeams(s, [2, 2]);
  const bank = makeRelaySets(s.deps.db, `fo${++suffix}`, "PQ", 2, false);
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], pacing, hintPenalty: 10 });
  const named: (number[] | null)[] = [];
  const off = s.deps.bus.subscribe(g.gameId, (f) => named.push(f.teams ? [...f.teams] : null));
  const phones = await Promise.all(g.seats.flat().map((seat) => openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: cookieOf(seat), ...EN })));
  const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream`, EN);
  await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q1`), 3000)));
  await screen.waitFor((t) => t.includes(`rq-${r.sessionId}-running`), 3000);
  const mapping = new Map<number, Mapping>(r.mapping.map((m) => [m.teamId, m]));
  /** Seat `seat` answers its question of `cycle` rightly. */
  const answer = async (seat: Seat, cycle: number) => {
    const q = heldBy(mapping.get(seat.teamId)!, cycle, seat.participantId)[0]!;
    const set = bank.find((b) => b.ids.includes(q.questionId))!;
    const res = await relayAnswer(seat, r.sessionId, set.answers[cycle - 1]!, q.questionId);
    expect(res.status).toBe(200);
    return q;
  };
  const close = () => { off(); for (const st of [...phones, screen]) st.close(); };
  return { g, r, bank, named, phones, screen, mapping, answer, close, team1: phones.slice(0, 2), team2: phones.slice(2, 4) };
}

/** Waits for the bus's flushes to run (coalescing is 50 ms in tests) and the frames to arrive. */
const settle = () => Bun.sleep(250);

describe("Relay Quiz: who is told about an answer", () => {
  test("team pacing: team 1's answers, cycle change and hint are published for team 1 only; team 2's phones get no frame, team 1's and the projector's do; the round's end reaches everyone", async () => {
    const { g, r, named, team1, team2, screen, mapping, answer, close } = await setUp("team");
    const [A, B] = g.seats[0]!;
    const [C, D] = g.seats[1]!;
    const team1Id = A!.teamId;
    await settle();
    const base2 = team2.map(frames);
    const base1 = team1.map(frames);
    const baseScreen = frames(screen);
    named.length = 0;

    await answer(A!, 1); // no cycle change yet
    await settle();
    expect(named).toEqual([[team1Id]]);
    expect(team2.map(frames)).toEqual(base2);
    // Team 1's phones show the answer in their chains; the projector shows the team's progress.
    await Promise.all(team1.map((p, i) => p.waitFor(() => frames(p) > base1[i]!, 2000)));
    await screen.waitFor(() => frames(screen) > baseScreen, 2000);

    await answer(B!, 1); // team 1 moves to cycle 2
    await Promise.all(team1.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q2`), 2000)));
    await screen.waitFor((t) => /<li class="now"><span class="rq-step">2<\/span>/.test(t), 2000);
    const q = heldBy(mapping.get(team1Id)!, 2, A!.participantId)[0]!;
    expect((await relayHint(A!, r.sessionId, q.questionId)).status).toBe(200);
    await team1[0]!.waitFor((t) => t.includes("True previous answer"), 2000);
    await settle();
    expect(named.every((x) => x !== null && x.length === 1 && x[0] === team1Id)).toBe(true);
    expect(team2.map(frames)).toEqual(base2);

    // Team 2 plays its whole relay; team 1's phones see none of it.
    const before1 = team1.map(frames);
    named.length = 0;
    await answer(C!, 1);
    await answer(D!, 1);
    await answer(C!, 2);
    await answer(D!, 2); // team 2 finished (first); the round goes on
    await Promise.all(team2.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-done`), 2000)));
    await settle();
    expect(named.every((x) => x !== null && x[0] === C!.teamId)).toBe(true);
    expect(team1.map(frames)).toEqual(before1);

    // Team 1 finishes last: the round is over, and every phone is told (team 2's too).
    const before2 = team2.map(frames);
    named.length = 0;
    await answer(A!, 2);
    await answer(B!, 2);
    await Promise.all(team2.map((p, i) => p.waitFor(() => frames(p) > before2[i]!, 2000)));
    expect(named).toContainEqual(null);
    // (A game whose plan has nothing after this round finishes with it: its state is the teacher's.)
    const state = (await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as any;
    expect(state.round.status).toBe("finished");
    close();
  });

  test("an answer that moves no cycle: the teammates still on their question get the one cell that changed (the same string for each), each with its own last answer", async () => {
    const { bank, r, mapping, seats, phones, code } = await teamOfFourStreaming();
    const answer = async (seat: Seat, cycle: number) => {
      const q = heldBy(mapping, cycle, seat.participantId)[0]!;
      const set = bank.find((b) => b.ids.includes(q.questionId))!;
      expect((await relayAnswer(seat, r.sessionId, set.answers[cycle - 1]!, q.questionId)).status).toBe(200);
      return { q, set, given: set.answers[cycle - 1]! };
    };
    const firsts: Awaited<ReturnType<typeof answer>>[] = [];
    for (const seat of seats) firsts.push(await answer(seat, 1));
    await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q2`), 3000)));
    await settle();
    const base = phones.map(frames);
    const { given, set } = await answer(seats[0]!, 2); // A answers; B, C and D stay on their questions
    const mates = phones.slice(1);
    await Promise.all(mates.map((p, i) => p.waitFor(() => frames(p) > base[i + 1]!, 2000)));
    await settle();
    const texts = mates.map((p, i) => p.messages().slice(base[i + 1]!).map((m) => m.data).join("\n"));
    const part = (id: string, text: string) => new RegExp(`<hx-partial hx-target="#${id}"[^>]*>([\\s\\S]*?)</hx-partial>`).exec(text)?.[1];
    // Parts only (the same phase): not the whole table, only A's cell (set, cycle 2), replacing itself.
    const cellId = `rq-c-${bank.indexOf(set)}-2`;
    for (const text of texts) {
      expect(text).not.toContain('hx-target="#phase"');
      expect(text).not.toContain('hx-target="#rq-team"');
      expect(text.match(/hx-target="#rq-c-/g)).toHaveLength(1);
      expect(text).toContain(`<hx-partial hx-target="#${cellId}" hx-swap="outerHTML"><td class="rq-cell answered" id="${cellId}"`);
    }
    const cells = texts.map((t) => part(cellId, t));
    expect(cells[0]).toContain(`<code>${given}</code>`);
    expect(new Set(cells).size).toBe(1);
    // Each phone's own last answer: its cycle-1 question, not a teammate's.
    texts.forEach((t, i) => expect(part("rq-last", t)).toContain(`${firsts[i + 1]!.set.set} · 1`));
    // A phone that connects now (or comes back) is sent the whole table, with A's answer in it.
    const late = await openSse(`${s.url}/g/${code}/play/stream?phase=rq-${r.sessionId}-q2`, { cookie: cookieOf(seats[1]!), ...EN });
    await late.waitFor((t) => t.includes("rq-c-"), 3000);
    const first = late.messages().map((m) => m.data).join("\n");
    expect(part("rq-team", first) ?? first).toContain(`<code>${given}</code>`);
    expect(first).toMatch(/<table class="rq-chains rq-team">/);
    late.close();
    for (const p of phones) p.close();
  });

  test("a cycle that moves: every phone gets its new turn (its own question) and the team's whole chains (the same string, in one piece shared in the flush), not its whole panel", async () => {
    const { bank, r, mapping, seats, phones } = await teamOfFourStreaming();
    await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q1`), 3000)));
    const base = phones.map(frames);
    const given: string[] = [];
    for (const seat of seats) {
      const q = heldBy(mapping, 1, seat.participantId)[0]!;
      const set = bank.find((b) => b.ids.includes(q.questionId))!;
      given.push(set.answers[0]!);
      expect((await relayAnswer(seat, r.sessionId, set.answers[0]!, q.questionId)).status).toBe(200);
    }
    await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q2`), 3000)));
    const updates = phones.map((p, i) => p.messages().slice(base[i]!).map((m) => m.data));
    const part = (id: string, text: string) => new RegExp(`<hx-partial hx-target="#${id}"[^>]*>([\\s\\S]*?)</hx-partial>`).exec(text)?.[1];
    const last = updates.map((u) => u.findLast((d) => d.includes(`rq-${r.sessionId}-q2`))!);
    for (const u of updates) expect(u.join("\n")).not.toContain('hx-target="#phase"');
    const chains = last.map((t) => part("rq-team", t));
    for (const c of chains) for (const a of given) expect(c).toContain(`<code>${a}</code>`);
    expect(new Set(chains).size).toBe(1);
    last.forEach((t, i) => {
      const own = heldBy(mapping, 2, seats[i]!.participantId)[0]!;
      // Its turn, morphed in place (an answer being typed in another of its questions keeps its text and focus).
      expect(t).toContain('<hx-partial hx-target="#rq-yours" hx-swap="innerMorph"><div data-turn="rq-');
      expect(part("rq-yours", t)).toContain(`data-turn="rq-${r.sessionId}-q2-${own.questionId}"`);
      expect(part("rq-yours", t)).toContain(`id="rq-q-${own.questionId}"`);
    });
    for (const p of phones) p.close();
  });

  test("a phone back from a lost connection: at the turn its page loaded with, it is sent that turn with the whole table; at another, its whole panel", async () => {
    const { bank, r, mapping, seats, phones, code } = await teamOfFourStreaming();
    await Promise.all(phones.map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q1`), 3000)));
    // A answers: its page (loaded at cycle 1) now shows "off turn" while the others play on.
    const q = heldBy(mapping, 1, seats[0]!.participantId)[0]!;
    const set = bank.find((b) => b.ids.includes(q.questionId))!;
    expect((await relayAnswer(seats[0]!, r.sessionId, set.answers[0]!, q.questionId)).status).toBe(200);
    await phones[0]!.waitFor((t) => t.includes(`data-turn="rq-${r.sessionId}-off"`), 3000);
    // A stream that opens tells the phase its page loaded with: this same "off turn" for a page
    // loaded off turn that got a question since (and lost its connection while the cycle moved on).
    // What the page shows is not known, so its turn comes with the whole table.
    const back = await openSse(`${s.url}/g/${code}/play/stream?phase=${encodeURIComponent(`rq-${r.sessionId}-off`)}`, { cookie: cookieOf(seats[0]!), ...EN });
    const first = await back.waitFor((t) => t.includes("rq-c-"), 3000);
    expect(first).toContain('hx-target="#rq-yours"');
    expect(first).toContain(`data-turn="rq-${r.sessionId}-off"`);
    expect(first).not.toContain(`id="rq-q-${q.questionId}"`);
    expect(first).toMatch(/<table class="rq-chains rq-team">/);
    back.close();
    // One that loaded at its question (the phase it tells) gets its whole panel: a stream's first
    // phase is only what the page loaded with, not known to be what it shows (see phoneChains).
    const other = await openSse(`${s.url}/g/${code}/play/stream?phase=${encodeURIComponent(`rq-${r.sessionId}-q1-${q.questionId}`)}`, { cookie: cookieOf(seats[0]!), ...EN });
    const whole = await other.waitFor((t) => t.includes("rq-c-"), 3000);
    expect(whole).toContain(`<hx-partial hx-target="#phase" hx-swap="outerHTML"><div id="phase" data-phase="rq-${r.sessionId}-off">`);
    other.close();
    for (const p of phones) p.close();
  });

  test("a latecomer only watches (a phase of its own): handed a member's questions, its phone gets its whole new panel, not a turn", async () => {
    const { r, seats, phones, code, gameId } = await teamOfFourStreaming();
    const late = await new Client(s.url).visit();
    const joined = (await (await late.postJson("/api/join-game", { gameCode: code, nickname: "latecomer", teamId: seats[0]!.teamId })).json()) as { participantId: number; token: string };
    const L: Seat = { client: late, participantId: joined.participantId, teamId: seats[0]!.teamId, token: joined.token, nickname: "latecomer" };
    const phone = await openSse(`${s.url}/g/${code}/play/stream`, { cookie: cookieOf(L), ...EN });
    const first = await phone.waitFor((t) => t.includes(`data-phase="rq-${r.sessionId}-watch"`), 3000);
    expect(first).toContain("You joined after the relay started");
    const seen = frames(phone);
    const res = await fetch(`${s.url}/api/games/${gameId}/rounds/${r.sessionId}/reassign`, { method: "POST", headers: s.teacher, body: JSON.stringify({ fromParticipantId: seats[0]!.participantId, toParticipantId: L.participantId }) });
    expect(res.status).toBe(200);
    await phone.waitFor(() => phone.messages().slice(seen).some((m) => m.data.includes('hx-target="#phase"')), 3000);
    const panel = phone.messages().slice(seen).map((m) => m.data).join("\n");
    expect(panel).toMatch(new RegExp(`data-phase="rq-${r.sessionId}-q1-\\d+"`));
    expect(panel).not.toContain("You joined after the relay started");
    phone.close();
    for (const p of phones) p.close();
  });

  test("together pacing: the answer that completes everyone's cycle is published for every team, and every phone shows the next cycle", async () => {
    const { g, r, named, team1, team2, answer, close } = await setUp("together");
    const [A, B] = g.seats[0]!;
    const [C, D] = g.seats[1]!;
    await settle();
    named.length = 0;
    await answer(A!, 1);
    await answer(B!, 1); // team 1 is done with cycle 1 and waits for team 2
    await answer(C!, 1);
    await settle();
    expect(named).not.toContainEqual(null);
    expect(team1.every((p) => !p.text().includes(`rq-${r.sessionId}-q2`))).toBe(true);
    await answer(D!, 1); // everyone moves on
    await Promise.all([...team1, ...team2].map((p) => p.waitFor((t) => t.includes(`rq-${r.sessionId}-q2`), 2000)));
    expect(named.at(-1)).toBeNull();
    close();
  });

  test("the teacher's panel gets every team's card in its first frame, then only the cards of teams that changed (each replacing itself)", async () => {
    const { g, r, answer, close } = await setUp("team");
    const [A] = g.seats[0]!;
    const [C] = g.seats[1]!;
    const teacher = await teacherBrowser(s);
    const panel = await openSse(`${s.url}/teacher/games/${g.gameId}/stream?phase=${encodeURIComponent("start-started-none")}`, { cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...EN });
    const card = (teamId: number) => `id="rq-t-team-${teamId}"`;
    const first = await panel.waitFor((t) => t.includes(card(A!.teamId)) && t.includes(card(C!.teamId)), 3000);
    expect(first).toContain(`rq-${r.sessionId}-running`);
    await Bun.sleep(700); // the overview lane's pace in tests (10 x 50 ms)
    const seen = panel.messages().length;
    await answer(A!, 1);
    await panel.waitFor(() => panel.messages().slice(seen).some((m) => m.data.includes(card(A!.teamId))), 3000);
    const update = panel.messages().slice(seen).map((m) => m.data).join("\n");
    expect(update).toContain(`hx-target="#rq-t-team-${A!.teamId}" hx-swap="outerHTML"`);
    expect(update).toContain(">100<"); // team 1's points on its card
    expect(update).not.toContain(card(C!.teamId));
    // Team 2 answers next: its card comes, team 1's (unchanged since) does not.
    const seen2 = panel.messages().length;
    await answer(C!, 1);
    await panel.waitFor(() => panel.messages().slice(seen2).some((m) => m.data.includes(card(C!.teamId))), 3000);
    expect(panel.messages().slice(seen2).map((m) => m.data).join("\n")).not.toContain(card(A!.teamId));
    panel.close();
    close();
  });

  test("the projector gets every team's track in its first frame, then only the rows of teams that changed, and the standings only when the scores moved", async () => {
    const { g, r, answer, close } = await setUp("team");
    const [A, B] = g.seats[0]!;
    const [C] = g.seats[1]!;
    const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream?phase=lobby`, EN);
    const row = (teamId: number) => `id="rq-s-row-${teamId}"`;
    await screen.waitFor((t) => t.includes(row(A!.teamId)) && t.includes(row(C!.teamId)) && t.includes("rq-s-standings"), 3000);
    const updates = async (act: () => Promise<unknown>, until: (html: string) => boolean) => {
      const seen = screen.messages().length;
      await act();
      await screen.waitFor(() => until(screen.messages().slice(seen).map((m) => m.data).join("\n")), 3000);
      await settle();
      return screen.messages().slice(seen).map((m) => m.data).join("\n");
    };
    // A right answer of team 1: its row (replacing itself) and the standings; not team 2's row.
    const first = await updates(() => answer(A!, 1), (h) => h.includes(row(A!.teamId)));
    expect(first).toContain(`hx-target="#rq-s-row-${A!.teamId}" hx-swap="outerHTML"`);
    expect(first).toContain('hx-target="#rq-s-standings"');
    expect(first).not.toContain(row(C!.teamId));
    // A wrong answer of team 1 moves its row on (cycle 2) but no score: no standings.
    const wrong = await updates(async () => {
      const q = r.mapping.find((m) => m.teamId === B!.teamId)!.cycles[0]!.questions.find((x) => x.holders.includes(B!.participantId))!;
      expect((await relayAnswer(B!, r.sessionId, "999999", q.questionId)).status).toBe(200);
    }, (h) => h.includes(row(A!.teamId)));
    expect(wrong).toMatch(/<li class="now"><span class="rq-step">2<\/span>/);
    expect(wrong).not.toContain('hx-target="#rq-s-standings"');
    expect(wrong).not.toContain(row(C!.teamId));
    screen.close();
    close();
  });
});
