// A stream opened on the strength of a student's seat must follow the seat: when the teacher
// moves the student to another team the page reloads (and shows what the new seat may see); when
// the student is removed the stream ends.
import type { Db } from "../db/client.ts";
import type { Flush } from "../realtime/bus.ts";
import { listSeatTeams } from "../games/queries.ts";

/** Flush memo key for the game's participant → team map (audience keys contain "|", this does not). */
const SEATS_MEMO = "seats";

/** The `check` of a StreamSpec for a stream that belongs to seat `participantId` on team `teamId`. */
export function followSeat(db: Db, gameId: number, participantId: number, teamId: number): (flush: Flush) => "ok" | "reload" | "ended" {
  return (flush) => {
    // One read per flush for all of the game's streams (not one per phone): who sits where now.
    let seats = flush.memo.get(SEATS_MEMO) as Map<number, number> | undefined;
    if (!seats) {
      seats = new Map(listSeatTeams(db, gameId).map((x) => [x.id, x.teamId]));
      flush.memo.set(SEATS_MEMO, seats);
    }
    const now = seats.get(participantId);
    return now === undefined ? "ended" : now !== teamId ? "reload" : "ok";
  };
}
