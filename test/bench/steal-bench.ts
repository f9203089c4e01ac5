// npm run bench -- --round score-steal: the Score Steal round in a gym. Two shapes, each on a
// fresh server (the real one, started as a child exactly like the Year Game bench, default
// per-address limits on): one big game (20 teams of 50 phones in two brackets) and many classes
// (25 games × 20 teams of 4, one bracket each). Each plays `--steal-questions` questions: open,
// a tap from every phone, the winners' steals, the reveal (steal-play.ts). The ledger is checked
// on the server's database once it has stopped (the server holds the file exclusively).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { machineBusySeconds, procStat, startTmc, type ServerKind } from "./procs.ts";
import { dist, round1, Samples, Tally } from "./stats.ts";
import { StealClass, type StealShape } from "./steal-classroom.ts";
import { setPhoneIdleMs } from "./phone-http.ts";
import { StealPlay, type QuestionResult } from "./steal-play.ts";
import { stealReport } from "./steal-report.ts";
import { openDb, read } from "../../src/db/client.ts";
import { ledgerCheck } from "../../src/scoring/ledger.ts";
import { formatRate, loadConfig } from "../../src/config.ts";

/** The flags of this scenario, merged into bench.ts's table (`--help` lists them). */
export const STEAL_FLAGS = {
  "steal-big": ["20x50x2", "--round score-steal: one big game, teams x phones per team x brackets (off = skip)"],
  "steal-classes": ["25x20x4", "--round score-steal: many classes, games x teams x phones per team, one bracket each (off = skip)"],
  "steal-questions": ["5", "--round score-steal: questions per shape"],
  "steal-tap": ["3", "--round score-steal: every phone taps within this many seconds of its stream showing the question"],
  "steal-correct": ["0.6", "--round score-steal: share of taps that send the right answer (the rest a wrong one)"],
  "steal-open-spread": ["1", "--round score-steal: the games' teachers open each question within this many seconds (evenly; 0 = all at once)"],
  "steal-keepalive": ["25", "--round score-steal: seconds a phone keeps its idle connection between taps (a browser keeps it until the server's 30 s idle timeout; 0 = 4 s as in the Year Game bench: a new connection for nearly every tap)"],
  "steal-pause": ["1", "--round score-steal: seconds between a reveal and the next open (the teacher reads the answer)"],
} as const;

const PASSWORD = "bench-password-1";

type Flags = Record<string, string>;

function parseShape(name: string, spec: string, kind: "big" | "classes"): StealShape | null {
  if (spec === "off" || spec === "") return null;
  const n = spec.split("x").map(Number);
  if (n.length !== 3 || n.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`bench: --steal-${kind} wants AxBxC, got ${spec}`);
  return kind === "big" ? { name, games: 1, teams: n[0]!, perTeam: n[1]!, brackets: n[2]! } : { name, games: n[0]!, teams: n[1]!, perTeam: n[2]!, brackets: 1 };
}

const loadAvg = () => readFileSync("/proc/loadavg", "latin1").split(" ").slice(0, 3).join(" ");

/** How late this process's timers fire: a busy load generator delays what it measures. */
function loopLag() {
  const lags = new Samples();
  let last = performance.now();
  const timer = setInterval(() => { const now = performance.now(); lags.push(Math.max(0, now - last - 50)); last = now; }, 50);
  return () => { clearInterval(timer); const d = dist(lags.values()); return { p99Ms: d.p99Ms, maxMs: d.maxMs }; };
}

const ms = (s: Samples) => { const d = dist(s.values()); return { count: d.count, p50Ms: d.p50Ms, p99Ms: d.p99Ms, maxMs: d.maxMs }; };
function merge(parts: Samples[]): Samples {
  const out = new Samples();
  for (const s of parts) for (const v of s.values()) out.push(v);
  return out;
}
function mergeTally(parts: Tally[]): Record<string, number> {
  const out = new Tally();
  for (const t of parts) for (const [k, v] of Object.entries(t.counts)) out.add(k, v);
  return out.counts;
}

/** The scores in the server's database against its ledger, per team (read after the server stopped). */
function ledgerOf(dir: string, gameIds: number[]): { teams: number; mismatches: number } {
  const db = openDb(join(dir, "tmc.db"));
  try {
    const rows = gameIds.flatMap((id) => read(db, (tx) => ledgerCheck(tx, id)));
    return { teams: rows.length, mismatches: rows.filter((r) => r.score !== r.ledger).length };
  } finally {
    db.$client.close(true);
  }
}

