// npm run bench -- --event [--scale 1] [--duration 120] [--json out.json] … (`--event --help` lists the flags)
// A district on one laptop (issue 16): one server, every round type at once, every phone from its
// own loopback address with its own device cookie and stream, the server's default limits on:
//   4 games × 1,000 phones (20 teams of 50) in a Year Game at 600 answers/s together (classroom.ts, load.ts);
//   2 games × 1,000 (two brackets of 10 teams of 50) in Score Steal, a question every 20 s (steal-*.ts);
//   50 games × 80 (20 teams of 4) in the Relay Quiz, round after round (relay-class.ts);
//   a teacher stream and a projector stream per game. Then (unless --storm off) the restart storm:
// SIGKILL, restart on the same data folder, every stream back by itself (event-storm.ts), and the
// ledger check on the database. `--duration 1200` is the soak (memory, streams, timers, fds over time).
import { parseFlags } from "./flags.ts";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Classroom, type Limit } from "./classroom.ts";
import { AnswerLoad } from "./load.ts";
import { RelayClass } from "./relay-class.ts";
import { StealClass } from "./steal-classroom.ts";
import { StealPlay } from "./steal-play.ts";
import { closePhones } from "./http.ts";
import { setPhoneIdleMs } from "./phone-http.ts";
import { machineBusySeconds, procStat, Sampler, startTmc, type ServerKind } from "./procs.ts";
import { readFileSync } from "node:fs";
import { playRelayUntil, playStealUntil } from "./event-rounds.ts";
import { restartStorm, type StormStream } from "./event-storm.ts";
import { eventReport, type EventSample } from "./event-report.ts";
import { pick } from "./report.ts";
import { dist, median, minMax, p99ByWindow, round1, Samples, Tally } from "./stats.ts";
import { openDb, read } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { ledgerCheck } from "../../src/scoring/ledger.ts";
import { formatRate, loadConfig, parseRate } from "../../src/config.ts";
import { makeRelaySets } from "../support/relay.ts";

const FLAGS = {
  scale: ["1", "multiplies the phones: Year Game phones per game, Score Steal phones per team, Relay games (0.05 = a smoke run)"],
  duration: ["120", "seconds of play (all three round types at once); 1200 = the soak"],
  "yg-games": ["4", "Year Game games"],
  "yg-phones": ["1000", "Year Game phones per game (× scale)"],
  "yg-teams": ["20", "Year Game teams per game"],
  "yg-rate": ["600", "Year Game answers per second, all its games together (× scale)"],
  "steal-games": ["2", "Score Steal games"],
  "steal-shape": ["20x50x2", "Score Steal teams x phones per team (× scale) x brackets"],
  "steal-every": ["20", "seconds between Score Steal questions (each game)"],
  "steal-tap": ["3", "every phone taps within this many seconds of seeing the question"],
  "steal-correct": ["0.6", "share of Score Steal taps that are right"],
  "steal-open-spread": ["1", "the Score Steal teachers open each question within this many seconds"],
  "relay-games": ["50", "Relay Quiz games (× scale)"],
  "relay-shape": ["20x4", "Relay teams x members"],
  think: ["2000-8000", "ms a relay member thinks before each answer"],
  keepalive: ["4", "seconds a phone keeps an idle HTTP connection (its stream stays open regardless)"],
  inflight: ["200", "most requests in flight per round type's class"],
  "fanout-timeout": ["5000", "ms after which an update not seen on a stream counts as missed"],
  "sample-every": ["10", "seconds between server samples (RSS, CPU, fds, /api/health)"],
  "soak-warmup": ["", "seconds before soak figures count (default min(60, duration / 3))"],
  storm: ["auto", "on | off: SIGKILL and restart the server at the end, every stream reconnecting; auto = on, but off under --profile (the kill would lose the play's profile)"],
  server: ["auto", "auto (dist/tmc if built, else source) | src | dist"],
  profile: ["", "run the source server under Bun's CPU profiler, writing into this folder on exit; with --storm on, only the restarted server's profile is written (the storm's)"],
  env: ["", "extra server env, comma-separated KEY=VALUE"],
  "bun-flags": ["", "extra flags for bun when running the source server, comma-separated (e.g. --heap-prof,--heap-prof-dir=/tmp/hp)"],
  json: ["", "write the results to this file"],
  "server-log": ["", "write the server's output to this file"],
} as const;
type Flag = keyof typeof FLAGS;

