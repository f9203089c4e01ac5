// A team's chains are drawn cell by cell (views/rounds/relay-quiz/parts.tsx): a cell shows a hint
// taken, its holder leaving the game, the answer given, the round's own key, and escapes names.
// That a board keeps a cell only while it shows the same is board-reuse.test.ts.
import { expect, test } from "bun:test";
import { ChainTable, type ChainView } from "../../../views/rounds/relay-quiz/parts.tsx";
import { str } from "../../../views/partial.ts";
import type { Cell, TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import type { RelayAnswer, RelayHint, RelayMember } from "../../../src/db/schema.ts";

let ids = 9000;
const member = (over: Partial<RelayMember> = {}): RelayMember => ({ id: ++ids, roundId: 1, teamId: 1, participantId: ids, position: 0, nickname: "Ana", ...over });

function cell(over: Partial<Cell>): Cell {
  return { setIndex: 0, cycle: 1, set: "P1", question: { questionId: 77, answer: "42" } as Cell["question"], holders: [], answer: null, by: null, hint: null, status: "open", ...over };
}

function draw(c: Cell, view: ChainView = "team"): string {
  const b = { chains: [[c]], cycle: 1 } as unknown as TeamBoard;
  return str(ChainTable({ b, view, lang: "en" }));
}

test("a hint taken on a cell drawn before shows its mark", () => {
  const ana = member();
  expect(draw(cell({ holders: [ana] }))).not.toContain("💡");
  expect(draw(cell({ holders: [ana], hint: { id: 5 } as RelayHint }))).toContain("💡");
});

test("a holder who left the game is marked in a cell drawn before", () => {
  const ana = member();
  expect(draw(cell({ holders: [ana] }))).not.toContain("(left)");
  expect(draw(cell({ holders: [{ ...ana, participantId: null }] }))).toContain("(left)");
});

test("an answer given shows in the cell, and each answer its own text", () => {
  const ana = member();
  const answered = (id: number, text: string) => cell({ holders: [ana], by: ana, status: "answered", answer: { id, answer: text, correct: true, credit: "answer", memberId: ana.id } as RelayAnswer });
  expect(draw(cell({ holders: [ana] }))).not.toContain("<code>");
  expect(draw(answered(1, "12"))).toContain("<code>12</code>");
  expect(draw(answered(2, "13"))).toContain("<code>13</code>");
});

test("the teacher's cell shows this round's key, not another round's for the same question", () => {
  const ana = member();
  expect(draw(cell({ holders: [ana] }), "teacher")).toContain("42");
  const other = draw(cell({ holders: [ana], question: { questionId: 77, answer: "99" } as Cell["question"] }), "teacher");
  expect(other).toContain("99");
  expect(other).not.toContain(">42<");
});

test("a member's name is escaped in the cell", () => {
  expect(draw(cell({ holders: [member({ nickname: "<b>x</b>" })] }))).toContain("&lt;b&gt;x&lt;/b&gt;");
});
