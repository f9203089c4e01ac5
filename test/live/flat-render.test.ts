// A kept render must not keep the thousands of pieces it was concatenated from: flat() joins a
// rope even once the optimising JIT has compiled it (an unused read of a character was removed,
// rope and all, and a teacher's cached member lists held 1.1 million strings in the bench).
// JSC's own description of a string says whether it is still a rope; counting live strings after
// a GC was flaky, since a stale stack slot can keep an intermediate rope alive.
import { expect, test } from "bun:test";
import { jscDescribe } from "bun:jsc";
import { flat } from "../../views/partial.ts";

function rope(pieces: number): string {
  let s = "";
  for (let i = 0; i < pieces; i++) s += "<li>" + i + "</li>";
  return s;
}

const isRope = (s: string) => jscDescribe(s).startsWith("String (rope)");

test("flat() joins a large render into one piece, also after the JIT has compiled it", () => {
  for (let i = 0; i < 300_000; i++) flat(rope(3)); // hot: compiled by the optimising tiers
  const kept = [rope(1_000), rope(1_000)];
  expect(kept.map(isRope)).toEqual([true, true]); // the pieces are there while nothing has read them
  for (const s of kept) flat(s);
  expect(kept.map(isRope)).toEqual([false, false]);
  expect(kept[0]!.length).toBe(rope(1_000).length);
});
