// Every HTTP endpoint of the app, in one table, for the bad-input battery.
// Adding a route? Add a row here: the battery then sends it every kind of bad input.
//
// Path placeholders are filled from the fixture (see harness.ts):
//   :W      id of the waiting game (lobby controls act on it)
//   :Wcode  its join code          :Wteam  a team of it      :Wpid  a seated student of it
//   :R      id of the running game (a Year Game round is open)
//   :Rcode  its join code          :round  the open round    :n     a team position (1)
//   :Q      a relay question of the bank (set :set, order 1), with an image :img (its SHA-256)
//   :L      id of the relay game (a Relay Quiz is open)        :Lcode its join code
//   :Lround the relay round        :Lpid / :Lpid2  two members of its team 1
//   :Lq2    a question of the relay's cycle 2 (nobody may answer it yet: valid bodies change nothing)
//   :S      id of the Score Steal game (its one question is open; nobody has answered)
//   :Sround its round              :Steam2 its second team (not the caller's)
//   :pos    a position in the waiting game's plan (1: its first round)
//   :event  a ledger row id that does not exist (undo refuses it)
//   :action / :lang are literal segments that the path-payload tests also vary.

export type Auth = "public" | "teacher" | "student";
export type BodyKind = "json" | "form" | "multipart" | "none";

export type Endpoint = {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** JSON answers ({"error":{code,message}}) under /api; HTML pages and fragments elsewhere. */
  api: boolean;
  /** Who may call it. "student" = the seated student of the running game. */
  auth: Auth;
  body: BodyKind;
  /** A request body that passes validation (used as the base that bad inputs alter). */
  valid?: Record<string, unknown>;
  /** Fields the schema requires (removing one must be refused). */
  required?: string[];
  /** The schema refuses unknown fields (additionalProperties: false). */
  strict?: boolean;
  /** Fields holding references or formulas: every payload there must be refused. */
  refFields?: string[];
  /** Fields where null is a valid value (e.g. "no target"): null is not tried as a wrong type there. */
  nullable?: string[];
  /** Number fields where a negative value is valid (an adjustment takes points away): -1 is not tried as a wrong type there. */
  signed?: string[];
  /** Fields of free text (names, titles): odd-but-valid text may be accepted; see free-text.test.ts. */
  textFields?: string[];
  /** A valid query string, if the route reads one. */
  query?: Record<string, string>;
  /** An SSE stream: a refused request must not open a stream. */
  stream?: true;
  /** The live preview answers 200 with an inline message for any expression (it is a preview). */
  previewOk?: true;
  /** A bad query value is replaced by a safe default (the login page's `next`, the start form's `year`): 200, never reflected raw. */
  tolerantQuery?: true;
  /** A body that passes validation and reaches the handler yet changes nothing, whoever sends it (for public POSTs). */
  probe?: Record<string, unknown>;
  /** A file upload with its own body limit above the general one (src/questions/routes/uploads.ts). */
  upload?: "image" | "import";
  /** A public route that answers a seated student of its game more than a visitor (game-state by number): real seats of that game are not forgeries there. */
  seatAware?: true;
  /** The game whose student is the rightful caller of a student route: the Year Game's (default), the relay's ("L") or Score Steal's ("S"). */
  game?: "L" | "S";
};

/** A question body every wrong value of whose fields is refused (so no altered body can create one). */
const QUESTION = { category: "score_steal", text: "Battery question", answer: "1" };
const QUESTION_ROW = { valid: QUESTION, required: ["category", "text", "answer"], refFields: ["category"] };
const CSV_FILE = { file: "category,text,answer\nscore_steal,Battery import,1\n" };

const ID_FORM = { teamId: "" };

