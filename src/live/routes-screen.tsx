// Public live screens: the projector (/g/<code>/screen) and a team's board (/g/<code>/team/<n>).
// A team board shows the team's own work (each number's expression, who found it) only to the
// teacher, a seat on that team, or a board link carrying the team's secret (the teacher's lobby
// gives it out); anyone else sees the projector's view, which shows counts only. A round type's
// `teamView` is therefore rendered for those viewers alone; `screenView` is the public one.
import { Elysia, t } from "elysia";
import QRCode from "qrcode";
import { timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";
import { read, type Tx } from "../db/client.ts";
import { teams, type Team } from "../db/schema.ts";
import type { Who } from "../auth/request.ts";
import { edges, liveStream } from "../http/edges.ts";
import { html, pageError } from "../http/respond.tsx";
import { findGame, findGameByCode, teamOfGame } from "../games/queries.ts";
import { screenLive, teamBoardLive, toUpdate } from "./views.ts";
import { followSeat } from "./seat-check.ts";
import { joinBaseUrl } from "../net.ts";
import { CodeParam, PhaseQuery } from "../games/schemas.ts";
import { ScreenPage } from "../../views/games/screen.tsx";
import { TeamBoardPage } from "../../views/games/team-board.tsx";

const TeamParams = t.Object({ code: t.String({ maxLength: 8 }), n: t.String({ maxLength: 3 }) });
const BoardQuery = t.Object({ phase: t.Optional(t.String({ maxLength: 80 })), key: t.Optional(t.String({ maxLength: 64 })) });
const ALL_TOPICS = new Set(["lobby", "game", "round", "scores"] as const);

function teamByPosition(tx: Tx, gameId: number, n: string) {
  if (!/^[1-9][0-9]?$/.test(n)) return undefined;
  return tx.select().from(teams).where(and(eq(teams.gameId, gameId), eq(teams.position, Number(n)))).get();
}

function keyMatches(given: string | undefined, team: Team): boolean {
  if (given === undefined || given.length !== team.boardKey.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(team.boardKey));
}

/** Who may see the team's own work on its board, and on what grounds (a seat must keep its team to keep seeing it). */
function boardAccess(w: Who, team: Team, key: string | undefined): "key" | "teacher" | "seat" | null {
  if (keyMatches(key, team)) return "key";
  if (w.isTeacher()) return "teacher";
  return w.participant()?.teamId === team.id ? "seat" : null;
}

export function screenRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/g/:code/screen", async (c) => {
      const { w } = c;
      const data = read(db, (tx) => {
        const game = findGameByCode(tx, c.params.code);
        return game ? { game, live: screenLive(tx, game, w.lang) } : null;
      });
      if (!data) return pageError(w, "game_not_found");
      const joinUrl = joinBaseUrl(c.request);
      // The QR opens the join page with the code filled in: a student only types a nickname.
      const qr = await QRCode.toString(`${joinUrl}/join?code=${encodeURIComponent(data.game.code)}`, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      return html(ScreenPage({ lang: w.lang, game: data.game, joinUrl, safeQrSvg: qr, phase: data.live.phase, safePanel: data.live.full }));
    }, { params: CodeParam })
    .get("/g/:code/screen/stream", (c) => {
      const { w } = c;
      const game = findGameByCode(db, c.params.code);
      if (!game) return pageError(w, "game_not_found");
      const lang = w.lang;
      return liveStream(deps, c, {
        gameId: game.id,
        audience: `screen:${lang}`,
        topics: ALL_TOPICS,
        phase: c.query.phase ?? "",
        render: (clientPhase, baseline) => read(db, (tx) => {
          const g = findGame(tx, game.id);
          return g ? toUpdate(screenLive(tx, g, lang, Date.now(), baseline), clientPhase) : null;
        }),
      });
    }, { params: CodeParam, query: PhaseQuery })
    .get("/g/:code/team/:n", (c) => {
      const { w } = c;
      const data = read(db, (tx) => {
        const game = findGameByCode(tx, c.params.code);
        const team = game && teamByPosition(tx, game.id, c.params.n);
        if (!game || !team) return null;
        const access = boardAccess(w, team, c.query.key);
        return { game, team, access, live: access ? teamBoardLive(tx, game, team, w.lang) : screenLive(tx, game, w.lang) };
      });
      if (!data) return pageError(w, "team_not_found");
      return html(TeamBoardPage({ lang: w.lang, game: data.game, team: data.team, phase: data.live.phase, safePanel: data.live.full, own: data.access !== null, boardKey: data.access === "key" ? data.team.boardKey : undefined }));
    }, { params: TeamParams, query: BoardQuery })
    .get("/g/:code/team/:n/stream", (c) => {
      const { w } = c;
      // Read through its own variables, not `c`: the stream's renders below, made in this scope, keep what it holds.
      const { code, n } = c.params;
      const found = read(db, (tx) => {
        const game = findGameByCode(tx, code);
        const team = game && teamByPosition(tx, game.id, n);
        return game && team ? { game, team } : null;
      });
      if (!found) return pageError(w, "team_not_found");
      const gameId = found.game.id;
      const access = boardAccess(w, found.team, c.query.key);
      const lang = w.lang;
      if (!access) {
        // Not the team's: the projector's stream, rendered once for every such viewer.
        return liveStream(deps, c, {
          gameId,
          audience: `screen:${lang}`,
          topics: ALL_TOPICS,
          phase: c.query.phase ?? "",
          render: (clientPhase) => read(db, (tx) => {
            const g = findGame(tx, gameId);
            return g ? toUpdate(screenLive(tx, g, lang), clientPhase) : null;
          }),
        });
      }
      const teamId = found.team.id;
      const seat = w.participant();
      return liveStream(deps, c, {
        gameId,
        audience: `board:${teamId}:${lang}`,
        team: teamId,
        topics: ALL_TOPICS,
        phase: c.query.phase ?? "",
        render: (clientPhase) => read(db, (tx) => {
          const g = findGame(tx, gameId);
          const team = g && teamOfGame(tx, g.id, teamId);
          return g && team ? toUpdate(teamBoardLive(tx, g, team, lang), clientPhase) : null;
        }),
        ...(access === "seat" && seat ? { check: followSeat(db, gameId, seat.id, teamId) } : {}),
      });
    }, { params: TeamParams, query: BoardQuery });
}
