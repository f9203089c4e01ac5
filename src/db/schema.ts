// The whole game state. Invariants are declared here (UNIQUE, CHECK, FK) so that
// a bug in code cannot break them; domain code checks first only to give clear messages.
import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

// Every kind and status is a typed enum: a typo fails the type check, and the CHECKs below hold
// the same lists in the database.
export const GAME_STATUSES = ["waiting", "started", "finished"] as const;
export const JOIN_MODES = ["auto", "choose", "roster"] as const;
export const ROUND_TYPE_NAMES = ["year_game", "score_steal", "relay_quiz"] as const;
export const ROUND_STATUSES = ["running", "paused", "finished"] as const;
export const RELAY_PACINGS = ["team", "together"] as const;
/** How a relay answer earned its points: the chain's true answer, follow-through from the input received, or none (wrong). */
export const RELAY_CREDITS = ["answer", "follow_through", "none"] as const;
/** Why the input a relay question received gives no answer (src/questions/relay-rule.ts InputProblem). */
export const RELAY_INPUT_PROBLEMS = ["missing", "not_a_number", "not_in_table", "division_by_zero", "too_large", "undefined", "formula_syntax"] as const;

/** A list of names as SQL, for CHECKs that follow the enums above (drizzle-kit regenerates them when a list changes). */
function sqlList(names: readonly string[]) {
  return sql.raw(`(${names.map((n) => `'${n}'`).join(", ")})`);
}

export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/** Teacher sessions (cookie) and API tokens (bearer); only a hash of the token is kept. */
export const teacherSessions = sqliteTable("teacher_sessions", {
  tokenHash: text("token_hash").primaryKey(),
  kind: text("kind", { enum: ["cookie", "bearer"] }).notNull(),
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
  joinMode: text("join_mode", { enum: JOIN_MODES }).notNull().default("auto"),
  status: text("status", { enum: GAME_STATUSES }).notNull().default("waiting"),
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
  /**
   * How many participants the team has: a cache of their rows, moved only by the triggers of
   * migration 0014 (a join, a removal, a move), as `score` is of the ledger. A join reads it for
   * the smallest team and the game's capacity: counting rows was a third of a join at a thousand seats.
   */
  memberCount: integer("member_count").notNull().default(0),
  /**
   * Moves whenever the team's member list changes (a join, a removal, a move, a new nickname):
   * moved only by triggers (migration 0015). A team's rendered member list is kept per version
   * (src/live/member-lists.ts), and so are a game's member rows (teamsWithMembers), so a phone's
   * lobby page, its stream's first frame and its teammates' updates draw the list once between
   * changes instead of once each.
   */
  membersVersion: integer("members_version").notNull().default(0),
  /**
   * The secret in a team board's link (`/g/<code>/team/<n>?key=…`): the board shows the team's
   * own work (expressions, who found what) only to the teacher, a seat on the team, or this link.
   * Drawn by SQLite for every new team, so no code path can create a team without one.
   */
  boardKey: text("board_key").notNull().default(sql`(lower(hex(randomblob(16))))`),
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
  /** The network address the seat was taken from: the teacher's lobby counts seats per address and can remove them together. */
  joinedFrom: text("joined_from"),
  /**
   * The device the seat was taken from, as the abuse view names clients: a short hash of its signed
   * device cookie's id (clientHash, never the cookie itself); null without a valid cookie. The
   * abuse view counts games per device when known (one phone's seats), per address otherwise.
   */
  joinedDevice: text("joined_device"),
}, (t) => [
  uniqueIndex("participants_game_nickname").on(t.gameId, t.nicknameKey),
  uniqueIndex("participants_token").on(t.tokenHash),
  index("participants_team").on(t.teamId, t.id, t.nickname),
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
  /** Optional (a `pin` column in the roster file): claiming this name then requires it. */
  pin: text("pin"),
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
  type: text("type", { enum: ROUND_TYPE_NAMES }).notNull(),
  status: text("status", { enum: ROUND_STATUSES }).notNull().default("running"),
  config: text("config").notNull(),
  startedAt: integer("started_at").notNull().default(now),
  endsAt: integer("ends_at").notNull(),
  pausedRemainingMs: integer("paused_remaining_ms"),
  finishedAt: integer("finished_at"),
}, (t) => [
  index("rounds_game").on(t.gameId),
  check("rounds_type", sql`${t.type} IN ${sqlList(ROUND_TYPE_NAMES)}`),
  check("rounds_status", sql`${t.status} IN ${sqlList(ROUND_STATUSES)}`),
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
}, (t) => [
  index("score_events_team").on(t.teamId),
  // Results, ledgers and charts read a game's rows in order.
  index("score_events_game").on(t.gameId, t.id),
  // An adjustment is undone once: its reversing row names it (`adjust_undo:<id>`, src/event/adjust.ts).
  uniqueIndex("score_events_undo_once").on(t.reason).where(sql`reason GLOB 'adjust_undo:*'`),
]);

