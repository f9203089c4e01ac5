// One Score Steal question in every game of the bench, as in a gym: the teachers open it (all
// games within the same moment), every phone taps an answer within `tapMs` of its stream showing
// the question (most get 409 team_already_answered), each bracket's winner steals from a team of
// its bracket, and the answer is revealed. Measured: open → each stream, every answer's latency,
// the steal → each stream of its bracket and the projector; checked: one winner per bracket (as
// /api/game-state says and as the 200s said), one team answer per team.
import { http } from "./http.ts";
import { procStat } from "./procs.ts";
import { Samples, Tally } from "./stats.ts";
import type { BenchQuestion, Phone, SGame, StealClass } from "./steal-classroom.ts";
import { REVEAL_GRACE_MS } from "../../src/rounds/score-steal/types.ts";

/** `openSpreadMs`: the games' teachers open the question over this long (game i at i/games of it). */
export type PlayOptions = { tapMs: number; correctShare: number; fanoutTimeoutMs: number; openSpreadMs: number };

export type QuestionResult = {
  position: number;
  /** Teacher's open request, per game. */
  openRequest: Samples;
  /** From the open request's start to the question on each phone's / projector's stream. */
  openToPhone: Samples;
  openToScreen: Samples;
  openMissed: number;
  answers: Samples;
  teamAnswers: Samples;
  expected: Tally;
  errors: Tally;
  brackets: number;
  winnersOk: number;
  noCorrect: number;
  problems: string[];
  /** Teams that did not get exactly one 200 (a team answers once; a tap after the reveal is refused). */
  teamAnswerMismatches: number;
  /** `fromNobody`: brackets whose winner had nobody to steal from (the server gave the points at once). */
  steal: { count: number; fromNobody: number; request: Samples; toPhone: Samples; toScreen: Samples; missed: number };
  burstSeconds: number;
  serverCpuSeconds: number;
};

type Winner = { phone: Phone; sentAt: number };
type GameState = { teams: { id: number; score: number }[]; round: { brackets: { bracket: string; phase: string; revealed: boolean; winner: { teamId: number } | null }[]; protectedTeams: number[]; steals?: { position: number; bracket: string; targetTeamId: number | null }[] } | null };

const codeOf = (body: string, error?: string) => /"code":"(\w+)"/.exec(body)?.[1] ?? (error ? `network:${error}` : "?");

export class StealPlay {
  constructor(private room: StealClass, private o: PlayOptions, private pid: number) {}

  async state(g: SGame): Promise<GameState> {
    const r = await this.room.teacher(g, `/api/game-state?gameId=${g.id}`);
    if (r.status !== 200) throw new Error(`bench: game-state ${r.status} ${r.body.slice(0, 200)}`);
    return JSON.parse(r.body) as GameState;
  }

