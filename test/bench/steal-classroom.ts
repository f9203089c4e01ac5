// The simulated gym for the Score Steal bench: games with teams (in brackets), a teacher per game
// (a laptop with the dashboard and its stream), a projector per game, and phones — each from its
// own loopback address, with its own device cookie, seat and stream (raw socket, sse-watch.ts).
// Questions are created over the API. What happens during a question is in steal-play.ts.
import { closePhones, cookieHeader, Gate, http, phoneAddress, sseUrlOf, type HttpInit, type HttpResult } from "./http.ts";
import { openWatch, type Watch } from "./sse-watch.ts";
import { Samples, Tally } from "./stats.ts";

/** `brackets` teams groups per game (1 = no brackets: the teams race together). */
export type StealShape = { name: string; games: number; teams: number; perTeam: number; brackets: number };

/** `addressBase`: phone i sends from phoneAddress(addressBase + i), so several classes in one run keep apart (default 0). */
export type StealClassOptions = { shape: StealShape; questions: number; password: string; inflight: number; addressBase?: number };

/** A question of the bench: the right answer and a wrong one (half of them numbers, half words). */
export type BenchQuestion = { id: number; text: string; answer: string; wrong: string; points: number };

export type Phone = {
  idx: number; address: string; cookie: string; game: SGame; team: STeam; watch: Watch | null;
  /** The marker of the phase the bench waits for on this stream (round panel, then each question). */
  mark: Buffer | null; markSeenAt: number;
  /** Set when a steal this phone's stream must show has been sent; the arrival time of its line. */
  stealArmed: boolean; stealSeenAt: number;
  /** Called once the marker is seen (the phone then taps its answer). */
  onMark: ((p: Phone, at: number) => void) | null;
};
export type STeam = { id: number; name: string; bracket: string; game: SGame; phones: Phone[] };
export type Overview = {
  kind: "teacher" | "screen"; address: string; watch: Watch | null; mark: Buffer | null; markSeenAt: number;
  /** Per bracket (in the game's bracket order): armed for a steal, and when its line arrived. */
  stealArmed: boolean[]; stealSeenAt: number[];
};
export type SGame = {
  idx: number; id: number; code: string; sessionId: number; teams: STeam[]; byId: Map<number, STeam>;
  /** Bracket names in the server's order ("" = the teams without a bracket). */
  brackets: string[]; phones: Phone[]; overviews: Overview[]; teacherAddress: string;
};

const STEAL_LINE = Buffer.from('class="steal-line"');
const SCREEN_BRACKET = '<section class="bracket">';
const DIGIT0 = 48;
const DIGIT9 = 57;

/** Five questions, cycled: numbers and words, as a teacher's bank would have. */
const QUESTION_BANK: Omit<BenchQuestion, "id">[] = [
  { text: "12 × 7 = ?", answer: "84", wrong: "85", points: 100 },
  { text: "What is the capital of France?", answer: "Paris", wrong: "Lyon", points: 150 },
  { text: "15 ÷ 6 = ?", answer: "2.5", wrong: "3", points: 100 },
  { text: "A polygon with three sides is a …", answer: "triangle", wrong: "square", points: 200 },
  { text: "8 − 20 = ?", answer: "-12", wrong: "12", points: 100 },
];

/** A loopback address for a class's teacher laptop (g, 0-based) or projector: never a phone's (127.100+.x.y). */
function staffAddress(g: number, kind: "teacher" | "screen"): string {
  return `127.99.${g & 255}.${kind === "teacher" ? 1 : 2}`;
}

/** Does `buf` hold `mark` followed by a letter (so `ss-5-1-` does not match `ss-5-10-open`)? */
export function hasMark(buf: Buffer, mark: Buffer): boolean {
  for (let i = buf.indexOf(mark); i >= 0; i = buf.indexOf(mark, i + 1)) {
    const c = buf[i + mark.length];
    if (c === undefined || c < DIGIT0 || c > DIGIT9) return true;
  }
  return false;
}