/** Every Year Game attempt, right or wrong, for results and the abuse view. */
export const yearAttempts = sqliteTable("year_attempts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  expression: text("expression").notNull(),
  value: integer("value"),
  result: text("result", { enum: ["correct", "duplicate", "invalid"] }).notNull(),
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

// The Relay Quiz (src/rounds/relay-quiz/). A round's questions are snapshots in rounds.config; a
// question of the round is (set index, order), played in cycle = order. Members are remembered
// by the round (relay_members) so chains keep their names after a student is removed.

/**
 * The questions of a relay round, as snapshots taken when it started (src/questions/snapshot.ts):
 * JSON, one array per set. Kept apart from rounds.config (the rules), which every screen reads
 * on every refresh: the questions are read once per round.
 */
export const relayRounds = sqliteTable("relay_rounds", {
  roundId: integer("round_id").primaryKey().references(() => rounds.id, { onDelete: "cascade" }),
  sets: text("sets").notNull(),
}, (t) => [check("relay_rounds_sets", sql`json_valid(${t.sets}) AND json_type(${t.sets}) = 'array'`)]);

/** A team's members in the round's order (0 = A). `participant_id` goes null when the student is removed. */
export const relayMembers = sqliteTable("relay_members", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  position: integer("position").notNull(),
  nickname: text("nickname").notNull(),
}, (t) => [
  uniqueIndex("relay_members_order").on(t.roundId, t.teamId, t.position),
  uniqueIndex("relay_members_participant").on(t.roundId, t.participantId),
  check("relay_members_position", sql`${t.position} >= 0`),
]);

/** Where each team is: its cycle and that cycle's absolute deadline (or the time left while paused); finished teams in commit order. */
export const relayProgress = sqliteTable("relay_progress", {
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  cycle: integer("cycle").notNull(),
  cycleStartedAt: integer("cycle_started_at").notNull(),
  deadline: integer("deadline").notNull(),
  pausedRemainingMs: integer("paused_remaining_ms"),
  finishedAt: integer("finished_at"),
  finishOrder: integer("finish_order"),
  /** Bumped by every change to the team's part of the round (answer, hint, hand-over, cycle): live views re-read the team only when it moved. */
  version: integer("version").notNull().default(0),
  /**
   * Bumped with `version` by every change to who is in the team's part and who holds what
   * (triggers of migration 0013: a hand-over, a member who left): a view re-reads the members and
   * holders only when it moved, and otherwise only the answers and hints after those it has.
   */
  peopleVersion: integer("people_version").notNull().default(0),
}, (t) => [
  uniqueIndex("relay_progress_team").on(t.roundId, t.teamId),
  uniqueIndex("relay_progress_finish").on(t.roundId, t.finishOrder),
  check("relay_progress_cycle", sql`${t.cycle} >= 1`),
  check("relay_progress_finished", sql`(${t.finishedAt} IS NULL) = (${t.finishOrder} IS NULL) AND (${t.finishOrder} IS NULL OR ${t.finishOrder} >= 1)`),
  check("relay_progress_paused", sql`${t.pausedRemainingMs} IS NULL OR ${t.pausedRemainingMs} >= 0`),
]);

