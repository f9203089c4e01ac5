// The Relay Quiz as a round type: how it starts, takes answers, keeps time per team, shows,
// exports, and what teachers' changes to teams mean while it runs.
import type { RoundModule } from "../contract.ts";
import { relayConfigOf } from "./config.ts";
import { RelayAnswerBody, RelayStartBody, relayStartFromForm } from "./schemas.ts";
import { roundMapping, startRelayRound } from "./start.ts";
import { submitRelayAnswer, type AnswerResult } from "./play.ts";
import { answerJson, announceAnswer } from "./answer.ts";
import { relayClock } from "./progress.ts";
import { memberRemoved, refuseMove } from "./members.ts";
import { relayExportRows, relayState, results, screenView, studentView, teacherView, teamView } from "./live.ts";
import { relayRoutes } from "./routes.tsx";
import { startForm } from "./form.ts";
import { rt } from "../../../views/rounds/relay-quiz/text.ts";

export const relayQuiz: RoundModule<typeof RelayStartBody, typeof RelayAnswerBody, AnswerResult> = {
  type: "relay_quiz",
  label: { ko: rt("ko", "name"), en: rt("en", "name") },

  start: {
    body: RelayStartBody,
    fromForm: relayStartFromForm,
    // The member order needs the seated teams: it is set on the start form, not in the plan.
    settingLabels: (lang) => ({
      sets: rt(lang, "sets_plan"), cycleSeconds: rt(lang, "cycle_seconds"), hintPenalty: rt(lang, "hint_penalty"), followThrough: rt(lang, "follow_through"),
      pacing: rt(lang, "pacing"), "pacing=team": rt(lang, "pacing_team"), "pacing=together": rt(lang, "pacing_together"),
    }),
    form: (db, game, lang) => startForm(db, game, lang),
    run: (db, gameId, input, now) => startRelayRound(db, gameId, input, now),
    response(db, round) {
      const config = relayConfigOf(db, round);
      return {
        sets: config.sets.map((s) => s.set), cycles: config.size, cycleSeconds: config.cycleSeconds, pacing: config.pacing,
        followThrough: config.followThrough, hintPenalty: config.hintPenalty, endsAt: round.endsAt, mapping: roundMapping(db, round, config),
      };
    },
  },

  answer: {
    body: RelayAnswerBody,
    run: (db, { participant, roundId, input, now }) => submitRelayAnswer(db, { participantId: participant.id, roundId, answer: input.answer, questionId: input.questionId }, now),
    announce: announceAnswer,
    json: answerJson,
  },

  clock: relayClock,

  state: relayState,
  studentView,
  teamView,
  teacherView,
  screenView,
  results,
  exportRows: relayExportRows,

  routes: relayRoutes,

  members: {
    refuseMove: () => refuseMove(),
    removed: (tx, round, participantId) => memberRemoved(tx, round, participantId),
  },
};
