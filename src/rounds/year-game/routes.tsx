// Year Game HTTP: start (teacher form + API), submit and preview (student page + API).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { read } from "../../db/client.ts";
import type { Participant } from "../../db/schema.ts";
import { who, type Who } from "../../auth/request.ts";
import { apiError, apiFail, html, json, pageError, redirect } from "../../http/respond.tsx";
import { idParam, participantApiGuard, teacherApiGuard, teacherPageGuard, apiRateLimited, pageRateLimited } from "../../http/guards.ts";
import { errorMessage, ERRORS, type Lang } from "../../errors.ts";
import { findGame, findGameByCode } from "../../games/queries.ts";
import { findRound } from "../current.ts";
import { startYearRound, submitYearAnswer, teamFinds, yearConfigOf, type StartYearInput, type SubmitResult } from "./domain.ts";
import { drawDigits, previewExpression, yearDigits } from "./rules.ts";
import { partial, str } from "../../../views/partial.ts";
import { Notice } from "../../../views/layout.tsx";
import { Feedback, PreviewLine, TeamStatus } from "../../../views/rounds/year-game/play.tsx";
import { cellUpdate } from "../../../views/rounds/year-game/parts.tsx";
import { StartForm } from "../../../views/rounds/year-game/teacher.tsx";
import { yt } from "../../../views/rounds/year-game/text.ts";

const OPERATORS = ["power", "factorial", "perm", "comb", "sqrt", "concat"] as const;

const StartBody = t.Object({
  type: t.Literal("year_game"),
  digits: t.Optional(t.Array(t.Integer({ minimum: 0, maximum: 9 }), { minItems: 2, maxItems: 6 })),
  targetMin: t.Optional(t.Integer({ minimum: 0, maximum: 1000 })),
  targetMax: t.Optional(t.Integer({ minimum: 0, maximum: 1000 })),
  durationSeconds: t.Optional(t.Integer({ minimum: 10, maximum: 14400 })),
  scoring: t.Optional(t.Union([t.Literal("value"), t.Literal("range"), t.Literal("flat")])),
  flatPoints: t.Optional(t.Integer({ minimum: 1, maximum: 1000 })),
  operators: t.Optional(t.Partial(t.Object(Object.fromEntries(OPERATORS.map((o) => [o, t.Boolean()])) as Record<(typeof OPERATORS)[number], ReturnType<typeof t.Boolean>>, { additionalProperties: false }))),
}, { additionalProperties: false });

const SubmitBody = t.Object({
  sessionId: t.Integer({ minimum: 1 }),
  expression: t.String({ maxLength: 200 }),
  targetNumber: t.Optional(t.Integer()),
}, { additionalProperties: false });

const ExpressionForm = t.Object({ expression: t.String({ maxLength: 200 }) });
const PlayParams = t.Object({ code: t.String({ maxLength: 8 }), rid: t.String({ maxLength: 12 }) });

/** The teacher's start form: numbers arrive as strings, operators as checkboxes. */
function startInputFromForm(form: Record<string, unknown>): StartYearInput {
  const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => String(x).trim()).filter((x) => x !== "");
  const num = (v: unknown) => (v === undefined || v === "" ? undefined : Number(v));
  const minutes = num(form.minutes);
  return {
    digits: list(form.digits).map(Number),
    targetMin: num(form.targetMin),
    targetMax: num(form.targetMax),
    durationSeconds: minutes === undefined ? undefined : Math.round(minutes * 60),
    scoring: (["value", "range", "flat"].includes(String(form.scoring)) ? form.scoring : "value") as StartYearInput["scoring"],
    flatPoints: num(form.flatPoints),
    operators: Object.fromEntries(OPERATORS.map((o) => [o, form[`op_${o}`] === "on"])),
  };
}

/** A judge's message (a refused expression, a preview problem) in the viewer's language. */
function inLang(m: { message: string; messageKo: string }, lang: Lang): string {
  return lang === "ko" ? m.messageKo : m.message;
}

function feedbackText(r: SubmitResult, lang: Lang): { kind: "ok" | "dup" | "error"; text: string } {
  if (r.ok) return { kind: "ok", text: `${yt(lang, "correct")} ${r.target} = ${r.normalized} · +${r.points}` };
  if (r.code === "already_found") return { kind: "dup", text: `${r.target}: ${yt(lang, "already_found")} (${yt(lang, "by")} ${r.foundBy})` };
  if (r.code === "invalid_expression") return { kind: "error", text: inLang(r.problem, lang) };
  return { kind: "error", text: errorMessage(r.code, lang) };
}

