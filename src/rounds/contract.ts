// What every round type provides. The shared code (starting and answering over the API, the
// teacher's start page, the round clock, the live screens, results and exports) goes through this
// contract only; a round type's own tables and rules stay inside its folder. See README.md here.
import type { AnyElysia } from "elysia";
import type { Static, TObject } from "@sinclair/typebox";
import type { Conn, Db, Tx } from "../db/client.ts";
import type { Game, Participant, Round, Team } from "../db/schema.ts";
import type { Fail, Lang, Result } from "../errors.ts";
import type { AppDeps } from "../deps.ts";
import type { Topic } from "../realtime/bus.ts";
import type { TeamWithMembers } from "../games/queries.ts";

export type RoundType = Round["type"];

/**
 * A rendered round panel. `phase` names what is on screen (e.g. "yg-12-running"): when a
 * viewer already shows that phase, a live update sends only `partials` (so a student's
 * half-typed answer survives); otherwise it sends `full`, which replaces the phase panel.
 * `key`, when set, sums up everything the partials show but the clock: a stream that already
 * sent an update with this key skips the next one.
 */
export type RoundView = {
  phase: string;
  full: string;
  partials: string;
  key?: string;
  /**
   * A student view that differs from phone to phone (e.g. a member's own question): this view,
   * read once for the team, gives each phone's own by its participant id — from what it already
   * read, without the database. Live streams render the team's view once per flush and each
   * phone's from it. Without it, one view serves the whole team.
   */
  forViewer?: (participantId: number) => RoundView;
  /**
   * `partials` in pieces (their concatenation is `partials`), for a view whose phones differ: a
   * piece several phones share (a relay team's chains) is encoded once per flush for all of them.
   */
  pieces?: () => readonly string[];
  /** `full` in pieces, the same way (a relay phone's new question comes with its team's chains). */
  fullPieces?: () => readonly string[];
  /**
   * Phases that share this view's panel and differ in one region (a relay phone's turns: its
   * questions, or "wait for the others"): a page showing a phase that `from` accepts is sent
   * `pieces` (the partials, that region with them) instead of the whole panel.
   */
  step?: { from: (clientPhase: string) => boolean; pieces: () => readonly string[] };
};

export type { Baseline } from "../realtime/baseline.ts";
import type { Baseline } from "../realtime/baseline.ts";

/**
 * What every view of a round is rendered for: its game (already read by the caller), the viewer's
 * language, the time, and for streams the baseline. `teams`: the game's teams with their members,
 * when the caller has read them in the same transaction (the teacher's panel lists them anyway):
 * a view that needs them uses these instead of reading them again.
 */
export type ViewCtx = { game: Game; lang: Lang; now: number; baseline?: Baseline; teams?: TeamWithMembers[] };

/**
 * One flat row per scoring fact of a round (a number found, an answer sent, a steal, a hint),
 * the same shape for every type: exports and analytics read these, never a round's own tables.
 */
export type ExportRow = {
  roundId: number;
  roundType: RoundType;
  teamId: number;
  team: string;
  participantId: number | null;
  member: string | null;
  /** A stable kind per round type, e.g. "find", "answer", "steal", "hint". */
  kind: string;
  /** What it was about, e.g. the number found or the question's text. */
  what: string;
  /** Extra facts for the reader (the expression, the answer given, right or wrong). */
  detail: string;
  points: number;
  at: number;
  /**
   * Optional facts of an answer, for the export's columns and the analytics: what the member typed,
   * whether it was right (accuracy counts only rows that say), how long it took from the question
   * opening (the median answer time). Types whose rows are not answers leave them out.
   */
  answer?: string;
  correct?: boolean;
  answerMs?: number;
};

/**
 * What a committed action tells the live screens (publishAnnouncement). `teams`, when set: only
 * these teams' own screens changed, so other teams' phones are not woken (Bus.publishForTeams).
 * `round`, when set: the action moved the round's deadlines (e.g. a team went on to its next
 * cycle) — re-arm its clock. `urgent`: what screens show changes (a team's next question) although
 * the topics are routine; its flush is not held back behind other games' (Bus.announce).
 */
export type Announcement = { gameId: number; topics: Topic[]; teams?: number[]; round?: Round; urgent?: boolean };

export type TimingAction = "pause" | "resume" | "extend" | "end";

/** A deadline passed: what the round looks like now, and whether screens must be told. */
export type Expired = { round: Round; changed: boolean };

export type AnswerCall<I> = { participant: Participant; roundId: number; input: I; now: number };

