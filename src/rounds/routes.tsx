// Round controls shared by every round type: pause, resume, extend, end (pages and API),
// and the teacher's results page.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import type { Round } from "../db/schema.ts";
import { who, type Who } from "../auth/request.ts";
import { apiError, apiFail, html, json, pageError, redirectAfterPost } from "../http/respond.tsx";
import { idParam, teacherApiGuard, teacherPageGuard } from "../http/guards.ts";
import type { Result } from "../errors.ts";
import { endRound, extendRound, pauseRound, resumeRound } from "./timing.ts";
import { findRound } from "./current.ts";
import { roundModule } from "./registry.ts";
import { findGame } from "../games/queries.ts";
import { Layout, Notice } from "../../views/layout.tsx";
import { TeacherNav } from "../../views/games/dashboard.tsx";

const Params = t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }), action: t.String({ maxLength: 12 }) });
const ExtendQuery = t.Object({ seconds: t.Optional(t.String({ maxLength: 6 })) });
const DONE = { ko: "완료", en: "Done" } as const;

export function roundControlRoutes(deps: AppDeps) {
  const { db } = deps;
  /** Applies a timing action; re-arms the round's end timer and tells every screen. */
  const act = (gameId: number, roundId: number, action: string, seconds: number): Result<{ round: Round }> | null => {
    const now = Date.now();
    const r =
      action === "pause" ? pauseRound(db, gameId, roundId, now)
      : action === "resume" ? resumeRound(db, gameId, roundId, now)
      : action === "extend" ? extendRound(db, gameId, roundId, seconds, now)
      : action === "end" ? endRound(db, gameId, roundId, now)
      : null;
    if (r?.ok) deps.clock.changed(r.round);
    return r;
  };
  const secondsOf = (raw: string | undefined) => {
    const n = Number(raw ?? "60");
    return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : null;
  };
  const page = (w: Who, gameId: number, r: Result<object> | null) => {
    if (r === null) return pageError(w, "not_found");
    if (!r.ok) return pageError(w, r.code, r.message);
    return w.isHtmx ? html(Notice({ kind: "ok", message: DONE[w.lang] })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
  };

  return new Elysia()
    .post("/teacher/games/:id/rounds/:rid/:action", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      const roundId = idParam(c.params.rid);
      const seconds = secondsOf(c.query.seconds);
      if (gameId === null || roundId === null) return pageError(w, "round_not_found");
      if (seconds === null) return pageError(w, "invalid_input");
      return page(w, gameId, act(gameId, roundId, c.params.action, seconds));
    }, { params: Params, query: ExtendQuery })
    .post("/api/games/:id/rounds/:rid/:action", (c) => {
      const w = who(db, c);
      const denied = teacherApiGuard(w);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      const roundId = idParam(c.params.rid);
      const seconds = secondsOf(c.query.seconds);
      if (gameId === null || roundId === null) return apiError("round_not_found", w.lang);
      if (seconds === null) return apiError("invalid_input", w.lang, { field: "seconds" });
      const r = act(gameId, roundId, c.params.action, seconds);
      if (r === null) return apiError("not_found", w.lang);
      if (!r.ok) return apiFail(r, w.lang);
      return json({ sessionId: r.round.id, status: r.round.status, endsAt: r.round.endsAt, pausedRemainingMs: r.round.pausedRemainingMs });
    }, { params: Params, query: ExtendQuery })
    .get("/teacher/games/:id/rounds/:rid", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}/rounds/${c.params.rid}`);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      const roundId = idParam(c.params.rid);
      const data = gameId === null || roundId === null ? null : read(db, (tx) => {
        const game = findGame(tx, gameId);
        const round = findRound(tx, roundId);
        const module = round && roundModule(round.type);
        if (!game || !round || round.gameId !== game.id || !module) return null;
        return { game, body: module.results(tx, round, { game, lang: w.lang, now: Date.now() }), label: module.label[w.lang] };
      });
      if (!data) return pageError(w, "round_not_found");
      return html(Layout({
        lang: w.lang,
        title: `${data.label} · ${data.game.title}`,
        bodyClass: "teacher",
        nav: TeacherNav({ lang: w.lang }),
        children: (
          <>
            <p><a href={`/teacher/games/${data.game.id}`}>← <span safe>{data.game.title}</span></a></p>
            {data.body as "safe"}
          </>
        ),
      }));
    }, { params: t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }) }) });
}
