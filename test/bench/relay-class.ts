// The Relay Quiz bench's classes: per game a teacher (lobby page + stream) and a projector, and
// phones that join, open their seat page and stream, and play a relay through every cycle:
// each member waits until their team reaches the cycle, "thinks", and answers their questions
// (now and then wrong, now and then after buying a hint). Measured: answer and hint latency,
// and the cycle-change fan-out — from the response of the answer that completed a team's cycle
// to the moment each of the team's phones shows its next phase (its next question, or the
// finish), the projector shows the team's new step, and the teacher's panel its new cycle.
import { closePhones, cookieHeader, Gate, http, phoneAddress, sseUrlOf, type HttpInit } from "./http.ts";
import { openWatch, type Watch } from "./sse-watch.ts";
import { Samples, Tally } from "./stats.ts";

export type RelayClassOptions = {
  games: number;
  teams: number;
  members: number;
  /** The sets' names (in the bank before the server started) and each one's true answers. */
  sets: { set: string; answers: string[] }[];
  cycleSeconds: number;
  password: string;
  inflight: number;
  /** Think time per question, ms. */
  thinkMs: [number, number];
  wrongShare: number;
  hintShare: number;
  fanoutTimeoutMs: number;
  /** Phone i sends from its own address, phoneAddress(addressBase + i); unset = from 127.0.0.1 (fetch). */
  addressBase?: number;
  /** Each game's teacher laptop and projector at 127.<staffNet>.<game>.1/.2, its teacher logged in there; unset = one laptop for all. */
  staffNet?: number;
};

type QuestionRef = { questionId: number; set: string; order: number; holders: (number | null)[] };
type Mapping = { teamId: number; members: { participantId: number | null }[]; cycles: { cycle: number; questions: QuestionRef[] }[] };

/** `seenAt[c]`: when the phone first showed cycle c or a later one (a flush may carry two changes at once). */
export type Phone = { idx: number; address?: string; nickname: string; jar: Record<string, string>; cookie: string; game: Game; team: Team | null; participantId: number; watch: Watch | null; roundAt: number; seenAt: number[] };
export type Team = {
  id: number; game: Game; phones: Phone[]; cycle: number; mapping: Mapping | null;
  /** Resolvers of members waiting for the team to reach a cycle. */
  waiting: Map<number, (() => void)[]>;
  /** Per cycle change (the cycle the team moved to; cycles + 1 = finished): when the completing answer returned, and when the overviews saw it (phones: Phone.seenAt). */
  changes: Map<number, { respAt: number; screen: number; teacher: number }>;
};
type TrafficKind = "phone" | "screen" | "teacher";
type Overview = { kind: "teacher" | "screen"; game: Game; watch: Watch | null };
export type Game = { id: number; code: string; sessionId: number; teams: Team[]; byId: Map<number, Team>; phones: Phone[]; overviews: Overview[]; startedAt: number };

export class RelayClass {
  readonly base: string;
  readonly games: Game[] = [];
  readonly phones: Phone[] = [];
  readonly answerLatency = new Samples();
  /** When each answer of answerLatency was sent (performance.now()), in the same order. */
  readonly answerSentAt = new Samples();
  readonly hintLatency = new Samples();
  readonly results = new Tally();
  readonly errors = new Tally();
  readonly joinErrors = new Tally();
  readonly roundPanel = new Samples();
  /** Points each team should have from the responses it got: answers' points minus hints' charges. */
  readonly expected = new Map<number, number>();
  streamCloses = 0;
  joinSeconds = 0;
  private bearer = "";
  private teacherCookie = "";
  private gate: Gate;

  constructor(readonly opts: RelayClassOptions, readonly port: number) {
    this.base = `http://127.0.0.1:${port}`;
    this.gate = new Gate(opts.inflight);
  }

  /** The teacher's login: a page session (for one laptop showing every game) and the script's bearer for the API calls. */
  async login(): Promise<void> {
    const home = await http(this.base, "/");
    const device = home.cookies.tmc_device ?? "";
    const form = await http(this.base, "/login", { form: { password: this.opts.password, next: "/teacher" }, cookie: `tmc_device=${device}` });
    if (form.status !== 303 || !form.cookies.tmc_teacher) throw new Error(`bench: teacher login failed: ${form.status}`);
    this.teacherCookie = cookieHeader({ tmc_device: device, tmc_teacher: form.cookies.tmc_teacher, tmc_lang: "en" });
    const api = await http(this.base, "/api/login", { json: { password: this.opts.password }, cookie: `tmc_device=${device}` });
    if (api.status !== 200) throw new Error(`bench: api login failed: ${api.status} ${api.body.slice(0, 200)}`);
    this.bearer = (JSON.parse(api.body) as { token: string }).token;
  }