export function yearGameRoutes(deps: AppDeps) {
  const { db } = deps;

  /** Rate limit, judge, record, announce. Shared by the page form and the API. */
  const submit = async (w: Who, participant: Participant, roundId: number, expression: string, targetNumber: number | undefined, path: string) => {
    const retry = deps.limits.check("answer", w.clientKey, path);
    if (retry) return { limited: retry, result: null };
    const r = await submitYearAnswer(db, { participantId: participant.id, roundId, expression, targetNumber });
    if (r.gameId !== undefined) deps.bus.publish(r.gameId, ...(r.ok ? (["scores", "attempts"] as const) : (["attempts"] as const)));
    return { limited: 0, result: r };
  };

  return new Elysia()
    .post("/api/games/:id/rounds", (c) => {
      const w = who(db, c);
      const denied = teacherApiGuard(w);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      if (gameId === null) return apiError("game_not_found", w.lang);
      const { type: _type, ...input } = c.body;
      const r = startYearRound(db, gameId, input);
      if (!r.ok) return apiFail(r, w.lang);
      deps.clock.changed(r.round);
      const config = yearConfigOf(r.round);
      return json({ sessionId: r.round.id, type: "year_game", digits: config.rules.digits, rules: config.rules, scoring: config.scoring, endsAt: r.round.endsAt }, 201);
    }, { params: t.Object({ id: t.String({ maxLength: 12 }) }), body: StartBody })
    .post("/api/submit-answer", async (c) => {
      const w = who(db, c);
      const guard = participantApiGuard(w);
      if ("response" in guard) return guard.response;
      const out = await submit(w, guard.participant, c.body.sessionId, c.body.expression, c.body.targetNumber, "/api/submit-answer");
      if (!out.result) return apiRateLimited(w, out.limited);
      const r = out.result;
      if (r.ok) return json({ correct: true, targetNumber: r.target, points: r.points, teamScore: r.teamScore, expression: r.normalized });
      if (r.code === "already_found") return json({ error: { code: r.code, message: `${errorMessage("already_found", w.lang)} (${r.foundBy})`, foundBy: r.foundBy, targetNumber: r.target } }, 409);
      if (r.code === "invalid_expression") return json({ error: { code: r.code, reason: r.problem.reason, message: inLang(r.problem, w.lang) } }, 422);
      return apiError(r.code, w.lang);
    }, { body: SubmitBody })
    .post("/teacher/games/:id/year/start", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      if (gameId === null) return pageError(w, "game_not_found");
      const r = startYearRound(db, gameId, startInputFromForm(c.body as Record<string, unknown>));
      if (!r.ok) return pageError(w, r.code, r.message);
      deps.clock.changed(r.round);
      return w.isHtmx ? html(Notice({ kind: "ok", message: yt(w.lang, "started") })) : redirect(`/teacher/games/${gameId}`);
    }, { params: t.Object({ id: t.String({ maxLength: 12 }) }), body: t.Record(t.String({ maxLength: 20 }), t.Union([t.String({ maxLength: 20 }), t.Array(t.String({ maxLength: 20 }), { maxItems: 10 })])) })
    .get("/teacher/games/:id/year/form", (c) => {
      const w = who(db, c);
      const denied = teacherPageGuard(w, `/teacher/games/${c.params.id}`);
      if (denied) return denied;
      const gameId = idParam(c.params.id);
      const game = gameId === null ? undefined : findGame(db, gameId);
      if (!game) return pageError(w, "game_not_found");
      const year = Number(c.query.year);
      const digits = Number.isInteger(year) && year >= 1000 && year <= 9999 ? yearDigits(year) : drawDigits();
      return html(StartForm({ game, lang: w.lang, digits }));
    }, { params: t.Object({ id: t.String({ maxLength: 12 }) }), query: t.Object({ year: t.Optional(t.String({ maxLength: 6 })) }, { additionalProperties: true }) })
    .post("/g/:code/year/:rid/submit", async (c) => {
      const w = who(db, c);
      const p = w.participant();
      const roundId = idParam(c.params.rid);
      if (!p || roundId === null) return pageError(w, p ? "round_not_found" : "not_participant");
      const out = await submit(w, p, roundId, c.body.expression, undefined, "/g/year/submit");
      if (!out.result) return pageRateLimited(w, out.limited);
      const r = out.result;
      const fb = feedbackText(r, w.lang);
      let body = str(Feedback(fb));
      if (r.ok) {
        // The answering phone sees its number at once; teammates get it over SSE. Only its own cell:
        // a whole grid drawn now could land after a stream frame with a teammate's newer find, and
        // wipe it from this phone for good (the stream sends each cell once).
        body += read(db, (tx) => {
          const round = findRound(tx, roundId)!;
          // The team's finds as the next live flush will read them (cached until they change).
          const v = { round, config: yearConfigOf(round), finds: teamFinds(tx, round.id, r.teamId).finds, teamScore: r.teamScore, now: Date.now(), lang: w.lang };
          const mine = v.finds.find((f) => f.target === r.target);
          return (mine ? cellUpdate(mine, w.lang) : "") + partial("yg-status", TeamStatus(v));
        });
      }
      const status = r.ok ? 200 : r.code === "invalid_expression" ? 422 : ERRORS[r.code].status;
      // htmx swaps 4xx answers too (htmx 4), which is what shows the reason under the keypad.
      return html(body, status);
    }, { params: PlayParams, body: ExpressionForm })
    .post("/g/:code/year/:rid/preview", (c) => {
      const w = who(db, c);
      const roundId = idParam(c.params.rid);
      const round = roundId === null ? undefined : read(db, (tx) => {
        const game = findGameByCode(tx, c.params.code);
        const r = findRound(tx, roundId);
        return game && r && r.gameId === game.id && r.type === "year_game" ? r : undefined;
      });
      if (!round) return pageError(w, "round_not_found");
      const preview = previewExpression(c.body.expression.slice(0, 200), yearConfigOf(round).rules);
      const error = preview.error ? inLang(preview.error, w.lang) : undefined;
      return html(PreviewLine({ value: preview.value, error, lang: w.lang }));
    }, { params: PlayParams, body: ExpressionForm });
}
