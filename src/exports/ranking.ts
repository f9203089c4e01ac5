// Ranking across teams for exports: brackets are ranked apart (as on the scoreboard), in the
// order the scoreboard shows them, teams without a bracket last.
import { bracketsOf } from "../games/queries.ts";

/** A sort key for a team's bracket: the scoreboard's bracket order, no bracket last. */
export function bracketOrder(brackets: (string | null)[]): (bracket: string | null) => number {
  const order = bracketsOf(brackets.map((bracket) => ({ bracket })));
  return (bracket) => (bracket ? order.indexOf(bracket) : order.length);
}