  /** Where game g's teacher laptop (or projector) sends from; undefined = 127.0.0.1. */
  private staff(g: number, kind: "teacher" | "screen" = "teacher"): string | undefined {
    return this.opts.staffNet === undefined ? undefined : `127.${this.opts.staffNet}.${g & 255}.${kind === "teacher" ? 1 : 2}`;
  }

  /** A teacher API call for a game, from that game's teacher laptop. */
  teacher(game: Game, path: string, init: HttpInit = {}) {
    return http(this.base, path, { ...init, bearer: this.bearer, ...(this.staff(this.games.indexOf(game)) ? { from: this.staff(this.games.indexOf(game)) } : {}) });
  }

  private phoneHttp(p: Phone, path: string, init: HttpInit = {}) {
    return http(this.base, path, { ...init, ...(p.address ? { from: p.address } : {}) });
  }

  async createGames(): Promise<void> {
    for (let g = 0; g < this.opts.games; g++) {
      const r = await http(this.base, "/api/create-game", { bearer: this.bearer, ...(this.staff(g) ? { from: this.staff(g) } : {}), json: { title: `Relay bench ${g + 1}`, teamCount: this.opts.teams, maxParticipants: this.opts.teams * this.opts.members, joinMode: "choose" } });
      if (r.status !== 201) throw new Error(`bench: create-game: ${r.status} ${r.body.slice(0, 200)}`);
      const body = JSON.parse(r.body) as { gameId: number; gameCode: string; teams: { id: number }[] };
      const game: Game = { id: body.gameId, code: body.gameCode, sessionId: 0, teams: [], byId: new Map(), phones: [], overviews: [], startedAt: 0 };
      for (const t of body.teams) {
        const team: Team = { id: t.id, game, phones: [], cycle: 1, mapping: null, waiting: new Map(), changes: new Map() };
        game.teams.push(team);
        game.byId.set(t.id, team);
      }
      this.games.push(game);
    }
  }

  /**
   * Each game's teacher panel and projector, as a teacher's laptop of its own shows them (its own
   * address, device and login): one laptop showing every game's two streams would pass the
   * per-device stream cap (24) at the 13th game, and its streams past the cap are refused.
   */
  async openOverviews(): Promise<void> {
    for (const [g, game] of this.games.entries()) {
      // Per-game laptops: the teacher logs in on each (the per-device stream cap fits one teacher's screens, not fifty).
      let teacherCookie = this.teacherCookie;
      const from = this.staff(g);
      if (from) {
        const home = await http(this.base, "/", { from });
        const device = home.cookies.tmc_device ?? "";
        const form = await http(this.base, "/login", { form: { password: this.opts.password, next: "/teacher" }, cookie: `tmc_device=${device}`, from });
        if (form.status !== 303 || !form.cookies.tmc_teacher) throw new Error(`bench: teacher login failed: ${form.status}`);
        teacherCookie = cookieHeader({ tmc_device: device, tmc_teacher: form.cookies.tmc_teacher, tmc_lang: "en" });
      }
      for (const kind of ["teacher", "screen"] as const) {
        const path = kind === "teacher" ? `/teacher/games/${game.id}` : `/g/${game.code}/screen`;
        const cookie = kind === "teacher" ? teacherCookie : "tmc_lang=en";
        const at = this.staff(g, kind);
        const page = await http(this.base, path, { cookie, ...(at ? { from: at } : {}) });
        const url = sseUrlOf(page.body);
        if (page.status !== 200 || !url) throw new Error(`bench: ${path} gave ${page.status}`);
        const o: Overview = { kind, game, watch: null };
        o.watch = await openWatch({ port: this.port, path: url, headers: { cookie }, ...(at ? { from: at } : {}), onPayload: (buf, at) => this.onOverview(o, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } });
        game.overviews.push(o);
      }
    }
  }