export class StealClass {
  readonly base: string;
  readonly games: SGame[] = [];
  readonly phones: Phone[] = [];
  readonly questions: BenchQuestion[] = [];
  readonly join = { latency: new Samples(), seconds: 0, readySeconds: 0, errors: new Tally() };
  /** Refusals from the teacher's own calls (open, reveal, end), which should never happen. */
  readonly teacherErrors = new Tally();
  streamCloses = 0;
  private bearer = "";

  constructor(readonly opts: StealClassOptions, readonly port: number) {
    this.base = `http://127.0.0.1:${port}`;
  }

  /** A teacher API call for game `g`, from that class's teacher laptop. */
  teacher(g: SGame, path: string, init: HttpInit = {}): Promise<HttpResult> {
    return http(this.base, path, { ...init, bearer: this.bearer, from: g.teacherAddress });
  }

  async setup(): Promise<void> {
    const api = await http(this.base, "/api/login", { json: { password: this.opts.password } });
    if (api.status !== 200) throw new Error(`bench: api login failed: ${api.status} ${api.body.slice(0, 200)}`);
    this.bearer = (JSON.parse(api.body) as { token: string }).token;
    await this.createQuestions();
    await this.createGames();
    await this.openOverviews();
  }

  private async createQuestions(): Promise<void> {
    for (let i = 0; i < this.opts.questions; i++) {
      const q = QUESTION_BANK[i % QUESTION_BANK.length]!;
      const text = `Q${i + 1}. ${q.text}`;
      const r = await http(this.base, "/api/questions", { bearer: this.bearer, json: { category: "score_steal", text, answer: q.answer, points: q.points } });
      if (r.status !== 201) throw new Error(`bench: create question failed: ${r.status} ${r.body.slice(0, 300)}`);
      this.questions.push({ ...q, text, id: (JSON.parse(r.body) as { id: number }).id });
    }
  }

  /**
   * Each class's game is created from its teacher's laptop: the server allows a device (here, an
   * address without a device cookie) a few new games an hour, as a teacher needs.
   */
  private async createGames(): Promise<void> {
    const { games, teams, perTeam, brackets } = this.opts.shape;
    const names = Array.from({ length: brackets }, (_, b) => String.fromCharCode(65 + b));
    // Teams split into `brackets` consecutive groups (1 bracket = no bracket at all).
    const teamBrackets = brackets > 1 ? Array.from({ length: teams }, (_, t) => names[Math.floor((t * brackets) / teams)]!) : undefined;
    for (let g = 0; g < games; g++) {
      const game: SGame = { idx: g, id: 0, code: "", sessionId: 0, teams: [], byId: new Map(), brackets: [], phones: [], overviews: [], teacherAddress: staffAddress(g, "teacher") };
      const r = await this.teacher(game, "/api/create-game", { json: { title: `Steal ${g + 1}`, teamCount: teams, maxParticipants: teams * perTeam, joinMode: "choose", ...(teamBrackets ? { teamBrackets } : {}) } });
      if (r.status !== 201) throw new Error(`bench: create-game failed: ${r.status} ${r.body.slice(0, 300)}`);
      const body = JSON.parse(r.body) as { gameId: number; gameCode: string; teams: { id: number; name: string; bracket: string | null }[] };
      game.id = body.gameId;
      game.code = body.gameCode;
      for (const t of body.teams) {
        const team: STeam = { id: t.id, name: t.name, bracket: t.bracket ?? "", game, phones: [] };
        game.teams.push(team);
        game.byId.set(t.id, team);
        if (!game.brackets.includes(team.bracket)) game.brackets.push(team.bracket);
      }
      this.games.push(game);
    }
  }

