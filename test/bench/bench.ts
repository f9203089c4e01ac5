// npm run bench -- [--students 2000] [--teams 20] [--rate 1000] [--duration 60] [--json out.json] …
// npm run bench -- --round relay [--games 25] … (a Relay Quiz instead: relay-bench.ts)
// npm run bench -- --event [--scale 1] … (every round type at once, 10,000 phones: event-bench.ts)
// Starts the real server as a child process on a fresh data dir and plays a Year Game with
// simulated students over HTTP and SSE, as browsers do. `--help` lists every flag.
// npm run bench -- --startup: only the binary's cold start (startup.ts).
import { parseFlags } from "./flags.ts";
import { readFileSync, writeFileSync } from "node:fs";
import { Classroom, type Limit, type PhaseStats } from "./classroom.ts";
import { AnswerLoad } from "./load.ts";
import { pick, report, slope } from "./report.ts";
import { machineBusySeconds, procStat, Sampler, startBaseline, startTmc, type ServerKind } from "./procs.ts";
import { dist, median, minMax, round1, Samples } from "./stats.ts";
import { formatBackoff, formatRate, loadConfig, parseRate, type Config } from "../../src/config.ts";
import { streamsTotal } from "../../src/limits/streams.ts";
import { startupBench } from "./startup.ts";
import { STEAL_FLAGS, stealBench } from "./steal-bench.ts";

const FLAGS = {
  students: ["2000", "simulated students, each with its own device cookie and stream"],
  teams: ["20", "teams per game (2–20)"],
  games: ["", "games (classes); default ceil(students / 1000), the per-game seat limit"],
  "join-mode": ["auto", "auto | choose"],
  rate: ["1000", "answers per second, all students together (open loop)"],
  duration: ["60", "measured seconds at --rate"],
  warmup: ["5", "seconds at --rate before measuring"],
  "max-seconds": ["5", "seconds of each closed-loop full-speed slice (TMC and baseline); 0 skips"],
  "max-rounds": ["3", "TMC and baseline slices, alternated so both see the same machine; the best of each counts"],
  "max-concurrency": ["64", "requests in flight in the closed loops"],
  inflight: ["200", "most requests in flight at once in the open loop and the join burst"],
  digits: ["1,3,5,7,9", "the round's digits"],
  range: ["1-100", "the round's target range"],
  "correct-share": ["0.3", "upper bound on the share of correct answers (they are paced to last the run)"],
  "dup-share": ["0.5", "of the other answers, the share of duplicates (rest: invalid)"],
  limits: ["on", "on = the server's default limits (each phone sends from its own loopback address); off = every rate limit and stream cap off"],
  server: ["auto", "auto (dist/tmc if built, else source) | src | dist"],
  "sample-every": ["10", "seconds between RSS / health samples"],
  "soak-warmup": ["", "seconds of load before soak stats count (default min(60, duration/3))"],
  "fanout-timeout": ["5000", "ms after which an update not seen on a stream counts as missed"],
  baseline: ["on", "on | off: measure the minimal Bun + SQLite server"],
  "bun-flags": ["", "extra flags for bun when running the source server, comma-separated (e.g. --smol)"],
  profile: ["", "run the source server with Bun's CPU profiler, writing into this folder"],
  env: ["", "extra server env, comma-separated KEY=VALUE (e.g. TMC_COALESCE_MS=50)"],
  json: ["", "write the results to this file"],
  "server-log": ["", "write the server's output (last 400 kB) to this file"],
  startup: ["off", "--startup alone: only the cold start of the binary to a healthy /api/health (builds each packing; short)"],
  "startup-games": ["100", "--startup: finished games in the database it starts on"],
  "startup-runs": ["10", "--startup: starts per packing, alternated"],
  "startup-variants": ["all", "--startup: all (plain, minify, bytecode, minify+bytecode) | release (only the packing in use)"],
  // Other rounds' scenarios: their own files and flags.
  round: ["year-game", "year-game (this file) | score-steal (steal-bench.ts)"],
  ...STEAL_FLAGS,
} as const;
type Flag = keyof typeof FLAGS;

