// The simulated class: a teacher (cookie login, lobby page + stream), a projector per game,
// and students who visit, join, open their seat page and its stream, and send answers.
// Fan-out is measured from each correct answer's 200 response to the moment its grid cell
// (`class="found" data-n="<n>"`) arrives on every stream of that team, and to the moment the
// teacher's and projector's ranking shows the team's new score.
import { checkExpression, defaultYearRules, solve, type YearRules } from "../../src/rounds/year-game/rules.ts";
import { closePhones, cookieHeader, Gate, http, phoneAddress, sseUrlOf } from "./http.ts";
import { openWatch, type Watch } from "./sse-watch.ts";
import { Samples, Tally } from "./stats.ts";

export type Limit = { limit: number; windowMs: number } | "off";

export type ClassOptions = {
  students: number;
  teams: number;
  games: number;
  joinMode: "auto" | "choose";
  digits: number[];
  targetMin: number;
  targetMax: number;
  roundSeconds: number;
  password: string;
  /** Most requests in flight at once (fetch in one Bun process stops at 256). */
  inflight: number;
  /** Upper bound on the share of correct answers; they are also paced to last the run. */
  correctShare: number;
  /** Of the other answers, this share are duplicates (a number the team has), the rest invalid. */
  dupShare: number;
  answerLimit: Limit;
  fanoutTimeoutMs: number;
  /** Phone i sends from phoneAddress(addressBase + i): several classes in one run keep apart (default 0). */
  addressBase?: number;
};

export type Phase = "warmup" | "steady" | "max";

export type Team = { id: number; game: Game; available: number[]; found: number[]; streams: Student[] };
export type Student = {
  /** `address`: the phone's own loopback address, which every request and stream of it leaves from. */
  idx: number; nickname: string; address: string; jar: Record<string, string>; cookie: string; game: Game;
  team: Team | null; watch: Watch | null; unseen: number[]; seen: Float64Array; phaseAt: number; sent: number[];
};
type Overview = { kind: "teacher" | "screen"; game: Game; watch: Watch | null; phaseAt: number; timeline: Map<number, { at: number[]; score: number[] }> };
type Game = { id: number; code: string; sessionId: number; teams: Team[]; byId: Map<number, Team>; students: Student[]; overviews: Overview[]; roundStartedAt: number };
export type Correct = { team: Team; n: number; respAt: number; teamScore: number; phase: Phase };

/** `sentAt` (open loop): when each latency's request was due, in ms from `startedAt`, in the same order. */
export type PhaseStats = { latency: Samples; sentAt?: Samples; completed: number; issued: number; dueNotIssued: number; seconds: number; startedAt: number };

const PHASE_MARK = Buffer.from('data-phase="yg-');
const INVALID_CANDIDATES = ["1+3", "13579", "(1+3)×(5+7", "1+3+5+7+", "9!!!!!!", "1÷0+3+5+7+9", "x+1", "99+1+3+5+7", "1−3−5−7−9−", "√"];