  /** Every phone: visit, join its team, load the seat page, open its stream. */
  async joinAll(): Promise<void> {
    const per = this.opts.teams * this.opts.members;
    for (let i = 0; i < this.opts.games * per; i++) {
      const game = this.games[i % this.opts.games]!;
      const phone: Phone = { idx: i, ...(this.opts.addressBase !== undefined ? { address: phoneAddress(this.opts.addressBase + i) } : {}), nickname: `p${i + 1}`, jar: { tmc_lang: "en" }, cookie: "", game, team: null, participantId: 0, watch: null, roundAt: 0, seenAt: [] };
      this.phones.push(phone);
      game.phones.push(phone);
    }
    const t0 = performance.now();
    const opened: Promise<void>[] = [];
    await Promise.all(this.phones.map((p) => this.gate.run(async () => {
      const home = await this.phoneHttp(p, "/");
      if (!home.cookies.tmc_device) return void this.joinErrors.add(`visit:${home.status}`);
      p.jar.tmc_device = home.cookies.tmc_device;
      const team = p.game.teams[Math.floor(p.idx / this.opts.games) % this.opts.teams]!;
      const joined = await this.phoneHttp(p, "/api/join-game", { json: { gameCode: p.game.code, nickname: p.nickname, teamId: team.id }, cookie: cookieHeader(p.jar) });
      if (joined.status !== 200 || !joined.cookies.tmc_seat) return void this.joinErrors.add(`join:${joined.status}`);
      p.jar.tmc_seat = joined.cookies.tmc_seat;
      p.cookie = cookieHeader(p.jar);
      p.participantId = (JSON.parse(joined.body) as { participantId: number }).participantId;
      p.team = team;
      team.phones.push(p);
      const page = await this.phoneHttp(p, `/g/${p.game.code}/play`, { cookie: p.cookie });
      const url = sseUrlOf(page.body);
      if (page.status !== 200 || !url) return void this.joinErrors.add(`seat:${page.status}`);
      opened.push(openWatch({ port: this.port, path: url, headers: { cookie: p.cookie }, ...(p.address ? { from: p.address } : {}), onPayload: (buf, at) => this.onPhone(p, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } }).then((w) => { p.watch = w; }, () => void this.joinErrors.add("stream")));
    })));
    await Promise.all(opened);
    this.joinSeconds = (performance.now() - t0) / 1000;
  }

  /** Starts each game and its relay; waits until every phone shows its first question. */
  async startRounds(): Promise<void> {
    for (const game of this.games) {
      await this.teacher(game, `/api/games/${game.id}/start`, { method: "POST" });
      game.startedAt = performance.now();
      const r = await this.teacher(game, `/api/games/${game.id}/rounds`, { json: { type: "relay_quiz", sets: this.opts.sets.map((s) => s.set), cycleSeconds: [this.opts.cycleSeconds] } });
      if (r.status !== 201) throw new Error(`bench: start relay: ${r.status} ${r.body.slice(0, 300)}`);
      const body = JSON.parse(r.body) as { sessionId: number; mapping: Mapping[] };
      game.sessionId = body.sessionId;
      for (const m of body.mapping) game.byId.get(m.teamId)!.mapping = m;
    }
    const deadline = performance.now() + 30_000;
    while (this.phones.some((p) => p.watch && !p.roundAt) && performance.now() < deadline) await Bun.sleep(20);
    for (const p of this.phones) if (p.watch && !p.roundAt) this.errors.add("round_panel_missing");
  }

  private onPhone(p: Phone, buf: Buffer, at: number): void {
    // A new phase panel (its div carries data-phase) or a new turn in the panel (data-turn): the
    // first question, a next one, or the finish.
    const m = /data-(?:phase|turn)="rq-\d+-(?:q(\d+)-|(done|over))/.exec(buf.toString("utf8"));
    if (!m) return;
    const cycle = m[1] ? Number(m[1]) : this.cycles() + 1;
    if (cycle === 1) {
      if (!p.roundAt) { p.roundAt = at; this.roundPanel.push(at - p.game.startedAt); }
      return;
    }
    // A stream may show a change before the answer that caused it has returned: kept on the phone.
    for (let c = 2; c <= cycle; c++) p.seenAt[c] ??= at;
  }

