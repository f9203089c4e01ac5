// Members come and go during a relay (issue 12): moving a student to another team is refused
// while it runs; a student removed by the teacher hands their remaining questions to the next
// member in order; the teacher can hand a member's remaining questions to a teammate (a phone
// that died). "Remaining" = the unanswered questions of the team's current cycle and every
// question of the cycles after it. A question someone else still holds (members sharing it)
// simply loses the leaver; any other goes to the new holder.
import { and, eq, sql } from "drizzle-orm";
import { write, type Db, type Tx } from "../../db/client.ts";
import { participants, relayHolders, relayMembers, type RelayMember, type Round } from "../../db/schema.ts";
import { declareReasonTexts, fail, type Fail, type Result } from "../../errors.ts";
import { findRound, isOpen } from "../current.ts";
import { nextInOrder } from "./rules.ts";
import { relayStatements, slotKey } from "./store.ts";

declareReasonTexts({
  "invalid_input:toParticipantId:other_team": { en: "Hand the questions to a member of the same team.", ko: "같은 팀의 학생에게 넘기세요." },
  "invalid_input:toParticipantId:same_member": { en: "Choose another member to take the questions.", ko: "문제를 넘겨받을 다른 학생을 고르세요." },
  "participant_not_found:fromParticipantId": { en: "That student holds no questions in this relay.", ko: "그 학생은 이 릴레이에서 맡은 문제가 없습니다." },
  "bad_state:round_over": { en: "The relay is over.", ko: "릴레이가 끝났습니다." },
});

/** The member's holdings that are still to be answered: unanswered in the current cycle, all in later cycles. */
function remaining(tx: Tx, roundId: number, member: RelayMember): { id: number; cycle: number; setIndex: number }[] {
  const p = relayStatements(tx).progress.get({ roundId, teamId: member.teamId });
  if (!p || p.finishedAt !== null) return [];
  const answered = new Set(relayStatements(tx).answeredSets.all({ roundId, teamId: member.teamId, position: p.cycle }).map((r) => r.setIndex));
  return tx.select({ id: relayHolders.id, cycle: relayHolders.cycle, setIndex: relayHolders.setIndex }).from(relayHolders)
    .where(and(eq(relayHolders.roundId, roundId), eq(relayHolders.memberId, member.id), sql`${relayHolders.cycle} >= ${p.cycle}`)).all()
    .filter((h) => h.cycle > p.cycle || !answered.has(h.setIndex));
}

/** Who else (present) holds each question of the team, by slotKey. */
function otherHolders(tx: Tx, roundId: number, member: RelayMember): Map<string, number[]> {
  const rows = tx.select({ cycle: relayHolders.cycle, setIndex: relayHolders.setIndex, memberId: relayHolders.memberId }).from(relayHolders)
    .innerJoin(relayMembers, eq(relayMembers.id, relayHolders.memberId))
    .where(and(eq(relayHolders.roundId, roundId), eq(relayHolders.teamId, member.teamId), sql`${relayMembers.participantId} IS NOT NULL`, sql`${relayHolders.memberId} <> ${member.id}`)).all();
  const out = new Map<string, number[]>();
  for (const r of rows) (out.get(slotKey(r.cycle, r.setIndex)) ?? out.set(slotKey(r.cycle, r.setIndex), []).get(slotKey(r.cycle, r.setIndex))!).push(r.memberId);
  return out;
}

/** Moves `from`'s remaining questions to `to` (or drops them where someone else holds them too). Returns how many moved. */
function handOver(tx: Tx, roundId: number, from: RelayMember, to: RelayMember | null): number {
  const others = otherHolders(tx, roundId, from);
  let moved = 0;
  for (const h of remaining(tx, roundId, from)) {
    const holders = others.get(slotKey(h.cycle, h.setIndex)) ?? [];
    if (holders.length > 0) {
      tx.delete(relayHolders).where(eq(relayHolders.id, h.id)).run();
    } else if (to) {
      tx.update(relayHolders).set({ memberId: to.id }).where(eq(relayHolders.id, h.id)).run();
      moved++;
    }
    // No one else and no one to take it: it stays with the leaver, unheld once they are gone.
  }
  relayStatements(tx).bump.run({ roundId, teamId: from.teamId });
  return moved;
}

/** RoundModule.members.removed: the teacher removes a student; their questions go to the next member in order. */
export function memberRemoved(tx: Tx, round: Round, participantId: number): void {
  const st = relayStatements(tx);
  const member = st.memberOf.get({ roundId: round.id, participantId });
  if (!member) return;
  const team = st.members.all({ roundId: round.id, teamId: member.teamId });
  const next = nextInOrder(team.map((m) => ({ ...m, present: m.participantId !== null && m.id !== member.id })), member.position);
  handOver(tx, round.id, member, next);
}

/** RoundModule.members.refuseMove: nobody changes teams while a relay runs (the order and the chains are the team's). */
export function refuseMove(): Fail {
  return fail("teams_locked");
}

export type ReassignInput = { fromParticipantId: number; toParticipantId: number };

/** The teacher hands a member's remaining questions to a teammate (who may have joined late). */
export function reassignRelay(db: Db, gameId: number, roundId: number, input: ReassignInput, now = Date.now()): Result<{ round: Round; moved: number; teamId: number }> {
  return write(db, (tx) => {
    const round = findRound(tx, roundId);
    if (!round || round.gameId !== gameId || round.type !== "relay_quiz") return fail("round_not_found");
    if (!isOpen(round, now)) return fail("bad_state", { reason: "round_over" });
    const st = relayStatements(tx);
    const from = st.memberOf.get({ roundId, participantId: input.fromParticipantId });
    if (!from) return fail("participant_not_found", { field: "fromParticipantId" });
    if (input.toParticipantId === input.fromParticipantId) return fail("invalid_input", { field: "toParticipantId", reason: "same_member" });
    const target = tx.select().from(participants).where(and(eq(participants.id, input.toParticipantId), eq(participants.gameId, gameId))).get();
    if (!target) return fail("participant_not_found", { field: "toParticipantId" });
    if (target.teamId !== from.teamId) return fail("invalid_input", { field: "toParticipantId", reason: "other_team" });
    let to = st.memberOf.get({ roundId, participantId: target.id });
    if (!to) {
      // A latecomer takes over: they join the round's order at the end.
      const last = tx.select({ n: sql<number>`coalesce(max(${relayMembers.position}), -1)` }).from(relayMembers).where(and(eq(relayMembers.roundId, roundId), eq(relayMembers.teamId, from.teamId))).get()!.n;
      to = tx.insert(relayMembers).values({ roundId, teamId: from.teamId, participantId: target.id, position: last + 1, nickname: target.nickname }).returning().get();
    }
    const moved = handOver(tx, roundId, from, to);
    return { ok: true, round, moved, teamId: from.teamId };
  });
}
