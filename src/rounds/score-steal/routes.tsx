// Score Steal's own routes: the teacher's open / reveal / skip / pick-for (page and API), the
// winner's steal (API and phone), and the phone's answer box. Starting, answering over the API
// and pause/resume/extend/end go through the shared round routes (../routes.tsx).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import type { Who } from "../../auth/request.ts";
import { edges } from "../../http/edges.ts";
import { apiError, apiFail, html, json, pageError, pageFail } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { fromForm, validator } from "../../http/validate.ts";
import { failText, type Fail, type Result } from "../../errors.ts";
import type { Round } from "../../db/schema.ts";
import { openStealQuestion, stealPoints, submitStealAnswer, type StealOk } from "./domain.ts";
import { revealNow } from "./control.ts";
import { announceAnswer } from "./answer.ts";
import { OpenBody, StealBody, StealForBody, stealForFromForm } from "./schemas.ts";
import { Notice } from "../../../views/layout.tsx";
import { st } from "../../../views/rounds/score-steal/text.ts";
import { roundText } from "../../../views/rounds/text.ts";
import { secs } from "../../../views/rounds/score-steal/parts.tsx";

const RoundParams = t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }) });
const PlayParams = t.Object({ code: t.String({ maxLength: 8 }), rid: t.String({ maxLength: 12 }) });
const openBody = validator(OpenBody);
const stealForBody = validator(StealForBody);
type TeacherAction = "open" | "reveal" | "skip" | "steal-for";

function stealResponse(r: StealOk): Record<string, unknown> {
  return { points: r.points, taken: r.taken, gained: r.gained, from: r.from, to: r.to };
}

