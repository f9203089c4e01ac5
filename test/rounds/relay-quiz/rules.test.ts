// The relay's pure rules: the rotation, dealing to small teams, sharing in big ones, hand-overs.
import { describe, expect, test } from "bun:test";
import { cycleComplete, dealRelay, defaultCycleSeconds, memberLetter, nextInOrder, rotationSet } from "../../../src/rounds/relay-quiz/rules.ts";

const SETS = "PQRSTU";

/** "A: P1 Q2 R3 S4" rows, as TMC's table writes them. */
function table(members: number, sets: number, cycles: number): string[] {
  const deal = dealRelay(members, sets, cycles);
  return Array.from({ length: members }, (_, m) => `${memberLetter(m)}: ${deal.map((cycle, k) => cycle.map((h, s) => (h.includes(m) ? `${SETS[s]}${k + 1}` : "")).filter(Boolean).join("+")).join(" ")}`);
}

describe("relay rotation and dealing", () => {
  test("four members, four sets: TMC's table, and the chain of P passes A → D → C → B", () => {
    expect(table(4, 4, 4)).toEqual(["A: P1 Q2 R3 S4", "B: Q1 R2 S3 P4", "C: R1 S2 P3 Q4", "D: S1 P2 Q3 R4"]);
    const deal = dealRelay(4, 4, 4);
    expect(deal.map((cycle) => memberLetter(cycle[0]![0]!))).toEqual(["A", "D", "C", "B"]);
    expect(rotationSet(1, 4, 4)).toBe(0); // B answers P4
  });

  // Every size from a lone member to six, for 2–5 sets and 1–5 cycles.
  const cases: [number, number, number][] = [];
  for (let members = 1; members <= 6; members++) for (let sets = 2; sets <= 5; sets++) for (let cycles = 1; cycles <= 5; cycles++) cases.push([members, sets, cycles]);

  test.each(cases)("%i members, %i sets, %i cycles: every question of every set is held, by the right number of members", (members, sets, cycles) => {
    const deal = dealRelay(members, sets, cycles);
    expect(deal).toHaveLength(cycles);
    for (const cycle of deal) {
      expect(cycle).toHaveLength(sets);
      for (const holders of cycle) {
        // Exactly once per team: one holder, or (more members than sets) the owner and those sharing it.
        expect(holders.length).toBeGreaterThanOrEqual(1);
        expect(new Set(holders).size).toBe(holders.length);
        if (members <= sets) expect(holders).toHaveLength(1);
        else expect(holders.length).toBe(Math.floor(members / sets) + (holders.some((m) => m % sets < members % sets) ? 1 : 0));
        for (const m of holders) expect(m >= 0 && m < members).toBe(true);
      }
      // Every member works in every cycle.
      for (let m = 0; m < members; m++) expect(cycle.some((h) => h.includes(m))).toBe(true);
    }
  });

  test.each(cases.filter(([m, s]) => m >= s))("%i members ≥ %i sets (%i cycles): member m holds set (m + k − 1) mod S, sharing with m mod S", (members, sets, cycles) => {
    const deal = dealRelay(members, sets, cycles);
    for (let k = 1; k <= cycles; k++) for (let m = 0; m < members; m++) {
      expect(deal[k - 1]![(m + k - 1) % sets]).toContain(m);
      expect(deal[k - 1]![(m + k - 1) % sets]).toContain(m % sets);
    }
  });

  // With more cycles than sets (not a TMC shape) the no-two-links rule can outweigh the turn.
  test.each(cases.filter(([m, s, k]) => m < s && k <= s))("%i members < %i sets (%i cycles): own questions by the rotation, the extra work shared (counts differ by at most 1)", (members, sets, cycles) => {
    const deal = dealRelay(members, sets, cycles);
    const extra = new Array(members).fill(0);
    for (let k = 1; k <= cycles; k++) {
      for (let m = 0; m < members; m++) expect(deal[k - 1]![rotationSet(m, k, sets)]).toEqual([m]);
      for (let s = 0; s < sets; s++) {
        const owner = (s - k + 1 + sets * 10) % sets;
        if (owner >= members) extra[deal[k - 1]![s]![0]!]++;
      }
    }
    expect(Math.max(...extra) - Math.min(...extra)).toBeLessThanOrEqual(1);
  });

  test.each(cases.filter(([m, s]) => m >= 2 && m < s))("%i members < %i sets (%i cycles): an extra question never goes to who answered the previous link", (members, sets, cycles) => {
    const deal = dealRelay(members, sets, cycles);
    for (let k = 2; k <= cycles; k++) for (let s = 0; s < sets; s++) {
      const owner = (s - k + 1 + sets * 10) % sets;
      if (owner < members) continue;
      expect(deal[k - 2]![s]).not.toContain(deal[k - 1]![s]![0]!);
    }
  });

  test.each(cases.filter(([m, s]) => m >= 3 || m >= s))("%i members, %i sets (%i cycles): nobody answers two links of a chain in a row", (members, sets, cycles) => {
    const deal = dealRelay(members, sets, cycles);
    for (let k = 2; k <= cycles; k++) for (let s = 0; s < sets; s++) for (const m of deal[k - 1]![s]!) expect(deal[k - 2]![s]).not.toContain(m);
  });

  test("a team of three with four sets shares the fourth question A, B, C in turn", () => {
    expect(table(3, 4, 4)).toEqual(["A: P1+S1 Q2 R3 S4", "B: Q1 P2+R2 Q3+S3 P4", "C: R1 S2 P3 Q4+R4"]);
  });

  test("a team of two with four sets: each holds two questions per cycle, no two links of a chain in a row", () => {
    expect(table(2, 4, 4)).toEqual(["A: P1+R1 Q2+S2 P3+R3 Q4+S4", "B: Q1+S1 P2+R2 Q3+S3 P4+R4"]);
  });

  test("a team of five with four sets: E shares A's question every cycle", () => {
    expect(table(5, 4, 4)).toEqual(["A: P1 Q2 R3 S4", "B: Q1 R2 S3 P4", "C: R1 S2 P3 Q4", "D: S1 P2 Q3 R4", "E: P1 Q2 R3 S4"]);
  });

  test("a lone member holds everything; nobody holds nothing", () => {
    expect(dealRelay(1, 3, 2).flat().every((h) => h.length === 1 && h[0] === 0)).toBe(true);
    expect(dealRelay(0, 4, 4).flat().every((h) => h.length === 0)).toBe(true);
  });
});

describe("relay hand-overs, cycles and times", () => {
  const team = [{ position: 0, present: true }, { position: 1, present: false }, { position: 2, present: true }, { position: 3, present: true }];
  test.each([[0, 2], [2, 3], [3, 0], [1, 2]])("the next member in order after %i (skipping who left) is %i", (from, to) => {
    expect(nextInOrder(team, from)?.position).toBe(to);
  });
  test("nobody left: nobody takes over", () => {
    expect(nextInOrder([{ position: 0, present: true }, { position: 1, present: false }], 0)).toBeNull();
  });
  test("a cycle is complete when each question is answered or nobody is left to answer it", () => {
    expect(cycleComplete([{ answered: true, holders: 1 }, { answered: false, holders: 0 }])).toBe(true);
    expect(cycleComplete([{ answered: true, holders: 1 }, { answered: false, holders: 1 }])).toBe(false);
    expect(cycleComplete([])).toBe(true);
  });
  test("TMC's cycle times", () => {
    expect(defaultCycleSeconds(4)).toEqual([180, 240, 300, 300]);
    expect(defaultCycleSeconds(2)).toEqual([180, 240]);
    expect(defaultCycleSeconds(5)).toEqual([180, 240, 300, 300, 300]);
  });
});
