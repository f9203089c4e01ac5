// The teacher's start form (the same body as the API), the mapping preview and its reordering,
// and the live screens: each phone gets its own question over its stream, the projector follows
// every team's progress, the teacher sees answers, hints and stuck teams.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { relayStartFromForm } from "../../../src/rounds/relay-quiz/schemas.ts";
import { startRelayRound } from "../../../src/rounds/relay-quiz/start.ts";
import { relayQuiz } from "../../../src/rounds/relay-quiz/module.ts";
import { findRound } from "../../../src/rounds/current.ts";
import { startServer, teacherBrowser, type TestServer } from "../../support/server.ts";
import { openSse } from "../../support/sse-client.ts";
import { makeRelaySets, relayAnswer, relayHint, seatTeams, startRelay } from "../../support/relay.ts";

let s: TestServer;
let suffix = 0;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

const EN = { "accept-language": "en" };

describe("Relay Quiz: start form and screens", () => {
  test("the start form lists the bank's sets and each team's mapping; ↑ reorders a team; the form starts the same round the API would", async () => {
    const g = await seatTeams(s, [3, 2]);
    const bank = makeRelaySets(s.deps.db, `f${++suffix}`);
    const teacher = await teacherBrowser(s);
    const form = await (await teacher.fetch(`/teacher/games/${g.gameId}/rounds/new?type=relay_quiz`, { headers: EN })).text();
    for (const b of bank) expect(form).toContain(`name="sets" value="${b.set}"`);
    expect(form).toContain("Who answers what");
    const [A, B, C] = g.seats[0]!;
    // The preview's order travels as order_<team> fields: A, B, C.
    const orderOf = (html: string, teamId: number) => [...html.matchAll(new RegExp(`name="order_${teamId}" value="(\\d+)"`, "g"))].map((m) => Number(m[1]));
    const fields = new URLSearchParams({ type: "relay_quiz" });
    for (const b of bank) fields.append("sets", b.set);
    for (const x of g.seats[0]!) fields.append(`order_${A!.teamId}`, String(x.participantId));
    const preview = async (extra: Record<string, string>) => {
      const body = new URLSearchParams(fields);
      for (const [k, v] of Object.entries(extra)) body.set(k, v);
      return await (await teacher.fetch(`/teacher/games/${g.gameId}/relay/preview`, { method: "POST", headers: { ...EN, "hx-request": "true", "content-type": "application/x-www-form-urlencoded" }, body: body.toString() })).text();
    };
    const plain = await preview({});
    expect(orderOf(plain, A!.teamId)).toEqual([A, B, C].map((x) => x!.participantId));
    // A of three holds P1 and S1 in cycle 1.
    expect(plain).toMatch(new RegExp(`${A!.nickname}</span></th><td>${bank[0]!.set}·1 \\+ ${bank[3]!.set}·1</td>`));
    const moved = await preview({ move: `${A!.teamId}:${C!.participantId}:up` });
    expect(orderOf(moved, A!.teamId)).toEqual([A, C, B].map((x) => x!.participantId));
    // Starting from the form: C before B.
    const start = new URLSearchParams(fields);
    start.delete(`order_${A!.teamId}`);
    for (const x of [A, C, B]) start.append(`order_${A!.teamId}`, String(x!.participantId));
    start.set("cycleSeconds", "60, 90, 120, 150");
    start.set("hintPenalty", "50");
    start.set("pacing", "together");
    start.set("followThrough", "on");
    expect(relayStartFromForm(Object.fromEntries([...new Set(start.keys())].map((k) => [k, start.getAll(k).length > 1 ? start.getAll(k) : start.get(k)])))).toEqual({
      sets: bank.map((b) => b.set), cycleSeconds: [60, 90, 120, 150], followThrough: true, hintPenalty: 50, pacing: "together", memberOrder: { [String(A!.teamId)]: [A, C, B].map((x) => x!.participantId) },
    });
    const res = await teacher.fetch(`/teacher/games/${g.gameId}/rounds`, { method: "POST", headers: { ...EN, "content-type": "application/x-www-form-urlencoded" }, body: start.toString() });
    expect(res.status).toBe(303);
    const state = (await (await fetch(`${s.url}/api/game-state?gameId=${g.gameId}`, { headers: s.teacher })).json()) as any;
    expect(state.round).toMatchObject({ type: "relay_quiz", cycleSeconds: [60, 90, 120, 150], hintPenalty: 50, pacing: "together", followThrough: true });
    const members = s.deps.db.$client.query("SELECT participant_id FROM relay_members WHERE round_id = ? AND team_id = ? ORDER BY position").all(state.round.sessionId, A!.teamId) as any[];
    expect(members.map((m) => m.participant_id)).toEqual([A, C, B].map((x) => x!.participantId));
  });

  test("refusals: an unknown or incomplete set (409 no_questions), a cycle-time list of the wrong length, a member of another team in the order", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `f${++suffix}`);
    const short = makeRelaySets(s.deps.db, `f${++suffix}`, "PQ", 3);
    const post = (body: Record<string, unknown>) => fetch(`${s.url}/api/games/${g.gameId}/rounds`, { method: "POST", headers: { ...s.teacher, ...EN }, body: JSON.stringify({ type: "relay_quiz", ...body }) }).then(async (r) => ({ status: r.status, ...((await r.json()) as any) }));
    expect(await post({ sets: ["Nope9"] })).toMatchObject({ status: 409, error: { code: "no_questions", detail: { set: "Nope9", reason: "set_missing" } } });
    expect(await post({ sets: [bank[0]!.set, short[0]!.set] })).toMatchObject({ status: 409, error: { code: "no_questions", detail: { reason: "set_sizes_differ" } } });
    expect(await post({ sets: [bank[0]!.set, bank[0]!.set] })).toMatchObject({ status: 400, error: { code: "invalid_input", detail: { field: "sets" } } });
    expect(await post({ sets: bank.map((b) => b.set), cycleSeconds: [60, 60] })).toMatchObject({ status: 400, error: { code: "invalid_input", detail: { field: "cycleSeconds", reason: "cycle_count" } } });
    expect(await post({ sets: bank.map((b) => b.set), memberOrder: { [g.seats[0]![0]!.teamId]: [g.seats[1]![0]!.participantId] } })).toMatchObject({ status: 400, error: { code: "invalid_input", detail: { field: "memberOrder", reason: "not_a_member" } } });
    expect(await post({ sets: [] })).toMatchObject({ status: 400 });
    // A set with a gap in its order cannot be played.
    s.deps.db.$client.run("DELETE FROM questions WHERE set_name = ? AND set_order = 2", [short[1]!.set]);
    expect(await post({ sets: [short[1]!.set] })).toMatchObject({ status: 409, error: { code: "no_questions", detail: { reason: "set_incomplete" } } });
  });

  test("live: each phone's stream carries its own question only; a cycle change reaches the phones and the projector; the teacher sees answers, hints and the hand-over form", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `f${++suffix}`);
    const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] });
    const [A, B] = g.seats[0]!;
    const streamOf = (seat: typeof A) => openSse(`${s.url}/g/${g.gameCode}/play/stream`, { cookie: [...seat!.client.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...EN });
    const [sa, sb] = await Promise.all([streamOf(A), streamOf(B)]);
    const screen = await openSse(`${s.url}/g/${g.gameCode}/screen/stream`, EN);
    const teacher = await teacherBrowser(s);
    const teacherStream = await openSse(`${s.url}/teacher/games/${g.gameId}/stream`, { cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...EN });
    // A holds P1 and R1, B holds Q1 and S1.
    await sa.waitFor((t) => t.includes(`${bank[0]!.set}: what is`) && t.includes(`${bank[2]!.set}: what is`));
    await sb.waitFor((t) => t.includes(`${bank[1]!.set}: what is`));
    expect(sa.text()).not.toContain(`${bank[1]!.set}: what is`);
    expect(sb.text()).not.toContain(`${bank[0]!.set}: what is`);
    expect(sb.text()).not.toMatch(/\/img\/[0-9a-f]{64}/);
    await screen.waitFor((t) => t.includes(`rq-${r.sessionId}-running`));
    // Team 1 plays cycle 1 through: both phones and the projector move to cycle 2.
    for (const [seat, set] of [[A, 0], [A, 2], [B, 1], [B, 3]] as const) expect((await relayAnswer(seat!, r.sessionId, bank[set]!.answers[0]!, bank[set]!.ids[0])).status).toBe(200);
    await sa.waitFor((t) => t.includes(`${bank[1]!.set}·2`), 3000);
    await sb.waitFor((t) => t.includes(`${bank[0]!.set}·2`), 3000);
    await screen.waitFor((t) => /<li class="now"><span class="rq-step">2<\/span>/.test(t), 3000);
    // A buys a hint: the teacher's panel shows it, with the answers and the true answers.
    expect((await relayHint(A!, r.sessionId, bank[1]!.ids[1]!)).status).toBe(200);
    await sa.waitFor((t) => t.includes("True previous answer"), 3000);
    await teacherStream.waitFor((t) => t.includes("💡") && t.includes("Hand questions over") && t.includes("Key:"), 5000);
    for (const x of [sa, sb, screen, teacherStream]) x.close();
  });

  test("the teacher sees a team stuck on a question (nothing for 90 s); exports list every answer and hint with its points", async () => {
    const g = await seatTeams(s, [2, 2]);
    const bank = makeRelaySets(s.deps.db, `f${++suffix}`);
    // Started two minutes ago: nobody has answered since.
    const started = startRelayRound(s.deps.db, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], hintPenalty: 30 }, Date.now() - 120_000);
    if (!started.ok) throw new Error(started.code);
    s.deps.clock.track(started.round);
    const teacher = await teacherBrowser(s);
    const page = await (await teacher.fetch(`/teacher/games/${g.gameId}`, { headers: EN })).text();
    expect(page.match(/rq-stuck/g)?.length).toBe(2);
    expect(page).toMatch(/Stuck · no answer for <span>2:0\d<\/span>/);
    const [A, B] = g.seats[0]!;
    await relayAnswer(A!, started.round.id, "2", bank[0]!.ids[0]);
    await relayAnswer(A!, started.round.id, "4", bank[2]!.ids[0]); // wrong (R1 is 5)
    await relayAnswer(B!, started.round.id, "3", bank[1]!.ids[0]);
    await relayAnswer(B!, started.round.id, "7", bank[3]!.ids[0]);
    expect((await relayHint(B!, started.round.id, bank[2]!.ids[1]!)).status).toBe(200);
    const after = await (await teacher.fetch(`/teacher/games/${g.gameId}`, { headers: EN })).text();
    expect(after.match(/rq-stuck/g)?.length).toBe(1); // team 1 answered just now
    const rows = relayQuiz.exportRows(s.deps.db, findRound(s.deps.db, started.round.id)!);
    expect(rows.map((r) => [r.kind, r.member, r.points, r.detail.split(";")[1]?.trim() ?? ""])).toEqual([
      ["answer", A!.nickname, 100, "correct"], ["answer", A!.nickname, 0, "wrong"], ["answer", B!.nickname, 100, "correct"], ["answer", B!.nickname, 100, "correct"],
      ["hint", B!.nickname, -30, "charged=30"],
    ]);
    expect(rows.every((r) => r.roundType === "relay_quiz" && r.teamId === A!.teamId)).toBe(true);
  });
});
