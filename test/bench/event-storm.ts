// The restart storm of the event bench: the server is SIGKILLed while every phone and projector
// holds its stream, started again on the same data folder and port, and every stream comes back
// by itself as htmx's SSE extension does it (node_modules/htmx.org/dist/ext/hx-sse.js): after a
// close, wait 500 ms × 2^(attempt − 1) (at most 60 s) ± 30 % jitter, connect again, repeat.
// Measured: when each stream showed its first frame again, from the kill and from the restarted
// server's first "ready" line; the attempts, and what refused them (connection refused, 429, 503 …).
import { openWatch, type Watch } from "./sse-watch.ts";
import { dist, Samples, Tally } from "./stats.ts";
import { readFileSync } from "node:fs";
import { procStat } from "./procs.ts";

/** One stream to bring back: where it goes, who sends it, with which cookie. */
export type StormStream = { kind: "phone" | "screen"; path: string; from?: string; cookie?: string };

export type StormResult = {
  streams: number;
  back: number;
  /** From the kill to the first frame on each stream again. */
  fromKill: ReturnType<typeof dist>;
  /** From the restarted server's ready line. */
  fromReady: ReturnType<typeof dist>;
  allBackSeconds: number;
  restartSeconds: number;
  /** From the kill until the old process was gone (the kernel closes its connections). */
  exitSeconds: number;
  attempts: number;
  refusals: Record<string, number>;
  /**
   * Every half second from the kill: streams back, the server's and the bench's CPU in that half
   * second (% of a core), and connections the kernel dropped because a listen queue was full
   * (TcpExtListenOverflows, the whole machine's): where the time went.
   */
  timeline: { t: number; back: number; serverCpu: number; benchCpu: number; listenDrops: number }[];
};

/** TcpExtListenOverflows: connections dropped at a full accept queue, machine-wide (Linux). */
function listenOverflows(): number {
  try {
    const lines = readFileSync("/proc/net/netstat", "latin1").split("\n").filter((l) => l.startsWith("TcpExt:"));
    const names = lines[0]!.split(" ");
    return Number(lines[1]!.split(" ")[names.indexOf("ListenOverflows")] ?? 0);
  } catch {
    return 0;
  }
}

/** htmx's reconnect delay for attempt n (1-based): 500 ms doubling to 60 s, ± 30 % jitter. */
export function reconnectDelayMs(attempt: number): number {
  const delay = Math.min(500 * 2 ** (attempt - 1), 60_000);
  return Math.max(0, delay + (Math.random() * 2 - 1) * delay * 0.3);
}

/**
 * `kill` SIGKILLs the server and returns at once; `restart` starts it again (calling `exited` when
 * the old process is gone) and resolves with its pid when it prints its ready line. Every stream starts its reconnect loop at the kill, as browsers notice
 * the closed connection at once. Gives up on a stream after `giveUpMs`.
 */
export async function restartStorm(port: number, streams: StormStream[], kill: () => void, restart: (exited: () => void) => Promise<number>, giveUpMs = 60_000): Promise<{ result: StormResult; watches: Watch[] }> {
  const refusals = new Tally();
  let attempts = 0;
  const t0 = performance.now();
  kill();
  let readyAt = 0;
  let serverPid = 0;
  let exitedAt = 0;
  const restarted = restart(() => { exitedAt = performance.now(); }).then((pid) => { readyAt = performance.now(); serverPid = pid; });
  const watches: Watch[] = [];
  const backAt = new Samples();
  const timeline: StormResult["timeline"] = [];
  let last = { server: 0, bench: process.cpuUsage(), drops: listenOverflows(), at: t0 };
  let sampled = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    const server = serverPid ? procStat(serverPid)?.cpuSeconds ?? last.server : 0;
    // The new server's first sample holds its whole start-up: counted from there.
    if (serverPid && sampled !== serverPid) { sampled = serverPid; last.server = server; }
    const bench = process.cpuUsage();
    const drops = listenOverflows();
    const span = (now - last.at) / 1000;
    const benchSeconds = (bench.user - last.bench.user + bench.system - last.bench.system) / 1e6;
    timeline.push({ t: Math.round((now - t0) / 100) / 10, back: backAt.length, serverCpu: Math.round((100 * (server - last.server)) / span), benchCpu: Math.round((100 * benchSeconds) / span), listenDrops: drops - last.drops });
    last = { server, bench, drops, at: now };
  }, 500);
  const one = async (s: StormStream) => {
    for (let attempt = 1; performance.now() - t0 < giveUpMs; attempt++) {
      await Bun.sleep(reconnectDelayMs(attempt));
      attempts++;
      let first = 0;
      try {
        const w = await openWatch({ port, path: s.path, ...(s.from ? { from: s.from } : {}), headers: s.cookie ? { cookie: s.cookie } : {}, onPayload: (_b, at) => { first ||= at; } });
        if (w.status !== 200) { refusals.add(`http ${w.status}`); w.close(); continue; }
        // Back = the first frame (the snapshot the server sends on connect).
        const until = performance.now() + 10_000;
        while (!first && !w.closed && performance.now() < until) await Bun.sleep(5);
        if (!first) { refusals.add(w.closed ? "closed before a frame" : "no frame in 10 s"); w.close(); continue; }
        watches.push(w);
        backAt.push(first);
        return;
      } catch (err) {
        refusals.add(String((err as NodeJS.ErrnoException).code ?? (err as Error).message).slice(0, 40));
      }
    }
  };
  await Promise.all(streams.map(one));
  await restarted;
  clearInterval(sampler);
  const at = backAt.values();
  const fromKill = dist(Float64Array.from(at, (x) => x - t0));
  const fromReady = dist(Float64Array.from(at, (x) => Math.max(0, x - readyAt)));
  return {
    result: {
      streams: streams.length, back: at.length, fromKill, fromReady,
      allBackSeconds: Math.round(fromKill.maxMs / 10) / 100, restartSeconds: Math.round((readyAt - t0) / 10) / 100, exitSeconds: Math.round((exitedAt - t0) / 10) / 100,
      attempts, refusals: refusals.counts, timeline,
    },
    watches,
  };
}
