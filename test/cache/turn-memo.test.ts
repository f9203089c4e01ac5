// A turn memo shares a render among the streams of one flush and forgets it when the turn of the
// event loop ends (src/cache/turn-memo.ts): the relay's big renders are no longer kept with the
// team's state, so a later turn draws them again.
import { expect, test } from "bun:test";
import { TurnMemo } from "../../src/cache/turn-memo.ts";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

test("a render is made once per owner and key within a turn, and again in the next turn", async () => {
  const memo = new TurnMemo<object>();
  const a = {};
  const b = {};
  let made = 0;
  const draw = (what: string) => () => `${what}#${++made}`;

  expect(memo.get(a, "table", draw("a"))).toBe("a#1");
  expect(memo.get(a, "table", draw("a"))).toBe("a#1");
  expect(memo.get(a, "over", draw("a-over"))).toBe("a-over#2");
  expect(memo.get(b, "table", draw("b"))).toBe("b#3");
  expect(memo.size).toBe(2);

  await nextTurn();
  expect(memo.size).toBe(0);
  expect(memo.get(a, "table", draw("a"))).toBe("a#4");
  expect(memo.size).toBe(1);

  // Cleared again at the end of this turn too: nothing outlives the turn that made it.
  await nextTurn();
  expect(memo.size).toBe(0);
});
