// GET /api/game-state: one consistent snapshot, read in one transaction.
import { read, type Db } from "../db/client.ts";
import type { Game } from "../db/schema.ts";
import { bracketsOf, teamsWithMembers } from "../games/queries.ts";
import { currentRound, remainingMs } from "../rounds/current.ts";
import { roundModule } from "../rounds/registry.ts";

export function gameSnapshot(db: Db, game: Game, now = Date.now()) {
  return read(db, (tx) => {
    const teamRows = teamsWithMembers(tx, game.id);
    const round = currentRound(tx, game.id);
    const module = round ? roundModule(round.type) : undefined;
    return {
      game: {
        id: game.id, code: game.code, title: game.title, classLabel: game.classLabel, status: game.status,
        joinMode: game.joinMode, locked: game.locked, maxParticipants: game.maxParticipants,
        createdAt: game.createdAt, startedAt: game.startedAt, finishedAt: game.finishedAt,
      },
      brackets: bracketsOf(teamRows),
      teams: teamRows.map((tm) => ({ id: tm.id, position: tm.position, name: tm.name, bracket: tm.bracket, score: tm.score, rank: tm.rank, memberCount: tm.members.length })),
      participants: teamRows.flatMap((tm) => tm.members.map((p) => ({ id: p.id, nickname: p.nickname, teamId: p.teamId, joinedAt: p.joinedAt }))),
      round: round
        ? { sessionId: round.id, type: round.type, status: round.status === "running" && round.endsAt <= now ? "finished" : round.status, endsAt: round.endsAt, remainingMs: remainingMs(round, now), serverNow: now, ...(module ? module.state(tx, round, now) : {}) }
        : null,
    };
  });
}
