// The Relay Quiz's pure rules: who holds which question in which cycle, who takes over a
// member's questions, when a team's cycle is complete, the default cycle times. No database,
// no clock; table-tested in test/rounds/relay-quiz/rules.test.ts.
//
// The rotation (issue 12): with S sets and members in the team's order (0 = A), member m works
// in cycle k (1-based) on question k of set (m + k − 1) mod S. For four members and sets P Q R S
// the chain of P passes A → D → C → B, and nobody answers two links of one chain in a row.
//
// - More members than sets: member m shares the question of member m mod S — which is the same
//   formula, (m + k − 1) mod S; either may answer, the first submission counts.
// - Fewer members than sets: the questions of a cycle that nobody's rotation reaches (those of
//   "virtual" members n … S−1) are dealt in member order A, B, C, A, … with the turn carried from
//   cycle to cycle, so the extra work is shared. A member is passed over (keeping their turn for
//   the next extra question) when they answered the previous link of that chain, and, if someone
//   else can take it, when their own rotation gives them the next link in the following cycle —
//   both would have one member answer two links of a chain in a row.
import type { Deal } from "./types.ts";

/** TMC's cycle times: 180 s, 240 s, then 300 s for every later cycle. */
export function defaultCycleSeconds(cycles: number): number[] {
  return Array.from({ length: cycles }, (_, i) => (i === 0 ? 180 : i === 1 ? 240 : 300));
}

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The set member m's rotation gives them in cycle k. */
export function rotationSet(member: number, cycle: number, sets: number): number {
  return mod(member + cycle - 1, sets);
}

/** Every question of every set, dealt to a team of `members` for `cycles` cycles of `sets` sets. */
export function dealRelay(members: number, sets: number, cycles: number): Deal {
  const deal: Deal = Array.from({ length: cycles }, () => Array.from({ length: sets }, () => [] as number[]));
  if (members <= 0 || sets <= 0) return deal;
  if (members >= sets) {
    for (let k = 1; k <= cycles; k++) for (let m = 0; m < members; m++) deal[k - 1]![rotationSet(m, k, sets)]!.push(m);
    return deal;
  }
  // Fewer members than sets: own questions by the rotation, the rest dealt from a queue whose
  // head is whose turn it is; a member who takes one goes to the back.
  const queue = Array.from({ length: members }, (_, i) => i);
  const ownerOf = (set: number, cycle: number): number => {
    const m = mod(set - cycle + 1, sets);
    return m < members ? m : -1;
  };
  for (let k = 1; k <= cycles; k++) {
    const cycle = deal[k - 1]!;
    for (let m = 0; m < members; m++) cycle[rotationSet(m, k, sets)]!.push(m);
    const previous = k > 1 ? deal[k - 2]! : null;
    for (let v = members; v < sets; v++) {
      const set = rotationSet(v, k, sets);
      const heldBefore = previous?.[set] ?? [];
      const nextOwner = k < cycles ? ownerOf(set, k + 1) : -1;
      const pick =
        queue.find((c) => !heldBefore.includes(c) && c !== nextOwner) ??
        queue.find((c) => !heldBefore.includes(c)) ??
        queue[0]!;
      queue.splice(queue.indexOf(pick), 1);
      queue.push(pick);
      cycle[set]!.push(pick);
    }
  }
  return deal;
}

/**
 * Who takes over a member's remaining questions when they leave: the next member in the team's
 * order who is still there, going round (after the last comes the first). Null when nobody is.
 */
export function nextInOrder<T extends { position: number; present: boolean }>(members: readonly T[], from: number): T | null {
  const sorted = [...members].sort((a, b) => a.position - b.position);
  const at = sorted.findIndex((m) => m.position === from);
  for (let i = 1; i <= sorted.length; i++) {
    const m = sorted[mod(at + i, sorted.length)]!;
    if (m.position !== from && m.present) return m;
  }
  return null;
}

/**
 * A team's cycle is over once every question of it is answered or has nobody left to answer it
 * (its holders left the game). `questions` are the cycle's questions with whether they are answered
 * and how many present members hold them.
 */
export function cycleComplete(questions: readonly { answered: boolean; holders: number }[]): boolean {
  return questions.every((q) => q.answered || q.holders === 0);
}

/** A member's letter in the team's order: A, B, …, Z, then 27, 28, … */
export function memberLetter(position: number): string {
  return position < 26 ? String.fromCharCode(65 + position) : String(position + 1);
}

/** A set's short name on screens: its bank name (P1, Q1 …). */
export function slotName(set: string, order: number): string {
  return `${set}·${order}`;
}