function shuffle<T>(a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export class Classroom {
  readonly base: string;
  readonly errors = new Tally();
  readonly expected = new Tally();
  readonly games: Game[] = [];
  readonly students: Student[] = [];
  readonly corrects: Correct[] = [];
  readonly join = { latency: new Samples(), seconds: 0, readySeconds: 0, errors: new Tally() };
  readonly phaseFanout = new Samples();
  streamCloses = 0;
  /** An example expression for every reachable target, and expressions the rules refuse. */
  solutions = new Map<number, string>();
  invalids: string[] = [];
  /** The seated students with a stream, shuffled: the order in which they answer. */
  order: Student[] = [];
  private bearer = "";
  private teacherCookie = "";
  private markers: Buffer[] = [];

  constructor(readonly opts: ClassOptions, readonly port: number) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** The teacher logs in twice, as a browser (cookie, for the lobby stream) and as a script (bearer, for the API). */
  async login(): Promise<void> {
    const home = await http(this.base, "/");
    const device = home.cookies.tmc_device ?? "";
    const form = await http(this.base, "/login", { form: { password: this.opts.password, next: "/teacher" }, cookie: `tmc_device=${device}` });
    if (form.status !== 303 || !form.cookies.tmc_teacher) throw new Error(`bench: teacher form login failed: ${form.status} ${form.body.slice(0, 200)}`);
    this.teacherCookie = cookieHeader({ tmc_device: device, tmc_teacher: form.cookies.tmc_teacher });
    const api = await http(this.base, "/api/login", { json: { password: this.opts.password }, cookie: `tmc_device=${device}` });
    if (api.status !== 200) throw new Error(`bench: api login failed: ${api.status} ${api.body.slice(0, 200)}`);
    this.bearer = (JSON.parse(api.body) as { token: string }).token;
  }

  async createGames(): Promise<void> {
    const per = Math.ceil(this.opts.students / this.opts.games);
    for (let g = 0; g < this.opts.games; g++) {
      const r = await http(this.base, "/api/create-game", { bearer: this.bearer, json: { title: `Bench ${g + 1}`, teamCount: this.opts.teams, maxParticipants: per, joinMode: this.opts.joinMode } });
      if (r.status !== 201) throw new Error(`bench: create-game failed: ${r.status} ${r.body.slice(0, 300)}`);
      const body = JSON.parse(r.body) as { gameId: number; gameCode: string; teams: { id: number }[] };
      const game: Game = { id: body.gameId, code: body.gameCode, sessionId: 0, teams: [], byId: new Map(), students: [], overviews: [], roundStartedAt: 0 };
      for (const t of body.teams) {
        const team: Team = { id: t.id, game, available: [], found: [], streams: [] };
        game.teams.push(team);
        game.byId.set(t.id, team);
      }
      this.games.push(game);
    }
  }

  /** The teacher's lobby page and the projector page, each with its stream, as browsers open them. */
  async openOverviews(): Promise<void> {
    for (const game of this.games) {
      for (const kind of ["teacher", "screen"] as const) {
        const path = kind === "teacher" ? `/teacher/games/${game.id}` : `/g/${game.code}/screen`;
        const cookie = kind === "teacher" ? this.teacherCookie : "";
        const page = await http(this.base, path, { cookie });
        const url = sseUrlOf(page.body);
        if (page.status !== 200 || !url) throw new Error(`bench: ${path} gave ${page.status} without a stream`);
        const o: Overview = { kind, game, watch: null, phaseAt: 0, timeline: new Map() };
        o.watch = await openWatch({ port: this.port, path: url, headers: cookie ? { cookie } : {}, onPayload: (buf, at) => this.onOverview(o, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } });
        if (o.watch.status !== 200) throw new Error(`bench: ${url} answered ${o.watch.status}`);
        game.overviews.push(o);
      }
    }
  }

  /** Every student: visit `/` (device cookie), join, load the seat page, open its stream. */
  async joinAll(): Promise<void> {
    const n = this.opts.students;
    for (let i = 0; i < n; i++) {
      const game = this.games[i % this.games.length]!;
      const s: Student = { idx: i, nickname: i % 2 ? `학생${i + 1}` : `stu${i + 1}`, address: phoneAddress((this.opts.addressBase ?? 0) + i), jar: {}, cookie: "", game, team: null, watch: null, unseen: [], seen: new Float64Array(0), phaseAt: 0, sent: [] };
      this.students.push(s);
      game.students.push(s);
    }
    const gate = new Gate(this.opts.inflight);
    const t0 = performance.now();
    let lastJoin = t0;
    const opened: Promise<void>[] = [];
    await Promise.all(this.students.map((s, i) => gate.run(async () => {
      const start = performance.now();
      const home = await http(this.base, "/", { from: s.address });
      if (home.status !== 200 || !home.cookies.tmc_device) return void this.join.errors.add(`visit:${home.status}${home.error ? `:${home.error}` : ""}`);
      s.jar.tmc_device = home.cookies.tmc_device;
      const teamId = this.opts.joinMode === "choose" ? s.game.teams[Math.floor(i / this.games.length) % s.game.teams.length]!.id : undefined;
      const joined = await http(this.base, "/api/join-game", { json: { gameCode: s.game.code, nickname: s.nickname, ...(teamId ? { teamId } : {}) }, cookie: cookieHeader(s.jar), from: s.address });
      if (joined.status !== 200 || !joined.cookies.tmc_seat) return void this.join.errors.add(`join:${joined.status}:${/"code":"(\w+)"/.exec(joined.body)?.[1] ?? joined.error ?? ""}`);
      lastJoin = performance.now();
      this.join.latency.push(lastJoin - start);
      s.jar.tmc_seat = joined.cookies.tmc_seat;
      s.cookie = cookieHeader(s.jar);
      const body = JSON.parse(joined.body) as { teamId: number };
      s.team = s.game.byId.get(body.teamId) ?? null;
      const page = await http(this.base, `/g/${s.game.code}/play`, { cookie: s.cookie, from: s.address });
      const url = sseUrlOf(page.body);
      if (page.status !== 200 || !url || !s.team) return void this.join.errors.add(`seat-page:${page.status}`);
      opened.push(this.openStudentStream(s, url));
    })));
    this.join.seconds = (lastJoin - t0) / 1000;
    await Promise.all(opened);
    // Ready = every stream answered and sent its first snapshot.
    const deadline = performance.now() + 30_000;
    while (this.students.some((s) => s.watch && !s.watch.firstAt) && performance.now() < deadline) await Bun.sleep(10);
    const lastFirst = Math.max(...this.students.map((s) => s.watch?.firstAt ?? 0));
    this.join.readySeconds = (lastFirst - t0) / 1000;
    for (const s of this.students) if (s.watch && !s.watch.firstAt) this.join.errors.add("stream:no_snapshot");
  }

  private async openStudentStream(s: Student, url: string): Promise<void> {
    try {
      s.seen = new Float64Array(this.opts.targetMax + 1);
      s.watch = await openWatch({ port: this.port, path: url, from: s.address, headers: { cookie: s.cookie }, onPayload: (buf, at) => this.onStudent(s, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } });
      if (s.watch.status !== 200) { this.join.errors.add(`stream:${s.watch.status}`); s.watch = null; return; }
      s.team!.streams.push(s);
    } catch (err) {
      this.join.errors.add(`stream:${String((err as Error).message).slice(0, 60)}`);
    }
  }

  /** Starts each game and a Year Game round, then waits until every stream shows the round. */
  async startRounds(): Promise<void> {
    // Solve before the round starts: the solver takes a few hundred ms that would otherwise
    // delay this process's stream callbacks (and so the measured round-start fan-out).
    const planned = { ...defaultYearRules(this.opts.digits), targetMin: this.opts.targetMin, targetMax: this.opts.targetMax };
    this.prepareAnswers(planned);
    for (const game of this.games) {
      const started = await http(this.base, `/api/games/${game.id}/start`, { method: "POST", bearer: this.bearer });
      if (started.status !== 200) throw new Error(`bench: start game failed: ${started.status} ${started.body.slice(0, 200)}`);
      const round = await http(this.base, `/api/games/${game.id}/rounds`, { bearer: this.bearer, json: { type: "year_game", digits: this.opts.digits, targetMin: this.opts.targetMin, targetMax: this.opts.targetMax, durationSeconds: this.opts.roundSeconds } });
      if (round.status !== 201) throw new Error(`bench: start round failed: ${round.status} ${round.body.slice(0, 300)}`);
      game.roundStartedAt = performance.now();
      const body = JSON.parse(round.body) as { sessionId: number; rules: YearRules };
      game.sessionId = body.sessionId;
      if (JSON.stringify(body.rules) !== JSON.stringify(planned)) throw new Error(`bench: the server's rules differ from the plan: ${JSON.stringify(body.rules)}`);
    }
    const deadline = performance.now() + 30_000;
    const pending = () => this.students.some((s) => s.watch && !s.phaseAt) || this.games.some((g) => g.overviews.some((o) => !o.phaseAt));
    while (pending() && performance.now() < deadline) await Bun.sleep(10);
    for (const s of this.students) if (s.watch) s.phaseAt ? this.phaseFanout.push(s.phaseAt - s.game.roundStartedAt) : this.errors.add("round_panel_missing");
  }

  private prepareAnswers(rules: YearRules): void {
    this.solutions = solve(rules);
    this.invalids = INVALID_CANDIDATES.filter((e) => !checkExpression(e, rules).ok);
    this.markers = [];
    for (let n = 0; n <= this.opts.targetMax; n++) this.markers.push(Buffer.from(`class="found" data-n="${n}"`));
    for (const game of this.games) for (const team of game.teams) team.available = shuffle([...this.solutions.keys()]);
    this.order = shuffle(this.students.filter((s) => s.watch && s.team));
  }

  totalTargets(): number {
    return this.games.reduce((n, g) => n + g.teams.reduce((m, t) => m + t.available.length + t.found.length, 0), 0);
  }

  private onStudent(s: Student, buf: Buffer, at: number): void {
    if (!s.phaseAt && buf.indexOf(PHASE_MARK) >= 0) s.phaseAt = at;
    const unseen = s.unseen;
    for (let k = unseen.length - 1; k >= 0; k--) {
      const n = unseen[k]!;
      if (buf.indexOf(this.markers[n]!) >= 0) {
        s.seen[n] = at;
        unseen[k] = unseen[unseen.length - 1]!;
        unseen.pop();
      }
    }
  }

  private onOverview(o: Overview, buf: Buffer, at: number): void {
    if (!o.phaseAt && buf.indexOf(PHASE_MARK) >= 0) o.phaseAt = at;
    if (!this.markers.length) return;
    const text = buf.toString("latin1");
    const re = /data-team-id="(\d+)" data-score="(\d+)"/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const id = Number(m[1]);
      const score = Number(m[2]);
      let tl = o.timeline.get(id);
      if (!tl) o.timeline.set(id, (tl = { at: [], score: [] }));
      if (!tl.score.length || score > tl.score[tl.score.length - 1]!) {
        tl.at.push(at);
        tl.score.push(score);
      }
    }
  }

  /** Waits until every stream saw every correct answer, or `timeoutMs` passed since the last one. */
  async settle(): Promise<void> {
    const last = this.corrects.length ? this.corrects[this.corrects.length - 1]!.respAt : performance.now();
    const deadline = Math.max(performance.now(), last + this.opts.fanoutTimeoutMs);
    while (this.students.some((s) => s.unseen.length) && performance.now() < deadline) await Bun.sleep(20);
    // Overviews coalesce too: give their last update the same window.
    await Bun.sleep(Math.max(0, Math.min(1000, deadline - performance.now())));
  }

  /** Delays from each correct answer's response to its arrival on each stream that should show it. */
  fanout(phases: Phase[]): { student: Samples; teacher: Samples; screen: Samples; live: Samples; liveAt: Samples; missed: number; missedStreams: number; updates: number } {
    // live: the phones' and the projectors' delays together (the fan-out); liveAt: the answer's response time (performance.now()) of each, in the same order.
    const out = { student: new Samples(), teacher: new Samples(), screen: new Samples(), live: new Samples(), liveAt: new Samples(), missed: 0, missedStreams: 0, updates: 0 };
    const missedBy = new Set<object>();
    const limit = this.opts.fanoutTimeoutMs;
    for (const c of this.corrects) {
      if (!phases.includes(c.phase)) continue;
      out.updates++;
      for (const s of c.team.streams) {
        const seenAt = s.seen[c.n]!;
        if (!seenAt || seenAt - c.respAt > limit) { out.missed++; missedBy.add(s); continue; }
        const delay = Math.max(0, seenAt - c.respAt);
        out.student.push(delay);
        out.live.push(delay);
        out.liveAt.push(c.respAt);
      }
      for (const o of c.team.game.overviews) {
        const tl = o.timeline.get(c.team.id);
        const k = tl ? tl.score.findIndex((sc) => sc >= c.teamScore) : -1;
        const seenAt = k >= 0 ? tl!.at[k]! : 0;
        if (!seenAt || seenAt - c.respAt > limit) { out.missed++; missedBy.add(o); continue; }
        const delay = Math.max(0, seenAt - c.respAt);
        out[o.kind].push(delay);
        if (o.kind === "screen") { out.live.push(delay); out.liveAt.push(c.respAt); }
      }
    }
    out.missedStreams = missedBy.size;
    return out;
  }

  /** The server's own record of finds per team must match the 200s we received. */
  async verify(): Promise<{ foundMismatch: number }> {
    let mismatch = 0;
    for (const game of this.games) {
      const r = await http(this.base, `/api/game-state?gameId=${game.id}`, { bearer: this.bearer });
      const state = JSON.parse(r.body) as { round?: { foundByTeam?: Record<string, number[]> } };
      const byTeam = state.round?.foundByTeam ?? {};
      for (const team of game.teams) if ((byTeam[team.id]?.length ?? 0) !== team.found.length) mismatch++;
    }
    return { foundMismatch: mismatch };
  }

  /** Frames and bytes received, by kind of stream (to see what fan-out costs the network). */
  traffic(): Record<string, { streams: number; frames: number; megabytes: number }> {
    const out: Record<string, { streams: number; frames: number; megabytes: number }> = {};
    const add = (kind: string, w: Watch | null) => {
      if (!w) return;
      const t = (out[kind] ??= { streams: 0, frames: 0, megabytes: 0 });
      t.streams++;
      t.frames += w.payloads;
      t.megabytes += w.bytes / 1e6;
    };
    for (const s of this.students) add("student", s.watch);
    for (const g of this.games) for (const o of g.overviews) add(o.kind, o.watch);
    for (const t of Object.values(out)) t.megabytes = Math.round(t.megabytes * 10) / 10;
    return out;
  }

  streamsOpen(): number {
    return this.students.filter((s) => s.watch && !s.watch.closed).length + this.games.reduce((n, g) => n + g.overviews.filter((o) => o.watch && !o.watch.closed).length, 0);
  }

  closeAll(): void {
    closePhones();
    for (const s of this.students) s.watch?.close();
    for (const g of this.games) for (const o of g.overviews) o.watch?.close();
  }
}