function parseArgs(argv: string[]): Record<Flag, string> {
  return parseFlags(FLAGS, argv, "--event");
}

const PASSWORD = "bench-password-1";
// Phones' loopback addresses: each round type's phones from their own range (phoneAddress(base + i)).
const BASE = { yg: 0, steal: 20_000, relay: 40_000 };
const RELAY_STAFF_NET = 98;

type Health = { heapUsedBytes?: number; heapTotalBytes?: number; externalBytes?: number; rssFileBytes?: number | null; streams: number; subscribers: number; timers: { heartbeats: number; roundClocks: number; pendingFlushes: number }; eventLoop?: { lastMinute: { p99Ms: number; maxMs: number }; sinceStart: { p50Ms: number; p99Ms: number; maxMs: number } }; openFiles: number | null };

async function health(base: string): Promise<Health | null> {
  try {
    return (await (await fetch(`${base}/api/health`)).json()) as Health;
  } catch {
    return null;
  }
}

/**
 * A soak series' median over its first and its last third: idle phone connections come and go
 * (a range of ±20 % is normal), while a leak shows as the last third above the first.
 */
function thirds(values: number[]): { firstThird: number; lastThird: number } {
  const n = Math.max(1, Math.floor(values.length / 3));
  return { firstThird: median(values.slice(0, n)), lastThird: median(values.slice(-n)) };
}

function merge(parts: Samples[]): Samples {
  const out = new Samples();
  for (const s of parts) for (const v of s.values()) out.push(v);
  return out;
}
const ms = (s: Samples | Float64Array | number[]) => pick(dist(s instanceof Samples ? s.values() : s), "count", "p50Ms", "p99Ms", "maxMs");
function mergeTally(parts: Tally[]): Record<string, number> {
  const out = new Tally();
  for (const t of parts) for (const [k, v] of Object.entries(t.counts)) out.add(k, v);
  return out.counts;
}

/** How late this process's own timers fire: a busy load generator delays what it measures. */
function loopLag() {
  const lags = new Samples();
  let last = performance.now();
  const timer = setInterval(() => { const now = performance.now(); lags.push(Math.max(0, now - last - 50)); last = now; }, 50);
  return () => { clearInterval(timer); const d = dist(lags.values()); return { p99Ms: d.p99Ms, maxMs: d.maxMs }; };
}

