// Reads used by pages, streams and the API. Each is one or two indexed queries; callers
// that need several of them consistent wrap them in read().
import { asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { BunSQLiteDatabase } from "drizzle-orm/bun-sqlite";
import type { Conn } from "../db/client.ts";
import { dbCache, dbCacheName, preparedFor, stamped, stampedName } from "../db/prepared.ts";
import { CACHE_IDLE_MS } from "../cache/bounded.ts";
import { columnsAs, columnsWithRawBooleans, direct } from "../db/direct.ts";
import { games, participants, rosterEntries, teams, type Game, type Participant, type Team } from "../db/schema.ts";

type Q = Conn;

/** A games row as SQLite gives it: `locked` and `lateJoin` are 0 or 1 (see gameOf). */
type GameRow = Omit<Game, "locked" | "lateJoin"> & { locked: number; lateJoin: number };
const GAME_COLUMNS = columnsWithRawBooleans(games);
function gameOf(row: GameRow | undefined): Game | undefined {
  return row && { ...row, locked: row.locked === 1, lateJoin: row.lateJoin === 1 };
}

function reads(db: BunSQLiteDatabase) {
  return {
    // A code is unique among games in play (the partial index games_code_open, which this
    // condition lets SQLite use); every student page and stream looks its game up by code, and
    // one query preferring the open game with ORDER BY scanned every game ever played.
    // Direct statements (every student request looks its game up), booleans decoded in gameOf.
    openGameByCode: direct<GameRow, { code: string }>(db, `SELECT ${GAME_COLUMNS} FROM games WHERE code = +$code AND status <> 'finished'`),
    // A finished game may share its code with a newer finished one: the newest (rare: a results page).
    finishedGameByCode: direct<GameRow, { code: string }>(db, `SELECT ${GAME_COLUMNS} FROM games WHERE code = +$code ORDER BY id DESC LIMIT 1`),
    game: direct<GameRow, { id: number }>(db, `SELECT ${GAME_COLUMNS} FROM games WHERE id = +$id`),
    // Teams and members are read for every live render of a lobby, a board or a teacher's panel,
    // a row per member: direct statements (src/db/direct.ts), without drizzle's per-row mapping.
    teams: direct<Team, { gameId: number }>(db, `SELECT ${columnsAs(teams)} FROM teams WHERE game_id = +$gameId ORDER BY position`),
    teamOfGame: direct<Team, { id: number; gameId: number }>(db, `SELECT ${columnsAs(teams)} FROM teams WHERE id = +$id AND game_id = +$gameId`),
    participants: direct<Participant, { gameId: number }>(db, `SELECT ${columnsAs(participants)} FROM participants WHERE game_id = +$gameId ORDER BY id`),
    // Every member of the game as team lists show them: the projector's and the teacher's lobby
    // read it at every change, a thousand rows at a time (whole rows cost twice as much).
    memberRows: direct<TeamMemberRow, { gameId: number }>(db, `SELECT ${columnsAs(participants, MEMBER_ROW)} FROM participants WHERE game_id = +$gameId ORDER BY id`),
    memberRowsAfter: direct<TeamMemberRow, { gameId: number; afterId: number }>(db, `SELECT ${columnsAs(participants, MEMBER_ROW)} FROM participants WHERE game_id = +$gameId AND id > +$afterId ORDER BY id`),
    memberOfGame: direct<TeamMemberRow, { gameId: number; id: number }>(db, `SELECT ${columnsAs(participants, MEMBER_ROW)} FROM participants WHERE id = +$id AND game_id = +$gameId`),
    // Who sits in which team (live streams check it at every lobby change: see live/seat-check.ts).
    seatTeams: direct<Pick<Participant, "id" | "teamId">, { gameId: number }>(db, `SELECT id, team_id AS "teamId" FROM participants WHERE game_id = +$gameId`),
    // Only what a member list shows: every phone's lobby page, first frame and lobby update reads
    // it, and whole rows cost 2.5 times as much (35 µs against 14 for a team of 50); read from the
    // index participants_team alone (migration 0014: 19 µs → 11 for a team of 50).
    teamMembers: direct<TeamMember, { teamId: number }>(db, `SELECT id, nickname FROM participants WHERE team_id = +$teamId ORDER BY id`),
    // The members who came after a given one (a list kept by version grows by them: src/live/member-lists.ts).
    teamMembersAfter: direct<TeamMember, { teamId: number; afterId: number }>(db, `SELECT id, nickname FROM participants WHERE team_id = +$teamId AND id > +$afterId ORDER BY id`),
    // The teams' cached counts (migration 0014): counting the game's rows took 20 µs a join at a thousand seats.
    countParticipants: direct<{ n: number }, { gameId: number }>(db, `SELECT coalesce(sum(member_count), 0) AS n FROM teams WHERE game_id = +$gameId`),
  };
}

// Every student request finds its game by code, and every live render of a team its game by id:
// kept until the database changes (see `stamped`). Shared objects: never changed by callers.
const gamesByCode = stampedName<string, Game | undefined>(1024);
const gamesById = stampedName<number, Game | undefined>(1024);

/** Longer than any game code (2 to 6 digits, src/games/code.ts): looked up, never kept (a request's text). */
const CODE_KEPT_MAX = 8;

/** The game in play with this code, else the newest finished one. */
export function findGameByCode(db: Q, code: string): Game | undefined {
  const lookup = () => {
    const r = preparedFor(db, reads);
    return gameOf(r.openGameByCode.get({ code }) ?? r.finishedGameByCode.get({ code }));
  };
  return code.length > CODE_KEPT_MAX ? lookup() : stamped(db, gamesByCode, code, lookup);
}

export function findGame(db: Q, id: number): Game | undefined {
  return stamped(db, gamesById, id, () => gameOf(preparedFor(db, reads).game.get({ id })));
}

export function listTeams(db: Q, gameId: number): Team[] {
  return preparedFor(db, reads).teams.all({ gameId });
}

export function listParticipants(db: Q, gameId: number): Participant[] {
  return preparedFor(db, reads).participants.all({ gameId });
}

/** A seat of the game as team lists show it (the teacher's page for one student), if it is there. */
export function participantOfGame(db: Q, gameId: number, participantId: number): TeamMemberRow | undefined {
  return preparedFor(db, reads).memberOfGame.get({ gameId, id: participantId });
}

/** Each seat of the game with its team. */
export function listSeatTeams(db: Q, gameId: number): Pick<Participant, "id" | "teamId">[] {
  return preparedFor(db, reads).seatTeams.all({ gameId });
}

/** A team's member as its member list shows it. */
export type TeamMember = Pick<Participant, "id" | "nickname">;

/** One team's members, oldest first (the same order as listParticipants). */
export function listTeamMembers(db: Q, teamId: number): TeamMember[] {
  return preparedFor(db, reads).teamMembers.all({ teamId });
}

/** The team's members with a larger id than `afterId` (who joined or moved in after them, if still there), oldest first. */
export function listTeamMembersAfter(db: Q, teamId: number, afterId: number): TeamMember[] {
  return preparedFor(db, reads).teamMembersAfter.all({ teamId, afterId });
}

export function countParticipants(db: Q, gameId: number): number {
  return preparedFor(db, reads).countParticipants.get({ gameId })?.n ?? 0;
}

/** The roster as the join page lists it: whether a name needs a PIN, never the PIN. */
export type RosterChoice = { id: number; playerName: string; playerNumber: string | null; teamId: number; participantId: number | null; hasPin: boolean };

export function listRoster(db: Q, gameId: number): RosterChoice[] {
  return db.select({
    id: rosterEntries.id, playerName: rosterEntries.playerName, playerNumber: rosterEntries.playerNumber, teamId: rosterEntries.teamId,
    participantId: rosterEntries.participantId, hasPin: sql<number>`${rosterEntries.pin} IS NOT NULL`,
  }).from(rosterEntries).where(eq(rosterEntries.gameId, gameId)).orderBy(asc(rosterEntries.teamId), asc(rosterEntries.playerName)).all()
    .map((r) => ({ ...r, hasPin: !!r.hasPin }));
}

export type GameSummary = Game & { participantCount: number };

/** Games, those in play first; `archived`: only the archived ones (true), only the others (false), or all. */
export function listGames(db: Q, archived?: boolean): GameSummary[] {
  // Written out: drizzle leaves column names unqualified here, which would bind to the subquery's table.
  const counts = sql<number>`(SELECT count(*) FROM participants p WHERE p.game_id = games.id)`;
  const which = archived === undefined ? undefined : archived ? isNotNull(games.archivedAt) : isNull(games.archivedAt);
  return db.select({ game: games, participantCount: counts }).from(games).where(which).orderBy(sql`${games.status} = 'finished'`, desc(games.id)).all()
    .map((r) => ({ ...r.game, participantCount: r.participantCount }));
}

/** A member as team lists show them (not the seat's secrets: its token's hash, its device). */
const MEMBER_ROW = ["id", "teamId", "nickname", "joinedAt", "joinedFrom"] as const;
export type TeamMemberRow = Pick<Participant, (typeof MEMBER_ROW)[number]>;
export type TeamWithMembers = Team & { members: TeamMemberRow[]; rank: number };

/** Teams with their members and their rank; ranks are per bracket (brackets are announced separately). */
export function teamsWithMembers(db: Q, gameId: number): TeamWithMembers[] {
  const teamRows = listTeams(db, gameId);
  const people = membersOfGame(db, gameId, teamRows);
  const byTeam = new Map<number, TeamMemberRow[]>();
  for (const p of people) (byTeam.get(p.teamId) ?? byTeam.set(p.teamId, []).get(p.teamId)!).push(p);
  const ranks = rankTeams(teamRows);
  return teamRows.map((t) => ({ ...t, members: byTeam.get(t.id) ?? [], rank: ranks.get(t.id)! }));
}

type KeptMembers = { teams: string; versions: number; lastId: number; rows: TeamMemberRow[] };

// The projector's and the teacher's screens read every member of their game at each refresh (a
// thousand rows, about 0.4 ms), though members rarely change once a round runs.
const keptMembers = dbCacheName<number, KeptMembers>(256, { idleMs: CACHE_IDLE_MS });

/**
 * Whether members kept at some versions of their teams (teams.members_version, migration 0015) only
 * gained `newcomers` since: the members after the last kept one, now that `versionsPassed` more
 * changes were made. Each change moves a team's version by one (a join, a removal, a new
 * nickname; a move, the two teams' by one each), and only a join or a move in adds a member after
 * the last kept one, one each: as many newcomers as changes means every change was one of those.
 */
export function onlyGained(versionsPassed: number, newcomers: readonly unknown[]): boolean {
  return versionsPassed > 0 && newcomers.length === versionsPassed;
}

/**
 * Every member of the game, oldest first, kept while the teams' member versions say nothing
 * changed, and grown by the newcomers when they are all that changed (see onlyGained).
 */
function membersOfGame(db: Q, gameId: number, teamRows: Pick<Team, "id" | "membersVersion">[]): TeamMemberRow[] {
  const r = preparedFor(db, reads);
  const cache = dbCache(db, keptMembers);
  const teamIds = teamRows.map((t) => t.id).join(",");
  const versions = teamRows.reduce((sum, t) => sum + t.membersVersion, 0);
  const kept = cache.get(gameId);
  if (kept && kept.teams === teamIds) {
    if (kept.versions === versions) return kept.rows;
    if (versions > kept.versions) {
      const newcomers = r.memberRowsAfter.all({ gameId, afterId: kept.lastId });
      if (onlyGained(versions - kept.versions, newcomers)) return cache.set(gameId, { teams: teamIds, versions, lastId: newcomers.at(-1)!.id, rows: kept.rows.concat(newcomers) }).rows;
    }
  }
  const rows = r.memberRows.all({ gameId });
  return cache.set(gameId, { teams: teamIds, versions, lastId: rows.at(-1)?.id ?? 0, rows }).rows;
}

/** Standard competition ranking (1, 2, 2, 4) within each bracket. */
export function rankTeams(teamRows: Pick<Team, "id" | "score" | "bracket">[]): Map<number, number> {
  const ranks = new Map<number, number>();
  const groups = new Map<string, Pick<Team, "id" | "score" | "bracket">[]>();
  for (const t of teamRows) (groups.get(t.bracket ?? "") ?? groups.set(t.bracket ?? "", []).get(t.bracket ?? "")!).push(t);
  for (const group of groups.values()) {
    for (const t of group) ranks.set(t.id, 1 + group.filter((o) => o.score > t.score).length);
  }
  return ranks;
}

export function bracketsOf(teamRows: Pick<Team, "bracket">[]): string[] {
  const seen: string[] = [];
  for (const t of teamRows) if (t.bracket && !seen.includes(t.bracket)) seen.push(t.bracket);
  // Higher is shown left of Lower at TMC events; any other names keep their first-seen order.
  const order = (b: string) => (/^high/i.test(b) ? 0 : /^low/i.test(b) ? 2 : 1);
  return seen.sort((a, b) => order(a) - order(b));
}

export function teamOfGame(db: Q, gameId: number, teamId: number): Team | undefined {
  return preparedFor(db, reads).teamOfGame.get({ id: teamId, gameId });
}
