// A team's drawn member list, and a game's member rows, are kept per version of the members and grow
// by the newcomers when joins (or moves in) were all that changed: whatever happens between two
// reads — joins, removals, moves, a new nickname, several at once — what is kept is what a fresh
// read gives.
import { expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, read, type Db } from "../../src/db/client.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { createGame } from "../../src/games/create.ts";
import { joinGame } from "../../src/games/join.ts";
import { kickParticipant, moveParticipant } from "../../src/games/teams.ts";
import { listTeamMembers, listTeams, teamsWithMembers } from "../../src/games/queries.ts";
import { teamMemberList } from "../../src/live/member-lists.ts";
import { MemberItems, memberListAround } from "../../views/games/seat.tsx";
import { str } from "../../views/partial.ts";

function freshDb(): Db {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-lists-")), "tmc.db"));
  migrateDb(db);
  return db;
}

/** A small deterministic random source (the same run every time). */
function seeded(seed: number): () => number {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test("after any mix of joins, removals, moves and renames between reads, each team's kept list and the game's kept members are what a fresh read gives", async () => {
  const db = freshDb();
  const made = createGame(db, { title: "Lists", teamCount: 3, maxParticipants: 1000, joinMode: "choose" });
  if (!made.ok) throw new Error("game");
  const game = made.game;
  const teams = listTeams(db, game.id);
  const random = seeded(7);
  const pick = <T,>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const seats = () => db.$client.query("SELECT id FROM participants WHERE game_id = ?").all(game.id).map((r) => (r as { id: number }).id);
  let joined = 0, checks = 0;
  for (let step = 0; step < 400; step++) {
    const roll = random();
    const all = seats();
    if (roll < 0.6 || all.length < 3) {
      const r = await joinGame(db, { gameCode: game.code, nickname: `p${joined++}<b>`, teamId: pick(teams).id });
      expect(r.ok).toBe(true);
    } else if (roll < 0.75) expect(kickParticipant(db, game.id, pick(all)).ok).toBe(true);
    else if (roll < 0.9) moveParticipant(db, game.id, pick(all), pick(teams).id);
    else db.$client.run("UPDATE participants SET nickname = nickname || 'x' WHERE id = ?", [pick(all)]);
    // Reads come now and then, so that one to several changes pass between two reads of a team.
    if (random() < 0.4) {
      const team = pick(teams);
      read(db, (tx) => {
        const row = listTeams(tx, game.id).find((t) => t.id === team.id)!;
        expect(teamMemberList(tx, row)).toBe(memberListAround(str(MemberItems({ members: listTeamMembers(tx, team.id) }))));
        // The game's members as the projector and the teacher read them, kept the same way.
        const kept = teamsWithMembers(tx, game.id).map((t) => t.members.map((m) => `${m.id}:${m.teamId}:${m.nickname}`));
        const fresh = teams.map((t) => (db.$client.query("SELECT id, team_id AS t, nickname AS n FROM participants WHERE team_id = ? ORDER BY id").all(t.id) as { id: number; t: number; n: string }[]).map((m) => `${m.id}:${m.t}:${m.n}`));
        expect(kept).toEqual(fresh);
      });
      checks++;
    }
  }
  expect(checks).toBeGreaterThan(100);
  // Names are escaped as in any list.
  const any = listTeams(db, game.id).find((t) => t.memberCount > 0)!;
  expect(read(db, (tx) => teamMemberList(tx, any))).toContain("&lt;b&gt;");
});
