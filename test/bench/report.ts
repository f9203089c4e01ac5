// The bench's report: the table on the terminal and the targets of issue 4 it checks.
import { round1, table } from "./stats.ts";

/** Least-squares slope of y over x (e.g. MB per minute), 0 for fewer than 3 points. */
export function slope(points: [number, number][]): number {
  if (points.length < 3) return 0;
  const n = points.length;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  const sxx = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return sxx ? round1(points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / sxx) : 0;
}

export function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}

type Check = { name: string; value: string; ok: boolean | null };

/** The targets of issue 4 that this run can speak to; null = not measured by this run. */
export function checks(r: any): Check[] {
  const out: Check[] = [];
  const add = (name: string, value: string, ok: boolean | null) => out.push({ name, value, ok });
  add(`${r.students} students connected`, `${r.streams.openAfterSteady}/${r.students + r.games * 2} streams`, r.streams.openAfterSteady === r.students + r.games * 2);
  add(`sustain ${r.rate}/s`, `${r.submit.throughput}/s`, r.submit.throughput >= r.rate * 0.98);
  add("submit p99 < 50 ms", `${r.submit.p99Ms} ms`, r.submit.p99Ms < 50);
  add("fan-out p99 < 250 ms", `${r.fanout.p99Ms} ms (teacher ${r.fanout.teacher.p99Ms})`, r.fanout.p99Ms < 250);
  add("no stream misses an update", `${r.fanout.missed} missed`, r.fanout.missed === 0 && r.streams.unexpectedCloses === 0);
  add("0 unexpected errors", `${r.submit.errorCount + r.join.errorCount}`, r.submit.errorCount + r.join.errorCount === 0);
  add("server RSS < 300 MB", `${r.server.peakRssMb} MB`, r.server.peakRssMb < 300);
  add("1,000 students join < 2 s", `${r.join.seconds} s for ${r.students}`, r.students === 1000 ? r.join.seconds < 2 && r.join.errorCount === 0 : null);
  add("max ≥ 50% of baseline", r.ratio === null ? "n/a" : `${Math.round(r.ratio * 100)}%`, r.ratio === null ? null : r.ratio >= 0.5);
  if (r.soak.samples >= 3) add("soak RSS within ±15% of its median", `${r.soak.rssMb.min}–${r.soak.rssMb.max} MB (±${r.soak.rssMb.spreadPct}%)`, r.soak.rssMb.spreadPct <= 15);
  if (r.soak.samples >= 3) add("no growth in streams", `${r.soak.streams.min}–${r.soak.streams.max} streams, ${r.soak.subscribers.min}–${r.soak.subscribers.max} subscribers`, r.soak.streams.min === r.soak.streams.max && r.soak.subscribers.min === r.soak.subscribers.max);
  if (r.soak.samples >= 3) {
    const t = r.soak.timers;
    // A steady class keeps one heartbeat per stream and one clock per running round; flush timers come and go (shown, not judged).
    add("no growth in timers", `heartbeats ${t.heartbeats.min}–${t.heartbeats.max}, round clocks ${t.roundClocks.min}–${t.roundClocks.max}, pending flushes ${t.pendingFlushes.min}–${t.pendingFlushes.max}`,
      t.heartbeats.min === t.heartbeats.max && t.heartbeats.max === r.soak.streams.max && t.roundClocks.min === t.roundClocks.max && t.roundClocks.max === r.games);
  }
  return out;
}

