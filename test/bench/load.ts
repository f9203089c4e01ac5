// The answers the class sends: who answers (round robin, within the server's per-device limit),
// what (a new number for the team, one it already has, or an invalid expression), and how fast
// (an open loop at a fixed rate, or a closed loop at full speed).
import type { Classroom, Phase, PhaseStats, Student, Team } from "./classroom.ts";
import { Samples } from "./stats.ts";
import { http } from "./http.ts";

type Kind = "correct" | "dup" | "invalid";

export class AnswerLoad {
  /** Answers not sent because every student had used its allowance (see withinBudget). */
  budgetSkips = 0;
  private rr = 0;
  private inFlight = 0;
  private pacing = { start: 0, perSecond: 0, dispatched: 0 };

  constructor(private room: Classroom) {}

  /** Correct answers are paced so the teams' grids are not used up before the measured phase ends. */
  pace(correctsPerSecond: number): void {
    this.pacing = { start: performance.now(), perSecond: correctsPerSecond, dispatched: 0 };
  }

  /** Open loop: answers at `rate`/s whatever the server does; latency counts from the schedule. */
  async openLoop(rate: number, seconds: number, phase: Phase): Promise<PhaseStats> {
    const stats: PhaseStats = { latency: new Samples(), sentAt: new Samples(), completed: 0, issued: 0, dueNotIssued: 0, seconds, startedAt: performance.now() };
    const start = stats.startedAt;
    const end = start + seconds * 1000;
    const total = Math.ceil(seconds * rate);
    const pending = new Set<Promise<void>>();
    let i = 0;
    for (let now = start; now < end; now = performance.now()) {
      // Request i is due at start + i/rate: issue every request whose time has come.
      const due = Math.min(Math.floor(((now - start) * rate) / 1000) + 1, total);
      while (i < due && this.inFlight < this.room.opts.inflight) {
        const scheduledAt = start + (i * 1000) / rate;
        i++;
        const s = this.pickStudent();
        if (!s) continue;
        const p = this.send(s, scheduledAt, stats, phase);
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
      await Bun.sleep(1);
    }
    stats.dueNotIssued = total - i;
    await Promise.all(pending);
    return stats;
  }

  /** Closed loop: `concurrency` students answer back to back, as fast as the server allows. */
  async closedLoop(concurrency: number, seconds: number, phase: Phase): Promise<PhaseStats> {
    const stats: PhaseStats = { latency: new Samples(), completed: 0, issued: 0, dueNotIssued: 0, seconds, startedAt: performance.now() };
    this.pacing = { start: 0, perSecond: 0, dispatched: 0 };
    const end = stats.startedAt + seconds * 1000;
    await Promise.all(Array.from({ length: Math.min(concurrency, this.room.opts.inflight) }, async () => {
      while (performance.now() < end) {
        const s = this.pickStudent();
        if (!s) return;
        await this.send(s, performance.now(), stats, phase);
      }
    }));
    stats.seconds = (performance.now() - stats.startedAt) / 1000;
    return stats;
  }

  private pickStudent(): Student | null {
    const order = this.room.order;
    const now = Date.now();
    for (let tries = 0; tries < order.length; tries++) {
      const s = order[this.rr++ % order.length]!;
      if (this.withinBudget(s, now)) return s;
    }
    this.budgetSkips++;
    return null;
  }

  /** Mirrors the server's per-device answer limit, so the load never trips it by construction. */
  private withinBudget(s: Student, now: number): boolean {
    const l = this.room.opts.answerLimit;
    if (l === "off") return true;
    while (s.sent.length && s.sent[0]! <= now - l.windowMs) s.sent.shift();
    return s.sent.length < l.limit - 5;
  }

  private kindFor(team: Team): Kind {
    const p = this.pacing;
    const correctOk = p.perSecond > 0 ? p.dispatched < ((performance.now() - p.start) / 1000) * p.perSecond : Math.random() < this.room.opts.correctShare;
    if (correctOk && team.available.length) return "correct";
    if (team.found.length && Math.random() < this.room.opts.dupShare) return "dup";
    return "invalid";
  }

  /** Sends one answer as student `s`; `scheduledAt` is when an open-loop schedule wanted it sent. */
  private async send(s: Student, scheduledAt: number, stats: PhaseStats, phase: Phase): Promise<void> {
    const room = this.room;
    const team = s.team!;
    const kind = this.kindFor(team);
    let n = -1;
    let expression: string;
    if (kind === "correct") {
      n = team.available.pop()!;
      this.pacing.dispatched++;
      // Watch for it before asking: the update may reach a stream before the response arrives.
      for (const st of team.streams) st.unseen.push(n);
      expression = room.solutions.get(n)!;
    } else if (kind === "dup") {
      expression = room.solutions.get(team.found[Math.floor(Math.random() * team.found.length)]!)!;
    } else {
      expression = room.invalids[Math.floor(Math.random() * room.invalids.length)]!;
    }
    if (room.opts.answerLimit !== "off") s.sent.push(Date.now());
    stats.issued++;
    this.inFlight++;
    let status = 0;
    let body = "";
    let error = "";
    // From the phone's own address, as on a LAN: the per-address limits count each phone apart.
    const res = await http(room.base, "/api/submit-answer", { json: { sessionId: s.game.sessionId, expression }, cookie: s.cookie, from: s.address });
    status = res.status;
    body = res.body;
    if (res.error) error = res.error.slice(0, 60);
    this.inFlight--;
    const at = performance.now();
    stats.completed++;
    stats.latency.push(at - scheduledAt);
    stats.sentAt?.push(scheduledAt - stats.startedAt);
    const code = status === 200 ? "correct" : /"code":"(\w+)"/.exec(body)?.[1] ?? (error ? `network:${error}` : "?");
    if (status === 200 && kind === "correct") {
      team.found.push(n);
      room.corrects.push({ team, n, respAt: at, teamScore: Number(/"teamScore":(\d+)/.exec(body)?.[1] ?? 0), phase });
      room.expected.add("correct");
      return;
    }
    if (kind === "correct") for (const st of team.streams) { const k = st.unseen.indexOf(n); if (k >= 0) st.unseen.splice(k, 1); }
    if (status === 409 && code === "already_found" && kind === "dup") return void room.expected.add("already_found");
    if (status === 422 && code === "invalid_expression" && kind === "invalid") return void room.expected.add("invalid_expression");
    room.errors.add(`${kind}->${status}:${code}`);
  }
}
