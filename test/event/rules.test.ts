// Pure parts of the event: the ledger's reason grammar and its words, the podium's steps (ties
// share a step), and a plan entry's settings form drawn from a round type's schema.
import { describe, expect, test } from "bun:test";
import { parseReason } from "../../src/event/reasons.ts";
import { podiumSteps } from "../../src/event/podium.ts";
import type { GameResults } from "../../src/event/results.ts";
import { settingFields, settingsFromForm } from "../../src/event/settings-form.ts";
import { roundModule } from "../../src/rounds/registry.ts";
import { explainSource } from "../../views/event/explain.ts";
import { placeLabel } from "../../views/event/text.ts";

describe("ledger reasons", () => {
  const cases: [string, unknown][] = [
    ["year_game:37", { kind: "number", number: 37 }],
    ["score_steal:steal:3", { kind: "steal", question: 3 }],
    ["score_steal:gain:12", { kind: "steal_free", question: 12 }],
    ["score_steal:penalty:1", { kind: "penalty", question: 1 }],
    ["relay_quiz:answer:P1:2", { kind: "relay_answer", set: "P1", order: 2 }],
    ["relay_quiz:hint:Q2:4", { kind: "relay_hint", set: "Q2", order: 4 }],
    // The relay branch's first spelling is read too.
    ["relay_quiz:P1-3", { kind: "relay_answer", set: "P1", order: 3 }],
    ["relay_quiz:hint:S2-1", { kind: "relay_hint", set: "S2", order: 1 }],
    ["adjust:Late: 2 minutes", { kind: "adjustment", note: "Late: 2 minutes" }],
    ["adjust_undo:15", { kind: "undo", undoes: 15 }],
    ["adjust_undo:x", { kind: "other", reason: "adjust_undo:x" }],
    ["year_game:", { kind: "other", reason: "year_game:" }],
    ["score_steal:steal", { kind: "other", reason: "score_steal:steal" }],
    ["something else", { kind: "other", reason: "something else" }],
  ];
  for (const [reason, source] of cases) test(`"${reason}" is read as ${JSON.stringify(source)}`, () => expect(parseReason(reason)).toEqual(source as never));

  test("each kind is worded in Korean and English, naming the other team of a steal", () => {
    const other = { teamId: 2, team: "Foxes" };
    expect(explainSource("en", { source: { kind: "steal", question: 2 }, steal: { side: "took", other } })).toBe("question 2: stole the points from Foxes");
    expect(explainSource("en", { source: { kind: "steal", question: 2 }, steal: { side: "lost", other } })).toBe("question 2: points stolen by Foxes");
    expect(explainSource("ko", { source: { kind: "steal", question: 2 }, steal: { side: "took", other: null } })).toContain("2번 문제");
    for (const [reason] of cases) {
      for (const lang of ["ko", "en"] as const) expect(explainSource(lang, { source: parseReason(reason), steal: null }).length).toBeGreaterThan(3);
    }
  });
});

describe("podium steps", () => {
  const team = (teamId: number, rank: number, total: number) => ({ teamId, name: `T${teamId}`, position: teamId, bracket: null, rank, total, rounds: [], adjustments: 0 });
  const results = (brackets: { bracket: string | null; teams: ReturnType<typeof team>[] }[]): GameResults => ({ rounds: [], brackets });

  test("third place first, bracket by bracket; tied teams share a step and the place after a tie is skipped", () => {
    const steps = podiumSteps(results([
      { bracket: "Higher", teams: [team(1, 1, 90), team(2, 1, 90), team(3, 3, 50), team(4, 4, 10)] },
      { bracket: "Lower", teams: [team(5, 1, 70), team(6, 2, 40), team(7, 2, 40)] },
    ]));
    expect(steps.map((s) => [s.bracket, s.place, s.teams.map((t) => t.teamId)])).toEqual([
      ["Higher", 3, [3]], ["Higher", 1, [1, 2]],
      ["Lower", 2, [6, 7]], ["Lower", 1, [5]],
    ]);
  });

  test("a bracket where nobody scored has no podium; two teams make two steps", () => {
    expect(podiumSteps(results([{ bracket: null, teams: [team(1, 1, 0), team(2, 1, 0)] }]))).toEqual([]);
    expect(podiumSteps(results([{ bracket: null, teams: [team(1, 1, 5), team(2, 2, 0)] }])).map((s) => s.place)).toEqual([2, 1]);
  });

  test("places are worded 1st, 2nd, 3rd, 11th … and 1위 in Korean", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map((n) => placeLabel("en", n))).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]);
    expect(placeLabel("ko", 2)).toBe("2위");
  });
});

describe("a plan entry's settings form", () => {
  test("fields come from the round type's start schema, and the form's text becomes the settings the schema checks", () => {
    const year = settingFields(roundModule("year_game"))!;
    expect(year.map((f) => [f.name, f.kind])).toEqual([["digits", "int-list"], ["targetMin", "int"], ["targetMax", "int"], ["durationSeconds", "int"], ["scoring", "choice"], ["flatPoints", "int"], ["operators", "flags"]]);
    expect(settingsFromForm(year, { digits: "2, 0,2 4", durationSeconds: "300", scoring: "", "operators.power": "no", "operators.sqrt": "" })).toEqual({ digits: [2, 0, 2, 4], durationSeconds: 300, operators: { power: false } });
    // Text that is not a number is kept as typed, so the schema refuses it naming the field.
    expect(settingsFromForm(year, { durationSeconds: "ten" })).toEqual({ durationSeconds: "ten" });
    const steal = settingFields(roundModule("score_steal"))!;
    expect(settingsFromForm(steal, { shuffle: "yes", protection: "round", questionIds: "4 5", tag: "final" })).toEqual({ shuffle: true, protection: "round", questionIds: [4, 5], tag: "final" });
    // A type this build lacks: its settings are edited as JSON.
    expect(settingFields(undefined)).toBeNull();
    expect(settingsFromForm(null, { settings: '{"sets":["P1"]}' })).toEqual({ sets: ["P1"] });
  });
});
