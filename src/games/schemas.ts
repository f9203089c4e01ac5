// Request bodies, shared by the JSON API and the HTML forms where they match; shared route params.
import { t } from "elysia";
import { PlanEntryBody } from "../event/schemas.ts";

/** A page or stream of a game addressed by its code. */
export const CodeParam = t.Object({ code: t.String({ maxLength: 8 }) });
/** A live stream's query: the phase its page shows (see sse.ts). */
export const PhaseQuery = t.Object({ phase: t.Optional(t.String({ maxLength: 80 })) });

export const JoinModeT = t.Union([t.Literal("auto"), t.Literal("choose"), t.Literal("roster")]);

export const CreateGameBody = t.Object({
  title: t.String({ minLength: 1, maxLength: 60 }),
  classLabel: t.Optional(t.String({ maxLength: 40 })),
  teamCount: t.Integer({ minimum: 2, maximum: 20 }),
  maxParticipants: t.Integer({ minimum: 1, maximum: 1000 }),
  joinMode: t.Optional(JoinModeT),
  teamNames: t.Optional(t.Array(t.String({ maxLength: 40 }), { maxItems: 20 })),
  teamBrackets: t.Optional(t.Array(t.Union([t.String({ maxLength: 20 }), t.Null()]), { maxItems: 20 })),
  lateJoin: t.Optional(t.Boolean()),
  /** The rounds to play (see PUT /api/games/<id>/plan); TMC's default plan when absent. */
  plan: t.Optional(t.Array(PlanEntryBody, { maxItems: 20 })),
}, { additionalProperties: false });

export const JoinGameBody = t.Object({
  gameCode: t.String({ minLength: 1, maxLength: 8 }),
  nickname: t.Optional(t.String({ maxLength: 200 })),
  teamId: t.Optional(t.Integer({ minimum: 1 })),
  rosterEntryId: t.Optional(t.Integer({ minimum: 1 })),
  /** Roster mode, when the roster gives the name a PIN. */
  pin: t.Optional(t.String({ maxLength: 20 })),
}, { additionalProperties: false });

export const GameStateQuery = t.Object({
  gameId: t.Optional(t.String({ maxLength: 12 })),
  gameCode: t.Optional(t.String({ maxLength: 8 })),
});
