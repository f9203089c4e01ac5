// The Relay Quiz's own routes: the phone's answer pad and hint button (fragments), the hint in
// the API, the teacher's hand-over (API and page) and the start form's mapping preview.
// Starting a round, answering over the API and pause/resume/extend/end are the shared round
// routes (../routes.tsx).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { read } from "../../db/client.ts";
import type { Who } from "../../auth/request.ts";
import { edges } from "../../http/edges.ts";
import { apiError, apiFail, html, json, pageError, pageFail, redirectAfterPost } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { fromForm, validator } from "../../http/validate.ts";
import { ERRORS, failText, type Lang, type Result } from "../../errors.ts";
import { findGame } from "../../games/queries.ts";
import type { Round } from "../../db/schema.ts";
import { Layout, Notice } from "../../../views/layout.tsx";
import { TeacherNav } from "../../../views/games/dashboard.tsx";
import { announceAnswer, announceHint, hintJson } from "./answer.ts";
import { publishAnnouncement } from "../announce.ts";
import type { Announcement } from "../contract.ts";
import { submitRelayAnswer, takeRelayHint, type AnswerResult } from "./play.ts";
import { reassignRelay } from "./members.ts";
import { relayConfigOf } from "./config.ts";
import { mappingOf } from "./start.ts";
import { teamRelay } from "./store.ts";
import { RelayHintBody, RelayReassignBody } from "./schemas.ts";
import { previewFragment, startForm } from "./form.ts";
import { rt } from "../../../views/rounds/relay-quiz/text.ts";

const PlayParams = t.Object({ code: t.String({ maxLength: 8 }), rid: t.String({ maxLength: 12 }) });
const RoundParams = t.Object({ id: t.String({ maxLength: 12 }), rid: t.String({ maxLength: 12 }) });
const IdParams = t.Object({ id: t.String({ maxLength: 12 }) });
/** The answer pad always says which question it answers. */
const AnswerForm = t.Object({ answer: t.String({ maxLength: 400 }), questionId: t.String({ maxLength: 12 }) });
const HintForm = t.Object({ questionId: t.String({ maxLength: 12 }) });
const ReassignForm = t.Object({ fromParticipantId: t.String({ maxLength: 12 }), toParticipantId: t.String({ maxLength: 12 }) });
/** The start form as the preview reads it: its `type`, and any other fields (it ignores what it does not know), bounded. */
const PreviewForm = t.Object({ type: t.Literal("relay_quiz") }, { additionalProperties: t.Union([t.String({ maxLength: 200 }), t.Array(t.String({ maxLength: 200 }), { maxItems: 1000 })]) });
const reassignBody = validator(RelayReassignBody);

function answerFeedback(r: AnswerResult, lang: Lang): JSX.Element {
  if (!r.ok) return Notice({ kind: "error", message: failText(r, lang) });
  const text = r.correct ? `${rt(lang, "correct")}${r.credit === "follow_through" ? ` (${rt(lang, "follow_through_credit")})` : ""} +${r.points}` : rt(lang, "wrong");
  return Notice({ kind: r.correct ? "ok" : "info", message: text });
}