export type RoundModule<S extends TObject = TObject, A extends TObject = TObject, R = unknown> = {
  type: RoundType;
  /** Localised name, e.g. "Year Game" / "연도 게임". */
  label: Record<Lang, string>;
  /** The script in public/ that this round's panels need; the panel fragment brings it (src/live/views.ts). */
  script?: string;
  /** Stylesheet URLs its panels need (e.g. KaTeX's for questions with math); the panel fragment brings them. */
  styles?: string[];

  start: {
    /** The API's body, `type` aside. The teacher's form becomes the same body (`fromForm`) and is checked by the same schema. */
    body: S;
    fromForm(form: Record<string, unknown>): unknown;
    /** The teacher's start form (rules with their defaults); `query` carries the form's own GET parameters (e.g. a re-roll). */
    form(db: Conn, game: Game, lang: Lang, query: Record<string, string | undefined>): string;
    run(db: Db, gameId: number, input: Static<S>, now: number): Result<{ round: Round }>;
    /** The module's own fields of the API's 201 answer, besides `sessionId` and `type`. */
    response(db: Conn, round: Round): Record<string, unknown>;
    /**
     * Labels of the body's fields for the event plan's settings form (src/event/settings-form.ts),
     * keyed `field`, `field=option` (a choice) and `field.key` (a flag). A field left out is not
     * offered there (e.g. one that needs the seated teams); without labels every field shows by name.
     */
    settingLabels?(lang: Lang): Record<string, string>;
  };

  answer: {
    /** The API's body, `sessionId` (the round's id) included. */
    body: A;
    run(db: Db, call: AnswerCall<Static<A>>): Promise<R>;
    /** What to announce after the answer committed (nothing for a refused one); see Announcement. */
    announce(r: R): Announcement | null;
    /** The API's answer: status and JSON body (errors as `{ error: { code, message, detail } }`). */
    json(r: R, lang: Lang): { status: number; body: unknown };
  };

  clock: {
    /** Absolute server times at which `expire` must run; none while nothing is counting down. */
    deadlines(db: Conn, round: Round): number[];
    /** A deadline passed: close what is overdue, in one transaction. Null when the round is gone. */
    expire(db: Db, roundId: number, now: number): Expired | null;
    /** The teacher's pause, resume, extend (by `seconds`) and end. */
    control(db: Db, gameId: number, roundId: number, action: TimingAction, seconds: number, now: number): Result<{ round: Round }>;
  };

  /** The round's part of GET /api/game-state (never an answer before it is revealed). */
  state(db: Conn, round: Round, now: number): Record<string, unknown>;
  /** What a student sees: one render serves the whole team (its `forViewer` makes each phone's own, if it differs). */
  studentView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView;
  /**
   * A team board's view: the team's own work (answers, expressions, who found what). Shown only to
   * the teacher, a seat on the team or the board's secret link (src/live/routes-screen.tsx);
   * anyone else opening a board gets `screenView`. It shows this team only — never another's work.
   */
  teamView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView;
  teacherView(db: Conn, round: Round, ctx: ViewCtx): RoundView;
  /** The projector's view, public: standings and counts, never an answer, an expression or who found what. */
  screenView(db: Conn, round: Round, ctx: ViewCtx): RoundView;
  /** The full results (teacher's results page). */
  results(db: Conn, round: Round, ctx: ViewCtx): string;
  exportRows(db: Conn, round: Round): ExportRow[];
  /**
   * Optional: the round type's own part of the teacher's analytics page (e.g. the Year Game's
   * coverage heatmap). The shared page already shows, from `exportRows`, points per team, accuracy
   * and median answer time per team (rows with `correct` / `ms`), per question and hints.
   */
  analytics?(db: Conn, round: Round, ctx: ViewCtx): string;

  /** Routes of this round type only (e.g. the Year Game's keypad preview). */
  routes?(deps: AppDeps): AnyElysia;

  /**
   * Optional: what the teacher's changes to teams mean to this round while it is open (running or
   * paused). Both run inside the change's own transaction.
   */
  members?: {
    /** Moving this participant to another team (by hand, re-balance or shuffle): a refusal (409), or null to allow it. */
    refuseMove?(tx: Tx, round: Round, participantId: number): Fail | null;
    /** The teacher removes this participant; called before the row goes (e.g. to hand their part of the round to a teammate). */
    removed?(tx: Tx, round: Round, participantId: number, now: number): void;
  };
};

/** For the registry, which holds modules of different schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoundModule = RoundModule<any, any, any>;
