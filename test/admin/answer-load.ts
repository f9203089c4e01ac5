// Students answering a Year Game round at a steady rate over HTTP, each answer traceable: three in
// four are a unique tag ("q123", refused as an expression but recorded as an attempt with that
// text), one in four a real answer (a find, a ledger row, or a duplicate). Used by the backup
// tests and test/bench/backup-hold.ts.
import type { Seat } from "../support/year.ts";

export type Answer = { tag: string; sentAt: number; ackAt: number | null; status: number | null };

export type AnswerLoad = {
  answers: Answer[];
  /** Stops sending and waits for every answer in flight. */
  stop(): Promise<void>;
};

export function startAnswerLoad(seats: Seat[], sessionId: number, perSecond: number, valid: string[]): AnswerLoad {
  const answers: Answer[] = [];
  const inFlight = new Set<Promise<void>>();
  let n = 0;
  let stopped = false;
  const started = performance.now();
  const tick = () => {
    // As many as the rate asks for by now: a late tick catches up instead of lowering the rate.
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (n < due) {
      const i = n++;
      const seat = seats[i % seats.length]!;
      const expression = i % 4 === 3 ? valid[(i >> 2) % valid.length]! : `q${i}`;
      const a: Answer = { tag: expression, sentAt: performance.now(), ackAt: null, status: null };
      answers.push(a);
      const p = seat.client.postJson("/api/submit-answer", { sessionId, expression })
        .then(async (res) => {
          await res.arrayBuffer();
          a.status = res.status;
          a.ackAt = performance.now();
        })
        .catch(() => {})
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, 5);
  return {
    answers,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}

/** Latency percentile (ms) of the answers sent in [from, to]. */
export function percentile(answers: Answer[], p: number, from = -Infinity, to = Infinity): number {
  const ms = answers.filter((a) => a.sentAt >= from && a.sentAt <= to && a.ackAt !== null).map((a) => a.ackAt! - a.sentAt).sort((x, y) => x - y);
  if (!ms.length) return NaN;
  return ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)]!;
}

/**
 * Downloads `url` to `file` from another process, so that receiving a large file does not delay
 * this process's own clients (whose latencies are being measured). Returns the response headers.
 */
export async function downloadElsewhere(url: string, headers: Record<string, string>, file: string): Promise<{ status: number; headers: Record<string, string> }> {
  const script = `const r = await fetch(${JSON.stringify(url)}, { headers: ${JSON.stringify(headers)} }); await Bun.write(${JSON.stringify(file)}, r); console.log(JSON.stringify({ status: r.status, headers: Object.fromEntries(r.headers) }));`;
  const proc = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "inherit" });
  const out = await new Response(proc.stdout).text();
  if ((await proc.exited) !== 0) throw new Error(`download failed: ${out}`);
  return JSON.parse(out) as { status: number; headers: Record<string, string> };
}