  private onOverview(o: Overview, buf: Buffer, at: number): void {
    if (!o.game.sessionId) return;
    const text = buf.toString("utf8");
    for (const team of o.game.teams) {
      for (const [cycle, change] of team.changes) {
        if ((o.kind === "screen" ? change.screen : change.teacher) || !this.overviewShows(o.kind, text, team.id, cycle)) continue;
        if (o.kind === "screen") change.screen = at; else change.teacher = at;
      }
    }
  }

  /** The projector's track or the teacher's card of a team shows it at `cycle` or later (or finished). */
  private overviewShows(kind: "teacher" | "screen", text: string, teamId: number, cycle: number): boolean {
    const start = new RegExp(`class="${kind === "screen" ? "rq-track-row" : "team-card rq-team"}[^"]*"[^>]* data-team-id="${teamId}"`).exec(text);
    if (!start) return false;
    const card = text.slice(start.index, text.indexOf("</article>", start.index));
    if (card.includes("rq-finished")) return true;
    const now = kind === "screen" ? /<li class="now"><span class="rq-step">(\d+)<\/span>/.exec(card) : /<span class="pill">Cycle (\d+)\//.exec(card);
    return now !== null && Number(now[1]) >= cycle;
  }

  cycles(): number {
    return this.opts.sets[0]!.answers.length;
  }

  private untilCycle(team: Team, cycle: number): Promise<void> {
    if (team.cycle >= cycle) return Promise.resolve();
    return new Promise((ok) => team.waiting.set(cycle, [...(team.waiting.get(cycle) ?? []), ok]));
  }

  private moved(team: Team, cycle: number, respAt: number): void {
    if (cycle <= team.cycle) return;
    team.cycle = cycle;
    team.changes.set(cycle, { respAt, screen: 0, teacher: 0 });
    for (const [c, list] of team.waiting) if (c <= cycle) { for (const ok of list) ok(); team.waiting.delete(c); }
  }

  private think(): Promise<void> {
    const [lo, hi] = this.opts.thinkMs;
    return Bun.sleep(lo + Math.random() * (hi - lo));
  }

  /** Every member of every team plays every cycle; resolves when all are done. */
  async play(): Promise<void> {
    await Promise.all(this.phones.filter((p) => p.team && p.watch).map((p) => this.playPhone(p)));
  }

  private async playPhone(p: Phone): Promise<void> {
    const team = p.team!;
    for (let cycle = 1; cycle <= this.cycles(); cycle++) {
      await this.untilCycle(team, cycle);
      const mine = team.mapping!.cycles[cycle - 1]!.questions.filter((q) => q.holders.includes(p.participantId));
      for (const q of mine) {
        await this.think();
        if (cycle > 1 && Math.random() < this.opts.hintShare) await this.hint(p, q);
        await this.answer(p, q, cycle);
      }
    }
  }

  private async hint(p: Phone, q: QuestionRef): Promise<void> {
    await this.gate.run(async () => {
      const t = performance.now();
      const r = await this.phoneHttp(p, "/api/relay/hint", { json: { sessionId: p.game.sessionId, questionId: q.questionId }, cookie: p.cookie });
      this.hintLatency.push(performance.now() - t);
      if (r.status !== 200) return void this.errors.add(`hint:${r.status}:${/"code":"(\w+)"/.exec(r.body)?.[1] ?? r.error ?? ""}`);
      const body = JSON.parse(r.body) as { charged: number };
      this.results.add("hint");
      this.expected.set(p.team!.id, (this.expected.get(p.team!.id) ?? 0) - body.charged);
    });
  }

  private async answer(p: Phone, q: QuestionRef, cycle: number): Promise<void> {
    const set = this.opts.sets.find((s) => s.set === q.set)!;
    const wrong = Math.random() < this.opts.wrongShare;
    await this.gate.run(async () => {
      const t = performance.now();
      const r = await this.phoneHttp(p, "/api/submit-answer", { json: { sessionId: p.game.sessionId, answer: wrong ? "999999" : set.answers[cycle - 1], questionId: q.questionId }, cookie: p.cookie });
      const respAt = performance.now();
      this.answerLatency.push(respAt - t);
      this.answerSentAt.push(t);
      if (r.status !== 200) {
        // A teammate sharing the question may have answered it first: expected, counted apart.
        const code = /"code":"(\w+)"/.exec(r.body)?.[1] ?? r.error ?? "";
        return void (code === "already_answered" ? this.results.add("already_answered") : this.errors.add(`answer:${r.status}:${code}`));
      }
      const body = JSON.parse(r.body) as { correct: boolean; points: number; next: { cycle: number } | null };
      this.results.add(body.correct ? "correct" : "wrong");
      this.expected.set(p.team!.id, (this.expected.get(p.team!.id) ?? 0) + body.points);
      const now = body.next === null ? this.cycles() + 1 : body.next.cycle;
      this.moved(p.team!, now, respAt);
    });
  }