async function runShape(shape: StealShape, f: Flags, env: Record<string, string>, log: (m: string) => void): Promise<Record<string, unknown>> {
  const questions = Number(f["steal-questions"]);
  const server = await startTmc(f.server as ServerKind, PASSWORD, env, f.profile, f["bun-flags"].split(",").filter(Boolean));
  const pid = server.proc.pid;
  const phones = shape.games * shape.teams * shape.perTeam;
  log(`${shape.name}: server (${server.kind}) pid ${pid} on :${server.port}; ${shape.games} game(s) × ${shape.teams} teams × ${shape.perTeam} phones = ${phones} phones, ${shape.brackets} bracket(s)`);
  const room = new StealClass({ shape, questions, password: PASSWORD, inflight: Number(f.inflight) }, server.port);
  const play = new StealPlay(room, { tapMs: Number(f["steal-tap"]) * 1000, correctShare: Number(f["steal-correct"]), fanoutTimeoutMs: Number(f["fanout-timeout"]), openSpreadMs: Number(f["steal-open-spread"]) * 1000 }, pid);
  const loadStart = loadAvg();
  try {
    await room.setup();
    await room.joinAll();
    log(`${shape.name}: joined in ${room.join.seconds.toFixed(2)} s, streams ready at ${room.join.readySeconds.toFixed(2)} s, errors ${JSON.stringify(room.join.errors.counts)}`);
    const panel = await room.startRounds();
    // The live lane sends at most one update per game every 100 ms: do not open within the start's.
    await Bun.sleep(Number(f["steal-pause"]) * 1000);
    const cpu0 = procStat(pid)!.cpuSeconds;
    const client0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const t0 = performance.now();
    const lag = loopLag();
    const bytes0 = room.phones.reduce((n, p) => n + (p.watch?.bytes ?? 0), 0);
    const frames0 = room.phones.reduce((n, p) => n + (p.watch?.payloads ?? 0), 0);
    const qs: QuestionResult[] = [];
    for (let pos = 1; pos <= questions; pos++) {
      const r = await play.question(pos);
      qs.push(r);
      const d = dist(r.openToPhone.values());
      log(`${shape.name} Q${pos}: open → phones p50 ${d.p50Ms} p99 ${d.p99Ms} max ${d.maxMs} ms; answers p99 ${dist(r.answers.values()).p99Ms} ms (${r.answers.length}); steal → streams p99 ${dist(merge([r.steal.toPhone, r.steal.toScreen]).values()).p99Ms} ms; winners ${r.winnersOk}/${r.brackets}; missed ${r.openMissed + r.steal.missed}; errors ${JSON.stringify(r.errors.counts)}`);
      if (pos < questions) await Bun.sleep(Number(f["steal-pause"]) * 1000);
    }
    const lagStats = lag();
    const phoneKb = (room.phones.reduce((n, p) => n + (p.watch?.bytes ?? 0), 0) - bytes0) / 1024 / phones / questions;
    const phoneFrames = (room.phones.reduce((n, p) => n + (p.watch?.payloads ?? 0), 0) - frames0) / phones / questions;
    const seconds = (performance.now() - t0) / 1000;
    const cpu = procStat(pid)!.cpuSeconds - cpu0;
    const clientCpu = process.cpuUsage(client0);
    const clientSeconds = (clientCpu.user + clientCpu.system) / 1e6;
    const busy = machineBusySeconds() - busy0;
    for (const g of room.games) {
      const r = await room.teacher(g, `/api/games/${g.id}/rounds/${g.sessionId}/end`, { method: "POST" });
      if (r.status !== 200) room.teacherErrors.add(`end:${r.status}:${/"code":"(\w+)"/.exec(r.body)?.[1] ?? r.error ?? ""}`);
    }
    const streamsOpen = room.streamsOpen();
    const end = procStat(pid)!;
    room.closeAll();
    if (f["server-log"]) writeFileSync(`${f["server-log"]}.${shape.name}`, server.output());
    // The ledger: the server holds its database exclusively, so read it once the server has stopped.
    server.proc.kill("SIGTERM");
    await server.proc.exited;
    const ledger = ledgerOf(server.dir, room.games.map((g) => g.id));

    const answerErrors = mergeTally(qs.map((q) => q.errors));
    const problems = qs.flatMap((q) => q.problems.map((p) => `Q${q.position}: ${p}`));
    return {
      name: shape.name, games: shape.games, teams: shape.teams, perTeam: shape.perTeam, brackets: shape.brackets, phones, questions, serverKind: server.kind,
      streams: { expected: phones + shape.games * 2, openAtEnd: streamsOpen, unexpectedCloses: room.streamCloses },
      join: { seconds: Math.round(room.join.seconds * 100) / 100, readySeconds: Math.round(room.join.readySeconds * 100) / 100, ...ms(room.join.latency), errors: room.join.errors.counts, errorCount: room.join.errors.total() },
      roundPanelMissing: panel.missing,
      open: {
        request: ms(merge(qs.map((q) => q.openRequest))), phone: ms(merge(qs.map((q) => q.openToPhone))), screen: ms(merge(qs.map((q) => q.openToScreen))),
        missed: qs.reduce((n, q) => n + q.openMissed, 0), from: "the open request's start",
      },
      answers: {
        count: qs.reduce((n, q) => n + q.answers.length, 0), all: ms(merge(qs.map((q) => q.answers))), team: ms(merge(qs.map((q) => q.teamAnswers))),
        expected: mergeTally(qs.map((q) => q.expected)), errors: answerErrors, errorCount: Object.values(answerErrors).reduce((a, b) => a + b, 0),
      },
      winners: { brackets: qs.reduce((n, q) => n + q.brackets, 0), ok: qs.reduce((n, q) => n + q.winnersOk, 0), noCorrect: qs.reduce((n, q) => n + q.noCorrect, 0) },
      teamAnswerMismatches: qs.reduce((n, q) => n + q.teamAnswerMismatches, 0),
      problems: problems.slice(0, 20), problemCount: problems.length,
      steal: {
        count: qs.reduce((n, q) => n + q.steal.count, 0), fromNobody: qs.reduce((n, q) => n + q.steal.fromNobody, 0), request: ms(merge(qs.map((q) => q.steal.request))),
        fanout: ms(merge(qs.flatMap((q) => [q.steal.toPhone, q.steal.toScreen]))), phone: ms(merge(qs.map((q) => q.steal.toPhone))), screen: ms(merge(qs.map((q) => q.steal.toScreen))),
        missed: qs.reduce((n, q) => n + q.steal.missed, 0), scope: "phones of the winner's bracket + the projector, from the steal's 200",
      },
      teacherErrors: room.teacherErrors.counts, teacherErrorCount: room.teacherErrors.total(),
      ledger,
      perQuestion: qs.map((q) => ({
        position: q.position, openPhone: ms(q.openToPhone), openScreen: ms(q.openToScreen), answers: ms(q.answers), teamAnswers: ms(q.teamAnswers),
        stealFanout: ms(merge([q.steal.toPhone, q.steal.toScreen])), missed: q.openMissed + q.steal.missed, winners: `${q.winnersOk}/${q.brackets}`,
        burstSeconds: round1(q.burstSeconds), serverCpuSeconds: Math.round(q.serverCpuSeconds * 100) / 100, serverCpuPercent: round1((q.serverCpuSeconds / q.burstSeconds) * 100),
      })),
      server: { peakRssMb: round1(end.hwmMb), cpuSeconds: round1(cpu), cpuPercent: round1((cpu / seconds) * 100), burstCpuPercent: round1((qs.reduce((n, q) => n + q.serverCpuSeconds, 0) / qs.reduce((n, q) => n + q.burstSeconds, 0)) * 100) },
      // What each phone's stream carried per question (the question's panel, the updates, the steal, the reveal).
      traffic: {
        framesPerPhonePerQuestion: round1(phoneFrames), kbPerPhonePerQuestion: round1(phoneKb),
        ...Object.fromEntries((["teacher", "screen"] as const).map((kind) => {
          const ws = room.games.flatMap((g) => g.overviews.filter((o) => o.kind === kind && o.watch).map((o) => o.watch!));
          const frames = ws.reduce((n, w) => n + w.payloads, 0);
          return [`${kind}KbPerFrame`, frames ? round1(ws.reduce((n, w) => n + w.bytes, 0) / 1024 / frames) : 0];
        })),
      },
      client: { cpuPercent: round1((clientSeconds / seconds) * 100), loopLagP99Ms: lagStats.p99Ms, loopLagMaxMs: lagStats.maxMs },
      machine: { cores: navigator.hardwareConcurrency, loadAvgStart: loadStart, loadAvgEnd: loadAvg(), otherCpuPercent: round1((Math.max(0, busy - cpu - clientSeconds) / seconds) * 100) },
    };
  } finally {
    room.closeAll();
    await server.stop();
  }
}