export function relayRoutes(deps: AppDeps) {
  const { db } = deps;
  /** After a committed answer or hint: screens are told, and a moved cycle re-arms the round's clock. */
  const announce = (news: Announcement | null) => publishAnnouncement(deps, news);
  const reassign = (gameId: number, roundId: number, body: unknown): Result<{ round: Round; moved: number; teamId: number }> => {
    const input = reassignBody.check(body);
    if (!input.ok) return input;
    const r = reassignRelay(db, gameId, roundId, input.value);
    if (r.ok) deps.bus.publish(gameId, "round", "scores");
    return r;
  };
  const teacherPage = (w: Who, gameId: number, title: string, body: string) => html(Layout({
    lang: w.lang, title, bodyClass: "teacher", nav: TeacherNav({ lang: w.lang }),
    children: (
      <>
        <p><a href={`/teacher/games/${gameId}`}>← {rt(w.lang, "name")}</a></p>
        <section class="card"><div id="flash"></div>{body as "safe"}</section>
      </>
    ),
  }));

  return new Elysia()
    .use(edges(deps))
    .post("/g/:code/relay/:rid/answer", async ({ w, participant, params, body }) => {
      const roundId = idParam(params.rid);
      if (roundId === null) return pageError(w, "round_not_found");
      const questionId = idParam(body.questionId);
      if (questionId === null) return pageError(w, "invalid_input");
      const r = await submitRelayAnswer(db, { participantId: participant.id, roundId, answer: body.answer, questionId });
      announce(announceAnswer(r));
      // htmx swaps 4xx answers too (htmx 4): the reason shows under the answer pad.
      return html(answerFeedback(r, w.lang), r.ok ? 200 : ERRORS[r.code].status);
    }, { student: "page", limit: "answer", params: PlayParams, body: AnswerForm })
    .post("/g/:code/relay/:rid/hint", async ({ w, participant, params, body }) => {
      const roundId = idParam(params.rid);
      const questionId = idParam(body.questionId);
      if (roundId === null) return pageError(w, "round_not_found");
      if (questionId === null) return pageError(w, "invalid_input");
      const r = await takeRelayHint(db, { participantId: participant.id, roundId, questionId });
      announce(announceHint(r));
      if (!r.ok) return html(Notice({ kind: "error", message: failText(r, w.lang) }), ERRORS[r.code].status);
      return html(
        <p class="notice notice-info rq-hint-shown">
          💡 {rt(w.lang, "hint_shown")}: <b safe>{r.previousAnswer}</b>
          {r.charged ? <small> (−{r.charged} {rt(w.lang, "hint_charged")})</small> : ""}
        </p>,
      );
    }, { student: "page", limit: "answer", params: PlayParams, body: HintForm })
    .post("/api/relay/hint", async ({ w, participant, body }) => {
      const r = await takeRelayHint(db, { participantId: participant.id, roundId: body.sessionId, questionId: body.questionId });
      announce(announceHint(r));
      const out = hintJson(r, w.lang);
      return json(out.body, out.status);
    }, { student: "api", limit: "answer", body: RelayHintBody })
    .post("/api/games/:id/rounds/:rid/reassign", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      const roundId = idParam(params.rid);
      if (gameId === null || roundId === null) return apiError("round_not_found", w.lang);
      const r = reassign(gameId, roundId, body);
      if (!r.ok) return apiFail(r, w.lang);
      const team = teamRelay(db, roundId, r.teamId);
      return json({ sessionId: roundId, moved: r.moved, mapping: team ? mappingOf(relayConfigOf(db, r.round), team) : null });
    }, { teacher: "api", params: RoundParams, body: RelayReassignBody })
    .post("/teacher/games/:id/rounds/:rid/reassign", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      const roundId = idParam(params.rid);
      if (gameId === null || roundId === null) return pageError(w, "round_not_found");
      const r = reassign(gameId, roundId, { fromParticipantId: fromForm.int(body.fromParticipantId), toParticipantId: fromForm.int(body.toParticipantId) });
      if (!r.ok) return pageFail(w, r);
      return w.isHtmx ? html(Notice({ kind: "ok", message: `${rt(w.lang, "handed_over")} (${r.moved})` })) : redirectAfterPost(w, `/teacher/games/${gameId}`);
    }, { teacher: "page", params: RoundParams, body: ReassignForm })
    .post("/teacher/games/:id/relay/preview", ({ w, params, body }) => {
      const gameId = idParam(params.id);
      const game = gameId === null ? undefined : findGame(db, gameId);
      if (!game) return pageError(w, "game_not_found");
      const form = body as Record<string, unknown>;
      if (w.isHtmx) return html(read(db, (tx) => previewFragment(tx, game, w.lang, form)));
      // Without scripts the ↑ ↓ buttons post the whole form here: the page comes back with the new order.
      return teacherPage(w, game.id, `${rt(w.lang, "name")} · ${game.title}`, read(db, (tx) => startForm(tx, game, w.lang, form)));
    }, { teacher: "page", params: IdParams, body: PreviewForm });
}
