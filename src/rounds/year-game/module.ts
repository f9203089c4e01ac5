// The Year Game as a round type: how it starts, takes answers, keeps time, shows and exports.
import type { RoundModule } from "../contract.ts";
import { singleDeadline } from "../timing.ts";
import { str } from "../../../views/partial.ts";
import { findsForExport, missesForExport, startYearRound, submitYearAnswer, yearConfigOf, type SubmitResult } from "./domain.ts";
import { drawDigits, yearDigits } from "./rules.ts";
import { YearAnswerBody, YearStartBody, yearStartFromForm } from "./schemas.ts";
import { answerJson, announceAnswer } from "./answer.ts";
import { results, screenView, studentView, teacherView, teamView, yearState } from "./live.ts";
import { yearGameRoutes } from "./routes.tsx";
import { yearAnalytics } from "./analytics.ts";
import { StartForm } from "../../../views/rounds/year-game/teacher.tsx";
import { yt } from "../../../views/rounds/year-game/text.ts";

export const yearGame: RoundModule<typeof YearStartBody, typeof YearAnswerBody, SubmitResult> = {
  type: "year_game",
  label: { ko: yt("ko", "name"), en: yt("en", "name") },
  script: "year-game.js",

  start: {
    body: YearStartBody,
    fromForm: yearStartFromForm,
    settingLabels: (lang) => ({
      digits: yt(lang, "digits_plan"), targetMin: yt(lang, "target_min"), targetMax: yt(lang, "target_max"), durationSeconds: yt(lang, "duration_seconds"),
      scoring: yt(lang, "scoring"), "scoring=value": yt(lang, "scoring_value"), "scoring=range": yt(lang, "scoring_range"), "scoring=flat": yt(lang, "scoring_flat"),
      flatPoints: yt(lang, "flat_points"), operators: yt(lang, "operators"),
      "operators.power": yt(lang, "op_power"), "operators.factorial": yt(lang, "op_factorial"), "operators.perm": yt(lang, "op_perm"),
      "operators.comb": yt(lang, "op_comb"), "operators.sqrt": yt(lang, "op_sqrt"), "operators.concat": yt(lang, "op_concat"),
    }),
    form(_db, game, lang, query) {
      // "Use a year's digits": the form asks for itself again with the year typed in.
      const year = Number(query.year);
      const digits = Number.isInteger(year) && year >= 1000 && year <= 9999 ? yearDigits(year) : drawDigits();
      return str(StartForm({ game, lang, digits }));
    },
    run: (db, gameId, input, now) => startYearRound(db, gameId, input, now),
    response(_db, round) {
      const config = yearConfigOf(round);
      return { digits: config.rules.digits, rules: config.rules, scoring: config.scoring, endsAt: round.endsAt };
    },
  },

  answer: {
    body: YearAnswerBody,
    run: (db, { participant, roundId, input, now }) => submitYearAnswer(db, { participantId: participant.id, roundId, expression: input.expression, targetNumber: input.targetNumber }, now),
    announce: announceAnswer,
    json: answerJson,
  },

  clock: singleDeadline,

  state: yearState,
  studentView,
  teamView,
  teacherView,
  screenView,
  results: (db, round, ctx) => results(db, round, ctx, false)(),
  // Numbers found, and the answers that found none (a number the team had already: "duplicate";
  // an expression refused: "invalid"), so that analytics can tell each member's accuracy.
  exportRows: (db, round) => [
    ...findsForExport(db, round.id).map((f) => ({
      roundId: round.id, roundType: "year_game" as const, teamId: f.teamId, team: f.team, participantId: f.participantId, member: f.member,
      kind: "find", what: String(f.target), detail: f.expression, points: f.points, at: f.at, correct: true,
    })),
    ...missesForExport(db, round.id).map((a) => ({
      roundId: round.id, roundType: "year_game" as const, teamId: a.teamId, team: a.team, participantId: a.participantId, member: a.member,
      kind: a.result, what: a.value === null ? "" : String(a.value), detail: a.reason ? `${a.expression} · ${a.reason}` : a.expression, points: 0, at: a.at, correct: a.result === "duplicate",
    })),
  ].sort((a, b) => a.at - b.at),

  analytics: yearAnalytics,

  routes: yearGameRoutes,
};
