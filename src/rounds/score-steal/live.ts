// What each audience sees of a Score Steal round. A phone's view depends only on its team.
import type { Conn } from "../../db/client.ts";
import type { Round, Team } from "../../db/schema.ts";
import type { RoundView, ViewCtx } from "../contract.ts";
import { KEEP_FOCUS, partial, str } from "../../../views/partial.ts";
import { lazyView } from "../lazy-view.ts";
import { bracketOf } from "./rules.ts";
import { bracketRow, stealState, type StealState } from "./reads.ts";
import { BracketStandings } from "../../../views/rounds/score-steal/parts.tsx";
import { PhoneOutcome, PhonePanel, phoneStage, PhoneStatus, type PhoneProps } from "../../../views/rounds/score-steal/play.tsx";
import { ScreenBrackets, ScreenPanel, ScreenStatus } from "../../../views/rounds/score-steal/screen.tsx";
import { TeacherBrackets, TeacherControls, TeacherPanel, TeacherQuestion } from "../../../views/rounds/score-steal/teacher.tsx";
import { StealResults } from "../../../views/rounds/score-steal/results.tsx";
import { st } from "../../../views/rounds/score-steal/text.ts";

export function stealStateOf(db: Conn, round: Round): StealState {
  return stealState(db, round);
}

export function studentView(db: Conn, round: Round, team: Team, ctx: ViewCtx): RoundView {
  const s = stealState(db, round);
  const me = s.teams.find((t) => t.id === team.id) ?? { id: team.id, name: team.name, position: team.position, bracket: bracketOf(team), score: team.score, rank: 1, shielded: false };
  const p: PhoneProps = { s, team: me, code: ctx.game.code, lang: ctx.lang, now: ctx.now };
  const stage = phoneStage(p);
  const rest = (stage === "ready" || stage === "over" ? "" : partial("ss-outcome", PhoneOutcome(p), KEEP_FOCUS)) + partial("ss-standings", BracketStandings({ teams: s.teams, bracket: me.bracket, lang: ctx.lang, highlight: me.id }));
  return lazyView(`ss-${round.id}-${stage}`, () => str(PhonePanel(p)), partial("ss-status", PhoneStatus(p)) + rest, phoneKey(p, stage, rest));
}

/**
 * A phone is sent an update only when what it shows changes: the key is the parts' content, with
 * the countdown (whose remaining time differs at every render; the page counts it down itself)
 * standing in by its deadline and pause. Most answers in a question are other teams' late ones
 * that change nothing on this phone: keyed by the round's version, each sent every phone of the
 * game a frame (the bench measured these sends at a third of a flush).
 */
function phoneKey(p: PhoneProps, stage: string, rest: string): string {
  const b = bracketRow(p.s, p.team.bracket);
  const clock = b && b.phase === "question_open" ? `${p.s.round.status},${b.deadlineAt},${b.pausedRemainingMs}` : "";
  return `${stage}|${clock}|${Bun.hash(str(PhoneStatus({ ...p, clock: false })) + rest).toString(36)}`;
}

export function screenView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  const s = stealState(db, round);
  const p = { s, lang: ctx.lang, now: ctx.now };
  const revealed = s.brackets.every((b) => b.revealedAt !== null);
  const phase = `ss-${round.id}-${s.round.status === "finished" ? "over" : `${s.current?.position ?? 0}-${revealed}`}`;
  return lazyView(phase, () => str(ScreenPanel(p)), partial("ss-s-status", ScreenStatus(p)) + partial("ss-s-brackets", ScreenBrackets(p)), `${phase}|${s.version}`);
}

export function teacherView(db: Conn, round: Round, ctx: ViewCtx): RoundView {
  const s = stealState(db, round);
  if (s.round.status === "finished") {
    return lazyView(`ss-${round.id}-finished`, () => str(StealResults({ s, lang: ctx.lang, compact: true })) + `<p><a href="/teacher/games/${round.gameId}/rounds/${round.id}">→ ${st(ctx.lang, "full_results")}</a></p>`, "");
  }
  const p = { s, lang: ctx.lang, now: ctx.now };
  return lazyView(`ss-${round.id}-running`, () => str(TeacherPanel(p)), partial("ss-t-controls", TeacherControls(p), KEEP_FOCUS) + partial("ss-t-question", TeacherQuestion(p)) + partial("ss-t-brackets", TeacherBrackets(p), KEEP_FOCUS));
}

export function results(db: Conn, round: Round, ctx: ViewCtx): string {
  return str(StealResults({ s: stealState(db, round), lang: ctx.lang }));
}

/** The round's part of /api/game-state: phases, the open question (never its answer before the reveal), who answered, winners, shields. */
export function stealGameState(db: Conn, round: Round, now: number): Record<string, unknown> {
  const s = stealState(db, round);
  const cur = s.current;
  const revealed = s.brackets.length > 0 && s.brackets.every((b) => b.revealedAt !== null);
  return {
    config: s.config,
    questionCount: s.questions.length,
    asked: s.questions.filter((q) => q.openedAt !== null).length,
    question: cur ? {
      position: cur.position, questionId: cur.snapshot.questionId, points: cur.snapshot.points, unit: cur.snapshot.unit,
      text: cur.snapshot.text, imageUrl: cur.snapshot.image ? `/img/${cur.snapshot.image}` : null,
      ...(revealed ? { answer: cur.snapshot.answer, explanation: cur.snapshot.explanation } : {}),
    } : null,
    brackets: s.brackets.map((b) => ({
      bracket: b.bracket, phase: b.phase, position: b.position,
      deadlineAt: b.phase === "question_open" ? b.deadlineAt : null,
      remainingMs: b.phase === "question_open" ? (round.status === "paused" ? b.pausedRemainingMs : Math.max(0, (b.deadlineAt ?? now) - now)) : null,
      revealed: b.revealedAt !== null,
      winner: b.winnerTeamId === null ? null : { teamId: b.winnerTeamId, ms: b.winnerMs },
      answered: cur ? s.answers.filter((a) => a.position === cur.position && s.teams.find((t) => t.id === a.teamId)?.bracket === b.bracket).map((a) => a.teamId) : [],
    })),
    protectedTeams: s.teams.filter((t) => t.shielded).map((t) => t.id),
    steals: s.steals.map((x) => ({ position: x.position, bracket: x.bracket, winnerTeamId: x.winnerTeamId, targetTeamId: x.targetTeamId, taken: x.taken, gained: x.gained })),
  };
}
