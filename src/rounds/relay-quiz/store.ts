// The Relay Quiz's statements, prepared once per database (answers run them inside their group
// commit; live views run the reads for every phone on every flush), and a team's part of the
// round as the views read it: re-read only when the team's version moved (relay_progress.version
// is bumped by every change to the team: an answer, a hint, a hand-over, a cycle, a pause).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../../db/client.ts";
import { dbCache, dbCacheName, preparedFor } from "../../db/prepared.ts";
import { participants, teams as teamsTable, relayAnswers, relayHints, relayHolders, relayMembers, relayProgress, rounds, type RelayAnswer, type RelayHint, type RelayMember, type RelayProgress } from "../../db/schema.ts";

function prepare(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  // A placeholder as an update's value (drizzle's types take SQL there, not a bare placeholder).
  const v = (name: string) => sql`${p(name)}`;
  const progressOf = and(eq(relayProgress.roundId, p("roundId")), eq(relayProgress.teamId, p("teamId")));
  const ofTeam = (t: typeof relayAnswers | typeof relayHints) => and(eq(t.roundId, p("roundId")), eq(t.teamId, p("teamId")));
  const slot = (t: typeof relayAnswers | typeof relayHints) => and(eq(t.roundId, p("roundId")), eq(t.teamId, p("teamId")), eq(t.setIndex, p("setIndex")), eq(t.position, p("position")));
  return {
    round: db.select().from(rounds).where(eq(rounds.id, p("id"))).prepare(),
    roundState: db.select({ id: rounds.id, gameId: rounds.gameId, type: rounds.type, status: rounds.status, endsAt: rounds.endsAt }).from(rounds).where(eq(rounds.id, p("id"))).prepare(),
    teamScore: db.select({ score: teamsTable.score }).from(teamsTable).where(eq(teamsTable.id, p("teamId"))).prepare(),
    participant: db.select({ id: participants.id, gameId: participants.gameId, teamId: participants.teamId, nickname: participants.nickname }).from(participants).where(eq(participants.id, p("id"))).prepare(),
    memberOf: db.select().from(relayMembers).where(and(eq(relayMembers.roundId, p("roundId")), eq(relayMembers.participantId, p("participantId")))).prepare(),
    progress: db.select().from(relayProgress).where(progressOf).prepare(),
    allProgress: db.select().from(relayProgress).where(eq(relayProgress.roundId, p("roundId"))).orderBy(asc(relayProgress.teamId)).prepare(),
    unfinished: db.select().from(relayProgress).where(and(eq(relayProgress.roundId, p("roundId")), isNull(relayProgress.finishedAt))).orderBy(asc(relayProgress.teamId)).prepare(),
    lastFinish: db.select({ n: sql<number>`coalesce(max(${relayProgress.finishOrder}), 0)` }).from(relayProgress).where(eq(relayProgress.roundId, p("roundId"))).prepare(),
    earliestDeadline: db.select({ at: sql<number | null>`min(${relayProgress.deadline})` }).from(relayProgress).where(and(eq(relayProgress.roundId, p("roundId")), isNull(relayProgress.finishedAt))).prepare(),
    // A team's cycle ends (progress.ts moveOn): the next one, or the team is finished.
    nextCycle: db.update(relayProgress).set({ cycle: v("cycle"), cycleStartedAt: v("at"), deadline: v("deadline"), version: v("version") })
      .where(progressOf).prepare(),
    finishTeam: db.update(relayProgress).set({ cycle: v("cycle"), finishedAt: v("at"), finishOrder: v("order"), pausedRemainingMs: null, version: v("version") })
      .where(progressOf).prepare(),
    bump: db.update(relayProgress).set({ version: sql`${relayProgress.version} + 1` }).where(progressOf).prepare(),
    heldSets: db.select({ setIndex: relayHolders.setIndex }).from(relayHolders).where(and(eq(relayHolders.roundId, p("roundId")), eq(relayHolders.memberId, p("memberId")), eq(relayHolders.cycle, p("cycle")))).orderBy(asc(relayHolders.setIndex)).prepare(),
    holdsSlot: db.select({ id: relayHolders.id }).from(relayHolders).where(and(eq(relayHolders.roundId, p("roundId")), eq(relayHolders.memberId, p("memberId")), eq(relayHolders.cycle, p("cycle")), eq(relayHolders.setIndex, p("setIndex")))).prepare(),
    // Present holders per set of a team's cycle: a question whose holders all left counts as done.
    presentHolders: db.select({ setIndex: relayHolders.setIndex, n: sql<number>`count(${relayMembers.participantId})` })
      .from(relayHolders).innerJoin(relayMembers, eq(relayMembers.id, relayHolders.memberId))
      .where(and(eq(relayHolders.roundId, p("roundId")), eq(relayHolders.teamId, p("teamId")), eq(relayHolders.cycle, p("cycle")))).groupBy(relayHolders.setIndex).prepare(),
    answeredSets: db.select({ setIndex: relayAnswers.setIndex }).from(relayAnswers).where(and(ofTeam(relayAnswers), eq(relayAnswers.position, p("position")))).prepare(),
    answerAt: db.select().from(relayAnswers).where(slot(relayAnswers)).prepare(),
    hintAt: db.select().from(relayHints).where(slot(relayHints)).prepare(),
    insertAnswer: db.insert(relayAnswers).values({
      roundId: p("roundId"), teamId: p("teamId"), setIndex: p("setIndex"), position: p("position"), questionId: p("questionId"), memberId: p("memberId"),
      answer: p("answer"), receivedInput: p("receivedInput"), inputProblem: p("inputProblem"), correct: p("correct"), credit: p("credit"), points: p("points"), createdAt: p("createdAt"),
    }).onConflictDoNothing().returning({ id: relayAnswers.id }).prepare(),
    insertHint: db.insert(relayHints).values({
      roundId: p("roundId"), teamId: p("teamId"), setIndex: p("setIndex"), position: p("position"), memberId: p("memberId"), penalty: p("penalty"), charged: p("charged"), createdAt: p("createdAt"),
    }).onConflictDoNothing().returning({ id: relayHints.id }).prepare(),
    // For views.
    members: db.select().from(relayMembers).where(and(eq(relayMembers.roundId, p("roundId")), eq(relayMembers.teamId, p("teamId")))).orderBy(asc(relayMembers.position)).prepare(),
    holders: db.select({ cycle: relayHolders.cycle, setIndex: relayHolders.setIndex, memberId: relayHolders.memberId }).from(relayHolders).where(and(eq(relayHolders.roundId, p("roundId")), eq(relayHolders.teamId, p("teamId")))).orderBy(asc(relayHolders.id)).prepare(),
    answers: db.select().from(relayAnswers).where(ofTeam(relayAnswers)).orderBy(asc(relayAnswers.id)).prepare(),
    hints: db.select().from(relayHints).where(ofTeam(relayHints)).orderBy(asc(relayHints.id)).prepare(),
  };
}

