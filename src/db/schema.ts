// The whole game state. Invariants are declared here (UNIQUE, CHECK, FK) so that
// a bug in code cannot break them; domain code checks first only to give clear messages.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Teacher sessions (cookie) and API tokens (bearer); only a hash of the token is kept. */
export const teacherSessions = sqliteTable("teacher_sessions", {
  tokenHash: text("token_hash").primaryKey(),
  kind: text("kind").notNull(),
  createdAt: integer("created_at").notNull().default(now),
  expiresAt: integer("expires_at").notNull(),
}, (t) => [check("teacher_sessions_kind", sql`${t.kind} IN ('cookie', 'bearer')`)]);

export const games = sqliteTable("games", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull(),
  title: text("title").notNull(),
  classLabel: text("class_label").notNull().default(""),
  teamCount: integer("team_count").notNull(),
  maxParticipants: integer("max_participants").notNull(),
  joinMode: text("join_mode").notNull().default("auto"),
  status: text("status").notNull().default("waiting"),
  locked: integer("locked", { mode: "boolean" }).notNull().default(false),
  lateJoin: integer("late_join", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull().default(now),
  startedAt: integer("started_at"),
  finishedAt: integer("finished_at"),
  /** Set when the teacher archives a finished game: it leaves the dashboard for the archive list. */
  archivedAt: integer("archived_at"),
}, (t) => [
  // A code only has to be unique among games still in play, so two-digit codes can be reused.
  uniqueIndex("games_code_open").on(t.code).where(sql`status <> 'finished'`),
  check("games_status", sql`${t.status} IN ('waiting', 'started', 'finished')`),
  check("games_join_mode", sql`${t.joinMode} IN ('auto', 'choose', 'roster')`),
  check("games_team_count", sql`${t.teamCount} BETWEEN 2 AND 20`),
  check("games_max_participants", sql`${t.maxParticipants} BETWEEN 1 AND 1000`),
  check("games_code_digits", sql`${t.code} GLOB '[0-9][0-9]*' AND length(${t.code}) BETWEEN 2 AND 6`),
]);

export const teams = sqliteTable("teams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  name: text("name").notNull(),
  bracket: text("bracket"),
  score: integer("score").notNull().default(0),
}, (t) => [
  uniqueIndex("teams_game_position").on(t.gameId, t.position),
  check("teams_name_length", sql`length(${t.name}) BETWEEN 1 AND 40`),
]);

export const participants = sqliteTable("participants", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  nickname: text("nickname").notNull(),
  nicknameKey: text("nickname_key").notNull(),
  tokenHash: text("token_hash").notNull(),
  joinedAt: integer("joined_at").notNull().default(now),
}, (t) => [
  uniqueIndex("participants_game_nickname").on(t.gameId, t.nicknameKey),
  uniqueIndex("participants_token").on(t.tokenHash),
  index("participants_team").on(t.teamId),
  // Typed nicknames are 1–20 characters; names taken from a teacher's roster may be up to 40.
  check("participants_nickname_length", sql`length(${t.nickname}) BETWEEN 1 AND 40`),
]);

export const rosterEntries = sqliteTable("roster_entries", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  playerName: text("player_name").notNull(),
  nameKey: text("name_key").notNull(),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  playerNumber: text("player_number"),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
}, (t) => [
  uniqueIndex("roster_game_name").on(t.gameId, t.nameKey),
  // One seat per roster name: two phones cannot claim the same student.
  uniqueIndex("roster_participant").on(t.participantId),
]);

/** One timed round of a game (a "session" in the API). Rules live in `config` as JSON. */
export const rounds = sqliteTable("rounds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  type: text("type").notNull(),
  status: text("status").notNull().default("running"),
  config: text("config").notNull(),
  startedAt: integer("started_at").notNull().default(now),
  endsAt: integer("ends_at").notNull(),
  pausedRemainingMs: integer("paused_remaining_ms"),
  finishedAt: integer("finished_at"),
}, (t) => [
  index("rounds_game").on(t.gameId),
  check("rounds_type", sql`${t.type} IN ('year_game', 'score_steal', 'relay_quiz')`),
  check("rounds_status", sql`${t.status} IN ('running', 'paused', 'finished')`),
]);

/** The score ledger: a team's score is the sum of its rows (teams.score caches it in the same transaction). */
export const scoreEvents = sqliteTable("score_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  roundId: integer("round_id").references(() => rounds.id, { onDelete: "set null" }),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  delta: integer("delta").notNull(),
  reason: text("reason").notNull(),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [index("score_events_team").on(t.teamId)]);

/** Every Year Game attempt, right or wrong, for results and the abuse view. */
export const yearAttempts = sqliteTable("year_attempts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  expression: text("expression").notNull(),
  value: integer("value"),
  result: text("result").notNull(),
  reason: text("reason"),
  points: integer("points").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [
  index("year_attempts_round").on(t.roundId, t.createdAt),
  check("year_attempts_result", sql`${t.result} IN ('correct', 'duplicate', 'invalid')`),
]);

/** A number a team has made. UNIQUE so concurrent finds by teammates credit once. */
export const yearFinds = sqliteTable("year_finds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  target: integer("target").notNull(),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  finderName: text("finder_name").notNull(),
  expression: text("expression").notNull(),
  points: integer("points").notNull(),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [uniqueIndex("year_finds_once").on(t.roundId, t.teamId, t.target)]);

/** Refused requests (rate limits), for the teacher's abuse view. Client keys are hashed. */
export const abuseEvents = sqliteTable("abuse_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  bucket: text("bucket").notNull(),
  clientKey: text("client_key").notNull(),
  path: text("path").notNull(),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [index("abuse_events_time").on(t.createdAt)]);

export type Game = typeof games.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Round = typeof rounds.$inferSelect;
export type RosterEntry = typeof rosterEntries.$inferSelect;
