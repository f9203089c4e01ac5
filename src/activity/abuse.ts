// What the teacher needs to spot a script on the school network: refused requests grouped by
// client and by network address, seats held per address in the games being played, and three
// patterns (ABUSE_RULES). Each names the address and the games where its seats are, so the
// teacher can remove them or lock the game (the existing controls: removeSeatsFrom, `lock`).
import { and, count, countDistinct, desc, eq, gte, inArray, isNotNull, max, ne, or, sql } from "drizzle-orm";
import { read, type Conn, type Db } from "../db/client.ts";
import { abuseEvents, games, participants } from "../db/schema.ts";
import { clientHash } from "../limits/rate-limit.ts";
import type { ActivityMeter } from "./meter.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The thresholds, in one place (the page states them). */
export const ABUSE_RULES = {
  /** One client (its device, or its network address without a device cookie) with seats in more than this many games joined within the window. */
  manyGames: { games: 5, windowMs: HOUR },
  /** One client (seat, device, or address without a device cookie) with more attempts than this in one minute. */
  burst: { perMinute: 50 },
  /** Refusals recorded for one client within the window (at most one a second per limit is recorded). */
  refusals: { count: 10, windowMs: HOUR },
  /** Refusals are listed from this far back (records are kept 7 days). */
  listWindowMs: 24 * HOUR,
} as const;

/** Rows shown per list: the most active first. */
const LIST_ROWS = 100;

/** A game's seats from one address (`address`: set where a pattern's seats come from several). */
export type SeatGroup = { gameId: number; code: string; title: string; classLabel: string; locked: boolean; seats: number; address?: string };
export type AddressSeats = { address: string; seats: number; games: SeatGroup[] };
export type RefusalGroup = { key: string; addresses: string[]; refusals: number; buckets: string[]; lastAt: number };
export type PatternKind = "many_games" | "attempt_burst" | "repeated_refusals";
export type Pattern = { kind: PatternKind; address: string; client: string | null; count: number; seat: { participantId: number; nickname: string; gameId: number } | null; games: SeatGroup[] };

export type AbuseReport = { at: number; since: number; refusalsByClient: RefusalGroup[]; refusalsByAddress: RefusalGroup[]; seatsByAddress: AddressSeats[]; patterns: Pattern[] };

const list = (csv: string | null) => (csv ? csv.split(",").filter(Boolean) : []);

function refusals(tx: Conn, since: number, by: "client" | "address"): RefusalGroup[] {
  const key = by === "client" ? abuseEvents.clientKey : abuseEvents.address;
  const n = count();
  return tx.select({
    key, refusals: n, lastAt: max(abuseEvents.createdAt),
    buckets: sql<string | null>`group_concat(DISTINCT ${abuseEvents.bucket})`,
    addresses: sql<string | null>`group_concat(DISTINCT ${abuseEvents.address})`,
  }).from(abuseEvents).where(and(gte(abuseEvents.createdAt, since), by === "address" ? isNotNull(abuseEvents.address) : undefined))
    .groupBy(key).orderBy(desc(n)).limit(LIST_ROWS).all()
    .map((r) => ({ key: r.key ?? "", refusals: r.refusals, lastAt: r.lastAt ?? 0, buckets: list(r.buckets), addresses: list(r.addresses) }));
}

/** Seats per address in every game not finished, per game; most seats first. */
function seatsByAddress(tx: Conn): AddressSeats[] {
  const rows = tx.select({ address: participants.joinedFrom, gameId: games.id, code: games.code, title: games.title, classLabel: games.classLabel, locked: games.locked, seats: count() })
    .from(participants).innerJoin(games, eq(games.id, participants.gameId))
    .where(and(ne(games.status, "finished"), isNotNull(participants.joinedFrom))).groupBy(participants.joinedFrom, games.id).all();
  const byAddress = new Map<string, AddressSeats>();
  for (const { address, ...g } of rows) {
    const a = byAddress.get(address!) ?? byAddress.set(address!, { address: address!, seats: 0, games: [] }).get(address!)!;
    a.seats += g.seats;
    a.games.push(g);
  }
  for (const a of byAddress.values()) a.games.sort((x, y) => y.seats - x.seats);
  return [...byAddress.values()].sort((x, y) => y.seats - x.seats || x.address.localeCompare(y.address));
}

export function abuseReport(db: Db, meter: ActivityMeter, now = Date.now()): AbuseReport {
  const since = now - ABUSE_RULES.listWindowMs;
  return read(db, (tx) => {
    const byClient = refusals(tx, since, "client");
    const seats = seatsByAddress(tx);
    const gamesOf = (address: string) => seats.find((a) => a.address === address)?.games ?? [];
    const patterns: Pattern[] = [];
    // One client: the seat's device when it had a signed cookie (a class behind one address is
    // many devices), else its address. Listed with the seats it holds, by address (what the
    // remove action takes), in the games it joined.
    const client = sql<string>`coalesce('d:' || ${participants.joinedDevice}, 'a:' || ${participants.joinedFrom})`;
    const manyGames = tx.select({ client, games: countDistinct(participants.gameId), gameIds: sql<string>`group_concat(DISTINCT ${participants.gameId})`, addresses: sql<string | null>`group_concat(DISTINCT ${participants.joinedFrom})` })
      .from(participants)
      .where(and(gte(participants.joinedAt, now - ABUSE_RULES.manyGames.windowMs), or(isNotNull(participants.joinedDevice), isNotNull(participants.joinedFrom))))
      .groupBy(client).having(sql`count(DISTINCT ${participants.gameId}) > ${ABUSE_RULES.manyGames.games}`).all();
    for (const m of manyGames) {
      const addresses = list(m.addresses);
      const joined = new Set(list(m.gameIds).map(Number));
      const held = addresses.flatMap((address) => gamesOf(address).filter((g) => joined.has(g.gameId)).map((g) => ({ ...g, address })));
      patterns.push({ kind: "many_games", address: addresses[0] ?? "", client: m.client.startsWith("d:") ? m.client.slice(2) : null, count: m.games, seat: null, games: held });
    }
    const bursts = meter.bursts(ABUSE_RULES.burst.perMinute, now);
    const seated = bursts.length ? tx.select({ id: participants.id, nickname: participants.nickname, gameId: participants.gameId }).from(participants).where(inArray(participants.id, bursts.flatMap((b) => (b.seat === null ? [] : [b.seat])))).all() : [];
    for (const b of bursts) {
      const seat = seated.find((p) => p.id === b.seat);
      patterns.push({ kind: "attempt_burst", address: b.address, client: clientHash(b.key), count: b.peakPerMinute, seat: seat ? { participantId: seat.id, nickname: seat.nickname, gameId: seat.gameId } : null, games: gamesOf(b.address) });
    }
    const recent = refusals(tx, now - ABUSE_RULES.refusals.windowMs, "client").filter((r) => r.refusals >= ABUSE_RULES.refusals.count);
    for (const r of recent) {
      const address = r.addresses[0] ?? "";
      patterns.push({ kind: "repeated_refusals", address, client: r.key, count: r.refusals, seat: null, games: r.addresses.flatMap(gamesOf) });
    }
    return { at: now, since, refusalsByClient: byClient, refusalsByAddress: refusals(tx, since, "address"), seatsByAddress: seats.slice(0, LIST_ROWS), patterns };
  });
}
