// The Relay Quiz's statements, prepared once per database (answers run them inside their group
// commit; live views run the reads for every phone on every flush), and a team's part of the
// round as the views read it: re-read only when the team's version moved (relay_progress.version
// is bumped by every change to the team: an answer, a hint, a hand-over, a cycle, a pause).
import { and, eq, isNull, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../../db/client.ts";
import { columnsAs, columnsWithRawBooleans, direct, param } from "../../db/direct.ts";
import { CACHE_IDLE_MS } from "../../cache/bounded.ts";
import { dbCache, dbCacheName, preparedFor } from "../../db/prepared.ts";
import { participants, relayAnswers, relayHints, relayHolders, relayMembers, relayProgress, rounds, type Participant, type RelayAnswer, type RelayHint, type RelayMember, type RelayProgress, type Round } from "../../db/schema.ts";

type RelayHolder = typeof relayHolders.$inferSelect;

type TeamArgs = { roundId: number; teamId: number };
/** A question of a team's chain: its set and position (= cycle). */
type SlotArgs = TeamArgs & { setIndex: number; position: number };

function prepare(db: BunSQLiteDatabase) {
  const p = sql.placeholder;
  return {
    round: db.select().from(rounds).where(eq(rounds.id, param("id"))).prepare(),
    // Direct statements (src/db/direct.ts) for what every answer and every live render reads.
    roundState: direct<Pick<Round, "id" | "gameId" | "type" | "status" | "endsAt">, { id: number }>(db, `SELECT ${columnsAs(rounds, ["id", "gameId", "type", "status", "endsAt"])} FROM rounds WHERE id = +$id`),
    participant: direct<Pick<Participant, "id" | "gameId" | "teamId" | "nickname">, { id: number }>(db, `SELECT ${columnsAs(participants, ["id", "gameId", "teamId", "nickname"])} FROM participants WHERE id = +$id`),
    memberOf: direct<RelayMember, { roundId: number; participantId: number }>(db, `SELECT ${columnsAs(relayMembers)} FROM relay_members WHERE round_id = +$roundId AND participant_id = +$participantId`),
    progress: direct<RelayProgress, TeamArgs>(db, `SELECT ${columnsAs(relayProgress)} FROM relay_progress WHERE round_id = +$roundId AND team_id = +$teamId`),
    earlierRounds: direct<never, { gameId: number; roundId: number }, [id: number]>(db, `SELECT id FROM rounds WHERE game_id = +$gameId AND type = 'relay_quiz' AND id < +$roundId`),
    teamVersions: direct<never, { roundId: number }, [teamId: number, version: number]>(db, `SELECT team_id, version FROM relay_progress WHERE round_id = +$roundId ORDER BY team_id`),
    allProgress: direct<RelayProgress, { roundId: number }>(db, `SELECT ${columnsAs(relayProgress)} FROM relay_progress WHERE round_id = +$roundId ORDER BY team_id`),
    unfinished: direct<RelayProgress, { roundId: number }>(db, `SELECT ${columnsAs(relayProgress)} FROM relay_progress WHERE round_id = +$roundId AND finished_at IS NULL ORDER BY team_id`),
    anyUnfinished: direct<{ one: number }, { roundId: number }>(db, `SELECT 1 AS one FROM relay_progress WHERE round_id = +$roundId AND finished_at IS NULL LIMIT 1`),
    lastFinish: direct<{ n: number }, { roundId: number }>(db, `SELECT coalesce(max(finish_order), 0) AS n FROM relay_progress WHERE round_id = +$roundId`),
    earliestDeadline: db.select({ at: sql<number | null>`min(${relayProgress.deadline})` }).from(relayProgress).where(and(eq(relayProgress.roundId, param("roundId")), isNull(relayProgress.finishedAt))).prepare(),
    // A team's cycle ends (progress.ts moveOn): the next one, or the team is finished.
    nextCycle: direct<never, TeamArgs & { cycle: number; at: number; deadline: number; version: number }>(db,
      `UPDATE relay_progress SET cycle = $cycle, cycle_started_at = $at, deadline = $deadline, version = $version WHERE round_id = +$roundId AND team_id = +$teamId`),
    finishTeam: direct<never, TeamArgs & { cycle: number; at: number; order: number; version: number }>(db,
      `UPDATE relay_progress SET cycle = $cycle, finished_at = $at, finish_order = $order, paused_remaining_ms = NULL, version = $version WHERE round_id = +$roundId AND team_id = +$teamId`),
    bump: direct<never, TeamArgs>(db, `UPDATE relay_progress SET version = version + 1 WHERE round_id = +$roundId AND team_id = +$teamId`),
    heldSets: direct<{ setIndex: number }, { roundId: number; memberId: number; cycle: number }>(db, `SELECT set_index AS "setIndex" FROM relay_holders WHERE round_id = +$roundId AND member_id = +$memberId AND cycle = +$cycle ORDER BY set_index`),
    holdsSlot: db.select({ id: relayHolders.id }).from(relayHolders).where(and(eq(relayHolders.roundId, param("roundId")), eq(relayHolders.memberId, param("memberId")), eq(relayHolders.cycle, param("cycle")), eq(relayHolders.setIndex, param("setIndex")))).prepare(),
    // Present holders per set of a team's cycle: a question whose holders all left counts as done.
    presentHolders: direct<{ setIndex: number; n: number }, TeamArgs & { cycle: number }>(db,
      `SELECT h.set_index AS "setIndex", count(m.participant_id) AS n FROM relay_holders h JOIN relay_members m ON m.id = h.member_id
       WHERE h.round_id = +$roundId AND h.team_id = +$teamId AND h.cycle = +$cycle GROUP BY h.set_index`),
    answeredSets: direct<{ setIndex: number }, TeamArgs & { position: number }>(db, `SELECT set_index AS "setIndex" FROM relay_answers WHERE round_id = +$roundId AND team_id = +$teamId AND position = +$position`),
    answerAt: direct<Pick<RelayAnswer, "id" | "answer">, SlotArgs>(db, `SELECT id, answer FROM relay_answers WHERE round_id = +$roundId AND team_id = +$teamId AND set_index = +$setIndex AND position = +$position`),
    hintAt: direct<Pick<RelayHint, "id">, SlotArgs>(db, `SELECT id FROM relay_hints WHERE round_id = +$roundId AND team_id = +$teamId AND set_index = +$setIndex AND position = +$position`),
    // A double tap (or two members sharing the question) inserts nothing the second time: no row back.
    insertAnswer: direct<{ id: number }, Required<Omit<typeof relayAnswers.$inferInsert, "id">>>(db,
      `INSERT INTO relay_answers (round_id, team_id, set_index, position, question_id, member_id, answer, received_input, input_problem, correct, credit, points, created_at)
       VALUES ($roundId, $teamId, $setIndex, $position, $questionId, $memberId, $answer, $receivedInput, $inputProblem, $correct, $credit, $points, $createdAt)
       ON CONFLICT DO NOTHING RETURNING id`),
    insertHint: db.insert(relayHints).values({
      roundId: p("roundId"), teamId: p("teamId"), setIndex: p("setIndex"), position: p("position"), memberId: p("memberId"), penalty: p("penalty"), charged: p("charged"), createdAt: p("createdAt"),
    }).onConflictDoNothing().returning({ id: relayHints.id }).prepare(),
    // A round's start (start.ts): its members, who holds what, each team at cycle 1.
    insertMember: direct<{ id: number }, { roundId: number; teamId: number; participantId: number; position: number; nickname: string }>(db,
      `INSERT INTO relay_members (round_id, team_id, participant_id, position, nickname) VALUES ($roundId, $teamId, $participantId, $position, $nickname) RETURNING id`),
    insertHolder: direct<never, TeamArgs & { cycle: number; setIndex: number; memberId: number }>(db,
      `INSERT INTO relay_holders (round_id, team_id, cycle, set_index, member_id) VALUES ($roundId, $teamId, $cycle, $setIndex, $memberId)`),
    insertProgress: direct<never, TeamArgs & { cycleStartedAt: number; deadline: number }>(db,
      `INSERT INTO relay_progress (round_id, team_id, cycle, cycle_started_at, deadline) VALUES ($roundId, $teamId, 1, $cycleStartedAt, $deadline)`),
    // For views. A team's holdings in the order of the index relay_holders_team (cycle, then id):
    // ORDER BY id alone sorted every row of the team's holdings at each read.
    members: direct<RelayMember, TeamArgs>(db, `SELECT ${columnsAs(relayMembers)} FROM relay_members WHERE round_id = +$roundId AND team_id = +$teamId ORDER BY position`),
    holders: direct<Pick<RelayHolder, "cycle" | "setIndex" | "memberId">, TeamArgs>(db, `SELECT ${columnsAs(relayHolders, ["cycle", "setIndex", "memberId"])} FROM relay_holders WHERE round_id = +$roundId AND team_id = +$teamId ORDER BY cycle, id`),
    // Answers and hints after the last one a view has read (they are never changed: see readTeam).
    // `correct` is a boolean column, which a direct statement gives as 0 or 1 (decoded in readTeam).
    answersAfter: direct<Omit<RelayAnswer, "correct"> & { correct: number }, TeamArgs & { after: number }>(db,
      `SELECT ${columnsWithRawBooleans(relayAnswers)} FROM relay_answers WHERE round_id = +$roundId AND team_id = +$teamId AND id > +$after ORDER BY id`),
    hintsAfter: direct<RelayHint, TeamArgs & { after: number }>(db, `SELECT ${columnsAs(relayHints)} FROM relay_hints WHERE round_id = +$roundId AND team_id = +$teamId AND id > +$after ORDER BY id`),
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
  /** The newest answer and hint read (row ids): a newer version of the team reads only what came after. */
  lastAnswerId: number;
  lastHintId: number;
  /**
   * The state this one was read after, until boards of this one are drawn (live.ts boardOf): their
   * unchanged cells are taken over with what was drawn of them. One step only, dropped once used.
   */
  prior?: TeamRelay;
};

// Every playing team of fifty games fits; a finished round's teams (with their renders) go soon
// after its screens moved on (CACHE_IDLE_MS), not when newer rounds fill the cache.
const teams = dbCacheName<number, TeamRelay>(2000, { idleMs: CACHE_IDLE_MS });

/**
 * A team's key in that cache: a number. A string key was built and hashed at every look-up (every
 * team of a game at each refresh of its projector). Exact while round ids stay under 2^21 (two
 * million rounds) and team ids under 2^32: the sum stays below 2^53.
 */
const teamKey = (roundId: number, teamId: number) => roundId * 2 ** 32 + teamId;

/**
 * The team's state at `progress`. Answers and hints are facts, never changed once recorded (the
 * triggers of migration 0009) nor deleted while the team's progress row exists, so a newer
 * version of a state already read (`before`) reads only the rows after its last ones: an answer
 * re-read the team's whole chains for every screen, a tenth of the relay's live updates. Members
 * and holders change with hand-overs and leavers, which move `peopleVersion` (the triggers of
 * migration 0013): kept from `before` while it has not moved. The four reads took 120 µs of each
 * answer in the relay bench; an answer now reads its own row and the hints after the last.
 */
function readTeam(conn: Conn, progress: RelayProgress, before?: TeamRelay): TeamRelay {
  const st = relayStatements(conn);
  const args = { roundId: progress.roundId, teamId: progress.teamId };
  const samePeople = before !== undefined && before.progress.peopleVersion === progress.peopleVersion;
  const answers = new Map(before?.answers);
  let lastAnswerId = before?.lastAnswerId ?? 0;
  for (const a of st.answersAfter.all({ ...args, after: lastAnswerId })) {
    answers.set(slotKey(a.position, a.setIndex), { ...a, correct: a.correct === 1 });
    lastAnswerId = a.id;
  }
  const hints = new Map(before?.hints);
  let lastHintId = before?.lastHintId ?? 0;
  for (const h of st.hintsAfter.all({ ...args, after: lastHintId })) {
    hints.set(slotKey(h.position, h.setIndex), h);
    lastHintId = h.id;
  }
  const members = samePeople ? before.members : st.members.all(args);
  if (before) before.prior = undefined;
  return { teamId: progress.teamId, progress, members, holders: samePeople ? before.holders : readHolders(conn, args), answers, hints, memo: new Map(), lastAnswerId, lastHintId, prior: before };
}

function readHolders(conn: Conn, args: TeamArgs): Map<string, number[]> {
  const holders = new Map<string, number[]>();
  for (const h of relayStatements(conn).holders.all(args)) (holders.get(slotKey(h.cycle, h.setIndex)) ?? holders.set(slotKey(h.cycle, h.setIndex), []).get(slotKey(h.cycle, h.setIndex))!).push(h.memberId);
  return holders;
}

/** The team's part of the round, or undefined when the team plays no part in it (no members at the start). */
export function teamRelay(conn: Conn, roundId: number, teamId: number): TeamRelay | undefined {
  const progress = relayStatements(conn).progress.get({ roundId, teamId });
  return progress && cachedTeam(conn, roundId, teamId, progress.version, () => progress);
}

/** The team's kept state if it is at `version`, else read again (`progress`: its row, read only then). */
function cachedTeam(conn: Conn, roundId: number, teamId: number, version: number, progress: () => RelayProgress): TeamRelay {
  const cache = dbCache(conn, teams);
  const key = teamKey(roundId, teamId);
  const hit = cache.get(key);
  if (hit && hit.progress.version === version) return hit;
  return cache.set(key, readTeam(conn, progress(), hit));
}

/**
 * Every playing team's part, in team id order. Each team's version is read first and its whole
 * row only when the kept state is older: the projector and the teacher read every team at every
 * refresh of their game, and the whole rows (a dozen columns each) were most of that read.
 */
export function roundTeams(conn: Conn, roundId: number): TeamRelay[] {
  const st = relayStatements(conn);
  return st.teamVersions.values({ roundId }).map(([teamId, version]) => cachedTeam(conn, roundId, teamId, version, () => st.progress.get({ roundId, teamId })!));
}

/**
 * A game's new relay drops what its earlier relays' teams kept (their states, boards and drawn
 * cells): its screens have moved on to the new round. Left to the idle sweep, they stayed 15–30 s
 * more, through the new round's start: in the district bench, whose relays start again as soon as
 * they finish, a finished round's teams were 43 MB of a 166 MB live heap (heap snapshots 50 s
 * into the play).
 */
export function forgetEarlierRounds(conn: Conn, gameId: number, roundId: number, teamIds: readonly number[]): void {
  const cache = dbCache(conn, teams);
  for (const [earlier] of relayStatements(conn).earlierRounds.values({ gameId, roundId })) {
    for (const teamId of teamIds) cache.delete(teamKey(earlier, teamId));
  }
}
