// A student's seat is found by the hash of the token in their seat cookie or bearer header.
import { eq, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../db/client.ts";
import { preparedFor } from "../db/prepared.ts";
import { participants, type Participant } from "../db/schema.ts";
import { hashToken } from "./tokens.ts";

function reads(db: BunSQLiteDatabase) {
  return { byHash: db.select().from(participants).where(eq(participants.tokenHash, sql.placeholder("hash"))).prepare() };
}

export function participantByToken(db: Conn, token: string): Participant | undefined {
  return preparedFor(db, reads).byHash.get({ hash: hashToken(token) });
}
