// Student pages: the join flow and the seat page with its live stream.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read, type Db } from "../db/client.ts";
import { setSeatCookie, type Who } from "../auth/request.ts";
import { edges, liveStream } from "../http/edges.ts";
import { html, pageError, redirect, redirectAfterPost } from "../http/respond.tsx";
import { errorMessage, errorStatus, failText, type Lang } from "../errors.ts";
import { fromForm, validator } from "../http/validate.ts";
import { joinGame } from "./join.ts";
import { announceJoin } from "./publish.ts";
import { deviceHash } from "../limits/rate-limit.ts";
import { findGame, findGameByCode, listRoster, listTeams, teamOfGame } from "./queries.ts";
import { studentLive, studentUpdate, viewFor } from "../live/views.ts";
import { followSeat } from "../live/seat-check.ts";
import { PhaseQuery, CodeParam, JoinGameBody } from "./schemas.ts";

const joinBody = validator(JoinGameBody);
import { JoinCodePage, JoinNamePage } from "../../views/games/join.tsx";
import { SeatPage } from "../../views/games/seat.tsx";
import { str } from "../../views/partial.ts";

/** What a phone's stream follows: one set for every phone (a set per stream was 2 MB at 10,000 phones). */
const PHONE_TOPICS = new Set(["lobby", "game", "round", "scores"] as const);

function resumeInfo(db: Db, w: Who) {
  const p = w.participant();
  if (!p) return undefined;
  const game = findGame(db, p.gameId);
  return game && game.status !== "finished" ? { nickname: p.nickname, code: game.code, title: game.title } : undefined;
}

// With no seat to resume, the code page is the same for every browser of a language: each phone of
// a class loads it first, and its layout was drawn ten thousand times as a district joined.
const plainCodePages = new Map<Lang, string>();

function codePage(db: Db, w: Who): Response {
  const resume = resumeInfo(db, w);
  if (resume) return html(JoinCodePage({ lang: w.lang, resume }));
  let page = plainCodePages.get(w.lang);
  if (page === undefined) plainCodePages.set(w.lang, (page = str(JoinCodePage({ lang: w.lang }))));
  return html(page);
}

function namePage(db: Db, w: Who, code: string, error?: { message: string; status: number }, nickname?: string): Response {
  const data = read(db, (tx) => {
    const game = findGameByCode(tx, code);
    if (!game) return null;
    // Each team's size is its cached count (teams.member_count): a join page of a thousand-seat game read every seat.
    return { game, teams: listTeams(tx, game.id), roster: game.joinMode === "roster" ? listRoster(tx, game.id) : [] };
  });
  if (!data || data.game.status === "finished") return html(JoinCodePage({ lang: w.lang, code, error: errorMessage("game_not_found", w.lang), resume: resumeInfo(db, w) }), 404);
  return html(JoinNamePage({ lang: w.lang, ...data, error: error?.message, nickname }), error?.status ?? 200);
}

export function joinRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .get("/", ({ w }) => codePage(db, w))
    .get("/join", ({ w, query }) => {
      const code = (query.code ?? "").trim();
      if (!code) return codePage(db, w);
      if (!/^\d{2,6}$/.test(code)) return html(JoinCodePage({ lang: w.lang, code: code.slice(0, 6), error: errorMessage("game_not_found", w.lang) }), 404);
      // Already seated in this game on this browser: straight back to the seat.
      const p = w.participant();
      if (p) {
        const game = findGame(db, p.gameId);
        if (game?.code === code && game.status !== "finished") return redirect(`/g/${code}/play`);
      }
      return namePage(db, w, code);
    }, { query: t.Object({ code: t.Optional(t.String({ maxLength: 20 })) }) })
    .post("/join", async ({ w, body, cookie }) => {
      // The form's fields as the API's body, checked by the same schema.
      const input = joinBody.check({ gameCode: body.gameCode, nickname: body.nickname, teamId: fromForm.int(body.teamId), rosterEntryId: fromForm.int(body.rosterEntryId), pin: fromForm.text(body.pin) });
      const r = input.ok ? await joinGame(db, { ...input.value, gameCode: input.value.gameCode.trim(), existingToken: w.seatToken ?? undefined, address: w.address, device: deviceHash(w.device) }) : input;
      if (!r.ok) {
        const message = failText(r, w.lang);
        if (w.isHtmx) return pageError(w, r.code, message);
        if (r.code === "game_not_found") return html(JoinCodePage({ lang: w.lang, error: message }), 404);
        // The form again, with the reason; the status is the code's (an invalid name is 400, a taken one 409).
        return namePage(db, w, body.gameCode.trim(), { message, status: errorStatus(r.code) }, body.nickname);
      }
      if (!r.rejoined) announceJoin(deps.bus, r);
      if (r.token) setSeatCookie({ cookie }, r.token);
      return redirectAfterPost(w, `/g/${r.game.code}/play`);
    }, { limit: "join", body: t.Object({ gameCode: t.String({ maxLength: 8 }), nickname: t.Optional(t.String({ maxLength: 200 })), teamId: t.Optional(t.String({ maxLength: 12 })), rosterEntryId: t.Optional(t.String({ maxLength: 12 })), pin: t.Optional(t.String({ maxLength: 20 })) }) })
    .get("/g/:code/play", ({ w, params }) => {
      const p = w.participant();
      const seat = read(db, (tx) => {
        const game = findGameByCode(tx, params.code);
        if (!game || !p || p.gameId !== game.id) return { game, ok: false as const };
        const team = teamOfGame(tx, game.id, p.teamId)!;
        return { game, ok: true as const, team, live: viewFor(studentLive(tx, game, team, w.lang), p.id) };
      });
      // No such game (e.g. gone after a restore): the join page, with the reason, to start again.
      if (!seat.game) return html(JoinCodePage({ lang: w.lang, error: errorMessage("game_not_found", w.lang), resume: resumeInfo(db, w) }), 404);
      if (!seat.ok) return redirect(`/join?code=${encodeURIComponent(seat.game.code)}`);
      return html(SeatPage({ lang: w.lang, game: seat.game, participant: p!, team: seat.team, phase: seat.live.phase, safePanel: seat.live.full }));
    }, { params: CodeParam })
    .get("/g/:code/play/stream", (c) => {
      const { w } = c;
      const p = w.participant();
      const game = findGameByCode(db, c.params.code);
      if (!game) return pageError(w, "game_not_found");
      if (!p || p.gameId !== game.id) return pageError(w, "not_participant");
      const teamId = p.teamId;
      const lang = w.lang;
      return liveStream(deps, c, {
        gameId: game.id,
        audience: `team:${teamId}:${lang}`,
        viewer: p.id,
        team: teamId,
        topics: PHONE_TOPICS,
        phase: c.query.phase ?? "",
        render: (clientPhase, baseline) => read(db, (tx) => {
          const g = findGame(tx, game.id);
          const team = g && teamOfGame(tx, g.id, teamId);
          return g && team ? studentUpdate(studentLive(tx, g, team, lang, Date.now(), baseline), clientPhase) : null;
        }),
        check: followSeat(db, game.id, p.id, teamId),
      });
    }, { params: CodeParam, query: PhaseQuery });
}
