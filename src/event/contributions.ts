// What each member did, from the rounds' export rows (the contract's flat rows; never a round
// type's own tables): Year Game numbers found, Score Steal answers sent for the team, Relay answers
// and hints; accuracy over the answers whose rows say right or wrong; and the points the ledger
// credits to their actions on their own team.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Conn } from "../db/client.ts";
import { participants, scoreEvents, type Round } from "../db/schema.ts";
import type { ExportRow } from "../rounds/contract.ts";
import { roundModule } from "../rounds/registry.ts";
import { roundNumbers } from "./ledger.ts";

/** Every round of the game with its export rows; a round whose type this build lacks has none. */
export function roundRows(db: Conn, gameId: number): { round: Round; number: number; rows: ExportRow[] }[] {
  return [...roundNumbers(db, gameId).values()].map(({ round, number }) => ({ round, number, rows: roundModule(round.type)?.exportRows(db, round) ?? [] }));
}

/** Answer-like rows: the ones that say whether they were right. */
export function isAnswer(r: ExportRow): boolean {
  return r.correct !== undefined;
}

export type Contribution = {
  participantId: number; nickname: string; teamId: number;
  found: number; stealAnswers: number; stealCorrect: number; relayAnswers: number; relayCorrect: number; hints: number;
  answers: number; correct: number; points: number;
};

export function memberContributions(db: Conn, gameId: number, rounds = roundRows(db, gameId)): Contribution[] {
  const members = db.select({ id: participants.id, nickname: participants.nickname, teamId: participants.teamId }).from(participants).where(eq(participants.gameId, gameId)).all();
  const byId = new Map<number, Contribution>(members.map((m) => [m.id, {
    participantId: m.id, nickname: m.nickname, teamId: m.teamId, found: 0, stealAnswers: 0, stealCorrect: 0, relayAnswers: 0, relayCorrect: 0, hints: 0, answers: 0, correct: 0, points: 0,
  }]));
  for (const { rows } of rounds) {
    for (const r of rows) {
      const c = r.participantId !== null ? byId.get(r.participantId) : undefined;
      if (!c) continue;
      if (r.roundType === "year_game" && r.kind === "find") c.found++;
      if (r.roundType === "score_steal" && (r.kind === "answer" || r.kind === "win")) { c.stealAnswers++; if (r.correct) c.stealCorrect++; }
      if (r.roundType === "relay_quiz" && r.kind === "answer") { c.relayAnswers++; if (r.correct) c.relayCorrect++; }
      if (r.kind === "hint") c.hints++;
      if (isAnswer(r)) { c.answers++; if (r.correct) c.correct++; }
    }
  }
  // A steal's loss row names the picker, who is on the other team: only rows on one's own team count.
  const points = db.select({ participantId: scoreEvents.participantId, teamId: scoreEvents.teamId, points: sql<number>`sum(${scoreEvents.delta})` })
    .from(scoreEvents).where(and(eq(scoreEvents.gameId, gameId), isNotNull(scoreEvents.participantId))).groupBy(scoreEvents.participantId, scoreEvents.teamId).all();
  for (const p of points) {
    const c = byId.get(p.participantId!);
    if (c && c.teamId === p.teamId) c.points += p.points;
  }
  return [...byId.values()];
}