function parseArgs(argv: string[]): Record<Flag, string> {
  return parseFlags(FLAGS, argv, "", ["startup"]);
}

const PASSWORD = "bench-password-1";
const ANSWER_LIMIT_DEFAULT = "200/5m";

/** Closed loop against any endpoint: `concurrency` workers posting back to back. */
async function closedLoopRaw(url: string, concurrency: number, seconds: number, body: () => string): Promise<PhaseStats & { errors: number }> {
  const stats = { latency: new Samples(), completed: 0, issued: 0, dueNotIssued: 0, seconds, startedAt: performance.now(), errors: 0 };
  const end = stats.startedAt + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      stats.issued++;
      try {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie: "tmc_device=D000000000000000000000000000000000; tmc_seat=S000000000000000000000000000000000" }, body: body() });
        await res.text();
        if (res.status !== 200) stats.errors++;
      } catch {
        stats.errors++;
      }
      stats.completed++;
      stats.latency.push(performance.now() - t);
    }
  }));
  stats.seconds = (performance.now() - stats.startedAt) / 1000;
  return stats;
}

/** Measures how late this process's own timers fire: a busy load generator shows up here. */
function loopLag(): { stop(): { p99Ms: number; maxMs: number } } {
  const lags = new Samples();
  let last = performance.now();
  const timer = setInterval(() => { const now = performance.now(); lags.push(Math.max(0, now - last - 50)); last = now; }, 50);
  return { stop() { clearInterval(timer); const d = dist(lags.values()); return { p99Ms: d.p99Ms, maxMs: d.maxMs }; } };
}

/** The server's limits as the report states them. */
function limitsInForce(c: Config): Record<string, string> {
  const cap = (v: number | "off" | "auto") => String(v);
  return {
    joinPerDevice: formatRate(c.rateLimitJoin), joinPerAddress: formatRate(c.rateLimitJoinAddress),
    answerPerSeat: formatRate(c.rateLimitAnswer), answerPerAddress: formatRate(c.rateLimitAnswerAddress),
    loginPerAddress: formatRate(c.rateLimitLogin), loginBackoff: formatBackoff(c.loginBackoff), newDevicesPerAddress: formatRate(c.rateLimitNewDevice),
    streamsPerDevice: cap(c.streamsPerDevice), streamsPerAddress: cap(c.streamsPerAddress), streamsTotal: cap(streamsTotal(c.streamsTotal)),
  };
}

type Timers = { heartbeats: number; roundClocks: number; pendingFlushes: number };
type Sample = { t: number; phase: string; rssMb: number; cpuSeconds: number; fds: number; threads: number; streams: number; subscribers: number; timers: Timers };

