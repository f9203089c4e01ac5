// Members come and go during a relay: a removed member's questions go to the next member in
// order, the teacher hands a member's questions to a teammate, and nobody changes teams meanwhile.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Client, createGame, phoneAddress, startServer, type TestServer } from "../../support/server.ts";
import type { Seat } from "../../support/year.ts";
import { gameState, makeRelaySets, relayAnswer, seatTeams, startRelay } from "../../support/relay.ts";

let s: TestServer;
let suffix = 0;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

const teacherForm = (path: string, fields: Record<string, string> = {}) =>
  fetch(s.url + path, { method: "POST", headers: { authorization: s.teacher.authorization!, "content-type": "application/x-www-form-urlencoded", "accept-language": "en" }, body: new URLSearchParams(fields).toString(), redirect: "manual" });

/** Who holds what now: "P1" → participant ids, from the database. */
function holders(roundId: number, teamId: number): Map<string, (number | null)[]> {
  const rows = s.deps.db.$client.query(`SELECT h.cycle, h.set_index, m.participant_id FROM relay_holders h JOIN relay_members m ON m.id = h.member_id WHERE h.round_id = ? AND h.team_id = ? ORDER BY h.cycle, h.set_index, m.position`).all(roundId, teamId) as { cycle: number; set_index: number; participant_id: number | null }[];
  const out = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const key = `${"PQRS"[r.set_index]}${r.cycle}`;
    out.set(key, [...(out.get(key) ?? []), r.participant_id]);
  }
  return out;
}

async function start(sizes: number[]) {
  const g = await seatTeams(s, sizes);
  const bank = makeRelaySets(s.deps.db, `m${++suffix}`);
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] });
  return { g, bank, id: r.sessionId };
}

