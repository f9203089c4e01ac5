// The Year Game's own routes: the phone's keypad (answer as a fragment) and its live preview.
// Starting a round and the API's answers go through the shared round routes (../routes.tsx).
import { Elysia, t } from "elysia";
import type { AppDeps } from "../../deps.ts";
import { read } from "../../db/client.ts";
import { edges } from "../../http/edges.ts";
import { html, pageError } from "../../http/respond.tsx";
import { idParam } from "../../http/guards.ts";
import { errorMessage, ERRORS, type Lang } from "../../errors.ts";
import { findGameByCode } from "../../games/queries.ts";
import { findRound } from "../current.ts";
import { submitYearAnswer, teamFinds, yearConfigOf, type SubmitResult } from "./domain.ts";
import { previewExpression } from "./rules.ts";
import { announceAnswer } from "./answer.ts";
import { partial, str } from "../../../views/partial.ts";
import { Feedback, PreviewLine, TeamStatus } from "../../../views/rounds/year-game/play.tsx";
import { cellUpdate } from "../../../views/rounds/year-game/parts.tsx";
import { yt } from "../../../views/rounds/year-game/text.ts";
import { yearProblemText } from "../../../views/rounds/year-game/problems.ts";

const ExpressionForm = t.Object({ expression: t.String({ maxLength: 200 }) });
const PlayParams = t.Object({ code: t.String({ maxLength: 8 }), rid: t.String({ maxLength: 12 }) });

function feedbackText(r: SubmitResult, lang: Lang): { kind: "ok" | "dup" | "error"; text: string } {
  if (r.ok) return { kind: "ok", text: `${yt(lang, "correct")} ${r.target} = ${r.normalized} · +${r.points}` };
  if (r.code === "already_found") return { kind: "dup", text: `${r.target}: ${yt(lang, "already_found")} (${yt(lang, "by")} ${r.foundBy})` };
  if (r.code === "invalid_expression") return { kind: "error", text: yearProblemText(r.problem.message, lang) };
  return { kind: "error", text: errorMessage(r.code, lang) };
}

export function yearGameRoutes(deps: AppDeps) {
  const { db } = deps;
  return new Elysia()
    .use(edges(deps))
    .post("/g/:code/year/:rid/submit", async ({ w, participant, params, body }) => {
      const roundId = idParam(params.rid);
      if (roundId === null) return pageError(w, "round_not_found");
      const r = await submitYearAnswer(db, { participantId: participant.id, roundId, expression: body.expression });
      const news = announceAnswer(r);
      if (news) deps.bus.publish(news.gameId, ...news.topics);
      let out = str(Feedback(feedbackText(r, w.lang)));
      if (r.ok) {
        // The answering phone sees its number at once; teammates get it over SSE. Only its own cell:
        // a whole grid drawn now could land after a stream frame with a teammate's newer find, and
        // wipe it from this phone for good (the stream sends each cell once).
        out += read(db, (tx) => {
          const round = findRound(tx, roundId)!;
          // The team's finds as the next live flush will read them (cached until they change).
          const v = { round, config: yearConfigOf(round), finds: teamFinds(tx, round.id, r.teamId).finds, teamScore: r.teamScore, now: Date.now(), lang: w.lang };
          const mine = v.finds.find((f) => f.target === r.target);
          return (mine ? cellUpdate(mine, w.lang) : "") + partial("yg-status", TeamStatus(v));
        });
      }
      const status = r.ok ? 200 : r.code === "invalid_expression" ? 422 : ERRORS[r.code].status;
      // htmx swaps 4xx answers too (htmx 4), which is what shows the reason under the keypad.
      return html(out, status);
    }, { student: "page", limit: "answer", params: PlayParams, body: ExpressionForm })
    .post("/g/:code/year/:rid/preview", ({ w, params, body }) => {
      const roundId = idParam(params.rid);
      const round = roundId === null ? undefined : read(db, (tx) => {
        const game = findGameByCode(tx, params.code);
        const r = findRound(tx, roundId);
        return game && r && r.gameId === game.id && r.type === "year_game" ? r : undefined;
      });
      if (!round) return pageError(w, "round_not_found");
      const preview = previewExpression(body.expression.slice(0, 200), yearConfigOf(round).rules);
      const error = preview.error ? yearProblemText(preview.error.message, w.lang) : undefined;
      return html(PreviewLine({ value: preview.value, error, lang: w.lang }));
    }, { params: PlayParams, body: ExpressionForm });
}
