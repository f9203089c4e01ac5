// The routes every round type shares: starting a round (API and teacher page, dispatched by
// type), answering (dispatched by the round's stored type), the teacher's timing controls, and
// the results page. A round type brings its schemas and behaviour through its module.
import { Elysia, t } from "elysia";
import type { AppDeps } from "../deps.ts";
import { read } from "../db/client.ts";
import type { Who } from "../auth/request.ts";
import { edges } from "../http/edges.ts";
import { apiError, apiFail, html, json, pageError, pageFail, redirectAfterPost } from "../http/respond.tsx";
import { idParam } from "../http/guards.ts";
import { validator } from "../http/validate.ts";
import { fail, type Result } from "../errors.ts";
import type { Round } from "../db/schema.ts";
import type { AnyRoundModule, TimingAction } from "./contract.ts";
import { findRound } from "./current.ts";
import { moduleOfRound, roundModule, ROUND_TYPES } from "./registry.ts";
import { moduleNamed, startRound } from "./start.ts";
import { startRefusedPage } from "./start-refusal.tsx";
import { findGame } from "../games/queries.ts";
import { Layout, Notice } from "../../views/layout.tsx";
import { TeacherNav } from "../../views/games/dashboard.tsx";
import { roundText } from "../../views/rounds/text.ts";
import { publishAnnouncement } from "./announce.ts";

const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
const ControlParams = t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }), action: t.String({ maxLength: 12 }) });
const ExtendQuery = t.Object({ seconds: t.Optional(t.String({ maxLength: 6 })) });
/** Any object: the round type decides what else it must hold. */
const AnyBody = t.Object({}, { additionalProperties: true });
const AnswerEnvelope = t.Object({ sessionId: t.Integer({ minimum: 1 }) }, { additionalProperties: true });
const TIMING: readonly TimingAction[] = ["pause", "resume", "extend", "end"];
/**
 * A start form's fields, whatever the type: each round type's `fromForm` reads its own. Bounded:
 * values up to 200 characters (a list of cycle times), repeated fields up to 1,000 (a team's
 * member order in a relay).
 */
const StartForm = t.Record(t.String({ maxLength: 20 }), t.Union([t.String({ maxLength: 200 }), t.Array(t.String({ maxLength: 200 }), { maxItems: 1000 })]));

/** Each module's answer schema, compiled once. */
const answerBodies = new Map(ROUND_TYPES.map((m) => [m.type, validator(m.answer.body)]));