describe("Relay Quiz: members come and go", () => {
  test("removing a member mid-round hands their remaining questions to the next member in order", async () => {
    const { g, bank, id } = await start([4, 4]);
    const [A, B, C, D] = g.seats[0]!;
    // B answers Q1; then the teacher removes B: R2, S3, P4 go to C.
    expect((await relayAnswer(B!, id, "3")).status).toBe(200);
    const kicked = await teacherForm(`/teacher/games/${g.gameId}/participants/${B!.participantId}/kick`);
    expect(kicked.status).toBe(303);
    const h = holders(id, A!.teamId);
    expect(h.get("Q1")).toEqual([null]); // answered: stays B's (B left the game)
    expect(h.get("R2")).toEqual([C!.participantId]);
    expect(h.get("S3")).toEqual([C!.participantId]);
    expect(h.get("P4")).toEqual([C!.participantId]);
    expect(h.get("S2")).toEqual([C!.participantId]);
    // B's points stay in the ledger, without a name; the ledger is still append-only otherwise.
    const sqlite = s.deps.db.$client;
    expect(sqlite.query("SELECT participant_id, delta FROM score_events WHERE team_id = ?").all(A!.teamId)).toEqual([{ participant_id: null, delta: 100 }]);
    expect(() => sqlite.run("UPDATE score_events SET delta = 1000 WHERE team_id = ?", [A!.teamId])).toThrow("ledger_append_only");
    expect(() => sqlite.run("UPDATE score_events SET participant_id = ? WHERE team_id = ?", [A!.participantId, A!.teamId])).toThrow("ledger_append_only");
    // Removing D while S1 is open: it goes to the next present member after D — A.
    await teacherForm(`/teacher/games/${g.gameId}/participants/${D!.participantId}/kick`);
    expect(holders(id, A!.teamId).get("S1")).toEqual([A!.participantId]);
    const state = await gameState(s, g.gameId);
    const onTurn = state.round.teams.find((t: any) => t.teamId === A!.teamId).onTurn.map((m: any) => m.participantId).sort();
    expect(onTurn).toEqual([A!.participantId, C!.participantId].sort());
    // A now holds P1 and S1: both can be answered; the cycle then moves on.
    expect((await relayAnswer(A!, id, "7", bank[3]!.ids[0])).status).toBe(200);
    expect((await relayAnswer(A!, id, "2")).status).toBe(200);
    const last = (await (await relayAnswer(C!, id, "5")).json()) as any;
    expect(last.next.cycle).toBe(2);
    // C's phone shows both cycle-2 questions (S2 and R2) as theirs.
    const page = await (await C!.client.fetch(`/g/${g.gameCode}/play`, { headers: { "accept-language": "en" } })).text();
    expect(page).toContain(`${bank[2]!.set}·2`);
    expect(page).toContain(`${bank[3]!.set}·2`);
    expect(page).toContain("Your questions");
  });

  test("removing an address's seats mid-round hands each one's questions on, as a kick does, and every view sees it at once", async () => {
    const g = await seatTeams(s, [3, 3]);
    // A fourth member of team 1 on a phone of its own (D); the others share the test's address.
    const address = phoneAddress();
    const phone = await new Client(s.url, {}, address).visit();
    const joined = (await (await phone.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "ownaddress", teamId: g.teams[0]!.id })).json()) as any;
    const D: Seat = { client: phone, participantId: joined.participantId, teamId: g.teams[0]!.id, token: joined.token, nickname: "ownaddress" };
    const bank = makeRelaySets(s.deps.db, `m${++suffix}`);
    const id = (await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] })).sessionId;
    const [A] = g.seats[0]!;
    const onTurn = async () => (await gameState(s, g.gameId)).round.teams.find((t: any) => t.teamId === A!.teamId).onTurn.map((m: any) => m.participantId).sort();
    const dHeld = [...holders(id, A!.teamId)].filter(([, who]) => who.includes(D.participantId)).map(([slot]) => slot);
    expect(dHeld.length).toBeGreaterThan(0);
    expect(await onTurn()).toContain(D.participantId); // read, and kept by the live views
    const removed = await fetch(`${s.url}/api/games/${g.gameId}/addresses/remove`, { method: "POST", headers: s.teacher, body: JSON.stringify({ address }) });
    expect(removed.status).toBe(200);
    // D's questions went to the next member in order (A, after the last); none is left unheld.
    const after = holders(id, A!.teamId);
    for (const slot of dHeld) expect(after.get(slot)).toEqual([A!.participantId]);
    // No answer came since: the views' kept state of the team was replaced all the same.
    expect(await onTurn()).not.toContain(D.participantId);
    expect(await onTurn()).toContain(A!.participantId);
    // A seat deleted by no code path of the round's (its member's participant_id set to NULL by the
    // foreign key) still moves the team's versions: the trigger sees the row change, not the code.
    const sqlite = s.deps.db.$client;
    const [E] = g.seats[1]!;
    const versions = () => sqlite.query("SELECT version, people_version AS people FROM relay_progress WHERE round_id = ? AND team_id = ?").get(id, E!.teamId) as { version: number; people: number };
    const before = versions();
    sqlite.run("DELETE FROM participants WHERE id = ?", [E!.participantId]);
    expect(versions()).toEqual({ version: before.version + 1, people: before.people + 1 });
  });

  test("two seats of one address removed together: each one's questions go to a member still there, none to the other", async () => {
    const g = await createGame(s, { teamCount: 2, maxParticipants: 20, joinMode: "choose" });
    const address = phoneAddress();
    const join = async (nickname: string, team: number, from?: string): Promise<Seat> => {
      const client = await new Client(s.url, {}, from).visit();
      const body = (await (await client.postJson("/api/join-game", { gameCode: g.gameCode, nickname, teamId: g.teams[team]!.id })).json()) as any;
      return { client, participantId: body.participantId, teamId: g.teams[team]!.id, token: body.token, nickname };
    };
    // Team 1 in order X, A, B, Y: X and Y share the address (the order wraps from Y to X).
    const X = await join("x", 0, address);
    const A = await join("a", 0);
    await join("b", 0);
    const Y = await join("y", 0, address);
    await join("c", 1);
    await join("d", 1);
    await fetch(`${s.url}/api/games/${g.gameId}/start`, { method: "POST", headers: s.teacher });
    const bank = makeRelaySets(s.deps.db, `m${++suffix}`);
    const id = (await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] })).sessionId;
    const held = (who: number) => [...holders(id, A.teamId)].filter(([, p]) => p.includes(who)).length;
    expect(held(X.participantId)).toBeGreaterThan(0);
    expect(held(Y.participantId)).toBeGreaterThan(0);
    const removed = await fetch(`${s.url}/api/games/${g.gameId}/addresses/remove`, { method: "POST", headers: s.teacher, body: JSON.stringify({ address }) });
    expect(((await removed.json()) as any).removed).toBe(2);
    // Nothing is answered yet: every question still has a holder who is there.
    const unheld = [...holders(id, A.teamId)].filter(([, who]) => who.every((p) => p === null)).map(([slot]) => slot);
    expect(unheld).toEqual([]);
  });

  test("a latecomer given a member's questions is in the team's relay at once, even when the member had none left", async () => {
    const { g, id } = await start([4, 4]);
    const [A, B] = g.seats[0]!;
    const late = await new Client(s.url).visit();
    const joined = (await (await late.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "latephone", teamId: A!.teamId })).json()) as any;
    const call = async (from: number, to: number) => (await (await fetch(`${s.url}/api/games/${g.gameId}/rounds/${id}/reassign`, { method: "POST", headers: s.teacher, body: JSON.stringify({ fromParticipantId: from, toParticipantId: to }) })).json()) as any;
    expect((await call(A!.participantId, B!.participantId)).moved).toBeGreaterThan(0);
    // A holds nothing now: the latecomer gets no question, but joins the team's order all the same.
    const body = await call(A!.participantId, joined.participantId);
    expect(body.moved).toBe(0);
    expect(body.mapping.members.map((m: any) => m.participantId)).toContain(joined.participantId);
    expect(body.mapping.members).toHaveLength(5);
  });

  test("the teacher hands a member's remaining questions to a teammate (a latecomer too); the old phone is no longer on turn", async () => {
    const { g, id } = await start([4, 4]);
    const [A, B] = g.seats[0]!;
    const late = await new Client(s.url).visit();
    const joined = (await (await late.postJson("/api/join-game", { gameCode: g.gameCode, nickname: "newphone", teamId: A!.teamId })).json()) as any;
    const L: Seat = { client: late, participantId: joined.participantId, teamId: A!.teamId, token: joined.token, nickname: "newphone" };
    const call = (body: unknown) => fetch(`${s.url}/api/games/${g.gameId}/rounds/${id}/reassign`, { method: "POST", headers: s.teacher, body: JSON.stringify(body) });
    // Refusals: another team's student, the same student, someone not in the round.
    expect((await call({ fromParticipantId: A!.participantId, toParticipantId: g.seats[1]![0]!.participantId })).status).toBe(400);
    expect((await call({ fromParticipantId: A!.participantId, toParticipantId: A!.participantId })).status).toBe(400);
    expect((await call({ fromParticipantId: L.participantId, toParticipantId: A!.participantId })).status).toBe(404);
    const res = await call({ fromParticipantId: A!.participantId, toParticipantId: L.participantId });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.moved).toBe(4);
    expect(body.mapping.members.at(-1)).toMatchObject({ participantId: L.participantId, letter: "E" });
    expect((await relayAnswer(A!, id, "2")).status).toBe(403);
    expect((await relayAnswer(L, id, "2")).status).toBe(200);
    // The teacher's page form does the same.
    const page = await teacherForm(`/teacher/games/${g.gameId}/rounds/${id}/reassign`, { fromParticipantId: String(B!.participantId), toParticipantId: String(L.participantId) });
    expect(page.status).toBe(303);
    expect(holders(id, A!.teamId).get("Q1")).toEqual([L.participantId]);
  });

  test("moving a member between teams is refused while the relay runs (by hand, re-balance or shuffle), and allowed again after", async () => {
    const { g, id } = await start([4, 2]);
    const A = g.seats[0]![0]!;
    const move = await teacherForm(`/teacher/games/${g.gameId}/participants/${A.participantId}/move`, { teamId: String(g.seats[1]![0]!.teamId) });
    expect(move.status).toBe(409);
    expect(await move.text()).toContain("cannot change teams while this round runs");
    expect((await teacherForm(`/teacher/games/${g.gameId}/rebalance`)).status).toBe(409);
    expect((await teacherForm(`/teacher/games/${g.gameId}/shuffle`)).status).toBe(409);
    const teamOf = () => (s.deps.db.$client.query("SELECT team_id FROM participants WHERE id = ?").get(A.participantId) as any).team_id;
    expect(teamOf()).toBe(A.teamId);
    await fetch(`${s.url}/api/games/${g.gameId}/rounds/${id}/end`, { method: "POST", headers: s.teacher });
    expect((await teacherForm(`/teacher/games/${g.gameId}/participants/${A.participantId}/move`, { teamId: String(g.seats[1]![0]!.teamId) })).status).toBe(303);
    expect(teamOf()).toBe(g.seats[1]![0]!.teamId);
  });
});