  /** Waits for the streams to catch up with the last changes (bounded by the fan-out timeout). */
  async settle(): Promise<void> {
    const deadline = performance.now() + this.opts.fanoutTimeoutMs;
    const pending = () => this.games.some((g) => g.teams.some((t) => [...t.changes].some(([cycle, c]) => t.phones.some((p) => p.watch && p.seenAt[cycle] === undefined) || !c.screen)));
    while (pending() && performance.now() < deadline) await Bun.sleep(20);
    await Bun.sleep(1200); // the teacher's overview lane refreshes about once a second
  }

  fanout(): { phone: Samples; screen: Samples; teacher: Samples; missed: number; changes: number } {
    const out = { phone: new Samples(), screen: new Samples(), teacher: new Samples(), missed: 0, changes: 0 };
    const limit = this.opts.fanoutTimeoutMs;
    for (const g of this.games) for (const t of g.teams) for (const [cycle, c] of t.changes) {
      out.changes++;
      for (const p of t.phones) {
        if (!p.watch) continue;
        const at = p.seenAt[cycle];
        if (at === undefined || at - c.respAt > limit) out.missed++;
        else out.phone.push(Math.max(0, at - c.respAt));
      }
      if (!c.screen || c.screen - c.respAt > limit) out.missed++;
      else out.screen.push(Math.max(0, c.screen - c.respAt));
      if (c.teacher) out.teacher.push(Math.max(0, c.teacher - c.respAt));
    }
    return out;
  }

  /** The server's scores against the points the responses announced. */
  async verifyScores(): Promise<{ teams: number; mismatches: number; finishedTeams: number }> {
    let mismatches = 0;
    let teams = 0;
    let finishedTeams = 0;
    for (const game of this.games) {
      const r = await http(this.base, `/api/game-state?gameId=${game.id}`, { bearer: this.bearer });
      const state = JSON.parse(r.body) as { teams: { id: number; score: number }[]; round: { finishedTeams?: number[] } };
      finishedTeams += state.round.finishedTeams?.length ?? 0;
      for (const t of state.teams) {
        teams++;
        if (t.score !== (this.expected.get(t.id) ?? 0)) mismatches++;
      }
    }
    return { teams, mismatches, finishedTeams };
  }

  private trafficMark: Record<TrafficKind, { bytes: number; frames: number }> | null = null;

  private trafficNow(): Record<TrafficKind, { bytes: number; frames: number }> {
    const sum = (watches: (Watch | null)[]) => {
      let bytes = 0, frames = 0;
      for (const w of watches) if (w) { bytes += w.bytes; frames += w.payloads; }
      return { bytes, frames };
    };
    const overviews = (kind: Overview["kind"]) => this.games.flatMap((g) => g.overviews.filter((o) => o.kind === kind).map((o) => o.watch));
    return { phone: sum(this.phones.map((p) => p.watch)), screen: sum(overviews("screen")), teacher: sum(overviews("teacher")) };
  }

  /** Counts the streams' traffic from now on (the play), not the joins and first panels. */
  markTraffic(): void {
    this.trafficMark = this.trafficNow();
  }

  /** What the streams carried since markTraffic: bytes and chunks (frames and heartbeats) per kind of screen. */
  traffic(): Record<TrafficKind, { bytes: number; frames: number }> {
    const now = this.trafficNow();
    const base = this.trafficMark;
    const out = {} as Record<TrafficKind, { bytes: number; frames: number }>;
    for (const k of ["phone", "screen", "teacher"] as const) out[k] = { bytes: now[k].bytes - (base?.[k].bytes ?? 0), frames: now[k].frames - (base?.[k].frames ?? 0) };
    return out;
  }

  closeAll(): void {
    closePhones();
    for (const p of this.phones) p.watch?.close();
    for (const g of this.games) for (const o of g.overviews) o.watch?.close();
  }
}