export function scoreStealRoutes(deps: AppDeps) {
  const { db } = deps;

  /**
   * A teacher's action on the round, as the API's answer body, or a refusal. After commit the
   * clock re-arms (open, reveal) and every screen is told.
   */
  const act = (action: TeacherAction, gameId: number, roundId: number, body: Record<string, unknown>, isForm: boolean): Result<{ body: Record<string, unknown> }> => {
    const now = Date.now();
    if (action === "steal-for") {
      const input = stealForBody.check(isForm ? stealForFromForm(body) : body);
      if (!input.ok) return input;
      const r = stealPoints(db, { gameId, roundId, winnerTeamId: input.value.teamId, targetTeamId: input.value.targetTeamId, by: null }, now);
      if (!r.ok) return r;
      deps.bus.publish(gameId, "round", "scores");
      return { ok: true, body: stealResponse(r) };
    }
    let r: Result<{ round: Round; position?: number }>;
    if (action === "open") {
      const input = openBody.check(isForm ? { questionId: body.questionId === undefined || body.questionId === "" ? undefined : fromForm.int(body.questionId) } : body);
      r = input.ok ? openStealQuestion(db, gameId, roundId, input.value.questionId, now) : input;
    } else {
      // Skip closes the question with no winner for the brackets still racing; both show the answer.
      r = revealNow(db, gameId, roundId, now);
    }
    if (!r.ok) return r;
    deps.clock.changed(r.round);
    return { ok: true, body: { sessionId: roundId, ...(r.position !== undefined ? { position: r.position } : {}) } };
  };

  const teacherPage = (w: Who, r: Result<object>) => (r.ok ? html(Notice({ kind: "ok", message: roundText(w.lang, "done") })) : pageFail(w, r));

  const api = (action: TeacherAction) => ({ w, params, body }: { w: Who; params: { id: string; rid: string }; body: unknown }) => {
    const gameId = idParam(params.id);
    const roundId = idParam(params.rid);
    if (gameId === null || roundId === null) return apiError("round_not_found", w.lang);
    const r = act(action, gameId, roundId, (body ?? {}) as Record<string, unknown>, false);
    return r.ok ? json(r.body) : apiFail(r, w.lang);
  };
  const page = (action: TeacherAction) => ({ w, params, body }: { w: Who; params: { id: string; rid: string }; body: unknown }) => {
    const gameId = idParam(params.id);
    const roundId = idParam(params.rid);
    if (gameId === null || roundId === null) return pageError(w, "round_not_found");
    return teacherPage(w, act(action, gameId, roundId, (body ?? {}) as Record<string, unknown>, true));
  };
  const FormBody = t.Record(t.String({ maxLength: 20 }), t.String({ maxLength: 20 }));

  const app = new Elysia()
    .use(edges(deps))
    // The API's bodies are checked by Elysia against the same schemas (400 for anything else); `open` takes `{}` for the next question.
    .post("/api/games/:id/rounds/:rid/open", api("open"), { teacher: "api", params: RoundParams, body: OpenBody })
    .post("/api/games/:id/rounds/:rid/reveal", api("reveal"), { teacher: "api", params: RoundParams })
    .post("/api/games/:id/rounds/:rid/skip", api("skip"), { teacher: "api", params: RoundParams })
    .post("/api/games/:id/rounds/:rid/steal-for", api("steal-for"), { teacher: "api", params: RoundParams, body: StealForBody })
    .post("/teacher/games/:id/rounds/:rid/open", page("open"), { teacher: "page", params: RoundParams, body: FormBody })
    .post("/teacher/games/:id/rounds/:rid/reveal", page("reveal"), { teacher: "page", params: RoundParams })
    .post("/teacher/games/:id/rounds/:rid/skip", page("skip"), { teacher: "page", params: RoundParams })
    .post("/teacher/games/:id/rounds/:rid/steal-for", page("steal-for"), { teacher: "page", params: RoundParams, body: FormBody });

  /** The winner's steal, by a member: refusals as the API says (409 not_winner / already_stolen / target_protected, 422 target_not_eligible). */
  const steal = (w: Who, participantId: number, teamId: number, roundId: number, targetTeamId: number): StealOk | Fail => {
    const r = stealPoints(db, { roundId, winnerTeamId: teamId, targetTeamId, by: participantId });
    if (r.ok) deps.bus.publish(r.gameId, "round", "scores");
    return r;
  };

  return app
    .post("/api/steal", ({ w, participant, body }) => {
      const r = steal(w, participant.id, participant.teamId, body.sessionId, body.targetTeamId);
      return r.ok ? json(stealResponse(r)) : apiFail(r, w.lang);
    }, { student: "api", body: StealBody })
    .post("/g/:code/steal/:rid/target", ({ w, participant, params, body }) => {
      const roundId = idParam(params.rid);
      const target = idParam(body.targetTeamId);
      if (roundId === null || target === null) return pageError(w, roundId === null ? "round_not_found" : "target_not_eligible");
      const r = steal(w, participant.id, participant.teamId, roundId, target);
      return r.ok ? html(Notice({ kind: "ok", message: `+${r.gained}` })) : pageFail(w, r);
    }, { student: "page", params: PlayParams, body: t.Object({ targetTeamId: t.String({ maxLength: 12 }) }) })
    .post("/g/:code/steal/:rid/answer", async ({ w, participant, params, body }) => {
      const roundId = idParam(params.rid);
      if (roundId === null) return pageError(w, "round_not_found");
      const r = await submitStealAnswer(db, { participantId: participant.id, roundId, answer: body.answer });
      const news = announceAnswer(r);
      if (news) deps.bus.publish(news.gameId, ...news.topics);
      if (!r.ok) return pageError(w, r.code, failText(r, w.lang));
      const text = r.winner ? st(w.lang, "you_won") : `${r.correct ? st(w.lang, "correct") : st(w.lang, "wrong")} · ${secs(r.answerMs)}${st(w.lang, "seconds")}${r.points < 0 ? ` · ${r.points}` : ""}`;
      return html(Notice({ kind: r.correct ? "ok" : "info", message: text }));
    }, { student: "page", limit: "answer", params: PlayParams, body: t.Object({ answer: t.String({ maxLength: 400 }) }) });
}