  async question(position: number): Promise<QuestionResult> {
    const { room, o } = this;
    const q = room.questions[position - 1]!;
    const res: QuestionResult = {
      position, openRequest: new Samples(), openToPhone: new Samples(), openToScreen: new Samples(), openMissed: 0,
      answers: new Samples(), teamAnswers: new Samples(), expected: new Tally(), errors: new Tally(),
      brackets: 0, winnersOk: 0, noCorrect: 0, problems: [], teamAnswerMismatches: 0,
      steal: { count: 0, fromNobody: 0, request: new Samples(), toPhone: new Samples(), toScreen: new Samples(), missed: 0 }, burstSeconds: 0, serverCpuSeconds: 0,
    };
    const winners = new Map<string, Winner[]>();
    const correctIn = new Set<string>();
    const teamOks = new Map<number, number>();
    const teamTapped = new Set<number>();
    const closed: { game: SGame; respAt: number }[] = [];
    const taps: Promise<void>[] = [];
    const key = (g: SGame, bracket: string) => `${g.idx}|${bracket}`;

    const tap = async (p: Phone) => {
      const right = Math.random() < o.correctShare;
      const t0 = performance.now();
      const r = await http(room.base, "/api/submit-answer", { json: { sessionId: p.game.sessionId, answer: right ? q.answer : q.wrong }, cookie: p.cookie, from: p.address });
      const t1 = performance.now();
      res.answers.push(t1 - t0);
      const code = r.status === 200 ? "ok" : codeOf(r.body, r.error);
      if (r.status === 403 && code === "question_closed") return void closed.push({ game: p.game, respAt: t1 });
      teamTapped.add(p.team.id);
      if (r.status === 200) {
        res.teamAnswers.push(t1 - t0);
        teamOks.set(p.team.id, (teamOks.get(p.team.id) ?? 0) + 1);
        const body = JSON.parse(r.body) as { correct: boolean; winner: boolean; late: boolean };
        if (body.correct !== right) res.errors.add(`judged ${body.correct ? "right" : "wrong"}, sent ${right ? "right" : "wrong"}`);
        if (body.correct) correctIn.add(key(p.game, p.team.bracket));
        if (body.winner) {
          const k = key(p.game, p.team.bracket);
          winners.set(k, [...(winners.get(k) ?? []), { phone: p, sentAt: t0 }]);
          return void res.expected.add("200 won");
        }
        if (!body.late && body.correct) return void res.errors.add("200 right while racing, but not the winner");
        return void res.expected.add(body.late ? `200 after the winner (${body.correct ? "right" : "wrong"})` : "200 wrong (penalty)");
      }
      if (r.status === 409 && code === "team_already_answered") return void res.expected.add("409 team_already_answered");
      res.errors.add(`answer:${r.status}:${code}`);
    };

    // Every stream waits for this question's phase; a phone taps within tapMs of seeing it.
    const openStart = new Map<SGame, number>();
    for (const g of room.games) {
      const mark = `data-phase="ss-${g.sessionId}-${position}-`;
      room.arm(g, mark, mark, (p) => taps.push(new Promise((done) => setTimeout(() => void tap(p).then(done), Math.random() * o.tapMs))));
    }
    const cpu0 = procStat(this.pid)?.cpuSeconds ?? 0;
    const burst0 = performance.now();
    await Promise.all(room.games.map(async (g) => {
      await Bun.sleep((g.idx / room.games.length) * o.openSpreadMs);
      const t0 = performance.now();
      openStart.set(g, t0);
      const r = await room.teacher(g, `/api/games/${g.id}/rounds/${g.sessionId}/open`, { json: {} });
      res.openRequest.push(performance.now() - t0);
      if (r.status !== 200) room.teacherErrors.add(`open:${r.status}:${codeOf(r.body, r.error)}`);
    }));
    await room.waitMarks(o.fanoutTimeoutMs);
    for (const g of room.games) {
      const t0 = openStart.get(g)!;
      for (const p of g.phones) {
        if (!p.watch) continue;
        if (p.markSeenAt && p.markSeenAt - t0 <= o.fanoutTimeoutMs) res.openToPhone.push(p.markSeenAt - t0);
        else res.openMissed++;
      }
      for (const ov of g.overviews) {
        if (!ov.mark) continue;
        if (ov.markSeenAt && ov.markSeenAt - t0 <= o.fanoutTimeoutMs) res.openToScreen.push(ov.markSeenAt - t0);
        else res.openMissed++;
      }
    }
    // Every phone that saw the question has scheduled its tap by now (a tap per phone).
    while (taps.length < res.openToPhone.length) await Bun.sleep(5);
    await Promise.all(taps);
    res.burstSeconds = (performance.now() - burst0) / 1000;
    res.serverCpuSeconds = (procStat(this.pid)?.cpuSeconds ?? 0) - cpu0;

    // 403 question_closed is right only for a tap the server received after the answer was shown:
    // at the earliest REVEAL_GRACE_MS after the game's last bracket winner sent its answer.
    for (const c of closed) {
      const ws = c.game.brackets.map((b) => winners.get(key(c.game, b))?.[0]?.sentAt);
      const revealFrom = ws.every((t) => t !== undefined) ? Math.max(...(ws as number[])) + REVEAL_GRACE_MS : Infinity;
      if (c.respAt >= revealFrom) res.expected.add("403 question_closed (after the reveal)");
      else res.errors.add("answer:403:question_closed (before the reveal)");
    }
    for (const g of room.games) for (const t of g.teams) if (teamTapped.has(t.id) && teamOks.get(t.id) !== 1) res.teamAnswerMismatches++;

    // One winner per bracket: the 200s and the server's state agree.
    const states = new Map<SGame, GameState>();
    await Promise.all(room.games.map(async (g) => states.set(g, await this.state(g))));
    for (const g of room.games) {
      const st = states.get(g)!;
      for (const b of g.brackets) {
        res.brackets++;
        const ws = winners.get(key(g, b)) ?? [];
        const server = st.round?.brackets.find((x) => x.bracket === b)?.winner?.teamId ?? null;
        const ok = correctIn.has(key(g, b)) ? ws.length === 1 && ws[0]!.phone.team.id === server : ws.length === 0 && server === null;
        if (!correctIn.has(key(g, b))) res.noCorrect++;
        if (ok) res.winnersOk++;
        else res.problems.push(`game ${g.idx + 1} bracket "${b}": ${ws.length} winners by the 200s, server says ${server}`);
      }
    }
    await this.steals(res, winners, states, position);
    await this.reveal(res);
    return res;
  }

