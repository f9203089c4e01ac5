// The Relay Quiz's rule types, in one place (rules, storage, views and the API speak them).
import type { RelaySetSnapshot } from "../../questions/snapshot.ts";
import type { RELAY_PACINGS } from "../../db/schema.ts";

/** `team`: a team that answers all its questions of a cycle moves on at once; `together`: every team moves at the same time. */
export type Pacing = (typeof RELAY_PACINGS)[number];

/** What a round keeps when it starts (rounds.config): its questions as snapshots, and its rules. */
export type RelayConfig = {
  /** The S sets in the order the teacher gave them; set index s is the position here. */
  sets: RelaySetSnapshot[];
  /** K: questions per set = cycles. */
  size: number;
  /** Time of each cycle, K entries. */
  cycleSeconds: number[];
  followThrough: boolean;
  /** Points a hint costs the team (0: free). */
  hintPenalty: number;
  pacing: Pacing;
};

/**
 * Who holds which question in each cycle, by member index in the team's order (0 = A):
 * `deal[k - 1][s]` lists the members holding question k of set s. A list is empty when the team
 * has nobody; it has more than one member when members share a question (more members than sets).
 */
export type Deal = number[][][];
