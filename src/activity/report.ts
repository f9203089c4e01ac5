// The teacher's live activity: per game in play (or still showing on a screen), answers per
// minute, live streams open, and students connected now against students joined.
import { count, inArray, or } from "drizzle-orm";
import { read, type Db } from "../db/client.ts";
import { games, participants, type Game } from "../db/schema.ts";
import type { GameStreams } from "../limits/streams.ts";
import type { ActivityMeter } from "./meter.ts";

export type GameActivity = {
  gameId: number; code: string; title: string; classLabel: string; status: Game["status"]; locked: boolean;
  /** Seats taken. */
  joined: number;
  /** Seats with their phone's live page open now. */
  connected: number;
  /** Live pages open on this game: phones, team boards, projector, the teacher's. */
  streams: number;
  answersLastMinute: number;
  /** Oldest first, one per minute; the last is the past 60 seconds. */
  answersPerMinute: number[];
};

export type ActivityReport = { at: number; games: GameActivity[]; totals: { joined: number; connected: number; streams: number; answersLastMinute: number } };

export function activityReport(db: Db, meter: ActivityMeter, streams: Map<number, GameStreams>, now = Date.now()): ActivityReport {
  const busy = [...new Set([...streams.keys(), ...meter.activeGames(now)])];
  const rows = read(db, (tx) => {
    const list = tx.select().from(games).where(or(inArray(games.status, ["waiting", "started"]), inArray(games.id, busy))).all();
    const seats = tx.select({ gameId: participants.gameId, n: count() }).from(participants).where(inArray(participants.gameId, list.map((g) => g.id))).groupBy(participants.gameId).all();
    return { list, seats: new Map(seats.map((r) => [r.gameId, r.n])) };
  });
  const list: GameActivity[] = rows.list.map((g) => {
    const perMinute = meter.answersPerMinute(g.id, now);
    const live = streams.get(g.id);
    return {
      gameId: g.id, code: g.code, title: g.title, classLabel: g.classLabel, status: g.status, locked: g.locked,
      joined: rows.seats.get(g.id) ?? 0, connected: live?.seats ?? 0, streams: live?.streams ?? 0,
      answersLastMinute: perMinute.at(-1) ?? 0, answersPerMinute: perMinute,
    };
  });
  // Games being played first, the busiest on top.
  const rank = (g: GameActivity) => (g.status === "started" ? 0 : g.status === "waiting" ? 1 : 2);
  list.sort((a, b) => rank(a) - rank(b) || b.answersLastMinute - a.answersLastMinute || b.gameId - a.gameId);
  const sum = (f: (g: GameActivity) => number) => list.reduce((n, g) => n + f(g), 0);
  return { at: now, games: list, totals: { joined: sum((g) => g.joined), connected: sum((g) => g.connected), streams: sum((g) => g.streams), answersLastMinute: sum((g) => g.answersLastMinute) } };
}