/** Runs the shapes one after the other, prints the report, writes `--json`. `limits`: the server's limits as bench.ts states them. */
export async function stealBench(f: Flags, env: Record<string, string>, stated: Record<string, string>): Promise<void> {
  // Each class's game is created from its own teacher laptop: say what allows it.
  const limits = { ...stated, createPerDevice: formatRate(loadConfig([], { ...process.env, ...env }).config.rateLimitCreate) };
  const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  const shapes = [parseShape("big", f["steal-big"]!, "big"), parseShape("classes", f["steal-classes"]!, "classes")].filter((s) => s !== null);
  if (!shapes.length) throw new Error("bench: --steal-big and --steal-classes are both off");
  const limitsOn = f.limits !== "off";
  if (Number(f["steal-keepalive"]) > 0) setPhoneIdleMs(Number(f["steal-keepalive"]) * 1000);
  log(`Score Steal: rate limits ${limitsOn ? "ON (defaults)" : "OFF"}; ${Object.entries(limits).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const results: Record<string, Record<string, unknown>> = {};
  for (const shape of shapes) results[shape.name] = await runShape(shape, f, env, log);
  const out: Record<string, unknown> = {
    round: "score-steal", rateLimits: limitsOn ? "on" : "off", limits, phonesFrom: "own loopback address each (127.100.x.y); each class's teacher laptop and projector their own (127.99.g.1/.2)",
    phoneKeepAliveSeconds: Number(f["steal-keepalive"]) || 4,
    questionsPerShape: Number(f["steal-questions"]), openSpreadSeconds: Number(f["steal-open-spread"]), tapSeconds: Number(f["steal-tap"]), correctShare: Number(f["steal-correct"]), fanoutTimeoutMs: Number(f["fanout-timeout"]),
    shapes: results,
  };
  stealReport(out);
  if (f.json) writeFileSync(f.json, JSON.stringify(out, null, 2));
}