/** The mapping: which member holds which question (set index, cycle). Computed at the start; changed by hand-overs. */
export const relayHolders = sqliteTable("relay_holders", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  cycle: integer("cycle").notNull(),
  setIndex: integer("set_index").notNull(),
  memberId: integer("member_id").notNull().references(() => relayMembers.id, { onDelete: "cascade" }),
}, (t) => [
  uniqueIndex("relay_holders_once").on(t.roundId, t.memberId, t.cycle, t.setIndex),
  index("relay_holders_team").on(t.roundId, t.teamId, t.cycle),
  check("relay_holders_slot", sql`${t.cycle} >= 1 AND ${t.setIndex} >= 0`),
]);

/** One answer per question per team: UNIQUE, so a double tap (or two members sharing it) credits once. */
export const relayAnswers = sqliteTable("relay_answers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  setIndex: integer("set_index").notNull(),
  position: integer("position").notNull(),
  /** The bank question's id when the round started (the bank may since have changed; the snapshot is in rounds.config). */
  questionId: integer("question_id").notNull(),
  memberId: integer("member_id").notNull().references(() => relayMembers.id, { onDelete: "cascade" }),
  answer: text("answer").notNull(),
  /** The previous answer of the chain as given (what this member received); null when none was. */
  receivedInput: text("received_input"),
  inputProblem: text("input_problem", { enum: RELAY_INPUT_PROBLEMS }),
  correct: integer("correct", { mode: "boolean" }).notNull(),
  credit: text("credit", { enum: RELAY_CREDITS }).notNull(),
  points: integer("points").notNull(),
  createdAt: integer("created_at").notNull(),
}, (t) => [
  uniqueIndex("relay_answers_once").on(t.roundId, t.teamId, t.setIndex, t.position),
  check("relay_answers_slot", sql`${t.setIndex} >= 0 AND ${t.position} >= 1`),
  check("relay_answers_length", sql`length(${t.answer}) BETWEEN 1 AND 100`),
  check("relay_answers_credit", sql`${t.credit} IN ${sqlList(RELAY_CREDITS)} AND (${t.credit} = 'none') = (${t.correct} = 0)`),
  check("relay_answers_points", sql`${t.points} >= 0 AND (${t.correct} = 1 OR ${t.points} = 0)`),
  check("relay_answers_input_problem", sql`${t.inputProblem} IS NULL OR ${t.inputProblem} IN ${sqlList(RELAY_INPUT_PROBLEMS)}`),
]);

/** A hint bought: UNIQUE per team and question, so two taps at once charge once; `charged` is what the ledger took (scores stop at 0). */
export const relayHints = sqliteTable("relay_hints", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  setIndex: integer("set_index").notNull(),
  position: integer("position").notNull(),
  memberId: integer("member_id").notNull().references(() => relayMembers.id, { onDelete: "cascade" }),
  penalty: integer("penalty").notNull(),
  charged: integer("charged").notNull(),
  createdAt: integer("created_at").notNull(),
}, (t) => [
  uniqueIndex("relay_hints_once").on(t.roundId, t.teamId, t.setIndex, t.position),
  // The first question of a chain has no previous answer to reveal.
  check("relay_hints_slot", sql`${t.setIndex} >= 0 AND ${t.position} >= 2`),
  check("relay_hints_charge", sql`${t.penalty} >= 0 AND ${t.charged} BETWEEN 0 AND ${t.penalty}`),
]);

/** Refused requests (rate limits), for the teacher's abuse view. Client keys are hashed. */
/**
 * Refused requests (rate limits), for the teacher's abuse view. Client keys (device, seat or
 * address) are hashed; the network address is kept as it is, like participants.joined_from: on a
 * school LAN it is what the teacher acts on (remove the seats taken from it, find the device).
 * Null in rows recorded before it was kept.
 */
export const abuseEvents = sqliteTable("abuse_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  bucket: text("bucket").notNull(),
  clientKey: text("client_key").notNull(),
  path: text("path").notNull(),
  address: text("address"),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [index("abuse_events_time").on(t.createdAt)]);

/**
 * Question images, keyed by the SHA-256 of their bytes: the same picture uploaded twice is one
 * row, and the hash is a permanent URL (`/img/<sha256>`), so a round's snapshot can name an
 * image that is later detached from every question. The type was decided from the bytes.
 */
