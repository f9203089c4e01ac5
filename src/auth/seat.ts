// A student's seat is found by the hash of the token in their seat cookie or bearer header.
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../db/client.ts";
import { preparedFor } from "../db/prepared.ts";
import { columnsAs, direct } from "../db/direct.ts";
import { participants, type Participant } from "../db/schema.ts";
import { hashToken } from "./tokens.ts";

// Every student request looks its seat up: a direct statement (src/db/direct.ts).
function reads(db: BunSQLiteDatabase) {
  return { byHash: direct<Participant, { hash: string }>(db, `SELECT ${columnsAs(participants)} FROM participants WHERE token_hash = +$hash`) };
}

export function participantByToken(db: Conn, token: string): Participant | undefined {
  return preparedFor(db, reads).byHash.get({ hash: hashToken(token) });
}
