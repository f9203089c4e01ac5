import { describe, expect, test } from "bun:test";
import { bracketOf, checkTarget, eligibleTargets, protectedTeams, stealAmounts } from "../../../src/rounds/score-steal/rules.ts";
import { pickPromptAt } from "../../../src/rounds/score-steal/control.ts";
import { PICK_PROMPT_MS } from "../../../src/rounds/score-steal/types.ts";

const steals = [
  { position: 1, bracket: "H", winnerTeamId: 1, targetTeamId: 2 },
  { position: 2, bracket: "L", winnerTeamId: 5, targetTeamId: 6 },
  { position: 3, bracket: "H", winnerTeamId: 3, targetTeamId: null }, // from nobody: the shield stays where it was
  { position: 4, bracket: "H", winnerTeamId: 2, targetTeamId: 3 },
];

describe("Score Steal rules", () => {
  test("protection: next_question shields the bracket's latest target, round every target, none nobody; other brackets apart", () => {
    expect([...protectedTeams("next_question", "H", steals)]).toEqual([3]);
    expect([...protectedTeams("next_question", "H", steals.slice(0, 3))]).toEqual([2]);
    expect([...protectedTeams("round", "H", steals)].sort()).toEqual([2, 3]);
    expect([...protectedTeams("none", "H", steals)]).toEqual([]);
    expect([...protectedTeams("next_question", "L", steals)]).toEqual([6]);
    expect([...protectedTeams("next_question", "", steals)]).toEqual([]);
  });

  test("targets: same bracket, not the winner, not shielded; teams without a bracket form one", () => {
    const teams = [{ id: 1, bracket: "H" }, { id: 2, bracket: "H" }, { id: 3, bracket: "H" }, { id: 5, bracket: "L" }, { id: 7, bracket: null }, { id: 8, bracket: null }];
    expect(checkTarget(teams[0]!, teams[1], new Set())).toEqual({ ok: true });
    expect(checkTarget(teams[0]!, teams[0], new Set())).toEqual({ ok: false, code: "target_not_eligible" });
    expect(checkTarget(teams[0]!, teams[3], new Set())).toEqual({ ok: false, code: "target_not_eligible" });
    expect(checkTarget(teams[0]!, undefined, new Set())).toEqual({ ok: false, code: "target_not_eligible" });
    expect(checkTarget(teams[0]!, teams[1], new Set([2]))).toEqual({ ok: false, code: "target_protected" });
    expect(eligibleTargets(teams[0]!, teams, new Set([2])).map((t) => t.id)).toEqual([3]);
    expect(eligibleTargets(teams[4]!, teams, new Set()).map((t) => t.id)).toEqual([8]);
    expect(bracketOf({ bracket: null })).toBe("");
  });

  test("a steal takes up to the target's score; the winner gains the full points unless gainOnlyTaken", () => {
    expect(stealAmounts(100, 250, { gainOnlyTaken: false })).toEqual({ take: 100, gain: 100 });
    expect(stealAmounts(100, 40, { gainOnlyTaken: false })).toEqual({ take: 40, gain: 100 });
    expect(stealAmounts(100, 40, { gainOnlyTaken: true })).toEqual({ take: 40, gain: 40 });
    expect(stealAmounts(100, null, { gainOnlyTaken: true })).toEqual({ take: 0, gain: 100 });
  });

  test("the teacher is prompted 30 s after a win, counted again from a restart for a win before it", () => {
    const now = Date.now();
    expect(pickPromptAt(now)).toBe(now + PICK_PROMPT_MS);
    // A win stored before this process started: the prompt waits 30 s from the start, not from the win.
    expect(pickPromptAt(now - 3_600_000)).toBeGreaterThan(now - 3_600_000 + PICK_PROMPT_MS);
    // The module's start lies between this process's start and now: `bun test` runs every file in
    // one process, so in the full suite this file may run minutes after the module was loaded.
    expect(pickPromptAt(0)).toBeGreaterThanOrEqual(Math.floor(performance.timeOrigin) + PICK_PROMPT_MS);
    expect(pickPromptAt(0)).toBeLessThanOrEqual(now + PICK_PROMPT_MS);
    expect(pickPromptAt(1)).toBe(pickPromptAt(0));
  });
});