export const images = sqliteTable("images", {
  sha256: text("sha256").primaryKey(),
  mime: text("mime", { enum: ["image/png", "image/jpeg", "image/webp", "image/gif"] }).notNull(),
  size: integer("size").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [
  check("images_sha256", sql`length(${t.sha256}) = 64 AND ${t.sha256} NOT GLOB '*[^0-9a-f]*'`),
  check("images_mime", sql`${t.mime} IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')`),
  // 5 MiB, as MAX_IMAGE_BYTES in src/questions/images.ts; the size column is the blob's length.
  check("images_size", sql`${t.size} = length(${t.bytes}) AND ${t.size} BETWEEN 1 AND 5242880`),
]);

/**
 * The question bank. A relay question belongs to a set (`P1`) at a position 1..n; a question
 * after the first may derive its answer from the previous one (`uses_previous`) by a formula
 * in T or a table. List columns (alternatives, tags, answer_table) hold JSON arrays.
 * Limits mirror src/questions/question.ts (LIMITS), which gives the field-named reasons.
 */
export const questions = sqliteTable("questions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  category: text("category", { enum: ["score_steal", "relay"] }).notNull(),
  setName: text("set_name"),
  setOrder: integer("set_order"),
  text: text("text").notNull(),
  imageSha256: text("image_sha256").references(() => images.sha256),
  /** Null only for a relay question whose answer is derived from the previous answer. */
  answer: text("answer"),
  alternatives: text("alternatives").notNull().default("[]"),
  points: integer("points").notNull().default(100),
  timeLimitSeconds: integer("time_limit_seconds"),
  explanation: text("explanation"),
  unit: text("unit"),
  tags: text("tags").notNull().default("[]"),
  externalId: text("external_id"),
  usesPrevious: integer("uses_previous", { mode: "boolean" }).notNull().default(false),
  answerFormula: text("answer_formula"),
  answerTable: text("answer_table"),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
}, (t) => [
  uniqueIndex("questions_set_order").on(t.setName, t.setOrder).where(sql`category = 'relay'`),
  uniqueIndex("questions_external_id").on(t.externalId),
  index("questions_category").on(t.category, t.setName, t.setOrder),
  check("questions_category", sql`${t.category} IN ('score_steal', 'relay')`),
  // A relay question has a set and a position; a Score Steal question has neither. Positions are
  // only required to be positive here: reordering parks rows at large positions for a moment
  // (UNIQUE is checked row by row), and the 1..50 limit is checked in code.
  check("questions_set", sql`CASE WHEN ${t.category} = 'relay' THEN ${t.setName} IS NOT NULL AND ${t.setOrder} IS NOT NULL ELSE ${t.setName} IS NULL AND ${t.setOrder} IS NULL END`),
  check("questions_set_name", sql`${t.setName} IS NULL OR length(${t.setName}) BETWEEN 1 AND 20`),
  check("questions_set_order", sql`${t.setOrder} IS NULL OR ${t.setOrder} >= 1`),
  check("questions_text", sql`length(${t.text}) BETWEEN 1 AND 2000`),
  check("questions_answer", sql`${t.answer} IS NULL OR length(${t.answer}) BETWEEN 1 AND 100`),
  check("questions_answer_needed", sql`${t.answer} IS NOT NULL OR ${t.usesPrevious} = 1`),
  check("questions_points", sql`${t.points} BETWEEN 1 AND 10000`),
  check("questions_time_limit", sql`${t.timeLimitSeconds} IS NULL OR ${t.timeLimitSeconds} BETWEEN 5 AND 3600`),
  check("questions_explanation", sql`${t.explanation} IS NULL OR length(${t.explanation}) BETWEEN 1 AND 2000`),
  check("questions_unit", sql`${t.unit} IS NULL OR length(${t.unit}) BETWEEN 1 AND 20`),
  check("questions_external_id", sql`${t.externalId} IS NULL OR length(${t.externalId}) BETWEEN 1 AND 100`),
  check("questions_lists", sql`json_valid(${t.alternatives}) AND json_type(${t.alternatives}) = 'array' AND json_valid(${t.tags}) AND json_type(${t.tags}) = 'array'`),
  check("questions_table_json", sql`${t.answerTable} IS NULL OR (json_valid(${t.answerTable}) AND json_type(${t.answerTable}) = 'array')`),
  // Only a relay question after the first can use the previous answer, and then by exactly one
  // rule (formula or table); a question that does not use it has no rule.
  check("questions_uses_previous", sql`${t.usesPrevious} = 0 OR (${t.category} = 'relay' AND ${t.setOrder} > 1)`),
  check("questions_rule", sql`CASE WHEN ${t.usesPrevious} = 1 THEN (${t.answerFormula} IS NULL) <> (${t.answerTable} IS NULL) ELSE ${t.answerFormula} IS NULL AND ${t.answerTable} IS NULL END`),
  check("questions_formula", sql`${t.answerFormula} IS NULL OR length(${t.answerFormula}) BETWEEN 1 AND 100`),
]);