export const relayStatements = (conn: Conn) => preparedFor(conn, prepare);

/** Answers, hints and holdings are keyed by their question in the round: cycle (= order) and set. */
export const slotKey = (cycle: number, setIndex: number) => `${cycle}.${setIndex}`;

/** A team's part of the round, as every screen reads it. */
export type TeamRelay = {
  teamId: number;
  progress: RelayProgress;
  /** In the team's order (position 0 = A). `participantId` null: removed from the game. */
  members: RelayMember[];
  /** Member ids holding each question, by slotKey. */
  holders: Map<string, number[]>;
  answers: Map<string, RelayAnswer>;
  hints: Map<string, RelayHint>;
  /** Renders of exactly this state (per language, per viewer), kept until the team's version moves. */
  memo: Map<string, string>;
};

const teams = dbCacheName<string, TeamRelay>(2000);

function readTeam(conn: Conn, progress: RelayProgress): TeamRelay {
  const st = relayStatements(conn);
  const args = { roundId: progress.roundId, teamId: progress.teamId };
  const holders = new Map<string, number[]>();
  for (const h of st.holders.all(args)) (holders.get(slotKey(h.cycle, h.setIndex)) ?? holders.set(slotKey(h.cycle, h.setIndex), []).get(slotKey(h.cycle, h.setIndex))!).push(h.memberId);
  return {
    teamId: progress.teamId,
    progress,
    members: st.members.all(args),
    holders,
    answers: new Map(st.answers.all(args).map((a) => [slotKey(a.position, a.setIndex), a])),
    hints: new Map(st.hints.all(args).map((h) => [slotKey(h.position, h.setIndex), h])),
    memo: new Map(),
  };
}

/** The team's part of the round, or undefined when the team plays no part in it (no members at the start). */
export function teamRelay(conn: Conn, roundId: number, teamId: number): TeamRelay | undefined {
  const progress = relayStatements(conn).progress.get({ roundId, teamId });
  return progress && cachedTeam(conn, progress);
}

function cachedTeam(conn: Conn, progress: RelayProgress): TeamRelay {
  const cache = dbCache(conn, teams);
  const key = `${progress.roundId}:${progress.teamId}`;
  const hit = cache.get(key);
  if (hit && hit.progress.version === progress.version) return hit;
  return cache.set(key, readTeam(conn, progress));
}

/** Every playing team's part, in team id order. */
export function roundTeams(conn: Conn, roundId: number): TeamRelay[] {
  return relayStatements(conn).allProgress.all({ roundId }).map((p) => cachedTeam(conn, p));
}
