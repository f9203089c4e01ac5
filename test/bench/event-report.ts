// The event bench's report: a table per round type, the server and the storm, and issue 16's
// targets, met or not. The targets are for this 2-core machine with the load generator on it.
import { table } from "./stats.ts";

export type EventSample = {
  t: number; phase: string; rssMb: number;
  /**
   * The server's JavaScript heap within its RSS (/api/health): its cells (heapTotalMb) and the
   * strings and buffers outside them (externalMb), objects in use and garbage not yet collected;
   * heapUsedMb is Bun's figure as of the last collection. rssFileMb: mapped files' pages (the executable).
   */
  heapUsedMb: number; heapTotalMb: number; externalMb: number; rssFileMb: number; cpuSeconds: number; fds: number; streams: number; subscribers: number;
  timers: { heartbeats: number; roundClocks: number; pendingFlushes: number };
  /** The server's own event-loop delay over its last minute (/api/health). */
  loopP99Ms: number; loopMaxMs: number;
  /** The load generator's own RSS. */
  clientRssMb: number;
};

type Check = { name: string; value: string; ok: boolean | null };

/** Where a sample's RSS is: the executable's pages, the JavaScript heap (cells + strings and buffers), the rest native. */
function memorySplit(s: Pick<EventSample, "rssMb" | "rssFileMb" | "heapTotalMb" | "externalMb">): string {
  const native = Math.round(s.rssMb - s.rssFileMb - s.heapTotalMb - s.externalMb);
  return `executable and files ${Math.round(s.rssFileMb)} MB, JS heap ${Math.round(s.heapTotalMb + s.externalMb)} MB (cells ${Math.round(s.heapTotalMb)}, strings and buffers ${Math.round(s.externalMb)}), native ${native} MB`;
}

export function eventChecks(r: any): Check[] {
  const out: Check[] = [];
  const add = (name: string, value: string, ok: boolean | null) => out.push({ name, value, ok });
  const yg = r.yearGame, st = r.scoreSteal, rl = r.relay;
  add(`${r.phones} phones' streams connected`, `${r.streams.openAtEnd}/${r.streams.expected} (server ${r.streams.serverAtEnd})`, r.streams.openAtEnd === r.streams.expected);
  const missed = yg.fanout.missed + st.missed + rl.fanout.missed;
  add("0 missed updates", `${missed} (Year Game ${yg.fanout.missed}, Score Steal ${st.missed}, Relay ${rl.fanout.missed}); unexpected closes ${r.streams.unexpectedCloses}`, missed === 0 && r.streams.unexpectedCloses === 0);
  const errors = Object.values(r.join.errors as Record<string, number>).reduce((a, b) => a + b, 0) + yg.answers.errorCount + st.answers.errorCount + rl.answers.errorCount + Object.keys(st.teacherErrors).length + st.problems.length + st.teamAnswerMismatches + Object.keys(rl.endErrors).length;
  add("0 unexpected errors", String(errors), errors === 0);
  add("every score = its ledger", `${r.ledger.teams - r.ledger.mismatches}/${r.ledger.teams} teams; Year Game finds = 200s ${yg.findsMatch ? "yes" : "NO"}; relay scores = points announced ${rl.scoresMatchAnswers ? "yes" : "NO"}`, r.ledger.teams > 0 && r.ledger.mismatches === 0 && yg.findsMatch && rl.scoresMatchAnswers);
  add("Year Game answer p99 < 50 ms", `${yg.answers.p99Ms} ms at ${yg.answers.throughput}/s`, yg.answers.p99Ms < 50);
  add("Relay answer p99 < 50 ms", `${rl.answers.p99Ms} ms`, rl.answers.p99Ms < 50);
  add("Score Steal answer p99 < 100 ms (burst)", `${st.answers.p99Ms} ms`, st.answers.count > 0 && st.answers.p99Ms < 100);
  add("fan-out p99 < 250 ms (each round type)", `Year Game ${yg.fanout.p99Ms}, Score Steal ${st.fanout.p99Ms}, Relay ${rl.fanout.p99Ms} ms`, Math.max(yg.fanout.p99Ms, st.fanout.p99Ms, rl.fanout.p99Ms) < 250);
  add("Score Steal open → every phone p99 < 150 ms", `${st.open.phone.p99Ms} ms`, st.open.phone.count > 0 && st.open.phone.p99Ms < 150);
  add("server RSS < 500 MB", `${r.server.peakRssMb} MB`, r.server.peakRssMb < 500);
  add(`${r.phones} joins < 5 s`, `${r.join.allStreamingSeconds} s seated and streaming (seated ${r.join.seatedSeconds} s)`, r.join.allStreamingSeconds < 5);
  if (r.storm) add("all back within 10 s of a restart", `${r.storm.back}/${r.storm.streams} in ${r.storm.allBackSeconds} s from the kill`, r.storm.back === r.storm.streams && r.storm.allBackSeconds < 10);
  else add("all back within 10 s of a restart", "not run", null);
  if (r.soak.samples >= 3) {
    const s = r.soak;
    add("soak: memory within ±15% after warm-up", `${s.rssMb.min}–${s.rssMb.max} MB (median ${s.rssMb.median}, ±${s.rssMb.spreadPct}%)`, s.rssMb.spreadPct <= 15);
    // Streams and their heartbeats must not move at all; round clocks come and go with the rounds
    // (at most one per game); fds move with idle phone connections, so growth is the last third's
    // median above the first third's.
    add("soak: no growth in streams, timers, fds", `streams ${s.streams.min}–${s.streams.max}, heartbeats ${s.heartbeats.min}–${s.heartbeats.max}, round clocks ${s.roundClocks.min}–${s.roundClocks.max} (${r.games} games), fds ${s.fds.min}–${s.fds.max} (median first third ${s.fds.firstThird}, last third ${s.fds.lastThird})`,
      s.streams.min === s.streams.max && s.heartbeats.min === s.heartbeats.max && s.roundClocks.max <= r.games && s.fds.lastThird <= s.fds.firstThird * 1.1 + 50);
  }
  return out;
}