async function main() {
  const f = parseArgs(process.argv.slice(2));
  if (f.startup === "on") {
    return startupBench({ games: Number(f["startup-games"]), runs: Number(f["startup-runs"]), variants: f["startup-variants"], json: f.json });
  }
  const students = Number(f.students);
  const teams = Number(f.teams);
  const games = f.games ? Number(f.games) : Math.max(1, Math.ceil(students / 1000));
  const rate = Number(f.rate);
  const duration = Number(f.duration);
  const warmup = Number(f.warmup);
  const maxSeconds = Number(f["max-seconds"]);
  const maxRounds = Number(f["max-rounds"]);
  if (!Number.isInteger(maxRounds) || maxRounds < 1) throw new Error("bench: --max-rounds must be a whole number ≥ 1");
  const maxConcurrency = Number(f["max-concurrency"]);
  const [targetMin, targetMax] = f.range.split("-").map(Number) as [number, number];
  const limitsOn = f.limits !== "off";
  const answerLimit: Limit = limitsOn ? (parseRate(ANSWER_LIMIT_DEFAULT) as Limit) : "off";
  const sampleEvery = Number(f["sample-every"]);
  const soakWarmup = f["soak-warmup"] ? Number(f["soak-warmup"]) : Math.min(60, duration / 3);
  const env: Record<string, string> = {};
  if (!limitsOn) {
    for (const k of ["JOIN", "JOIN_ADDRESS", "ANSWER", "ANSWER_ADDRESS", "CREATE", "LOGIN", "NEW_DEVICE"]) env[`TMC_RATE_LIMIT_${k}`] = "off";
    for (const k of ["LOGIN_BACKOFF", "STREAMS_PER_DEVICE", "STREAMS_PER_ADDRESS", "STREAMS_TOTAL"]) env[`TMC_${k}`] = "off";
  }
  for (const kv of f.env.split(",").filter(Boolean)) env[kv.slice(0, kv.indexOf("="))] = kv.slice(kv.indexOf("=") + 1);
  if (f.round === "score-steal") return stealBench(f, env, limitsInForce(loadConfig([], { ...process.env, ...env }).config));
  if (f.round !== "year-game") throw new Error(`bench: unknown --round ${f.round} (see --help)`);

  const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  if (answerLimit !== "off") {
    // Each student answers every students/rate seconds; with the limits on, stay under the allowance.
    const perWindow = (rate / students) * Math.min(answerLimit.windowMs / 1000, warmup + duration + maxSeconds * maxRounds);
    if (perWindow > answerLimit.limit - 5) log(`warning: ${perWindow.toFixed(0)} answers per student per window exceed the server's limit of ${answerLimit.limit}; some answers will not be sent (use more students or --limits off)`);
  }
  const server = await startTmc(f.server as ServerKind, PASSWORD, env, f.profile, f["bun-flags"].split(",").filter(Boolean));
  // The limits the server runs with: its defaults under the same environment (it inherits this
  // process's open-file limit, so "auto" resolves the same way here).
  const limits = limitsInForce(loadConfig([], { ...process.env, ...env }).config);
  log(`limits: ${Object.entries(limits).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const pid = server.proc.pid;
  log(`server (${server.kind}) pid ${pid} on :${server.port}; rate limits ${limitsOn ? "ON (defaults)" : "OFF"}; ${students} students in ${games} game(s) × ${teams} teams`);
  const room = new Classroom({
    students, teams, games, joinMode: f["join-mode"] as "auto" | "choose",
    digits: f.digits.split(",").map(Number), targetMin, targetMax,
    roundSeconds: Math.min(4 * 3600, Math.ceil(warmup + duration + maxSeconds * maxRounds * 2 + 300)),
    password: PASSWORD, inflight: Number(f.inflight), correctShare: Number(f["correct-share"]), dupShare: Number(f["dup-share"]),
    answerLimit, fanoutTimeoutMs: Number(f["fanout-timeout"]),
  }, server.port);
  const load = new AnswerLoad(room);

  let loadStart = 0;
  let phaseName = "setup";
  const health = async () => {
    try {
      return (await (await fetch(`${room.base}/api/health`)).json()) as { streams: number; subscribers: number; timers: Timers };
    } catch {
      return { streams: -1, subscribers: -1, timers: { heartbeats: -1, roundClocks: -1, pendingFlushes: -1 } };
    }
  };
  const sampler = new Sampler<Sample>(async () => {
    const p = procStat(pid);
    if (!p) return null;
    const h = await health();
    return { t: round1(loadStart ? (performance.now() - loadStart) / 1000 : 0), phase: phaseName, rssMb: round1(p.rssMb), cpuSeconds: p.cpuSeconds, fds: p.fds, threads: p.threads, streams: h.streams, subscribers: h.subscribers, timers: h.timers };
  }, sampleEvery * 1000);

  let result: Record<string, unknown>;
  let joinCpu = { server: 0, client: 0 };
  try {
    await room.login();
    await room.createGames();
    await room.openOverviews();
    log("teacher and projector streams open; joining…");
    const joinCpu0 = procStat(pid)!.cpuSeconds;
    const joinClient0 = process.cpuUsage();
    await room.joinAll();
    const joinClient = process.cpuUsage(joinClient0);
    joinCpu = { server: procStat(pid)!.cpuSeconds - joinCpu0, client: (joinClient.user + joinClient.system) / 1e6 };
    log(`joined in ${room.join.seconds.toFixed(2)} s (all streams ready at ${room.join.readySeconds.toFixed(2)} s), errors ${JSON.stringify(room.join.errors.counts)}`);
    await room.startRounds();
    const roundPanel = dist(room.phaseFanout.values());
    log(`round panel on every stream: p99 ${roundPanel.p99Ms} ms`);
    const total = room.totalTargets();
    const correctsPerSecond = Math.min(Number(f["correct-share"]) * rate, (total * 0.9) / Math.max(1, warmup + duration));
    load.pace(correctsPerSecond);
    loadStart = performance.now();
    sampler.start();
    phaseName = "warmup";
    if (warmup > 0) await load.openLoop(rate, warmup, "warmup");
    phaseName = "steady";
    const before = procStat(pid)!;
    const trafficBefore = room.traffic();
    const cpu0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const lag = loopLag();
    log(`measuring ${duration} s at ${rate}/s (correct answers paced at ${correctsPerSecond.toFixed(1)}/s of ${total} possible finds)…`);
    const steady = await load.openLoop(rate, duration, "steady");
    const lagStats = lag.stop();
    const cpuClient = process.cpuUsage(cpu0);
    const after = procStat(pid)!;
    const busy = machineBusySeconds() - busy0;
    const streamsOpenAfterSteady = room.streamsOpen();
    const trafficAfterSteady = room.traffic();
    phaseName = "settle";
    await room.settle();
    const fan = room.fanout(["steady"]);
    // Maximum throughput: TMC and the baseline in alternating slices. This machine's speed drifts
    // by ±20% from minute to minute (two cores, client and servers sharing them); alternating and
    // keeping each one's best slice compares them under the same conditions.
    let max: PhaseStats | null = null;
    let maxCpuPercent = 0;
    let baseline: (PhaseStats & { errors: number }) | null = null;
    const slices = { tmc: [] as number[], baseline: [] as number[] };
    if (maxSeconds > 0) {
      phaseName = "max";
      const b = f.baseline !== "off" ? await startBaseline() : null;
      const baseUrl = b && `http://127.0.0.1:${b.port}/submit`;
      try {
        if (baseUrl) await closedLoopRaw(baseUrl, maxConcurrency, 1, () => JSON.stringify({ sessionId: 1, expression: "warm-up" }));
        for (let r = 1; r <= maxRounds; r++) {
          log(`slice ${r}/${maxRounds}: TMC, closed loop, ${maxConcurrency} in flight, ${maxSeconds} s…`);
          const cpu0 = procStat(pid)!.cpuSeconds;
          const m = await load.closedLoop(maxConcurrency, maxSeconds, "max");
          const cpu = round1(((procStat(pid)!.cpuSeconds - cpu0) / m.seconds) * 100);
          slices.tmc.push(round1(m.completed / m.seconds));
          if (!max || m.completed / m.seconds > max.completed / max.seconds) [max, maxCpuPercent] = [m, cpu];
          await room.settle();
          if (!baseUrl) continue;
          log(`slice ${r}/${maxRounds}: baseline, same closed loop…`);
          const bl = await closedLoopRaw(baseUrl, maxConcurrency, maxSeconds, () => JSON.stringify({ sessionId: 1, expression: "(1+3)×5−7+9" }));
          slices.baseline.push(round1(bl.completed / bl.seconds));
          if (!baseline || bl.completed / bl.seconds > baseline.completed / baseline.seconds) baseline = bl;
        }
      } finally {
        await b?.stop();
      }
    }
    const verify = await room.verify();
    const finalHealth = await health();
    sampler.stop();
    const end = procStat(pid)!;
    room.closeAll();
    if (f["server-log"]) writeFileSync(f["server-log"], server.output());
    await server.stop();

    const submit = dist(steady.latency.values());
    // Headline fan-out: the streams that show answers live (the team's phones and the projector).
    // The teacher's panel is refreshed on the bus's overview lane (10 × the coalesce interval) and is reported apart.
    const fanLive = new Samples();
    for (const s of [fan.student, fan.screen]) for (const v of s.values()) fanLive.push(v);
    const fanD = dist(fanLive.values());
    const fanAll = new Samples();
    for (const s of [fan.student, fan.teacher, fan.screen]) for (const v of s.values()) fanAll.push(v);
    const samples = sampler.series;
    const soakSamples = samples.filter((s) => s.t >= soakWarmup && (s.phase === "steady" || s.phase === "warmup"));
    const rssRange = minMax(soakSamples.map((s) => s.rssMb));
    // RSS saws up and down with garbage collection: judge it against the median, not one sample.
    const medianRss = median(soakSamples.map((s) => s.rssMb));
    const maxThroughput = max ? round1(max.completed / max.seconds) : 0;
    const baseThroughput = baseline ? round1(baseline.completed / baseline.seconds) : 0;
    result = {
      students, teams, games, joinMode: f["join-mode"], rate, durationSeconds: duration, warmupSeconds: warmup,
      serverKind: server.kind, rateLimits: limitsOn ? "on" : "off", limits, phonesFrom: "own loopback address each (127.100.x.y)",
      join: {
        seconds: Math.round(room.join.seconds * 100) / 100, readySeconds: Math.round(room.join.readySeconds * 100) / 100,
        errors: room.join.errors.counts, errorCount: room.join.errors.total(), ...pick(dist(room.join.latency.values()), "p50Ms", "p99Ms", "maxMs"),
        // CPU seconds spent while everyone visited, joined, loaded the seat page and opened the stream.
        serverCpuSeconds: Math.round(joinCpu.server * 100) / 100, clientCpuSeconds: Math.round(joinCpu.client * 100) / 100,
      },
      roundPanel: pick(roundPanel, "p50Ms", "p99Ms", "maxMs"),
      submit: {
        count: steady.completed, throughput: round1(steady.completed / duration), ...pick(submit, "p50Ms", "p95Ms", "p99Ms", "maxMs"),
        errors: room.errors.counts, errorCount: room.errors.total(), expected: room.expected.counts, dueNotIssued: steady.dueNotIssued, budgetSkips: load.budgetSkips,
      },
      fanout: {
        ...pick(fanD, "p50Ms", "p99Ms", "maxMs"), missed: fan.missed, missedStreams: fan.missedStreams, updates: fan.updates, deliveries: fanD.count,
        scope: "student streams of the answering team + projector; teacher separately (overview lane)",
        all: pick(dist(fanAll.values()), "count", "p50Ms", "p99Ms", "maxMs"),
        student: pick(dist(fan.student.values()), "count", "p50Ms", "p99Ms", "maxMs"),
        teacher: pick(dist(fan.teacher.values()), "count", "p50Ms", "p99Ms", "maxMs"),
        screen: pick(dist(fan.screen.values()), "count", "p50Ms", "p99Ms", "maxMs"),
      },
      traffic: Object.fromEntries(Object.entries(trafficAfterSteady).map(([k, t]) => [k, { streams: t.streams, framesPerStreamPerSecond: round1((t.frames - (trafficBefore[k]?.frames ?? 0)) / t.streams / duration), megabytesPerSecond: round1((t.megabytes - (trafficBefore[k]?.megabytes ?? 0)) / duration) }])),
      streams: { expected: students + games * 2, openAfterSteady: streamsOpenAfterSteady, unexpectedCloses: room.streamCloses, serverStreamsAtEnd: finalHealth.streams, serverSubscribersAtEnd: finalHealth.subscribers },
      server: {
        peakRssMb: round1(end.hwmMb), rssMbEnd: round1(end.rssMb), cpuSeconds: round1((after.cpuSeconds - before.cpuSeconds) * 100) / 100,
        cpuPercent: round1(((after.cpuSeconds - before.cpuSeconds) / duration) * 100), kernelPercent: round1(((after.systemSeconds - before.systemSeconds) / duration) * 100), cpuSecondsTotal: round1(end.cpuSeconds * 100) / 100, fdsEnd: end.fds,
      },
      client: { cpuPercent: round1(((cpuClient.user + cpuClient.system) / 1e6 / duration) * 100), loopLagP99Ms: lagStats.p99Ms, loopLagMaxMs: lagStats.maxMs },
      // Other processes on the machine during the measured phase (this box is shared): % of one core.
      machine: { cores: navigator.hardwareConcurrency, otherCpuPercent: round1(Math.max(0, busy - (after.cpuSeconds - before.cpuSeconds) - (cpuClient.user + cpuClient.system) / 1e6) / duration * 100), loadAvg: readFileSync("/proc/loadavg", "latin1").split(" ").slice(0, 3).join(" ") },
      max: max ? { throughput: maxThroughput, slices: slices.tmc, count: max.completed, seconds: round1(max.seconds), concurrency: maxConcurrency, serverCpuPercent: maxCpuPercent, ...pick(dist(max.latency.values()), "p50Ms", "p99Ms", "maxMs") } : null,
      baseline: baseline ? { throughput: baseThroughput, slices: slices.baseline, count: baseline.completed, errors: baseline.errors, concurrency: maxConcurrency, ...pick(dist(baseline.latency.values()), "p50Ms", "p99Ms", "maxMs") } : { throughput: 0 },
      ratio: baseThroughput ? Math.round((maxThroughput / baseThroughput) * 1000) / 1000 : null,
      verify,
      soak: {
        warmupSeconds: soakWarmup, samples: soakSamples.length,
        rssMb: { median: medianRss, ...rssRange, spreadPct: medianRss ? round1(Math.max(rssRange.max / medianRss - 1, 1 - rssRange.min / medianRss) * 100) : 0, slopePerMinute: slope(soakSamples.map((s) => [s.t / 60, s.rssMb])) },
        streams: minMax(soakSamples.map((s) => s.streams)), subscribers: minMax(soakSamples.map((s) => s.subscribers)), fds: minMax(soakSamples.map((s) => s.fds)),
        timers: { heartbeats: minMax(soakSamples.map((s) => s.timers.heartbeats)), roundClocks: minMax(soakSamples.map((s) => s.timers.roundClocks)), pendingFlushes: minMax(soakSamples.map((s) => s.timers.pendingFlushes)) },
      },
      samples,
    };
  } catch (err) {
    sampler.stop();
    room.closeAll();
    await server.stop();
    throw err;
  }
  report(result);
  if (f.json) writeFileSync(f.json, JSON.stringify(result, null, 2));
}

// `--event`: every round type at once on one server (event-bench.ts, its own flags).
const eventAt = process.argv.indexOf("--event");
if (eventAt >= 0) {
  process.argv.splice(eventAt, 1);
  await (await import("./event-bench.ts")).eventBench(process.argv.slice(2));
  process.exit(0);
}
// `--round relay` plays a Relay Quiz instead (relay-bench.ts, its own flags); `--round year` (or none)
// this file's Year Game, `--round score-steal` its Score Steal (steal-bench.ts, through main's flags).
const roundAt = process.argv.indexOf("--round");
const round = roundAt >= 0 ? process.argv[roundAt + 1] : "year-game";
if (round === "relay" || round === "year") process.argv.splice(roundAt, 2);
if (round === "relay") await (await import("./relay-bench.ts")).relayBench(process.argv.slice(2));
else await main();