export function roundRoutes(deps: AppDeps) {
  const { db } = deps;

  /** Validates a start body against its type's schema and starts the round; the clock and every screen are told. */
  const start = (gameId: number, module: AnyRoundModule, body: unknown): Result<{ round: Round }> => {
    const r = startRound(db, gameId, module, body);
    if (r.ok) deps.clock.changed(r.round);
    return r;
  };

  /** Applies a timing action through the round's module; re-arms its clock and tells every screen. */
  const control = (gameId: number, roundId: number, action: string, seconds: number): Result<{ round: Round }> | null => {
    if (!TIMING.includes(action as TimingAction)) return null;
    const module = moduleOfRound(db, roundId);
    if (!module) return fail("round_not_found");
    const r = module.clock.control(db, gameId, roundId, action as TimingAction, seconds, Date.now());
    if (r.ok) deps.clock.changed(r.round);
    return r;
  };
  const secondsOf = (raw: string | undefined) => {
    const n = Number(raw ?? "60");
    return Number.isInteger(n) && n >= 1 && n <= 3600 ? n : null;
  };
  const controlPage = (w: Who, gameId: number, r: Result<object> | null) => {
    if (r === null) return pageError(w, "not_found");
    if (!r.ok) return pageFail(w, r);
    return w.isHtmx ? html(Notice({ kind: "ok", message: roundText(w.lang, "done") })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
  };

  return new Elysia()
    .use(edges(deps))
    .post("/api/games/:id/rounds", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const { type, ...rest } = body as Record<string, unknown>;
      const named = moduleNamed(type);
      if (!named.ok) return apiFail(named, w.lang);
      const r = start(gameId, named.module, rest);
      if (!r.ok) return apiFail(r, w.lang);
      return json({ sessionId: r.round.id, type: r.round.type, ...named.module.start.response(db, r.round) }, 201);
    }, { teacher: "api", params: IdParams, body: AnyBody })
    .post("/api/submit-answer", async ({ w, participant, body }) => {
      const module = moduleOfRound(db, body.sessionId);
      if (!module) return apiError("round_not_found", w.lang);
      const input = answerBodies.get(module.type)!.check(body);
      if (!input.ok) return apiFail(input, w.lang);
      const r = await module.answer.run(db, { participant, roundId: body.sessionId, input: input.value, now: Date.now() });
      publishAnnouncement(deps, module.answer.announce(r));
      const out = module.answer.json(r, w.lang);
      return json(out.body, out.status);
    }, { student: "api", limit: "answer", body: AnswerEnvelope })
    .get("/teacher/games/:id/rounds/new", ({ w, params, query: raw }) => {
      // A form that asks for itself again (hx-include) repeats fields: the first value of each counts.
      const query = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const gameId = idParam(params.id);
      const game = gameId === null ? undefined : findGame(db, gameId);
      if (!game) return pageError(w, "game_not_found");
      const named = moduleNamed(query.type);
      if (!named.ok) return pageFail(w, named);
      const form = named.module.start.form(db, game, w.lang, query);
      if (w.isHtmx) return html(form);
      return html(Layout({
        lang: w.lang, title: `${named.module.label[w.lang]} · ${game.title}`, bodyClass: "teacher", nav: TeacherNav({ lang: w.lang }),
        children: (
          <>
            <p><a href={`/teacher/games/${game.id}`}>← <span safe>{game.title}</span></a></p>
            <section class="card"><h2 safe>{named.module.label[w.lang]}</h2><div id="flash"></div>{form as "safe"}</section>
          </>
        ),
      }));
    }, { teacher: "page", params: IdParams, query: t.Record(t.String({ maxLength: 20 }), t.Union([t.String({ maxLength: 20 }), t.Array(t.String({ maxLength: 20 }), { maxItems: 10 })])) })
    .post("/teacher/games/:id/rounds", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      if (gameId === null) return pageError(w, "game_not_found");
      const form = body as Record<string, unknown>;
      const named = moduleNamed(form.type);
      if (!named.ok) return pageFail(w, named);
      const r = start(gameId, named.module, named.module.start.fromForm(form));
      if (!r.ok) return startRefusedPage(w, r);
      return w.isHtmx ? html(Notice({ kind: "ok", message: `${named.module.label[w.lang]}: ${roundText(w.lang, "started")}` })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
    }, { teacher: "page", params: IdParams, body: StartForm })
    .post("/teacher/games/:id/rounds/:rid/:action", ({ w, params, query }) => {
      const gameId = idParam(params.id);
      const roundId = idParam(params.rid);
      const seconds = secondsOf(query.seconds);
      if (gameId === null || roundId === null) return pageError(w, "round_not_found");
      if (seconds === null) return pageError(w, "invalid_input");
      return controlPage(w, gameId, control(gameId, roundId, params.action, seconds));
    }, { teacher: "page", params: ControlParams, query: ExtendQuery })
    .post("/api/games/:id/rounds/:rid/:action", ({ w, params, query }) => {
      const gameId = idParam(params.id);
      const roundId = idParam(params.rid);
      const seconds = secondsOf(query.seconds);
      if (gameId === null || roundId === null) return apiError("round_not_found", w.lang);
      if (seconds === null) return apiError("invalid_input", w.lang, { field: "seconds" });
      const r = control(gameId, roundId, params.action, seconds);
      if (r === null) return apiError("not_found", w.lang);
      if (!r.ok) return apiFail(r, w.lang);
      return json({ sessionId: r.round.id, status: r.round.status, endsAt: r.round.endsAt, pausedRemainingMs: r.round.pausedRemainingMs });
    }, { teacher: "api", params: ControlParams, query: ExtendQuery })
    .get("/teacher/games/:id/rounds/:rid", ({ w, params }) => {
      const gameId = idParam(params.id);
      const roundId = idParam(params.rid);
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
    }, { teacher: "page", params: t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }) }) });
}