export function eventReport(r: any): void {
  const d = (x: { p50Ms: number; p99Ms: number; maxMs: number; count?: number }) => `p50 ${x.p50Ms} · p99 ${x.p99Ms} · max ${x.maxMs} ms${x.count !== undefined ? ` (${x.count})` : ""}`;
  const yg = r.yearGame, st = r.scoreSteal, rl = r.relay, sv = r.server;
  const l = r.limits;
  console.log(`\nEvent — ${r.phones} phones in ${r.games} games, ${r.durationSeconds} s, server ${r.serverKind}; limits: join ${l.joinPerDevice}/device, ${l.joinPerAddress}/address; answers ${l.answerPerSeat}/seat, ${l.answerPerAddress}/address; streams ${l.streamsPerDevice}/device, ${l.streamsPerAddress}/address, ${l.streamsTotal} in all`);
  console.log(table([
    ["joins", `${r.join.allStreamingSeconds} s`, `all ${r.phones} seated and streaming (seated ${r.join.seatedSeconds} s); join ${d(r.join.latency)}; CPU server ${r.join.serverCpuSeconds} s, bench ${r.join.clientCpuSeconds} s; errors ${JSON.stringify(r.join.errors)}`],
    [`Year Game (${yg.games} × ${yg.phonesPerGame})`, `${yg.answers.throughput}/s`, `target ${yg.rate}/s; not issued ${yg.answers.dueNotIssued}`],
    ["  answers", `${yg.answers.p99Ms} ms`, `${d(yg.answers)}; ${JSON.stringify(yg.answers.results)}; errors ${JSON.stringify(yg.answers.errors)}`],
    ["    p99 by 10 s of play", `${yg.answers.p99By10s.join(" ")}`],
    ["  fan-out", `${yg.fanout.p99Ms} ms`, `${d(yg.fanout)}; ${yg.fanout.updates} updates; missed ${yg.fanout.missed}; phones ${d(yg.fanout.phones)}; projector ${d(yg.fanout.projector)}; teacher ${d(yg.fanout.teacher)}`],
    ["    p99 by 10 s of play", `${yg.fanout.p99By10s.join(" ")}`],
    [`Score Steal (${st.games} × ${st.teams} × ${st.perTeam})`, `${st.questions} questions`, `every ${st.everySeconds} s; winners ${st.winners}; server CPU in the bursts ${st.burstServerCpuPercent}%`],
    ["  open → phone", `${st.open.phone.p99Ms} ms`, `${d(st.open.phone)}; projector ${d(st.open.screen)}`],
    ["  answers (burst)", `${st.answers.p99Ms} ms`, `${d(st.answers)}; ${JSON.stringify(st.answers.results)}; errors ${JSON.stringify(st.answers.errors)}`],
    ["  steal fan-out", `${st.fanout.p99Ms} ms`, `${d(st.fanout)}; ${st.fanout.steals} steals; missed (open + steal + panel) ${st.missed}`],
    [`Relay (${rl.games} × ${rl.teams} × ${rl.members})`, `${rl.rounds} rounds`, `round panel ${d(rl.roundPanel)}; hints ${d(rl.hints)}`],
    ["  answers", `${rl.answers.p99Ms} ms`, `${d(rl.answers)}; ${JSON.stringify(rl.answers.results)}; errors ${JSON.stringify(rl.answers.errors)}`],
    ["    p99 by 10 s of play", `${rl.answers.p99By10s.join(" ")}`],
    ["  cycle-change fan-out", `${rl.fanout.p99Ms} ms`, `${d(rl.fanout)}; ${rl.fanout.changes} changes; missed ${rl.fanout.missed}; phones ${d(rl.fanout.phones)}; projector ${d(rl.fanout.projector)}; teacher ${d(rl.fanout.teacher)}`],
    ["streams", `${r.streams.openAtEnd}/${r.streams.expected}`, `server counts ${r.streams.serverAtEnd}; unexpected closes (reconnects) during play ${r.streams.unexpectedCloses}`],
    ["server peak RSS", `${sv.peakRssMb} MB`, `fds peak ${sv.fdsPeak}${sv.memoryAtPeak ? `; at the sample of most RSS (${sv.memoryAtPeak.rssMb} MB): ${memorySplit(sv.memoryAtPeak)}` : ""}`],
    ["server CPU while playing", `${sv.cpuSeconds} s`, `${sv.cpuPercent}% of one core (kernel ${sv.kernelPercent}%); total ${sv.cpuSecondsTotal} s`],
    ["server event-loop delay", `${sv.eventLoop.lastMinuteP99MaxMs} ms`, `p99 of the worst last minute while playing (max ${sv.eventLoop.lastMinuteMaxMs} ms); since start ${sv.eventLoop.sinceStart ? d(sv.eventLoop.sinceStart) : "?"}`],
    ["load generator", `${r.client.cpuPercent}% CPU`, `timer lag p99 ${r.client.loopLagP99Ms} ms, max ${r.client.loopLagMaxMs} ms; RSS ${r.client.peakRssMb} MB`],
    ["other processes on the box", `${r.machine.otherCpuPercent}% CPU`, `${r.machine.cores} cores; load average ${r.machine.loadAvgStart} → ${r.machine.loadAvgEnd}`],
    ["scores = ledger", `${r.ledger.teams - r.ledger.mismatches}/${r.ledger.teams}`],
    ...(r.storm ? [["restart storm", `${r.storm.allBackSeconds} s`, `${r.storm.back}/${r.storm.streams} back; old server gone ${r.storm.exitSeconds} s and new one ready ${r.storm.restartSeconds} s after the kill; from ready ${d(r.storm.fromReady)}; ${r.storm.attempts} attempts; refusals ${JSON.stringify(r.storm.refusals)}`] as [string, string, string]] : []),
    ...(r.soak.samples ? [["soak (after warm-up)", `${r.soak.rssMb.min}–${r.soak.rssMb.max} MB`, `${r.soak.samples} samples, median ${r.soak.rssMb.median} MB ±${r.soak.rssMb.spreadPct}%; streams ${r.soak.streams.min}–${r.soak.streams.max}; heartbeats ${r.soak.heartbeats.min}–${r.soak.heartbeats.max}; round clocks ${r.soak.roundClocks.min}–${r.soak.roundClocks.max}; fds ${r.soak.fds.min}–${r.soak.fds.max}`] as [string, string, string]] : []),
  ]));
  const checks = eventChecks(r);
  console.log("\nTargets");
  console.log(table(checks.map((c) => [c.name, c.value, c.ok === null ? "n/a" : c.ok ? "met" : "NOT MET"])));
  r.targets = checks;
}