export type Game = typeof games.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Participant = typeof participants.$inferSelect;
export type Round = typeof rounds.$inferSelect;
export type RosterEntry = typeof rosterEntries.$inferSelect;
export type Question = typeof questions.$inferSelect;
export type Image = typeof images.$inferSelect;

// ---- Score Steal (src/rounds/score-steal/) ----

/**
 * A bracket's phase for the question in play: racing (`question_open`), its winner choosing whom to
 * steal from (`choosing_target`), done and waiting for the answer to be shown (`question_closed`:
 * the other brackets still race, or the few seconds in which answers that arrived together with
 * the winner's are still judged), `revealed`.
 */
export const STEAL_PHASES = ["ready", "question_open", "choosing_target", "question_closed", "revealed", "finished"] as const;
export const STEAL_OUTCOMES = ["won", "wrong", "late_correct", "late_wrong"] as const;

/** The round's questions as they were when it started (a snapshot each), in playing order; `opened_at` once opened (a question opens once). */
export const stealQuestions = sqliteTable("steal_questions", {
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  questionId: integer("question_id").notNull(),
  snapshot: text("snapshot").notNull(),
  openedAt: integer("opened_at"),
}, (t) => [
  primaryKey({ columns: [t.roundId, t.position] }),
  check("steal_questions_position", sql`${t.position} >= 1`),
]);

/**
 * Where each bracket is, per round: its phase for the current question (stored, so a restart
 * resumes exactly), the question's clock (absolute; `opened_at` moves forward by any pause so
 * answer times exclude it), and the winner. Teams without a bracket play as bracket "".
 */
export const stealBrackets = sqliteTable("steal_brackets", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  bracket: text("bracket").notNull(),
  phase: text("phase", { enum: STEAL_PHASES }).notNull().default("ready"),
  position: integer("position"),
  openedAt: integer("opened_at"),
  deadlineAt: integer("deadline_at"),
  pausedRemainingMs: integer("paused_remaining_ms"),
  /** When the answer will be shown (every bracket's race is over; answers that came with the winner's are still judged until then). */
  revealDueAt: integer("reveal_due_at"),
  revealedAt: integer("revealed_at"),
  winnerTeamId: integer("winner_team_id").references(() => teams.id, { onDelete: "set null" }),
  winnerMs: integer("winner_ms"),
  wonAt: integer("won_at"),
}, (t) => [
  uniqueIndex("steal_brackets_once").on(t.roundId, t.bracket),
  check("steal_brackets_phase", sql`${t.phase} IN ${sqlList(STEAL_PHASES)}`),
  // A winner only with a question, and a phase past the race.
  check("steal_brackets_winner", sql`${t.winnerTeamId} IS NULL OR (${t.position} IS NOT NULL AND ${t.phase} IN ('choosing_target', 'question_closed', 'revealed', 'finished'))`),
]);

