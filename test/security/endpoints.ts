// Every HTTP endpoint of the app, in one table, for the bad-input battery.
// Adding a route? Add a row here: the battery then sends it every kind of bad input.
//
// Path placeholders are filled from the fixture (see harness.ts):
//   :W      id of the waiting game (lobby controls act on it)
//   :Wcode  its join code          :Wteam  a team of it      :Wpid  a seated student of it
//   :R      id of the running game (a Year Game round is open)
//   :Rcode  its join code          :round  the open round    :n     a team position (1)
//   :L      id of the relay game (a Relay Quiz is open)        :Lcode its join code
//   :Lround the relay round        :Lpid / :Lpid2  two members of its team 1
//   :Lq2    a question of the relay's cycle 2 (nobody may answer it yet: valid bodies change nothing)
//   :action / :lang are literal segments that the path-payload tests also vary.

export type Auth = "public" | "teacher" | "student";
export type BodyKind = "json" | "form" | "multipart" | "none";

export type Endpoint = {
  method: "GET" | "POST";
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
  /** The game whose student is the rightful caller of a student route: the Year Game's (default) or the relay's ("L"). */
  game?: "L";
};

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
  { method: "GET", path: "/api/game-state", api: true, auth: "public", body: "none", query: { gameId: ":R" } },
  { method: "POST", path: "/api/games/:W/:action", api: true, auth: "teacher", body: "none" },
  // round controls
  { method: "POST", path: "/api/games/:R/rounds/:round/:action", api: true, auth: "teacher", body: "none", query: { seconds: "60" } },
  { method: "POST", path: "/teacher/games/:R/rounds/:round/:action", api: false, auth: "teacher", body: "none", query: { seconds: "60" } },
  { method: "GET", path: "/teacher/games/:R/rounds/:round", api: false, auth: "teacher", body: "none" },
  // rounds: start (by type) and answer (by the round's type)
  { method: "POST", path: "/api/games/:R/rounds", api: true, auth: "teacher", body: "json", valid: { type: "year_game", digits: [1, 2, 3, 4], durationSeconds: 600 }, required: ["type"], strict: true },
  { method: "POST", path: "/api/submit-answer", api: true, auth: "student", body: "json", valid: { sessionId: ":round", expression: "1+3" }, required: ["sessionId", "expression"], strict: true, refFields: ["expression"] },
  { method: "POST", path: "/teacher/games/:R/rounds", api: false, auth: "teacher", body: "form", valid: { type: "year_game", digits: ["1", "2", "3", "4"], minutes: "10" }, required: ["type"], refFields: ["digits", "minutes", "targetMin", "targetMax", "flatPoints", "scoring"] },
  { method: "GET", path: "/teacher/games/:R/rounds/new", api: false, auth: "teacher", body: "none", query: { type: "year_game", year: "2024" }, tolerantQuery: true },
  { method: "POST", path: "/g/:Rcode/year/:round/submit", api: false, auth: "student", body: "form", valid: { expression: "1+3" }, required: ["expression"], refFields: ["expression"] },
  { method: "POST", path: "/g/:Rcode/year/:round/preview", api: false, auth: "public", body: "form", valid: { expression: "1+3" }, required: ["expression"], refFields: ["expression"], previewOk: true },
  // Relay Quiz (its answers go through /api/submit-answer above, by the round's type)
  { method: "POST", path: "/g/:Lcode/relay/:Lround/answer", api: false, auth: "student", game: "L", body: "form", valid: { answer: "3", questionId: ":Lq2" }, required: ["answer", "questionId"], refFields: ["questionId"] },
  { method: "POST", path: "/g/:Lcode/relay/:Lround/hint", api: false, auth: "student", game: "L", body: "form", valid: { questionId: ":Lq2" }, required: ["questionId"], refFields: ["questionId"] },
  { method: "POST", path: "/api/relay/hint", api: true, auth: "student", game: "L", body: "json", valid: { sessionId: ":Lround", questionId: ":Lq2" }, required: ["sessionId", "questionId"], strict: true },
  { method: "POST", path: "/api/games/:L/rounds/:Lround/reassign", api: true, auth: "teacher", body: "json", valid: { fromParticipantId: ":Lpid", toParticipantId: ":Lpid2" }, required: ["fromParticipantId", "toParticipantId"], strict: true },
  { method: "POST", path: "/teacher/games/:L/rounds/:Lround/reassign", api: false, auth: "teacher", body: "form", valid: { fromParticipantId: ":Lpid", toParticipantId: ":Lpid2" }, required: ["fromParticipantId", "toParticipantId"], refFields: ["fromParticipantId", "toParticipantId"] },
  { method: "POST", path: "/teacher/games/:W/relay/preview", api: false, auth: "teacher", body: "form", valid: { type: "relay_quiz" }, required: ["type"] },
  // student pages
  { method: "GET", path: "/", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/join", api: false, auth: "public", body: "none", query: { code: ":Wcode" } },
  { method: "POST", path: "/join", api: false, auth: "public", body: "form", valid: { gameCode: ":Wcode", nickname: "newcomer" }, required: ["gameCode"], refFields: ["gameCode", "teamId", "rosterEntryId"], textFields: ["nickname"], probe: { gameCode: "999999", nickname: "nobody" } },
  { method: "GET", path: "/g/:Rcode/play", api: false, auth: "student", body: "none" },
  { method: "GET", path: "/g/:Rcode/play/stream", api: false, auth: "student", body: "none", stream: true },
  // public screens
  { method: "GET", path: "/g/:Rcode/screen", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/g/:Rcode/screen/stream", api: false, auth: "public", body: "none", stream: true },
  { method: "GET", path: "/g/:Rcode/team/:n", api: false, auth: "public", body: "none" },
  { method: "GET", path: "/g/:Rcode/team/:n/stream", api: false, auth: "public", body: "none", stream: true },
  // teacher pages
  { method: "GET", path: "/teacher", api: false, auth: "teacher", body: "none" },
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
  { method: "POST", path: "/teacher/games/:W/participants/:Wpid/move", api: false, auth: "teacher", body: "form", valid: { ...ID_FORM, teamId: ":Wteam2" }, required: ["teamId"], refFields: ["teamId"] },
  { method: "POST", path: "/teacher/games/:W/participants/:Wpid/kick", api: false, auth: "teacher", body: "none" },
  { method: "POST", path: "/teacher/games/:W/roster/preview", api: false, auth: "teacher", body: "multipart", valid: { file: "player_name,team_name\nAda,A\n" }, required: ["file"] },
  { method: "POST", path: "/teacher/games/:W/roster/save", api: false, auth: "teacher", body: "form", valid: { csv: "player_name,team_name\nAda,A\n" }, required: ["csv"], refFields: ["csv"] },
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