export function report(r: any): void {
  const ms = (d: { p50Ms: number; p99Ms: number; maxMs: number; p95Ms?: number }) => `p50 ${d.p50Ms} · ${d.p95Ms !== undefined ? `p95 ${d.p95Ms} · ` : ""}p99 ${d.p99Ms} · max ${d.maxMs} ms`;
  const rows: [string, string, string?][] = [
    ["server", `${r.serverKind}, limits ${r.rateLimits}`, r.phonesFrom ? `phones send from ${r.phonesFrom}` : undefined],
    ["limits in force", r.limits ? `join ${r.limits.joinPerDevice}/device, ${r.limits.joinPerAddress}/address; answers ${r.limits.answerPerSeat}/seat, ${r.limits.answerPerAddress}/address` : "?", r.limits ? `login ${r.limits.loginPerAddress}/address, backoff ${r.limits.loginBackoff}; new devices ${r.limits.newDevicesPerAddress}/address; streams ${r.limits.streamsPerDevice}/device, ${r.limits.streamsPerAddress}/address, ${r.limits.streamsTotal} in all` : undefined],
    ["students / games × teams", `${r.students} / ${r.games} × ${r.teams}`, r.joinMode],
    ["join: all seated", `${r.join.seconds} s`, `${ms(r.join)}; streams ready ${r.join.readySeconds} s; CPU server ${r.join.serverCpuSeconds} s, bench ${r.join.clientCpuSeconds} s; errors ${JSON.stringify(r.join.errors)}`],
    ["round panel on all streams", `${r.roundPanel.p99Ms} ms`, "p99 after the start-round response"],
    ["submit: count / throughput", `${r.submit.count} / ${r.submit.throughput}/s`, `target ${r.rate}/s for ${r.durationSeconds} s; not issued ${r.submit.dueNotIssued}`],
    ["submit latency", `${r.submit.p99Ms} ms`, ms(r.submit)],
    ["submit results", JSON.stringify(r.submit.expected)],
    ["submit unexpected errors", String(r.submit.errorCount), JSON.stringify(r.submit.errors)],
    ["fan-out (team + projector)", `${r.fanout.p99Ms} ms`, `${ms(r.fanout)}; ${r.fanout.updates} updates, ${r.fanout.deliveries} deliveries`],
    ["  students", `${r.fanout.student.p99Ms} ms`, ms(r.fanout.student)],
    ["  teacher (overview lane)", `${r.fanout.teacher.p99Ms} ms`, ms(r.fanout.teacher)],
    ["  projector", `${r.fanout.screen.p99Ms} ms`, ms(r.fanout.screen)],
    ["SSE traffic (measured phase)", Object.entries(r.traffic).map(([k, t]: [string, any]) => `${k} ${t.framesPerStreamPerSecond}/s`).join(", "), Object.entries(r.traffic).map(([k, t]: [string, any]) => `${k} ${t.megabytesPerSecond} MB/s`).join(", ") + " (all streams of the kind)"],
    ["fan-out missed", String(r.fanout.missed), `${r.fanout.missedStreams} streams; unexpected closes ${r.streams.unexpectedCloses}`],
    ["server peak RSS", `${r.server.peakRssMb} MB`, `end ${r.server.rssMbEnd} MB, fds ${r.server.fdsEnd}`],
    ["server CPU (measured phase)", `${r.server.cpuSeconds} s`, `${r.server.cpuPercent}% of one core (kernel ${r.server.kernelPercent}%); total ${r.server.cpuSecondsTotal} s`],
    ["load generator", `${r.client.cpuPercent}% CPU`, `timer lag p99 ${r.client.loopLagP99Ms} ms, max ${r.client.loopLagMaxMs} ms`],
    ["other processes on the box", `${r.machine.otherCpuPercent}% CPU`, `${r.machine.cores} cores; load average ${r.machine.loadAvg}`],
  ];
  if (r.max) rows.push(["TMC max throughput", `${r.max.throughput}/s`, `best of ${r.max.slices.join(" / ")}; closed loop ×${r.max.concurrency}, ${ms(r.max)}; server ${r.max.serverCpuPercent}% CPU`]);
  if (r.baseline?.count) rows.push(["baseline throughput", `${r.baseline.throughput}/s`, `best of ${r.baseline.slices.join(" / ")}; closed loop ×${r.baseline.concurrency}, ${ms(r.baseline)}`]);
  if (r.ratio !== null) rows.push(["ratio TMC / baseline", String(r.ratio)]);
  rows.push(["server finds = 200s received", r.verify.foundMismatch === 0 ? "yes" : `${r.verify.foundMismatch} teams differ`]);
  if (r.soak.samples) rows.push(["soak (after warm-up)", `${r.soak.rssMb.min}–${r.soak.rssMb.max} MB`, `${r.soak.samples} samples; median ${r.soak.rssMb.median} MB, ±${r.soak.rssMb.spreadPct}%, trend ${r.soak.rssMb.slopePerMinute} MB/min; streams ${r.soak.streams.min}–${r.soak.streams.max}; subscribers ${r.soak.subscribers.min}–${r.soak.subscribers.max}; fds ${r.soak.fds.min}–${r.soak.fds.max}`]);
  console.log("\nResults");
  console.log(table(rows));
  console.log("\nTargets");
  console.log(table(checks(r).map((c) => [c.name, c.value, c.ok === null ? "n/a" : c.ok ? "met" : "NOT MET"])));
  r.targets = checks(r);
}