/** One answer per team per question (UNIQUE): the first submission from any member is the team's. */
export const stealAnswers = sqliteTable("steal_answers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  teamId: integer("team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
  memberName: text("member_name").notNull(),
  answer: text("answer").notNull(),
  correct: integer("correct", { mode: "boolean" }).notNull(),
  outcome: text("outcome", { enum: STEAL_OUTCOMES }).notNull(),
  answerMs: integer("answer_ms").notNull(),
  /** The penalty as set (for results), and the change the ledger applied (the floor at 0 may cut it). */
  penalty: integer("penalty").notNull().default(0),
  applied: integer("applied").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [
  uniqueIndex("steal_answers_once").on(t.roundId, t.position, t.teamId),
  check("steal_answers_outcome", sql`${t.outcome} IN ${sqlList(STEAL_OUTCOMES)}`),
  check("steal_answers_ms", sql`${t.answerMs} >= 0`),
]);

/** A bracket's winner takes a question's points (UNIQUE: once per bracket per question); no target = from nobody. */
export const stealSteals = sqliteTable("steal_steals", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  roundId: integer("round_id").notNull().references(() => rounds.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  bracket: text("bracket").notNull(),
  winnerTeamId: integer("winner_team_id").notNull().references(() => teams.id, { onDelete: "cascade" }),
  targetTeamId: integer("target_team_id").references(() => teams.id, { onDelete: "set null" }),
  points: integer("points").notNull(),
  /** What the target lost and the winner gained, as the ledger applied them. */
  taken: integer("taken").notNull(),
  gained: integer("gained").notNull(),
  /** Who picked: a member of the winning team, or null for the teacher (or nobody to pick). */
  pickedBy: integer("picked_by").references(() => participants.id, { onDelete: "set null" }),
  createdAt: integer("created_at").notNull().default(now),
}, (t) => [
  uniqueIndex("steal_steals_once").on(t.roundId, t.position, t.bracket),
  check("steal_steals_target", sql`${t.targetTeamId} IS NULL OR ${t.targetTeamId} <> ${t.winnerTeamId}`),
]);
export type RelayMember = typeof relayMembers.$inferSelect;
export type RelayProgress = typeof relayProgress.$inferSelect;
export type RelayAnswer = typeof relayAnswers.$inferSelect;
export type RelayHint = typeof relayHints.$inferSelect;

// ---- The event (src/event/): the plan of rounds and the podium ----

/** A planned round: still to play, played (it names its round), or skipped by the teacher. */
export const PLAN_STATUSES = ["planned", "played", "skipped"] as const;

/**
 * A game's plan: its rounds in order with their settings (the round type's start body without
 * `type`, as JSON). Starting an entry links it to the round it started (in the same transaction).
 */
export const planRounds = sqliteTable("plan_rounds", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  gameId: integer("game_id").notNull().references(() => games.id, { onDelete: "cascade" }),
  position: integer("position").notNull(),
  type: text("type", { enum: ROUND_TYPE_NAMES }).notNull(),
  settings: text("settings").notNull().default("{}"),
  status: text("status", { enum: PLAN_STATUSES }).notNull().default("planned"),
  roundId: integer("round_id").references(() => rounds.id, { onDelete: "cascade" }),
}, (t) => [
  uniqueIndex("plan_rounds_position").on(t.gameId, t.position),
  uniqueIndex("plan_rounds_round").on(t.roundId),
  check("plan_rounds_type", sql`${t.type} IN ${sqlList(ROUND_TYPE_NAMES)}`),
  check("plan_rounds_status", sql`${t.status} IN ${sqlList(PLAN_STATUSES)}`),
  check("plan_rounds_position_range", sql`${t.position} BETWEEN 1 AND 50`),
  // A played entry names its round; no other does.
  check("plan_rounds_played", sql`(${t.status} = 'played') = (${t.roundId} IS NOT NULL)`),
  check("plan_rounds_settings", sql`json_valid(${t.settings}) AND json_type(${t.settings}) = 'object' AND length(${t.settings}) <= 4000`),
]);

/** How far the projector's podium has been revealed (steps, third place first; see src/event/podium.ts). */
export const podiums = sqliteTable("podiums", {
  gameId: integer("game_id").primaryKey().references(() => games.id, { onDelete: "cascade" }),
  revealed: integer("revealed").notNull().default(0),
}, (t) => [check("podiums_revealed", sql`${t.revealed} BETWEEN 0 AND 200`)]);

export type PlanRound = typeof planRounds.$inferSelect;
