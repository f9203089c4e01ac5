// A kept render must not keep the thousands of pieces it was concatenated from: flat() joins a
// rope even once the optimising JIT has compiled it (an unused read of a character was removed,
// rope and all, and a teacher's cached member lists held 1.1 million strings in the bench).
import { expect, test } from "bun:test";
import { heapStats } from "bun:jsc";
import { flat } from "../../views/partial.ts";

function rope(pieces: number): string {
  let s = "";
  for (let i = 0; i < pieces; i++) s += "<li>" + i + "</li>";
  return s;
}

function liveStrings(): number {
  Bun.gc(true);
  return heapStats().objectTypeCounts["string"] ?? 0;
}

test("flat() joins a large render into one piece, also after the JIT has compiled it", () => {
  for (let i = 0; i < 300_000; i++) flat(rope(3)); // hot: compiled by the optimising tiers
  const before = liveStrings();
  const kept = [rope(100_000), rope(100_000)];
  const asRopes = liveStrings() - before;
  expect(asRopes).toBeGreaterThan(500_000); // the pieces are there while nothing has read them
  for (const s of kept) flat(s);
  const joined = liveStrings() - before;
  expect(joined).toBeLessThan(1_000);
  expect(kept[0]!.length).toBe(rope(100_000).length);
});
