// Public live screens: the projector (/g/<code>/screen) and a team's board (/g/<code>/team/<n>).
import { Elysia, t } from "elysia";
import QRCode from "qrcode";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";
import { read, type Tx } from "../db/client.ts";
import { teams } from "../db/schema.ts";
import { edges } from "../http/edges.ts";
import { html, pageError } from "../http/respond.tsx";
import { findGame, findGameByCode, teamOfGame } from "../games/queries.ts";
import { screenLive, teamBoardLive, toUpdate } from "./views.ts";
import { sseResponse, streamDeps } from "../realtime/sse.ts";
import { joinBaseUrl } from "../net.ts";
import { CodeParam, PhaseQuery } from "../games/schemas.ts";
import { ScreenPage } from "../../views/games/screen.tsx";
import { TeamBoardPage } from "../../views/games/team-board.tsx";

const TeamParams = t.Object({ code: t.String({ maxLength: 8 }), n: t.String({ maxLength: 3 }) });
const ALL_TOPICS = new Set(["lobby", "game", "round", "scores"] as const);

function teamByPosition(tx: Tx, gameId: number, n: string) {
  if (!/^[1-9][0-9]?$/.test(n)) return undefined;
  return tx.select().from(teams).where(and(eq(teams.gameId, gameId), eq(teams.position, Number(n)))).get();
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
      const qr = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      return html(ScreenPage({ lang: w.lang, game: data.game, joinUrl, safeQrSvg: qr, phase: data.live.phase, safePanel: data.live.full }));
    }, { params: CodeParam })
    .get("/g/:code/screen/stream", (c) => {
      const { w } = c;
      const game = findGameByCode(db, c.params.code);
      if (!game) return pageError(w, "game_not_found");
      return sseResponse({
        gameId: game.id,
        audience: `screen:${w.lang}`,
        topics: ALL_TOPICS,
        phase: c.query.phase ?? "",
        render: (clientPhase) => read(db, (tx) => {
          const g = findGame(tx, game.id);
          return g ? toUpdate(screenLive(tx, g, w.lang), clientPhase) : null;
        }),
      }, streamDeps(deps, c));
    }, { params: CodeParam, query: PhaseQuery })
    .get("/g/:code/team/:n", (c) => {
      const { w } = c;
      const data = read(db, (tx) => {
        const game = findGameByCode(tx, c.params.code);
        const team = game && teamByPosition(tx, game.id, c.params.n);
        return game && team ? { game, team, live: teamBoardLive(tx, game, team, w.lang) } : null;
      });
      if (!data) return pageError(w, "team_not_found");
      return html(TeamBoardPage({ lang: w.lang, game: data.game, team: data.team, phase: data.live.phase, safePanel: data.live.full }));
    }, { params: TeamParams })
    .get("/g/:code/team/:n/stream", (c) => {
      const { w } = c;
      const found = read(db, (tx) => {
        const game = findGameByCode(tx, c.params.code);
        const team = game && teamByPosition(tx, game.id, c.params.n);
        return game && team ? { game, team } : null;
      });
      if (!found) return pageError(w, "team_not_found");
      return sseResponse({
        gameId: found.game.id,
        audience: `board:${found.team.id}:${w.lang}`,
        topics: ALL_TOPICS,
        phase: c.query.phase ?? "",
        render: (clientPhase) => read(db, (tx) => {
          const g = findGame(tx, found.game.id);
          const team = g && teamOfGame(tx, g.id, found.team.id);
          return g && team ? toUpdate(teamBoardLive(tx, g, team, w.lang), clientPhase) : null;
        }),
      }, streamDeps(deps, c));
    }, { params: TeamParams, query: PhaseQuery });
}
