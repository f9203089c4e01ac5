// Score Steal as a round type: how it starts, takes answers, keeps time, shows and exports.
import type { ExportRow, RoundModule } from "../contract.ts";
import { str } from "../../../views/partial.ts";
import { listQuestions } from "../../questions/bank.ts";
import { startStealRound, submitStealAnswer, type StealAnswerResult } from "./domain.ts";
import { stealClock } from "./control.ts";
import { StealAnswerBody, StealStartBody, stealStartFromForm } from "./schemas.ts";
import { answerJson, announceAnswer } from "./answer.ts";
import { results, screenView, stealGameState, studentView, teacherView } from "./live.ts";
import { stealState } from "./reads.ts";
import { scoreStealRoutes } from "./routes.tsx";
import { StealStartForm } from "../../../views/rounds/score-steal/teacher.tsx";
import { st } from "../../../views/rounds/score-steal/text.ts";
import { mathStyles } from "../../../views/questions/question.tsx";

export const scoreSteal: RoundModule<typeof StealStartBody, typeof StealAnswerBody, StealAnswerResult> = {
  type: "score_steal",
  label: { ko: st("ko", "name"), en: st("en", "name") },
  styles: mathStyles(),

  start: {
    body: StealStartBody,
    fromForm: stealStartFromForm,
    settingLabels: (lang) => ({
      questionIds: st(lang, "question_ids"), tag: st(lang, "tag"), shuffle: st(lang, "shuffle"), secondsPerQuestion: st(lang, "seconds_per_question"),
      wrongPenalty: st(lang, "wrong_penalty"), gainOnlyTaken: st(lang, "gain_only_taken"), protection: st(lang, "protection"),
      "protection=next_question": st(lang, "protection_next_question"), "protection=round": st(lang, "protection_round"), "protection=none": st(lang, "protection_none"),
    }),
    form: (db, game, lang) => str(StealStartForm({ game, lang, bank: listQuestions(db, { category: "score_steal" }) })),
    run: (db, gameId, input, now) => startStealRound(db, gameId, input, now),
    response: (db, round) => ({ questionIds: stealState(db, round).questions.map((q) => q.snapshot.questionId) }),
  },

  answer: {
    body: StealAnswerBody,
    run: (db, { participant, roundId, input, now }) => submitStealAnswer(db, { participantId: participant.id, roundId, answer: input.answer }, now),
    announce: announceAnswer,
    json: answerJson,
  },

  clock: stealClock,

  state: stealGameState,
  studentView,
  // A team's board shows what the projector shows: nothing of a team's answer before the reveal.
  teamView: (db, round, _team, ctx) => screenView(db, round, ctx),
  teacherView,
  screenView,
  results,
  exportRows(db, round) {
    const s = stealState(db, round);
    const name = (id: number | null) => s.teams.find((t) => t.id === id)?.name ?? "";
    const rows: ExportRow[] = s.answers.map((a) => ({
      roundId: round.id, roundType: "score_steal" as const, teamId: a.teamId, team: name(a.teamId), participantId: a.participantId, member: a.memberName,
      kind: a.outcome === "won" ? "win" : "answer", what: s.questions.find((q) => q.position === a.position)?.snapshot.text ?? "",
      detail: `${a.answer} · ${a.correct ? "correct" : "wrong"} · ${a.answerMs} ms`, points: a.applied, at: a.createdAt,
      answer: a.answer, correct: a.correct, answerMs: a.answerMs,
    }));
    for (const x of s.steals) {
      const what = s.questions.find((q) => q.position === x.position)?.snapshot.text ?? "";
      rows.push({ roundId: round.id, roundType: "score_steal", teamId: x.winnerTeamId, team: name(x.winnerTeamId), participantId: x.pickedBy, member: null, kind: "steal_gain", what, detail: x.targetTeamId === null ? "from nobody" : `from ${name(x.targetTeamId)}`, points: x.gained, at: x.createdAt });
      if (x.targetTeamId !== null) rows.push({ roundId: round.id, roundType: "score_steal", teamId: x.targetTeamId, team: name(x.targetTeamId), participantId: null, member: null, kind: "steal_loss", what, detail: `by ${name(x.winnerTeamId)}`, points: -x.taken, at: x.createdAt });
    }
    return rows.sort((a, b) => a.at - b.at);
  },

  routes: scoreStealRoutes,
};