export async function eventBench(argv: string[]): Promise<Record<string, unknown>> {
  const f = parseArgs(argv);
  const log = (msg: string) => console.log(`[event ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  const scale = Number(f.scale);
  const duration = Number(f.duration);
  const env: Record<string, string> = {};
  for (const kv of f.env.split(",").filter(Boolean)) env[kv.slice(0, kv.indexOf("="))] = kv.slice(kv.indexOf("=") + 1);
  const config = loadConfig([], { ...process.env, ...env }).config;
  const limits = {
    joinPerDevice: formatRate(config.rateLimitJoin), joinPerAddress: formatRate(config.rateLimitJoinAddress), answerPerSeat: formatRate(config.rateLimitAnswer), answerPerAddress: formatRate(config.rateLimitAnswerAddress),
    createPerDevice: formatRate(config.rateLimitCreate), loginPerAddress: formatRate(config.rateLimitLogin), newDevicesPerAddress: formatRate(config.rateLimitNewDevice),
    streamsPerDevice: String(config.streamsPerDevice), streamsPerAddress: String(config.streamsPerAddress), streamsTotal: String(config.streamsTotal),
  };
  const ygGames = Number(f["yg-games"]);
  const ygPerGame = Math.max(Number(f["yg-teams"]), Math.round(Number(f["yg-phones"]) * scale));
  const ygRate = Number(f["yg-rate"]) * scale;
  const [stTeams, stPer0, stBrackets] = f["steal-shape"].split("x").map(Number) as [number, number, number];
  const stPer = Math.max(1, Math.round(stPer0 * scale));
  const stealGames = Number(f["steal-games"]);
  const [rlTeams, rlMembers] = f["relay-shape"].split("x").map(Number) as [number, number];
  const relayGames = Math.max(1, Math.round(Number(f["relay-games"]) * scale));
  const [thinkLo, thinkHi] = f.think.split("-").map(Number) as [number, number];
  const stealEvery = Number(f["steal-every"]) * 1000;
  const fanoutTimeoutMs = Number(f["fanout-timeout"]);
  const sizes = { yg: ygGames * ygPerGame, steal: stealGames * stTeams * stPer, relay: relayGames * rlTeams * rlMembers };
  const phones = sizes.yg + sizes.steal + sizes.relay;
  const games = ygGames + stealGames + relayGames;
  if (!["on", "off", "auto"].includes(f.storm)) throw new Error(`bench: --storm ${f.storm}: on, off or auto`);
  const storm = f.storm === "on" || (f.storm === "auto" && !f.profile);
  setPhoneIdleMs(Number(f.keepalive) * 1000);

  let sets: { set: string; answers: string[] }[] = [];
  const server = await startTmc(f.server as ServerKind, PASSWORD, env, f.profile, f["bun-flags"].split(",").filter(Boolean), (dir) => {
    const db = openDb(join(dir, "tmc.db"));
    migrateDb(db);
    sets = makeRelaySets(db, "E", "PQRS", 4, false).map((s) => ({ set: s.set, answers: s.answers }));
    closeDb(db);
  });
  let child: { proc: { pid: number; kill(sig?: string | number): void; exited: Promise<number> }; output(): string } = server;
  const base = `http://127.0.0.1:${server.port}`;
  log(`server (${server.kind}) pid ${server.proc.pid} on :${server.port}; ${phones} phones in ${games} games: Year Game ${ygGames} × ${ygPerGame} at ${ygRate}/s, Score Steal ${stealGames} × ${stTeams} × ${stPer} (${stBrackets} brackets) every ${stealEvery / 1000} s, Relay ${relayGames} × ${rlTeams} × ${rlMembers}; ${duration} s`);
  log(`limits: ${Object.entries(limits).map(([k, v]) => `${k} ${v}`).join(", ")}`);

  const answerLimit = parseRate(formatRate(config.rateLimitAnswer)) as Limit;
  const yg = new Classroom({
    students: sizes.yg, teams: Number(f["yg-teams"]), games: ygGames, joinMode: "auto", digits: [1, 3, 5, 7, 9], targetMin: 1, targetMax: 100,
    roundSeconds: duration + 900, password: PASSWORD, inflight: Number(f.inflight), correctShare: 0.3, dupShare: 0.5, answerLimit, fanoutTimeoutMs, addressBase: BASE.yg,
  }, server.port);
  const ygLoad = new AnswerLoad(yg);
  const stealQuestions = Math.max(1, Math.ceil((duration * 1000) / stealEvery));
  const steal = new StealClass({ shape: { name: "event", games: stealGames, teams: stTeams, perTeam: stPer, brackets: stBrackets }, questions: stealQuestions, password: PASSWORD, inflight: Number(f.inflight), addressBase: BASE.steal }, server.port);
  const play = new StealPlay(steal, { tapMs: Number(f["steal-tap"]) * 1000, correctShare: Number(f["steal-correct"]), fanoutTimeoutMs, openSpreadMs: Number(f["steal-open-spread"]) * 1000 }, server.proc.pid);
  const relay = new RelayClass({
    games: relayGames, teams: rlTeams, members: rlMembers, sets, cycleSeconds: 900, password: PASSWORD, inflight: Number(f.inflight),
    thinkMs: [thinkLo, thinkHi], wrongShare: 0.15, hintShare: 0.05, fanoutTimeoutMs, addressBase: BASE.relay, staffNet: RELAY_STAFF_NET,
  }, server.port);

  let phase = "setup";
  let t0 = 0;
  const pid = () => child.proc.pid;
  const sampler = new Sampler<EventSample>(async () => {
    const p = procStat(pid());
    if (!p) return null;
    const h = await health(base);
    const me = process.memoryUsage.rss() / 1048576;
    return {
      t: round1(t0 ? (performance.now() - t0) / 1000 : 0), phase, rssMb: round1(p.rssMb), cpuSeconds: p.cpuSeconds, fds: p.fds,
      streams: h?.streams ?? -1, subscribers: h?.subscribers ?? -1, timers: h?.timers ?? { heartbeats: -1, roundClocks: -1, pendingFlushes: -1 },
      heapUsedMb: round1((h?.heapUsedBytes ?? 0) / 1048576), heapTotalMb: round1((h?.heapTotalBytes ?? 0) / 1048576),
      externalMb: round1((h?.externalBytes ?? 0) / 1048576), rssFileMb: round1((h?.rssFileBytes ?? 0) / 1048576),
      loopP99Ms: h?.eventLoop?.lastMinute.p99Ms ?? -1, loopMaxMs: h?.eventLoop?.lastMinute.maxMs ?? -1, clientRssMb: round1(me),
    };
  }, Number(f["sample-every"]) * 1000);

  let result: Record<string, unknown>;
  try {
    // Setup: every class's teacher(s) and projectors, games and questions.
    await yg.login();
    await yg.createGames();
    await yg.openOverviews();
    await steal.setup();
    await relay.login();
    await relay.createGames();
    await relay.openOverviews();
    log(`${games} games created; ${games * 2} teacher and projector streams open; ${phones} phones joining at once…`);

    // Joins: all three classes at once (each with its own `inflight`).
    const joinCpu0 = procStat(pid())!.cpuSeconds;
    const joinClient0 = process.cpuUsage();
    const j0 = performance.now();
    await Promise.all([yg.joinAll(), steal.joinAll(), relay.joinAll()]);
    const joinWall = (performance.now() - j0) / 1000;
    const joinClient = process.cpuUsage(joinClient0);
    const joins = {
      phones, allStreamingSeconds: Math.round(joinWall * 100) / 100,
      seatedSeconds: Math.round(Math.max(yg.join.seconds, steal.join.seconds) * 100) / 100,
      byRound: { yearGame: { seated: round1(yg.join.seconds), streaming: round1(yg.join.readySeconds) }, scoreSteal: { seated: round1(steal.join.seconds), streaming: round1(steal.join.readySeconds) }, relay: { streaming: round1(relay.joinSeconds) } },
      latency: ms(merge([yg.join.latency, steal.join.latency])),
      errors: mergeTally([yg.join.errors, steal.join.errors, relay.joinErrors]),
      serverCpuSeconds: round1(procStat(pid())!.cpuSeconds - joinCpu0), clientCpuSeconds: round1((joinClient.user + joinClient.system) / 1e6),
    };
    log(`joined: ${phones} phones seated and streaming in ${joins.allStreamingSeconds} s (Year Game ${joins.byRound.yearGame.streaming} s, Score Steal ${joins.byRound.scoreSteal.streaming} s, Relay ${joins.byRound.relay.streaming} s); errors ${JSON.stringify(joins.errors)}`);

    await yg.startRounds();
    const stealPanel = await steal.startRounds();
    await relay.startRounds();
    log(`rounds started in all ${games} games; measuring ${duration} s…`);
    const total = yg.totalTargets();
    ygLoad.pace(Math.min(0.3 * ygRate, (total * 0.9) / Math.max(1, duration)));
    // The steal round's live lane sends at most one update per game every 100 ms: do not open within the start's.
    await Bun.sleep(1000);

    t0 = performance.now();
    phase = "play";
    sampler.start();
    const cpu0 = procStat(pid())!;
    const client0 = process.cpuUsage();
    const busy0 = machineBusySeconds();
    const load0 = readFileSync("/proc/loadavg", "latin1").split(" ").slice(0, 3).join(" ");
    const lag = loopLag();
    const deadline = t0 + duration * 1000;
    const [ygSteady, stealQs, relayRun] = await Promise.all([
      ygLoad.openLoop(ygRate, duration, "steady"),
      playStealUntil(steal, play, stealEvery, deadline, log),
      playRelayUntil(relay, deadline, log),
    ]);
    const playSeconds = (performance.now() - t0) / 1000;
    const lagStats = lag();
    const clientCpu = process.cpuUsage(client0);
    const cpu1 = procStat(pid())!;
    const busy = machineBusySeconds() - busy0;
    phase = "settle";
    await yg.settle();
    const ygFan = yg.fanout(["steady"]);
    const ygVerify = await yg.verify();
    const relayScores = await relay.verifyScores();
    const healthEnd = await health(base);
    const streamsOpen = yg.streamsOpen() + steal.streamsOpen() + relay.phones.filter((p) => p.watch && !p.watch.closed).length + relay.games.reduce((n, g) => n + g.overviews.filter((o) => o.watch && !o.watch.closed).length, 0);
    const unexpectedCloses = yg.streamCloses + steal.streamCloses + relay.streamCloses;
    sampler.stop();
    const peak = procStat(pid())!;
    log(`played ${playSeconds.toFixed(1)} s; streams open ${streamsOpen}/${phones + games * 2}; server peak RSS ${round1(peak.hwmMb)} MB`);

    // The restart storm: every phone's and projector's stream comes back by itself.
    let stormResult: Record<string, unknown> | null = null;
    if (storm) {
      const streams: StormStream[] = [
        ...yg.students.filter((s) => s.watch).map((s) => ({ kind: "phone" as const, path: `/g/${s.game.code}/play/stream?phase=`, from: s.address, cookie: s.cookie })),
        ...steal.phones.filter((p) => p.watch).map((p) => ({ kind: "phone" as const, path: `/g/${p.game.code}/play/stream?phase=`, from: p.address, cookie: p.cookie })),
        ...relay.phones.filter((p) => p.watch).map((p) => ({ kind: "phone" as const, path: `/g/${p.game.code}/play/stream?phase=`, from: p.address!, cookie: p.cookie })),
        ...[...yg.games.map((g) => g.code), ...steal.games.map((g) => g.code), ...relay.games.map((g) => g.code)].map((code, i) => ({ kind: "screen" as const, path: `/g/${code}/screen/stream?phase=`, from: `127.97.${(i >> 8) & 255}.${i & 255}` })),
      ];
      log(`storm: SIGKILL the server with ${streams.length} phone and projector streams open, restart it on the same data folder and port…`);
      const { result: sr, watches } = await restartStorm(server.port, streams, () => {
        child.proc.kill("SIGKILL");
        // The classes' own streams end here on purpose: not counted as unexpected closes.
        yg.closeAll(); steal.closeAll(); relay.closeAll();
        closePhones();
      }, async (exited) => {
        await child.proc.exited;
        exited();
        const next = await server.restart();
        if (next.port !== server.port) throw new Error(`bench: the restarted server listens on ${next.port}, not ${server.port}`);
        child = next;
        return next.proc.pid;
      });
      const h = await health(base);
      stormResult = { ...sr, serverStreamsAfter: h?.streams ?? -1, pid: pid() };
      log(`storm, every 0.5 s from the kill (s: back, server CPU %, bench CPU %, listen-queue drops): ${sr.timeline.map((x) => `${x.t}: ${x.back} ${x.serverCpu}% ${x.benchCpu}% ${x.listenDrops}`).join(" · ")}`);
      log(`storm: ${sr.back}/${sr.streams} streams back; all within ${sr.allBackSeconds} s of the kill (old server gone after ${sr.exitSeconds} s, new one ready after ${sr.restartSeconds} s); from ready p50 ${sr.fromReady.p50Ms} p99 ${sr.fromReady.p99Ms} max ${sr.fromReady.maxMs} ms; ${sr.attempts} attempts; refusals ${JSON.stringify(sr.refusals)}`);
      for (const w of watches) w.close();
    }

    // The ledger, read from the database once the server has stopped (it holds the file alone while running).
    yg.closeAll(); steal.closeAll(); relay.closeAll();
    if (f["server-log"]) writeFileSync(f["server-log"], child.output());
    child.proc.kill("SIGTERM");
    await child.proc.exited;
    const db = openDb(join(server.dir, "tmc.db"));
    let ledgerTeams = 0;
    let ledgerMismatches = 0;
    for (const id of [...yg.games.map((g) => g.id), ...steal.games.map((g) => g.id), ...relay.games.map((g) => g.id)]) {
      for (const row of read(db, (tx) => ledgerCheck(tx, id))) { ledgerTeams++; if (row.score !== row.ledger) ledgerMismatches++; }
    }
    closeDb(db);
    await server.stop();

    const samples = sampler.series;
    const soakWarmup = f["soak-warmup"] ? Number(f["soak-warmup"]) : Math.min(60, duration / 3);
    const soak = samples.filter((s) => s.phase === "play" && s.t >= soakWarmup);
    const rssMedian = median(soak.map((s) => s.rssMb));
    const rssRange = minMax(soak.map((s) => s.rssMb));
    const stealAnswerErrors = mergeTally(stealQs.map((q) => q.errors));
    const stealMissed = stealQs.reduce((n, q) => n + q.openMissed + q.steal.missed, 0) + stealPanel.missing;
    const relayLive = merge([relayRun.phone, relayRun.screen]);
    result = {
      scenario: "event", scale, durationSeconds: duration, serverKind: server.kind, limits, phonesFrom: "own loopback address each (127.100+.x.y); each Score Steal and Relay class's teacher laptop and projector their own",
      phones, games, sizes, keepAliveSeconds: Number(f.keepalive),
      join: joins,
      yearGame: {
        games: ygGames, phonesPerGame: ygPerGame, teams: Number(f["yg-teams"]), rate: ygRate,
        answers: { ...ms(ygSteady.latency), p99By10s: p99ByWindow(ygSteady.latency.values(), ygSteady.sentAt!.values(), 10_000), throughput: round1(ygSteady.completed / duration), dueNotIssued: ygSteady.dueNotIssued, results: yg.expected.counts, errors: yg.errors.counts, errorCount: yg.errors.total() },
        fanout: { ...ms(ygFan.live), p99By10s: p99ByWindow(ygFan.live.values(), ygFan.liveAt.values().map((t) => t - t0), 10_000), missed: ygFan.missed, updates: ygFan.updates, phones: ms(ygFan.student), projector: ms(ygFan.screen), teacher: ms(ygFan.teacher), scope: "phones of the answering team + projector (teacher apart: overview lane)" },
        roundPanel: ms(yg.phaseFanout), findsMatch: ygVerify.foundMismatch === 0,
      },
      scoreSteal: {
        games: stealGames, teams: stTeams, perTeam: stPer, brackets: stBrackets, questions: stealQs.length, everySeconds: stealEvery / 1000,
        open: { phone: ms(merge(stealQs.map((q) => q.openToPhone))), screen: ms(merge(stealQs.map((q) => q.openToScreen))), request: ms(merge(stealQs.map((q) => q.openRequest))) },
        answers: { ...ms(merge(stealQs.map((q) => q.answers))), team: ms(merge(stealQs.map((q) => q.teamAnswers))), results: mergeTally(stealQs.map((q) => q.expected)), errors: stealAnswerErrors, errorCount: Object.values(stealAnswerErrors).reduce((a, b) => a + b, 0) },
        fanout: { ...ms(merge(stealQs.flatMap((q) => [q.steal.toPhone, q.steal.toScreen]))), steals: stealQs.reduce((n, q) => n + q.steal.count, 0), scope: "the steal → phones of the bracket + projector" },
        missed: stealMissed, winners: `${stealQs.reduce((n, q) => n + q.winnersOk, 0)}/${stealQs.reduce((n, q) => n + q.brackets, 0)}`,
        problems: stealQs.flatMap((q) => q.problems).slice(0, 10), teamAnswerMismatches: stealQs.reduce((n, q) => n + q.teamAnswerMismatches, 0), teacherErrors: steal.teacherErrors.counts,
        burstServerCpuPercent: round1((stealQs.reduce((n, q) => n + q.serverCpuSeconds, 0) / Math.max(0.001, stealQs.reduce((n, q) => n + q.burstSeconds, 0))) * 100),
      },
      relay: {
        games: relayGames, teams: rlTeams, members: rlMembers, rounds: relayRun.rounds,
        answers: { ...ms(relay.answerLatency), p99By10s: p99ByWindow(relay.answerLatency.values(), relay.answerSentAt.values().map((t) => t - t0), 10_000), results: relay.results.counts, errors: relay.errors.counts, errorCount: relay.errors.total() },
        hints: ms(relay.hintLatency), roundPanel: ms(relay.roundPanel),
        fanout: { ...ms(relayLive), changes: relayRun.changes, missed: relayRun.missed, phones: ms(relayRun.phone), projector: ms(relayRun.screen), teacher: ms(relayRun.teacher), scope: "cycle change → the team's phones + projector" },
        scoresMatchAnswers: relayScores.mismatches === 0, endErrors: relayRun.endErrors.counts,
      },
      streams: { expected: phones + games * 2, openAtEnd: streamsOpen, serverAtEnd: healthEnd?.streams ?? -1, unexpectedCloses, reconnectsDuringPlay: unexpectedCloses },
      server: {
        peakRssMb: round1(peak.hwmMb), cpuSeconds: round1(cpu1.cpuSeconds - cpu0.cpuSeconds), cpuPercent: round1(((cpu1.cpuSeconds - cpu0.cpuSeconds) / playSeconds) * 100),
        kernelPercent: round1(((cpu1.systemSeconds - cpu0.systemSeconds) / playSeconds) * 100), cpuSecondsTotal: round1(peak.cpuSeconds),
        fdsPeak: Math.max(peak.fds, ...samples.map((s) => s.fds)), openFilesAtEnd: healthEnd?.openFiles ?? null,
        // The sample of most RSS (the peak itself falls between samples), split by /api/health.
        memoryAtPeak: samples.reduce<EventSample | null>((top, s) => (s.heapTotalMb > 0 && (!top || s.rssMb > top.rssMb) ? s : top), null),
        eventLoop: { sinceStart: healthEnd?.eventLoop?.sinceStart ?? null, lastMinuteP99MaxMs: Math.max(0, ...samples.filter((s) => s.phase === "play").map((s) => s.loopP99Ms)), lastMinuteMaxMs: Math.max(0, ...samples.filter((s) => s.phase === "play").map((s) => s.loopMaxMs)) },
      },
      client: { cpuPercent: round1(((clientCpu.user + clientCpu.system) / 1e6 / playSeconds) * 100), loopLagP99Ms: lagStats.p99Ms, loopLagMaxMs: lagStats.maxMs, peakRssMb: Math.max(0, ...samples.map((s) => s.clientRssMb)) },
      // This machine is shared: what else ran while playing (% of one core), beside the server and this load generator.
      machine: {
        cores: navigator.hardwareConcurrency, loadAvgStart: load0, loadAvgEnd: readFileSync("/proc/loadavg", "latin1").split(" ").slice(0, 3).join(" "),
        otherCpuPercent: round1((Math.max(0, busy - (cpu1.cpuSeconds - cpu0.cpuSeconds) - (clientCpu.user + clientCpu.system) / 1e6) / playSeconds) * 100),
      },
      ledger: { teams: ledgerTeams, mismatches: ledgerMismatches },
      storm: stormResult,
      soak: {
        warmupSeconds: soakWarmup, samples: soak.length,
        rssMb: { median: rssMedian, ...rssRange, spreadPct: rssMedian ? round1(Math.max(rssRange.max / rssMedian - 1, 1 - rssRange.min / rssMedian) * 100) : 0 },
        streams: minMax(soak.map((s) => s.streams)), subscribers: minMax(soak.map((s) => s.subscribers)), fds: { ...minMax(soak.map((s) => s.fds)), ...thirds(soak.map((s) => s.fds)) },
        heartbeats: minMax(soak.map((s) => s.timers.heartbeats)), roundClocks: minMax(soak.map((s) => s.timers.roundClocks)), pendingFlushes: minMax(soak.map((s) => s.timers.pendingFlushes)),
      },
      samples,
    };
  } catch (err) {
    sampler.stop();
    yg.closeAll(); steal.closeAll(); relay.closeAll();
    child.proc.kill("SIGKILL");
    await server.stop();
    throw err;
  }
  eventReport(result);
  if (f.json) writeFileSync(f.json, JSON.stringify(result, null, 2));
  return result;
}
