// A team's relay as screens see it: its chains (set × cycle) with holders, answers and hints,
// who is on turn, how long since anything happened. Plain data for the views; no HTML here.
import type { RelayAnswer, RelayHint, RelayMember, Round } from "../../db/schema.ts";
import type { QuestionSnapshot } from "../../questions/snapshot.ts";
import { questionAt } from "./config.ts";
import { slotKey, type TeamRelay } from "./store.ts";
import type { RelayConfig } from "./types.ts";

export type CellStatus = "answered" | "open" | "missed" | "upcoming";

export type Cell = {
  setIndex: number;
  cycle: number;
  set: string;
  question: QuestionSnapshot;
  holders: RelayMember[];
  answer: RelayAnswer | null;
  by: RelayMember | null;
  hint: RelayHint | null;
  status: CellStatus;
};

export type TeamBoard = {
  t: TeamRelay;
  config: RelayConfig;
  /** The cycle the team is in (K + 1 once finished). */
  cycle: number;
  finished: boolean;
  /** Chains: `chains[s][k - 1]`, set by set. */
  chains: Cell[][];
  /** Present members holding an open question of the current cycle. */
  onTurn: RelayMember[];
  members: Map<number, RelayMember>;
  /** When the team last did something (an answer, or the start of its cycle). */
  lastActivity: number;
};

/**
 * Open = the round still takes answers: the current cycle's unanswered questions are open, not missed.
 * `prev`: the board of the team's state before this one (same openness). Its cells that show the
 * same thing are taken over as they are, so what screens drew of them is kept with them
 * (parts.tsx): an answer changes one cell of sixteen.
 */
export function teamBoard(config: RelayConfig, t: TeamRelay, roundOpen: boolean, prev?: TeamBoard): TeamBoard {
  // Members and holders are the same objects while nobody joined, left or was handed a question
  // (store.ts readTeam): each cell's holders are then the previous board's, not looked up again.
  const samePeople = prev !== undefined && prev.t.members === t.members && prev.t.holders === t.holders;
  const members = samePeople ? prev.members : new Map(t.members.map((m) => [m.id, m]));
  const cycle = t.progress.cycle;
  const finished = t.progress.finishedAt !== null;
  let lastActivity = t.progress.cycleStartedAt;
  for (const a of t.answers.values()) lastActivity = Math.max(lastActivity, a.createdAt);
  const before = prev?.config === config ? prev.chains : undefined;
  const chains = config.sets.map((set, s) => Array.from({ length: config.size }, (_, i): Cell => {
    const k = i + 1;
    const key = slotKey(k, s);
    const answer = t.answers.get(key) ?? null;
    const status: CellStatus = answer ? "answered" : !roundOpen || k < cycle ? "missed" : k === cycle ? "open" : "upcoming";
    const old = before?.[s]?.[i];
    const holders = samePeople && old ? old.holders : (t.holders.get(key) ?? []).map((id) => members.get(id)!).filter(Boolean);
    const by = answer ? members.get(answer.memberId) ?? null : null;
    const hint = t.hints.get(key) ?? null;
    // Answers, hints and members are the same objects while they have not changed (store.ts readTeam).
    if (old && old.answer === answer && old.hint === hint && old.status === status && old.by === by && sameMembers(old.holders, holders)) return old;
    return { setIndex: s, cycle: k, set: set.set, question: questionAt(config, s, k), holders, answer, by, hint, status };
  }));
  const onTurn: RelayMember[] = [];
  if (!finished && roundOpen) {
    for (const chain of chains) {
      const c = chain[cycle - 1];
      if (c?.status !== "open") continue;
      for (const h of c.holders) if (h.participantId !== null && !onTurn.includes(h)) onTurn.push(h);
    }
  }
  return { t, config, cycle, finished, chains, onTurn, members, lastActivity };
}

function sameMembers(a: readonly RelayMember[], b: readonly RelayMember[]): boolean {
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/** Milliseconds the team has left in its cycle: counting down while running, frozen while paused. */
export function teamRemainingMs(t: TeamRelay, round: Pick<Round, "status">, now: number): number {
  if (t.progress.finishedAt !== null || round.status === "finished") return 0;
  if (round.status === "paused") return t.progress.pausedRemainingMs ?? 0;
  return Math.max(0, t.progress.deadline - now);
}

/** The viewer's open questions this cycle (what their phone asks), in set order. */
export function openCellsOf(b: TeamBoard, memberId: number | undefined): Cell[] {
  if (memberId === undefined || b.finished) return [];
  return b.chains.map((chain) => chain[b.cycle - 1]).filter((c): c is Cell => c !== undefined && c.status === "open" && c.holders.some((h) => h.id === memberId));
}

/** Points earned by answers and charged by hints, per member. */
export function memberPoints(b: TeamBoard): { member: RelayMember; earned: number; answers: number; correct: number; hints: number }[] {
  return b.t.members.map((member) => {
    const mine = [...b.t.answers.values()].filter((a) => a.memberId === member.id);
    return {
      member,
      earned: mine.reduce((n, a) => n + a.points, 0),
      answers: mine.length,
      correct: mine.filter((a) => a.correct).length,
      hints: [...b.t.hints.values()].filter((h) => h.memberId === member.id).reduce((n, h) => n + h.charged, 0),
    };
  });
}

/** The team's points in this round: answers earned minus what hints took. */
export function teamRoundPoints(b: TeamBoard): number {
  let n = 0;
  for (const a of b.t.answers.values()) n += a.points;
  for (const h of b.t.hints.values()) n -= h.charged;
  return n;
}