  /** Each class's teacher logs in on the laptop and opens the game's page; its projector opens the screen. */
  private async openOverviews(): Promise<void> {
    for (const game of this.games) {
      const address = game.teacherAddress;
      const home = await http(this.base, "/", { from: address });
      const device = home.cookies.tmc_device ?? "";
      const form = await http(this.base, "/login", { form: { password: this.opts.password, next: "/teacher" }, cookie: `tmc_device=${device}`, from: address });
      if (form.status !== 303 || !form.cookies.tmc_teacher) throw new Error(`bench: teacher login failed: ${form.status} ${form.body.slice(0, 200)}`);
      const teacherCookie = cookieHeader({ tmc_device: device, tmc_teacher: form.cookies.tmc_teacher });
      for (const kind of ["teacher", "screen"] as const) {
        const from = staffAddress(game.idx, kind);
        const path = kind === "teacher" ? `/teacher/games/${game.id}` : `/g/${game.code}/screen`;
        const cookie = kind === "teacher" ? teacherCookie : "";
        const page = await http(this.base, path, { cookie, from });
        const url = sseUrlOf(page.body);
        if (page.status !== 200 || !url) throw new Error(`bench: ${path} gave ${page.status} without a stream`);
        const o: Overview = { kind, address: from, watch: null, mark: null, markSeenAt: 0, stealArmed: game.brackets.map(() => false), stealSeenAt: game.brackets.map(() => 0) };
        o.watch = await openWatch({ port: this.port, path: url, from, headers: cookie ? { cookie } : {}, onPayload: (buf, at) => this.onOverview(o, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } });
        if (o.watch.status !== 200) throw new Error(`bench: ${url} answered ${o.watch.status}`);
        game.overviews.push(o);
      }
    }
  }

  /** Every phone: visit `/` (device cookie), join its team, load the seat page, open its stream. */
  async joinAll(): Promise<void> {
    const { perTeam } = this.opts.shape;
    let i = 0;
    for (const game of this.games) {
      for (const team of game.teams) {
        for (let m = 0; m < perTeam; m++, i++) {
          const p: Phone = { idx: i, address: phoneAddress((this.opts.addressBase ?? 0) + i), cookie: "", game, team, watch: null, mark: null, markSeenAt: 0, stealArmed: false, stealSeenAt: 0, onMark: null };
          this.phones.push(p);
          game.phones.push(p);
        }
      }
    }
    // Interleave the games, as classes joining at the same time would.
    const order = [...this.phones].sort((a, b) => (a.idx % perTeam) - (b.idx % perTeam) || a.game.idx - b.game.idx || a.idx - b.idx);
    const gate = new Gate(this.opts.inflight);
    const t0 = performance.now();
    let lastJoin = t0;
    const opened: Promise<void>[] = [];
    await Promise.all(order.map((p) => gate.run(async () => {
      const start = performance.now();
      const home = await http(this.base, "/", { from: p.address });
      if (home.status !== 200 || !home.cookies.tmc_device) return void this.join.errors.add(`visit:${home.status}${home.error ? `:${home.error}` : ""}`);
      const jar: Record<string, string> = { tmc_device: home.cookies.tmc_device };
      const nickname = `s${p.idx + 1}`;
      const joined = await http(this.base, "/api/join-game", { json: { gameCode: p.game.code, nickname, teamId: p.team.id }, cookie: cookieHeader(jar), from: p.address });
      if (joined.status !== 200 || !joined.cookies.tmc_seat) return void this.join.errors.add(`join:${joined.status}:${/"code":"(\w+)"/.exec(joined.body)?.[1] ?? joined.error ?? ""}`);
      lastJoin = performance.now();
      this.join.latency.push(lastJoin - start);
      jar.tmc_seat = joined.cookies.tmc_seat;
      p.cookie = cookieHeader(jar);
      const page = await http(this.base, `/g/${p.game.code}/play`, { cookie: p.cookie, from: p.address });
      const url = sseUrlOf(page.body);
      if (page.status !== 200 || !url) return void this.join.errors.add(`seat-page:${page.status}`);
      opened.push(this.openPhoneStream(p, url));
    })));
    this.join.seconds = (lastJoin - t0) / 1000;
    await Promise.all(opened);
    const deadline = performance.now() + 30_000;
    while (this.phones.some((p) => p.watch && !p.watch.firstAt) && performance.now() < deadline) await Bun.sleep(10);
    this.join.readySeconds = (Math.max(...this.phones.map((p) => p.watch?.firstAt ?? 0)) - t0) / 1000;
    for (const p of this.phones) if (p.watch && !p.watch.firstAt) this.join.errors.add("stream:no_snapshot");
  }