export const ENDPOINTS: Endpoint[] = [
  // health and language
  { method: "GET", path: "/api/health", api: true, auth: "public", body: "none" },
  { method: "GET", path: "/lang/:lang", api: false, auth: "public", body: "none" },
  // auth
  { method: "GET", path: "/login", api: false, auth: "public", body: "none", query: { next: "/teacher" }, tolerantQuery: true },
  { method: "POST", path: "/login", api: false, auth: "public", body: "form", valid: { password: "not-the-password", next: "/teacher" }, required: ["password"], refFields: ["password", "next"] },
  { method: "POST", path: "/logout", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/logout", api: false, auth: "public", body: "none" },
  { method: "POST", path: "/api/login", api: true, auth: "public", body: "json", valid: { password: "not-the-password" }, required: ["password"], strict: true, refFields: ["password"] },
  // games API
  { method: "POST", path: "/api/create-game", api: true, auth: "teacher", body: "json", valid: { title: "Battery", teamCount: 2, maxParticipants: 10 }, required: ["title", "teamCount", "maxParticipants"], strict: true, textFields: ["title", "classLabel"] },
  { method: "GET", path: "/api/games", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/join-game", api: true, auth: "public", body: "json", valid: { gameCode: ":Wcode", nickname: "newcomer", teamId: ":Wteam" }, required: ["gameCode"], strict: true, refFields: ["gameCode"], textFields: ["nickname"], probe: { gameCode: "999999", nickname: "nobody" } },
  { method: "GET", path: "/api/game-state", api: true, auth: "public", body: "none", query: { gameId: ":R" }, seatAware: true },
  { method: "POST", path: "/api/games/:W/:action", api: true, auth: "teacher", body: "none" },
  // seats taken from one network address (the valid address holds no seat: the battery changes nothing)
  { method: "POST", path: "/api/games/:W/addresses/remove", api: true, auth: "teacher", body: "json", valid: { address: "192.0.2.1" }, required: ["address"], strict: true, refFields: ["address"] },
  // round controls
  { method: "POST", path: "/api/games/:R/rounds/:round/:action", api: true, auth: "teacher", body: "none", query: { seconds: "60" } },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/:action", api: false, auth: "teacher", body: "none", query: { seconds: "60" } },
  { method: "GET", path: "/teacher/games/:R/rounds/:round", api: false, auth: "teacher", body: "none" },
  // rounds: start (by type) and answer (by the round's type)
  { method: "POST", path: "/api/games/:R/rounds", api: true, auth: "teacher", body: "json", valid: { type: "year_game", digits: [1, 2, 3, 4], durationSeconds: 600 }, required: ["type"], strict: true },
  { method: "POST", path: "/api/submit-answer", api: true, auth: "student", body: "json", valid: { sessionId: ":round", expression: "1+3" }, required: ["sessionId", "expression"], strict: true, refFields: ["expression"] },
  // the same two routes with Score Steal bodies: every field of its start schema (refused as round_running when valid: a round is open), an answer to its open question
  { method: "POST", path: "/api/games/:S/rounds", api: true, auth: "teacher", body: "json", valid: { type: "score_steal", questionIds: [1], tag: "battery", shuffle: false, secondsPerQuestion: 60, wrongPenalty: 50, gainOnlyTaken: false, protection: "next_question" }, required: ["type"], strict: true, refFields: ["protection"] },
  { method: "POST", path: "/api/submit-answer", api: true, auth: "student", game: "S", body: "json", valid: { sessionId: ":Sround", answer: "42" }, required: ["sessionId", "answer"], strict: true },
  { method: "POST", path: "/teacher/games/:R/rounds", api: false, auth: "teacher", body: "form", valid: { type: "year_game", digits: ["1", "2", "3", "4"], minutes: "10" }, required: ["type"], refFields: ["digits", "minutes", "targetMin", "targetMax", "flatPoints", "scoring"] },
  { method: "GET", path: "/teacher/games/:R/rounds/new", api: false, auth: "teacher", body: "none", query: { type: "year_game", year: "2024" }, tolerantQuery: true },
  { method: "POST", path: "/g/:Rcode/year/:round/submit", api: false, auth: "student", body: "form", valid: { expression: "1+3" }, required: ["expression"], refFields: ["expression"] },
  { method: "POST", path: "/g/:Rcode/year/:round/preview", api: false, auth: "public", body: "form", valid: { expression: "1+3" }, required: ["expression"], refFields: ["expression"], previewOk: true },
  // Score Steal's teacher controls and phone forms (on the Year Game's round: they refuse it as round_not_found, after validation)
  { method: "POST", path: "/api/games/:R/rounds/:round/open", api: true, auth: "teacher", body: "json", valid: { questionId: 1 }, strict: true },
  { method: "POST", path: "/api/games/:R/rounds/:round/reveal", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/games/:R/rounds/:round/skip", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/games/:R/rounds/:round/steal-for", api: true, auth: "teacher", body: "json", valid: { teamId: 1, targetTeamId: 2 }, required: ["teamId", "targetTeamId"], strict: true, nullable: ["targetTeamId"] },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/open", api: false, auth: "teacher", body: "form", valid: { questionId: "1" }, refFields: ["questionId"] },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/reveal", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/skip", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/steal-for", api: false, auth: "teacher", body: "form", valid: { teamId: "1", targetTeamId: "2" }, required: ["teamId", "targetTeamId"], refFields: ["teamId", "targetTeamId"] },
  // the winner's steal, against the open Score Steal question (the caller's team has not won: a valid body is refused as not_winner)
  { method: "POST", path: "/api/steal", api: true, auth: "student", game: "S", body: "json", valid: { sessionId: ":Sround", targetTeamId: ":Steam2" }, required: ["sessionId", "targetTeamId"], strict: true },
  { method: "POST", path: "/g/:Rcode/steal/:round/target", api: false, auth: "student", body: "form", valid: { targetTeamId: "1" }, required: ["targetTeamId"], refFields: ["targetTeamId"] },
  { method: "POST", path: "/g/:Rcode/steal/:round/answer", api: false, auth: "student", body: "form", valid: { answer: "42" }, required: ["answer"] },
  // Relay Quiz (its answers go through /api/submit-answer above, by the round's type)
  { method: "POST", path: "/g/:Lcode/relay/:Lround/answer", api: false, auth: "student", game: "L", body: "form", valid: { answer: "3", questionId: ":Lq2" }, required: ["answer", "questionId"], refFields: ["questionId"] },
  { method: "POST", path: "/g/:Lcode/relay/:Lround/hint", api: false, auth: "student", game: "L", body: "form", valid: { questionId: ":Lq2" }, required: ["questionId"], refFields: ["questionId"] },
  { method: "POST", path: "/api/relay/hint", api: true, auth: "student", game: "L", body: "json", valid: { sessionId: ":Lround", questionId: ":Lq2" }, required: ["sessionId", "questionId"], strict: true },
  { method: "POST", path: "/api/games/:L/rounds/:Lround/reassign", api: true, auth: "teacher", body: "json", valid: { fromParticipantId: ":Lpid", toParticipantId: ":Lpid2" }, required: ["fromParticipantId", "toParticipantId"], strict: true },
  { method: "POST", path: "/teacher/games/:L/rounds/:Lround/reassign", api: false, auth: "teacher", body: "form", valid: { fromParticipantId: ":Lpid", toParticipantId: ":Lpid2" }, required: ["fromParticipantId", "toParticipantId"], refFields: ["fromParticipantId", "toParticipantId"] },
  { method: "POST", path: "/teacher/games/:W/relay/preview", api: false, auth: "teacher", body: "form", valid: { type: "relay_quiz" }, required: ["type"] },
  // the event: plan, next round, results, ledger, adjustments, podium
  { method: "GET", path: "/api/games/:W/plan", api: true, auth: "teacher", body: "none" },
  { method: "PUT", path: "/api/games/:W/plan", api: true, auth: "teacher", body: "json", valid: { rounds: [{ type: "year_game", settings: { durationSeconds: 600 } }] }, required: ["rounds"], strict: true },
  { method: "POST", path: "/api/games/:W/plan/:pos/skip", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/games/:W/next-round", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/api/games/:W/results", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/api/games/:W/ledger", api: true, auth: "teacher", body: "none", query: { teamId: ":Wteam" } },
  { method: "POST", path: "/api/games/:W/adjust", api: true, auth: "teacher", body: "json", valid: { teamId: ":Wteam", points: 5, reason: "Battery" }, required: ["teamId", "points", "reason"], strict: true, refFields: ["teamId"], textFields: ["reason"], signed: ["points"] },
  { method: "POST", path: "/api/games/:W/adjust/:event/undo", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/plan", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/plan/add", api: false, auth: "teacher", body: "form", valid: { type: "year_game" }, required: ["type"], refFields: ["type"] },
  { method: "POST", path: "/teacher/games/:W/plan/:pos/settings", api: false, auth: "teacher", body: "form", valid: { durationSeconds: "600" } },
  { method: "POST", path: "/teacher/games/:W/plan/:pos/:action", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/next-round", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/results", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/analytics", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/teams/:Wteam/ledger", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/adjust", api: false, auth: "teacher", body: "form", valid: { teamId: ":Wteam", points: "5", reason: "Battery" }, required: ["teamId", "points", "reason"], refFields: ["teamId"], textFields: ["reason"] },
  { method: "POST", path: "/teacher/games/:W/adjust/:event/undo", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/podium/:action", api: false, auth: "teacher", body: "none" },
  // student pages
  { method: "GET", path: "/", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/join", api: false, auth: "public", body: "none", query: { code: ":Wcode" } },
  { method: "POST", path: "/join", api: false, auth: "public", body: "form", valid: { gameCode: ":Wcode", nickname: "newcomer" }, required: ["gameCode"], refFields: ["gameCode", "teamId", "rosterEntryId"], textFields: ["nickname"], probe: { gameCode: "999999", nickname: "nobody" } },
  { method: "GET", path: "/g/:Rcode/play", api: false, auth: "student", body: "none" },
  { method: "GET", path: "/g/:Rcode/play/stream", api: false, auth: "student", body: "none", stream: true },
  // public screens
  { method: "GET", path: "/g/:Rcode/screen", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/g/:Rcode/screen/stream", api: false, auth: "public", body: "none", stream: true },
  { method: "GET", path: "/g/:Rcode/team/:n", api: false, auth: "public", body: "none", query: { key: "0123456789abcdef0123456789abcdef" }, tolerantQuery: true },
  { method: "GET", path: "/g/:Rcode/team/:n/stream", api: false, auth: "public", body: "none", stream: true },
  // teacher pages
  { method: "GET", path: "/teacher", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/guide", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/guide/dismiss", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games", api: false, auth: "teacher", body: "form", valid: { title: "Battery", teamCount: "2", maxParticipants: "10" }, required: ["title", "teamCount", "maxParticipants"], refFields: ["teamCount", "maxParticipants"], textFields: ["title", "classLabel", "teamNames"] },
  { method: "GET", path: "/teacher/games/:W", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/stream", api: false, auth: "teacher", body: "none", stream: true },
  { method: "POST", path: "/teacher/games/:W/start", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/finish", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/lock", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/unlock", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/late-join-on", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/late-join-off", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/rebalance", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/shuffle", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/teams/:Wteam/rename", api: false, auth: "teacher", body: "form", valid: { name: "Renamed" }, required: ["name"], textFields: ["name"] },
  { method: "GET", path: "/teacher/games/:W/participants/:Wpid", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/participants/:Wpid/move", api: false, auth: "teacher", body: "form", valid: { ...ID_FORM, teamId: ":Wteam2" }, required: ["teamId"], refFields: ["teamId"] },
  { method: "POST", path: "/teacher/games/:W/participants/:Wpid/kick", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/addresses/remove", api: false, auth: "teacher", body: "form", valid: { address: "192.0.2.1" }, required: ["address"], refFields: ["address"] },
  { method: "POST", path: "/teacher/games/:W/roster/preview", api: false, auth: "teacher", body: "multipart", valid: { file: "player_name,team_name\nAda,A\n" }, required: ["file"] },
  // backup, restore, cleanup, settings (a valid-looking upload is still refused: it is not a database)
  { method: "GET", path: "/api/backup", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/restore", api: true, auth: "teacher", body: "multipart", valid: { file: "player_name,team_name\nAda,A\n" }, required: ["file"] },
  { method: "DELETE", path: "/api/games/:W", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/settings/password", api: true, auth: "teacher", body: "json", valid: { current: "not-the-password", password: "new-password" }, required: ["current", "password"], strict: true },
  { method: "GET", path: "/teacher/settings", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/settings/password", api: false, auth: "teacher", body: "form", valid: { current: "not-the-password", password: "new-password", repeat: "new-password" }, required: ["current", "password", "repeat"] },
  { method: "POST", path: "/teacher/settings/language", api: false, auth: "teacher", body: "form", valid: { lang: "ko" }, required: ["lang"], refFields: ["lang"] },
  { method: "POST", path: "/teacher/settings/restore", api: false, auth: "teacher", body: "multipart", valid: { file: "player_name,team_name\nAda,A\n", confirm: "yes" }, required: ["file"] },
  { method: "GET", path: "/teacher/archive", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/archive", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/unarchive", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/games/:W/delete", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/delete", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/roster/save", api: false, auth: "teacher", body: "form", valid: { csv: "player_name,team_name\nAda,A\n" }, required: ["csv"], refFields: ["csv"] },
  // exports, merged results, activity and abuse (teacher)
  { method: "GET", path: "/api/games/:R/export", api: true, auth: "teacher", body: "none", query: { format: "csv", table: "ledger" } },
  { method: "GET", path: "/api/results/merged", api: true, auth: "teacher", body: "none", query: { games: ":R", format: "json" } },
  { method: "GET", path: "/teacher/results/merged", api: false, auth: "teacher", body: "none", query: { games: ":R" } },
  { method: "GET", path: "/api/activity", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/api/abuse", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/activity", api: false, auth: "teacher", body: "none" },
  { method: "GET", path: "/teacher/abuse", api: false, auth: "teacher", body: "none" },
  // question bank: API
  { method: "GET", path: "/api/questions", api: true, auth: "teacher", body: "none", query: { category: "relay", set: ":set", tag: "battery", q: "Battery" }, tolerantQuery: true },
  { method: "POST", path: "/api/questions", api: true, auth: "teacher", body: "json", ...QUESTION_ROW, strict: true },
  { method: "GET", path: "/api/questions/export", api: true, auth: "teacher", body: "none", query: { format: "csv" } },
  { method: "POST", path: "/api/questions/import", api: true, auth: "teacher", body: "multipart", valid: CSV_FILE, required: ["file"], query: { dryRun: "1" }, upload: "import" },
  { method: "POST", path: "/api/questions/check", api: true, auth: "teacher", body: "json", valid: { questionId: ":Q", answer: "2" }, required: ["questionId", "answer"], strict: true, refFields: ["questionId"] },
  { method: "POST", path: "/api/questions/demo", api: true, auth: "teacher", body: "json", valid: { lang: "en" }, required: ["lang"], strict: true, refFields: ["lang"] },
  { method: "GET", path: "/api/questions/:Q", api: true, auth: "teacher", body: "none" },
  { method: "PUT", path: "/api/questions/:Q", api: true, auth: "teacher", body: "json", ...QUESTION_ROW, strict: true },
  { method: "DELETE", path: "/api/questions/:Q", api: true, auth: "teacher", body: "none" },
  { method: "POST", path: "/api/questions/:Q/image", api: true, auth: "teacher", body: "multipart", valid: { file: "not an image" }, required: ["file"], upload: "image" },
  { method: "DELETE", path: "/api/questions/:Q/image", api: true, auth: "teacher", body: "none" },
  { method: "GET", path: "/img/:img", api: false, auth: "public", body: "none" },
  // question bank: teacher pages
  { method: "GET", path: "/teacher/questions", api: false, auth: "teacher", body: "none", query: { category: "relay", set: ":set", tag: "battery", q: "Battery" }, tolerantQuery: true },
  { method: "GET", path: "/teacher/questions/new", api: false, auth: "teacher", body: "none", query: { category: "relay", set: ":set", order: "2" }, tolerantQuery: true },
  { method: "POST", path: "/teacher/questions", api: false, auth: "teacher", body: "form", ...QUESTION_ROW },
  { method: "POST", path: "/teacher/questions/preview", api: false, auth: "teacher", body: "form", valid: { text: "$\\frac{3}{4}$ <b>x</b>", unit: "cm" }, required: ["text"], previewOk: true },
  { method: "GET", path: "/teacher/questions/sets/:set", api: false, auth: "teacher", body: "none", query: { moved: ":Q", dir: "up" }, tolerantQuery: true },
  { method: "GET", path: "/teacher/questions/template", api: false, auth: "teacher", body: "none", query: { lang: "en" } },
  { method: "POST", path: "/teacher/questions/demo", api: false, auth: "teacher", body: "form", valid: { lang: "en" }, required: ["lang"], refFields: ["lang"] },
  { method: "GET", path: "/teacher/questions/import", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/questions/import/preview", api: false, auth: "teacher", body: "multipart", valid: CSV_FILE, required: ["file"], upload: "import" },
  { method: "POST", path: "/teacher/questions/import/save", api: false, auth: "teacher", body: "form", valid: { token: "no-such-preview" }, required: ["token"], refFields: ["token"] },
  { method: "GET", path: "/teacher/questions/:Q", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/questions/:Q", api: false, auth: "teacher", body: "form", ...QUESTION_ROW },
  { method: "POST", path: "/teacher/questions/:Q/image", api: false, auth: "teacher", body: "multipart", valid: { file: "not an image" }, required: ["file"], upload: "image" },
  { method: "POST", path: "/teacher/questions/:Q/image/remove", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/questions/:Q/duplicate", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/questions/:Q/delete", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/questions/:Q/move", api: false, auth: "teacher", body: "form", valid: { dir: "down" }, required: ["dir"], refFields: ["dir"] },
  { method: "POST", path: "/teacher/questions/:Q/check", api: false, auth: "teacher", body: "form", valid: { answer: "2" }, required: ["answer"] },
];

/** The literal segments that a valid request uses for :action and :lang, per path. */
export function defaultAction(path: string): string {
  if (path.startsWith("/api/games/:W/")) return "lock";
  return "pause";
}

/** Static files are served under /public; a real one proves the handler works. */
export const STATIC_OK = "/public/app.css";

export function label(ep: Endpoint): string {
  return `${ep.method} ${ep.path}`;
}
