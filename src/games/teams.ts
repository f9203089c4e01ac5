// Teacher lobby controls. Each is one IMMEDIATE transaction; the route publishes "lobby" after.
// A round that is open may refuse moves or react to a removal (RoundModule.members, see
// src/rounds/README.md): it is asked inside the same transaction.
import { and, eq } from "drizzle-orm";
import { write, type Db, type Tx } from "../db/client.ts";
import { participants, teams } from "../db/schema.ts";
import { fail, type Fail, type Result } from "../errors.ts";
import { checkName, TEAM_NAME_MAX } from "./names.ts";
import { findGame, listParticipants, listTeams, teamOfGame } from "./queries.ts";
import { openRound } from "../rounds/current.ts";
import { roundModule } from "../rounds/registry.ts";

/** The open round's refusal to let these participants change teams, if it has one. */
function moveRefused(tx: Tx, gameId: number, participantIds: number[]): Fail | null {
  const round = participantIds.length ? openRound(tx, gameId) : undefined;
  const refuse = round && roundModule(round.type)?.members?.refuseMove;
  if (!round || !refuse) return null;
  for (const id of participantIds) {
    const refusal = refuse(tx, round, id);
    if (refusal) return refusal;
  }
  return null;
}

export function moveParticipant(db: Db, gameId: number, participantId: number, teamId: number): Result {
  return write(db, (tx) => {
    const team = teamOfGame(tx, gameId, teamId);
    if (!team) return fail("team_not_found");
    const who = tx.select({ teamId: participants.teamId }).from(participants).where(and(eq(participants.id, participantId), eq(participants.gameId, gameId))).get();
    if (who && who.teamId !== teamId) {
      const refusal = moveRefused(tx, gameId, [participantId]);
      if (refusal) return refusal;
    }
    const moved = tx.update(participants).set({ teamId }).where(and(eq(participants.id, participantId), eq(participants.gameId, gameId))).returning({ id: participants.id }).all();
    return moved.length === 1 ? { ok: true } : fail("participant_not_found");
  });
}

export function renameTeam(db: Db, gameId: number, teamId: number, rawName: string): Result {
  const name = checkName(rawName, TEAM_NAME_MAX);
  if (!name.ok) return fail("invalid_input", { field: "name", reason: name.reason });
  return write(db, (tx) => {
    const renamed = tx.update(teams).set({ name: name.display }).where(and(eq(teams.id, teamId), eq(teams.gameId, gameId))).returning({ id: teams.id }).all();
    return renamed.length === 1 ? { ok: true } : fail("team_not_found");
  });
}

/**
 * Removes these seats of the game, one after the other in the caller's transaction: an open round
 * hears of each just before its row goes (a relay hands the seat's questions to the next member
 * still there — not to another seat of the same batch, which would take them along). Returns how
 * many were removed.
 */
function removeSeats(tx: Tx, gameId: number, ids: readonly number[], now: number): number {
  const round = ids.length ? openRound(tx, gameId) : undefined;
  const removedHook = round && roundModule(round.type)?.members?.removed;
  let removed = 0;
  for (const id of ids) {
    if (round && removedHook) removedHook(tx, round, id, now);
    removed += tx.delete(participants).where(and(eq(participants.id, id), eq(participants.gameId, gameId))).returning({ id: participants.id }).all().length;
  }
  return removed;
}

/** Removes a participant: their seat cookie stops working and the nickname is free again. */
export function kickParticipant(db: Db, gameId: number, participantId: number, now = Date.now()): Result {
  return write(db, (tx) => {
    const present = tx.select({ id: participants.id }).from(participants).where(and(eq(participants.id, participantId), eq(participants.gameId, gameId))).get();
    return present && removeSeats(tx, gameId, [present.id], now) === 1 ? { ok: true } : fail("participant_not_found");
  });
}

/**
 * Removes every seat taken from one network address (a script that grabbed seats, or a device the
 * teacher wants out): one transaction; their seat cookies stop working, their names are free again.
 * An open round hears of each as of a kick.
 */
export function removeSeatsFrom(db: Db, gameId: number, address: string, now = Date.now()): Result<{ removed: number }> {
  return write(db, (tx) => {
    if (!findGame(tx, gameId)) return fail("game_not_found");
    const seats = tx.select({ id: participants.id }).from(participants).where(and(eq(participants.gameId, gameId), eq(participants.joinedFrom, address))).orderBy(participants.id).all();
    const removed = removeSeats(tx, gameId, seats.map((x) => x.id), now);
    return removed ? { ok: true, removed } : fail("participant_not_found", { field: "address" });
  });
}

/**
 * Re-balance keeps everyone where they are except members of over-full teams, who move to
 * the smallest teams; shuffle deals everyone out again at random. Both keep brackets apart:
 * a student only moves between teams of the same bracket.
 */
export function regroupTeams(db: Db, gameId: number, how: "rebalance" | "shuffle", random: () => number = Math.random): Result<{ moved: number }> {
  return write(db, (tx) => {
    if (!findGame(tx, gameId)) return fail("game_not_found");
    const teamRows = listTeams(tx, gameId);
    const people = listParticipants(tx, gameId);
    const groups = new Map<string, number[]>();
    for (const t of teamRows) (groups.get(t.bracket ?? "") ?? groups.set(t.bracket ?? "", []).get(t.bracket ?? "")!).push(t.id);
    const bracketOfTeam = new Map(teamRows.map((t) => [t.id, t.bracket ?? ""]));
    const moves = new Map<number, number>();
    for (const [bracket, teamIds] of groups) {
      const members = people.filter((p) => bracketOfTeam.get(p.teamId) === bracket);
      const target = new Map<number, number>();
      if (how === "shuffle") {
        const order = members.map((p) => ({ p, r: random() })).sort((a, b) => a.r - b.r).map((x) => x.p);
        order.forEach((p, i) => target.set(p.id, teamIds[i % teamIds.length]!));
      } else {
        const buckets = new Map(teamIds.map((id) => [id, members.filter((p) => p.teamId === id)]));
        const size = (id: number) => buckets.get(id)!.length;
        for (;;) {
          const big = [...teamIds].sort((a, b) => size(b) - size(a))[0]!;
          const small = [...teamIds].sort((a, b) => size(a) - size(b))[0]!;
          if (size(big) - size(small) <= 1) break;
          const p = buckets.get(big)!.pop()!;
          buckets.get(small)!.push(p);
          target.set(p.id, small);
        }
      }
      for (const p of members) {
        const to = target.get(p.id);
        if (to !== undefined && to !== p.teamId) moves.set(p.id, to);
      }
    }
    // Asked before anything moves: a refusal leaves every team as it was.
    const refusal = moveRefused(tx, gameId, [...moves.keys()]);
    if (refusal) return refusal;
    for (const [id, to] of moves) tx.update(participants).set({ teamId: to }).where(eq(participants.id, id)).run();
    return { ok: true, moved: moves.size };
  });
}
