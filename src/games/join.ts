import { and, eq, isNull, sql } from "drizzle-orm";
import { write, type Db, type Tx } from "../db/client.ts";
import { participants, rosterEntries, teams, type Game, type Participant } from "../db/schema.ts";
import { fail, Rollback, type Result } from "../errors.ts";
import { hashToken, newToken } from "../auth/tokens.ts";
import { checkName, NICKNAME_MAX, ROSTER_NAME_MAX } from "./names.ts";
import { countParticipants, findGameByCode, participantByToken, teamOfGame } from "./queries.ts";

export const STUDENT_PREFIX = "S";

export type JoinInput = {
  gameCode: string;
  nickname?: string;
  /** `choose` mode: the team the student picked. */
  teamId?: number;
  /** `roster` mode: the roster row the student picked. */
  rosterEntryId?: number;
  /** The seat token this browser already holds, if any: rejoining returns the same seat. */
  existingToken?: string;
};

export type JoinOk = { participant: Participant; game: Game; token: string | null; rejoined: boolean };

/** True when students may take a seat now. */
export function isJoinable(game: Game): boolean {
  return !game.locked && (game.status === "waiting" || (game.status === "started" && game.lateJoin));
}

/**
 * One IMMEDIATE transaction: game open, capacity, unique nickname, team by join mode.
 * The schema backs each check (capacity trigger, UNIQUE nickname key, roster seat unique).
 */
export function joinGame(db: Db, input: JoinInput): Result<JoinOk> {
  try {
    return write(db, (tx) => joinInTx(tx, input));
  } catch (err) {
    if (err instanceof Rollback) return err.failure;
    const msg = String((err as Error)?.message ?? "");
    // Only reachable if code and schema disagree; the schema wins.
    if (msg.includes("game_full")) return fail("game_full");
    if (msg.includes("participants_game_nickname") || msg.includes("participants.game_id, participants.nickname_key")) return fail("nickname_taken");
    throw err;
  }
}

function joinInTx(tx: Tx, input: JoinInput): Result<JoinOk> {
  const game = findGameByCode(tx, input.gameCode);
  if (!game || game.status === "finished" && !input.existingToken) return fail("game_not_found");
  if (input.existingToken) {
    const seat = participantByToken(tx, input.existingToken);
    if (seat && seat.gameId === game.id) return { ok: true, participant: seat, game, token: null, rejoined: true };
    if (game.status === "finished") return fail("game_not_found");
  }
  if (game.locked) return fail("game_locked");
  if (!isJoinable(game)) return fail("game_not_joinable");
  if (countParticipants(tx, game.id) >= game.maxParticipants) return fail("game_full");

  let nicknameRaw = input.nickname ?? "";
  let teamId: number;
  let rosterId: number | null = null;
  if (game.joinMode === "roster") {
    if (!input.rosterEntryId) return fail("roster_required");
    const entry = tx.select().from(rosterEntries).where(and(eq(rosterEntries.id, input.rosterEntryId), eq(rosterEntries.gameId, game.id))).get();
    if (!entry) return fail("roster_required");
    if (entry.participantId !== null) return fail("roster_name_taken");
    nicknameRaw = entry.playerName;
    teamId = entry.teamId;
    rosterId = entry.id;
  } else if (game.joinMode === "choose") {
    if (!input.teamId) return fail("invalid_input", { field: "teamId" });
    const team = teamOfGame(tx, game.id, input.teamId);
    if (!team) return fail("team_not_found");
    teamId = team.id;
  } else {
    teamId = smallestTeam(tx, game.id);
  }

  const name = checkName(nicknameRaw, rosterId !== null ? ROSTER_NAME_MAX : NICKNAME_MAX);
  if (!name.ok) return fail("invalid_input", { field: "nickname", reason: name.reason });
  const clash = tx.select({ id: participants.id }).from(participants)
    .where(and(eq(participants.gameId, game.id), eq(participants.nicknameKey, name.key))).get();
  if (clash) return fail("nickname_taken");

  const token = newToken(STUDENT_PREFIX);
  const participant = tx.insert(participants).values({
    gameId: game.id, teamId, nickname: name.display, nicknameKey: name.key, tokenHash: hashToken(token),
  }).returning().get();
  if (rosterId !== null) {
    const claimed = tx.update(rosterEntries).set({ participantId: participant.id })
      .where(and(eq(rosterEntries.id, rosterId), isNull(rosterEntries.participantId))).returning({ id: rosterEntries.id }).all();
    if (claimed.length !== 1) throw new Rollback(fail("roster_name_taken"));
  }
  return { ok: true, participant, game, token, rejoined: false };
}

/** Auto mode: the team with the fewest members; ties go to the lowest team number. */
function smallestTeam(tx: Tx, gameId: number): number {
  const row = tx.select({ id: teams.id }).from(teams)
    .where(eq(teams.gameId, gameId))
    // Written out: drizzle leaves column names unqualified here, which would bind to the subquery's table.
    .orderBy(sql`(SELECT count(*) FROM participants p WHERE p.team_id = teams.id)`, teams.position)
    .limit(1).get();
  return row!.id;
}
