// What a Year Game answer tells the live screens (answer.ts): a find goes to its own team's screens
// and the whole-game ones, urgent (the queue does not hold it behind routine news: see
// test/realtime/bus-slice.test.ts); a miss only feeds the teacher's panel; a refusal without a game tells nobody.
import { expect, test } from "bun:test";
import { announceAnswer } from "../../../src/rounds/year-game/answer.ts";

test("a find is urgent news for its own team; a miss is the teacher's panel's alone", () => {
  const found = announceAnswer({ ok: true, target: 12, points: 10, teamScore: 30, gameId: 7, teamId: 3, normalized: "3×4" });
  expect(found).toEqual({ gameId: 7, topics: ["scores", "attempts"], teams: [3], urgent: true });
  const missed = announceAnswer({ ok: false, code: "already_found", foundBy: "민지", target: 12, gameId: 7 });
  expect(missed).toEqual({ gameId: 7, topics: ["attempts"] });
  expect(missed && "urgent" in missed).toBe(false);
  expect(announceAnswer({ ok: false, code: "round_not_found" })).toBeNull();
});
