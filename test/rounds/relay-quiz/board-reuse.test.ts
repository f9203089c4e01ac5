// A team's new board takes over the cells of its previous board that show the same thing, with
// what was drawn of them (board.ts teamBoard, views/rounds/relay-quiz/parts.tsx). Whatever it
// takes over, every view must draw exactly what a board built afresh draws: an answer, a hint, a
// member leaving and a new cycle each change only the cells they touch.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startServer, type TestServer } from "../../support/server.ts";
import { makeRelaySets, relayAnswer, relayHint, seatTeams, startRelay } from "../../support/relay.ts";
import { relayConfigById } from "../../../src/rounds/relay-quiz/config.ts";
import { teamRelay } from "../../../src/rounds/relay-quiz/store.ts";
import { teamBoard, type TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import { ChainTable, teamCells, type ChainView } from "../../../views/rounds/relay-quiz/parts.tsx";
import { str } from "../../../views/partial.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer({ rateLimitAnswer: { limit: 1000, windowMs: 300_000 } }); });
afterAll(async () => { await s.stop(); });

const VIEWS: ChainView[] = ["team", "public", "teacher"];

test("a board takes over exactly the unchanged cells, and draws what a fresh board draws", async () => {
  const g = await seatTeams(s, [4, 4]);
  const bank = makeRelaySets(s.deps.db, "reuse");
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600] });
  const [A, B, C, D] = g.seats[0]!;
  const teamId = A!.teamId;
  const config = relayConfigById(s.deps.db, r.sessionId)!;
  const mapping = r.mapping.find((m) => m.teamId === teamId)!;
  /** The question `seat` holds in `cycle`, and its right answer. */
  const held = (seat: typeof A, cycle: number) => {
    const q = mapping.cycles[cycle - 1]!.questions.find((x) => x.holders.includes(seat!.participantId))!;
    return { id: q.questionId, answer: bank.find((b) => b.set === q.set)!.answers[q.order - 1]! };
  };

  let prev: TeamBoard | undefined;
  /** The team's board now, built on the last one; checked against a board built afresh. Returns how many cells it took over. */
  const next = (): { board: TeamBoard; kept: number } => {
    const t = teamRelay(s.deps.db, r.sessionId, teamId)!;
    const board = teamBoard(config, t, true, prev);
    const fresh = teamBoard(config, t, true);
    for (const view of VIEWS) for (const lang of ["en", "ko"] as const) {
      expect(str(ChainTable({ b: board, view, lang }))).toBe(str(ChainTable({ b: fresh, view, lang })));
    }
    for (const lang of ["en", "ko"] as const) {
      const [kept, afresh] = [teamCells(board, lang), teamCells(fresh, lang)];
      expect(kept.shape).toBe(afresh.shape);
      expect(kept.cells.map((c) => [c.id, c.version, c.html()])).toEqual(afresh.cells.map((c) => [c.id, c.version, c.html()]));
    }
    const kept = prev ? board.chains.flat().filter((c, i) => c === prev!.chains.flat()[i]).length : 0;
    prev = board;
    return { board, kept };
  };

  // Draw every view of the first board, so that what is kept was drawn before it changed.
  next();
  expect(next().kept).toBe(16); // nothing changed: every cell taken over

  const b1 = held(B, 1);
  expect((await relayAnswer(B!, r.sessionId, b1.answer, b1.id)).status).toBe(200);
  let step = next();
  expect(step.kept).toBe(15);
  expect(step.board.chains.flat().find((c) => c.question.questionId === b1.id)!.status).toBe("answered");

  // The teacher removes B: the team's members are read again, so every cell naming a member is drawn
  // again, B's answer marked as a removed member's; B's questions to come go to C.
  const kicked = await fetch(`${s.url}/teacher/games/${g.gameId}/participants/${B!.participantId}/kick`, { method: "POST", headers: { authorization: s.teacher.authorization!, "content-type": "application/x-www-form-urlencoded" }, body: "", redirect: "manual" });
  expect(kicked.status).toBe(303);
  step = next();
  expect(step.kept).toBe(0);
  expect(str(ChainTable({ b: step.board, view: "team", lang: "en" }))).toContain("(left)");

  // The rest of cycle 1 answered: the team moves to cycle 2, and only cycles 1 and 2 change.
  for (const seat of [A, C, D]) {
    for (const q of mapping.cycles[0]!.questions.filter((x) => x.holders.includes(seat!.participantId))) {
      await relayAnswer(seat!, r.sessionId, bank.find((b) => b.set === q.set)!.answers[0]!, q.questionId);
    }
  }
  const t = teamRelay(s.deps.db, r.sessionId, teamId)!;
  if (t.progress.cycle === 1) {
    // Whatever is still open (a question handed over when B left).
    for (const c of teamBoard(config, t, true).chains.map((chain) => chain[0]!).filter((c) => c.status === "open")) {
      const holder = g.seats[0]!.find((x) => x.participantId === c.holders[0]!.participantId)!;
      await relayAnswer(holder, r.sessionId, bank.find((b) => b.set === c.set)!.answers[0]!, c.question.questionId);
    }
  }
  step = next();
  expect(step.board.cycle).toBe(2);
  // Kept: B's answer of cycle 1 (given before), and cycles 3 and 4 (still to come, same holders).
  expect(step.kept).toBe(9);

  // A hint (a cycle's question shows the chain's previous answer for a price): that cell alone.
  const a2 = held(A, 2);
  expect((await relayHint(A!, r.sessionId, a2.id)).status).toBe(200);
  step = next();
  expect(step.kept).toBe(15);
  expect(str(ChainTable({ b: step.board, view: "team", lang: "en" }))).toContain("💡");
});

test("a game's new relay drops what its earlier relay's teams kept, and only that game's", async () => {
  const g = await seatTeams(s, [2, 2]);
  const other = await seatTeams(s, [2]);
  const bank = makeRelaySets(s.deps.db, "forget");
  const body = { sets: bank.map((b) => b.set), cycleSeconds: [600] };
  const first = await startRelay(s, g.gameId, body);
  const elsewhere = await startRelay(s, other.gameId, body);
  const teamId = g.seats[0]![0]!.teamId;
  const otherTeam = other.seats[0]![0]!.teamId;
  const end = await fetch(`${s.url}/api/games/${g.gameId}/rounds/${first.sessionId}/end`, { method: "POST", headers: s.teacher });
  expect(end.status).toBe(200);

  const kept = teamRelay(s.deps.db, first.sessionId, teamId)!;
  const keptElsewhere = teamRelay(s.deps.db, elsewhere.sessionId, otherTeam)!;
  expect(teamRelay(s.deps.db, first.sessionId, teamId)).toBe(kept); // kept while nothing changed

  await startRelay(s, g.gameId, body);
  const again = teamRelay(s.deps.db, first.sessionId, teamId)!;
  expect(again).not.toBe(kept); // read afresh: the new round dropped it
  expect(again.progress).toEqual(kept.progress);
  expect(teamRelay(s.deps.db, elsewhere.sessionId, otherTeam)).toBe(keptElsewhere);
});