  private async openPhoneStream(p: Phone, url: string): Promise<void> {
    try {
      p.watch = await openWatch({ port: this.port, path: url, from: p.address, headers: { cookie: p.cookie }, onPayload: (buf, at) => this.onPhone(p, buf, at), onClose: (w) => { if (!w.closing) this.streamCloses++; } });
      if (p.watch.status !== 200) { this.join.errors.add(`stream:${p.watch.status}`); p.watch = null; return; }
      p.team.phones.push(p);
    } catch (err) {
      this.join.errors.add(`stream:${String((err as Error).message).slice(0, 60)}`);
    }
  }

  /** Starts every game and its Score Steal round, then waits until every stream shows the round's panel. */
  async startRounds(): Promise<{ missing: number }> {
    const questionIds = this.questions.map((q) => q.id);
    // Any Score Steal phase (`ss-<round>-…`): armed before the start, whose update may beat its response.
    for (const game of this.games) this.arm(game, 'data-phase="ss', 'data-phase="ss', null);
    for (const game of this.games) {
      const started = await this.teacher(game, `/api/games/${game.id}/start`, { method: "POST" });
      if (started.status !== 200) throw new Error(`bench: start game failed: ${started.status} ${started.body.slice(0, 200)}`);
      const round = await this.teacher(game, `/api/games/${game.id}/rounds`, { json: { type: "score_steal", questionIds } });
      if (round.status !== 201) throw new Error(`bench: start round failed: ${round.status} ${round.body.slice(0, 300)}`);
      game.sessionId = (JSON.parse(round.body) as { sessionId: number }).sessionId;
    }
    await this.waitMarks(30_000);
    return { missing: this.phones.filter((p) => p.watch && !p.markSeenAt).length };
  }

  /** Sets the marker every stream of a game waits for (phones and projector may differ), clearing what was seen. */
  arm(game: SGame, phoneMark: string, screenMark: string, onMark: Phone["onMark"]): void {
    const pm = Buffer.from(phoneMark);
    for (const p of game.phones) {
      p.mark = pm;
      p.markSeenAt = 0;
      p.onMark = onMark;
      p.stealArmed = false;
      p.stealSeenAt = 0;
    }
    const sm = Buffer.from(screenMark);
    for (const o of game.overviews) {
      o.mark = o.kind === "screen" ? sm : null;
      o.markSeenAt = 0;
      o.stealArmed.fill(false);
      o.stealSeenAt.fill(0);
    }
  }

  /** Waits until every phone and projector saw its marker, or `ms` passed. */
  async waitMarks(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    const pending = () => this.phones.some((p) => p.watch && p.mark && !p.markSeenAt) || this.games.some((g) => g.overviews.some((o) => o.mark && !o.markSeenAt));
    while (pending() && performance.now() < deadline) await Bun.sleep(5);
  }

  private onPhone(p: Phone, buf: Buffer, at: number): void {
    if (p.mark && !p.markSeenAt && hasMark(buf, p.mark)) {
      p.markSeenAt = at;
      p.onMark?.(p, at);
    }
    if (p.stealArmed && !p.stealSeenAt && buf.indexOf(STEAL_LINE) >= 0) p.stealSeenAt = at;
  }

  private onOverview(o: Overview, buf: Buffer, at: number): void {
    if (o.mark && !o.markSeenAt && hasMark(buf, o.mark)) o.markSeenAt = at;
    if (o.kind !== "screen" || !o.stealArmed.some((armed, b) => armed && !o.stealSeenAt[b])) return;
    // The projector shows every bracket: one <section class="bracket"> each, in the game's bracket order.
    const sections = buf.toString("utf8").split(SCREEN_BRACKET).slice(1);
    sections.forEach((html, b) => {
      if (o.stealArmed[b] && !o.stealSeenAt[b] && html.includes('class="steal-line"')) o.stealSeenAt[b] = at;
    });
  }

  streamsOpen(): number {
    return this.phones.filter((p) => p.watch && !p.watch.closed).length + this.games.reduce((n, g) => n + g.overviews.filter((o) => o.watch && !o.watch.closed).length, 0);
  }

  closeAll(): void {
    closePhones();
    for (const p of this.phones) p.watch?.close();
    for (const g of this.games) for (const o of g.overviews) o.watch?.close();
  }
}
