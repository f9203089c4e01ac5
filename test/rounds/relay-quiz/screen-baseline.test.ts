// The projector's and the teacher's relay screens remember what their page shows in the stream's
// baseline (src/realtime/baseline.ts): one part per region, the round inside what it holds. A part
// named after the round stayed in the baseline after its round: one more per round, parsed at every
// refresh of the stream (ten a second for a projector) through a whole event.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { makeRelaySets, relayAnswer, seatTeams, startRelay } from "../../support/relay.ts";
import { screenView, teacherView } from "../../../src/rounds/relay-quiz/live.ts";
import { baselineFrom } from "../../../src/realtime/baseline.ts";
import { findGame, teamsWithMembers } from "../../../src/games/queries.ts";
import { currentRound } from "../../../src/rounds/current.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

/** The part names a serialized baseline holds (see baseline.ts: parts joined by \u0001, name and version by \u0002). */
const partNames = (shows: string) => (shows.startsWith("\u0001") ? shows.slice(1).split("\u0001").map((p) => p.split("\u0002")[0]).sort() : []);

test("a relay's projector and teacher keep one baseline part per region from round to round, and a new round's screens get every row and card", async () => {
  const g = await seatTeams(s, [2, 2]);
  const db = s.deps.db;
  let screen = "";
  let teacher = "";
  /** One refresh of each screen with the baseline it left last time; returns their partials. */
  const refresh = () => {
    const game = findGame(db, g.gameId)!;
    const round = currentRound(db, g.gameId)!;
    const now = Date.now();
    const sb = baselineFrom(screen);
    const sv = screenView(db, round, { game, lang: "en", now, baseline: sb.baseline }).partials;
    screen = sb.next();
    const tb = baselineFrom(teacher);
    const tv = teacherView(db, round, { game, lang: "en", now, baseline: tb.baseline, teams: teamsWithMembers(db, g.gameId) }).partials;
    teacher = tb.next();
    return { sv, tv };
  };
  const [A] = g.seats[0]!;
  const parts: { screen: string[]; teacher: string[] }[] = [];
  for (let k = 0; k < 3; k++) {
    const bank = makeRelaySets(db, `sb${k}`);
    const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] });
    // A new round: the whole tracks region and every card, whatever the baseline held of the round before.
    const first = refresh();
    expect(first.sv).toContain('hx-target="#rq-s-tracks"');
    expect(first.tv).toContain('hx-target="#rq-t-teams"');
    // Nothing changed since: no row, no card, no standings.
    const again = refresh();
    expect(again.sv).not.toContain("rq-s-row-");
    expect(again.sv).not.toContain("rq-s-standings");
    expect(again.tv).not.toContain("rq-t-team-");
    // A's team answers: its row and card alone.
    const q = r.mapping.find((m) => m.teamId === A!.teamId)!.cycles[0]!.questions.find((x) => x.holders.includes(A!.participantId))!;
    expect((await relayAnswer(A!, r.sessionId, bank.find((b) => b.set === q.set)!.answers[q.order - 1]!, q.questionId)).status).toBe(200);
    const moved = refresh();
    expect(moved.sv).toContain(`hx-target="#rq-s-row-${A!.teamId}"`);
    expect(moved.sv).toContain('hx-target="#rq-s-standings"');
    expect(moved.sv.match(/hx-target="#rq-s-row-/g)).toHaveLength(1);
    expect(moved.tv).toContain(`hx-target="#rq-t-team-${A!.teamId}"`);
    expect(moved.tv.match(/hx-target="#rq-t-team-/g)).toHaveLength(1);
    parts.push({ screen: partNames(screen), teacher: partNames(teacher) });
    expect((await fetch(`${s.url}/api/games/${g.gameId}/rounds/${r.sessionId}/end`, { method: "POST", headers: s.teacher })).status).toBe(200);
  }
  expect(parts[0]!.screen).toEqual(["rq-s", "rq-s-st"]);
  expect(parts[0]!.teacher).toContain("rq-t");
  expect(parts[2]).toEqual(parts[0]!);
});