  /** Each bracket's winner steals (all games and brackets at once); fan-out to the bracket's phones and the projector. */
  private async steals(res: QuestionResult, winners: Map<string, Winner[]>, states: Map<SGame, GameState>, position: number): Promise<void> {
    const { room, o } = this;
    const jobs: { g: SGame; b: number; picker: Phone; target: number }[] = [];
    for (const g of room.games) {
      const round = states.get(g)!.round;
      const shielded = new Set(round?.protectedTeams ?? []);
      g.brackets.forEach((b, bi) => {
        const ws = winners.get(`${g.idx}|${b}`);
        if (ws?.length !== 1) return;
        const picker = ws[0]!.phone;
        // Nobody to steal from: the server gave the points from nobody at the win, with no pick (its
        // steal is already recorded; the shield it respected is then used up and no longer listed).
        if (round?.steals?.some((x) => x.position === position && x.bracket === b && x.targetTeamId === null)) return void res.steal.fromNobody++;
        const targets = g.teams.filter((t) => t.bracket === b && t.id !== picker.team.id && !shielded.has(t.id));
        if (!targets.length) return void res.steal.fromNobody++;
        jobs.push({ g, b: bi, picker, target: targets[Math.floor(Math.random() * targets.length)]!.id });
      });
    }
    // Watch before asking: the steal may reach a stream before its response.
    for (const j of jobs) {
      for (const p of j.g.phones) if (p.team.bracket === j.g.brackets[j.b]) p.stealArmed = true;
      for (const ov of j.g.overviews) if (ov.kind === "screen") ov.stealArmed[j.b] = true;
    }
    const done = await Promise.all(jobs.map(async (j) => {
      const t0 = performance.now();
      const r = await http(room.base, "/api/steal", { json: { sessionId: j.g.sessionId, targetTeamId: j.target }, cookie: j.picker.cookie, from: j.picker.address });
      const t1 = performance.now();
      res.steal.request.push(t1 - t0);
      if (r.status !== 200) { res.errors.add(`steal:${r.status}:${codeOf(r.body, r.error)}`); return null; }
      res.steal.count++;
      return { ...j, respAt: t1 };
    }));
    const made = done.filter((d) => d !== null);
    const last = Math.max(0, ...made.map((d) => d.respAt));
    const pending = () => made.some((d) => d.g.phones.some((p) => p.watch && p.stealArmed && !p.stealSeenAt) || d.g.overviews.some((ov) => ov.stealArmed[d.b] && !ov.stealSeenAt[d.b]));
    while (pending() && performance.now() < last + o.fanoutTimeoutMs) await Bun.sleep(5);
    for (const d of made) {
      const within = (seen: number) => seen > 0 && seen - d.respAt <= o.fanoutTimeoutMs;
      for (const p of d.g.phones) {
        if (!p.watch || p.team.bracket !== d.g.brackets[d.b]) continue;
        if (within(p.stealSeenAt)) res.steal.toPhone.push(Math.max(0, p.stealSeenAt - d.respAt));
        else res.steal.missed++;
      }
      for (const ov of d.g.overviews) {
        if (ov.kind !== "screen") continue;
        if (within(ov.stealSeenAt[d.b]!)) res.steal.toScreen.push(Math.max(0, ov.stealSeenAt[d.b]! - d.respAt));
        else res.steal.missed++;
      }
    }
  }

  /**
   * The teacher reveals (the server may have done it already, REVEAL_GRACE_MS after the last
   * winner: then 409 bad_state), then every bracket must show the answer with no pick pending.
   */
  private async reveal(res: QuestionResult): Promise<void> {
    const { room } = this;
    await Promise.all(room.games.map(async (g) => {
      const r = await room.teacher(g, `/api/games/${g.id}/rounds/${g.sessionId}/reveal`, { json: {} });
      const code = codeOf(r.body, r.error);
      if (r.status !== 200 && !(r.status === 409 && code === "bad_state")) room.teacherErrors.add(`reveal:${r.status}:${code}`);
      const st = await this.state(g);
      const notDone = st.round?.brackets.filter((b) => !b.revealed || b.phase === "choosing_target") ?? [];
      if (notDone.length) res.problems.push(`game ${g.idx + 1}: after the reveal ${notDone.map((b) => `"${b.bracket}" ${b.phase}${b.revealed ? "" : " (not revealed)"}`).join(", ")}`);
    }));
  }
}
