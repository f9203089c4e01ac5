// Crash safety: students submit while the server is SIGKILLed and restarted on the same data
// folder. Afterwards every answer that got a 200 is in the database exactly once, no refused
// answer was credited, scores equal the ledger, and live screens came back by themselves.
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startChild, type Child } from "../support/child-server.ts";
import { Client, phoneAddress } from "../support/server.ts";
import { openSse, type SseStream } from "../support/sse-client.ts";
import { defaultYearRules, solve } from "../../src/rounds/year-game/rules.ts";

/** rate = answers per second from all students together (the queue of numbers must outlast the kills). */
export type CrashOptions = { kills: number; students: number; teams: number; rate: number; minUpMs: number; maxUpMs: number; preferBinary: boolean; log?: (line: string) => void };

export type CrashReport = {
  kills: number;
  submissions: { ok: number; refused: number; noResponse: number };
  okMissing: number;
  okDuplicated: number;
  refusedCredited: number;
  phantomCredits: number;
  noResponseCredited: number;
  ledgerMismatches: number;
  scoreMismatches: number;
  restartMs: number[];
  reconnectMs: number[];
  streamsRecovered: string;
  sigtermExit: number | null;
  sigtermMs: number;
  walBytesAfterSigterm: number;
};

const PASSWORD = "crash-test-pw";
const DIGITS = [1, 3, 5, 7, 9];

/** An SSE viewer that reconnects like htmx's extension (short delay, Last-Event-ID). */
class Viewer {
  stream: SseStream | null = null;
  lastId = "";
  connectedAt: number[] = [];
  firstFrameAfterConnect: number[] = [];
  private stopped = false;

  constructor(private url: () => string, private headers: Record<string, string>) {}

  async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const st = await openSse(this.url(), this.lastId ? { ...this.headers, "Last-Event-ID": this.lastId } : this.headers);
        if (st.status !== 200) throw new Error(`status ${st.status}`);
        this.stream = st;
        this.connectedAt.push(Date.now());
        const firstFrame = st.waitFor((t) => t.includes("\n\n") && /data: /.test(t), 10_000).then(() => this.firstFrameAfterConnect.push(Date.now())).catch(() => {});
        while (!st.closed() && !this.stopped) await Bun.sleep(25);
        await firstFrame;
        const ids = [...st.text().matchAll(/^id: (.+)$/gm)];
        if (ids.length) this.lastId = ids[ids.length - 1]![1]!;
      } catch {
        /* server down: retry */
      }
      if (!this.stopped) await Bun.sleep(300);
    }
  }

  stop(): void {
    this.stopped = true;
    this.stream?.close();
  }
}

export async function runCrash(o: CrashOptions): Promise<CrashReport> {
  const log = o.log ?? (() => {});
  const data = mkdtempSync(join(tmpdir(), "tmc-crash-"));
  const port = await freePort();
  const args = ["--data", data, "--port", String(port), "--admin-password", PASSWORD];
  const env = { TMC_RATE_LIMIT_JOIN: "off", TMC_RATE_LIMIT_ANSWER: "off" };
  let child: Child = await startChild(args, { env, preferBinary: o.preferBinary });
  const base = child.url;
  try {
    const { token } = (await (await fetch(`${base}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) })).json()) as { token: string };
    const teacher = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const game = (await (await fetch(`${base}/api/create-game`, { method: "POST", headers: teacher, body: JSON.stringify({ title: "Crash", teamCount: o.teams, maxParticipants: o.students, joinMode: "choose" }) })).json()) as { gameId: number; gameCode: string; teams: { id: number }[] };
    const seats = await Promise.all(Array.from({ length: o.students }, async (_, i) => {
      // Each student on a phone of its own (its own loopback address), as on a LAN.
      const client = await new Client(base, {}, phoneAddress()).visit();
      const teamId = game.teams[i % o.teams]!.id;
      const body = (await (await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname: `s${i}`, teamId })).json()) as { participantId: number };
      return { client, teamId, participantId: body.participantId };
    }));
    await fetch(`${base}/api/games/${game.gameId}/start`, { method: "POST", headers: teacher });
    const round = (await (await fetch(`${base}/api/games/${game.gameId}/rounds`, { method: "POST", headers: teacher, body: JSON.stringify({ type: "year_game", digits: DIGITS, durationSeconds: 3600 }) })).json()) as { sessionId: number };
    const answers = [...solve(defaultYearRules(DIGITS))].filter(([n]) => n >= 1 && n <= 100);
    // Each team works through its own shuffled list, so every correct answer is a new (team, number).
    const queues = new Map(game.teams.map((t) => [t.id, [...answers].sort(() => Math.random() - 0.5)]));

    const viewers = [
      new Viewer(() => `${base}/g/${game.gameCode}/screen/stream`, {}),
      new Viewer(() => `${base}/g/${game.gameCode}/play/stream`, { cookie: [...seats[0]!.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }),
    ];
    const viewerRuns = viewers.map((v) => v.run());

    type Outcome = { teamId: number; target: number; kind: "ok" | "refused" | "no_response"; status?: number };
    const outcomes: Outcome[] = [];
    let submitting = true;
    const paceMs = (o.students / o.rate) * 1000;
    const loops = seats.map(async (seat, i) => {
      await Bun.sleep((i / o.students) * paceMs);
      while (submitting) {
        const next = queues.get(seat.teamId)!.pop();
        if (!next) return;
        const [target, expression] = next;
        // every 5th answer is wrong on purpose: refused answers must never be credited
        const wrong = Math.random() < 0.2;
        try {
          const res = await seat.client.postJson("/api/submit-answer", { sessionId: round.sessionId, expression: wrong ? `${expression}+0` : expression, ...(wrong ? { targetNumber: target } : {}) });
          await res.arrayBuffer();
          outcomes.push({ teamId: seat.teamId, target, kind: res.status === 200 ? "ok" : "refused", status: res.status });
        } catch {
          outcomes.push({ teamId: seat.teamId, target, kind: "no_response" });
        }
        await Bun.sleep(paceMs);
      }
    });

    const restartMs: number[] = [];
    const restartedAt: number[] = [];
    for (let k = 0; k < o.kills; k++) {
      await Bun.sleep(o.minUpMs + Math.random() * (o.maxUpMs - o.minUpMs));
      child.proc.kill("SIGKILL");
      await child.proc.exited;
      const killedAt = Date.now();
      log(`kill ${k + 1}: SIGKILL after ${outcomes.length} submissions`);
      child = await startChild(args, { env, preferBinary: o.preferBinary });
      restartMs.push(Date.now() - killedAt);
      restartedAt.push(Date.now());
    }
    // let the screens settle after the last restart, then stop sending
    await Bun.sleep(1500);
    submitting = false;
    await Promise.all(loops);
    for (const v of viewers) v.stop();
    await Promise.all(viewerRuns);

    // Each restart: how long until every viewer had a connection and its first frame (the current state).
    const reconnectMs: number[] = [];
    let recovered = 0;
    for (const at of restartedAt) {
      let worst = 0;
      let allBack = true;
      for (const v of viewers) {
        const frame = v.firstFrameAfterConnect.find((t) => t >= at);
        if (frame === undefined) allBack = false;
        else worst = Math.max(worst, frame - at);
      }
      if (allBack) {
        recovered++;
        reconnectMs.push(worst);
      }
    }

    // Graceful stop: SIGTERM must exit 0 and leave a checkpointed (empty) WAL.
    const t0 = Date.now();
    child.proc.kill("SIGTERM");
    const sigtermExit = await Promise.race([child.proc.exited, Bun.sleep(10_000).then(() => null)]);
    const sigtermMs = Date.now() - t0;
    const walFile = Bun.file(join(data, "tmc.db-wal"));
    const walBytesAfterSigterm = (await walFile.exists()) ? walFile.size : 0;
    // A server that did not stop still holds its database exclusively: end it before reading.
    if (sigtermExit === null) {
      child.proc.kill("SIGKILL");
      await child.proc.exited;
    }

    const db = new Database(join(data, "tmc.db"), { readonly: true });
    const finds = db.query("SELECT team_id AS teamId, target, count(*) AS n FROM year_finds WHERE round_id = ? GROUP BY team_id, target").all(round.sessionId) as { teamId: number; target: number; n: number }[];
    const found = new Map(finds.map((f) => [`${f.teamId}:${f.target}`, f.n]));
    const correctAttempts = db.query("SELECT team_id AS teamId, value AS target, count(*) AS n FROM year_attempts WHERE round_id = ? AND result = 'correct' GROUP BY team_id, value").all(round.sessionId) as { teamId: number; target: number; n: number }[];
    const attemptCount = new Map(correctAttempts.map((a) => [`${a.teamId}:${a.target}`, a.n]));
    const key = (x: { teamId: number; target: number }) => `${x.teamId}:${x.target}`;
    const ok = outcomes.filter((x) => x.kind === "ok");
    const refused = outcomes.filter((x) => x.kind === "refused");
    const noResponse = outcomes.filter((x) => x.kind === "no_response");
    const allowed = new Set([...ok, ...noResponse].map(key));
    const ledger = db.query("SELECT t.id, t.score, coalesce((SELECT sum(delta) FROM score_events e WHERE e.team_id = t.id), 0) AS ledger, coalesce((SELECT sum(points) FROM year_finds f WHERE f.team_id = t.id), 0) AS finds FROM teams t WHERE t.game_id = ?").all(game.gameId) as { score: number; ledger: number; finds: number }[];
    db.close();
    return {
      kills: o.kills,
      submissions: { ok: ok.length, refused: refused.length, noResponse: noResponse.length },
      okMissing: ok.filter((x) => !found.has(key(x))).length,
      okDuplicated: ok.filter((x) => (found.get(key(x)) ?? 0) > 1 || (attemptCount.get(key(x)) ?? 0) > 1).length,
      refusedCredited: refused.filter((x) => found.has(key(x))).length,
      phantomCredits: finds.filter((f) => !allowed.has(key(f))).length,
      noResponseCredited: noResponse.filter((x) => found.has(key(x))).length,
      ledgerMismatches: ledger.filter((r) => r.score !== r.ledger).length,
      scoreMismatches: ledger.filter((r) => r.score !== r.finds).length,
      restartMs,
      reconnectMs,
      streamsRecovered: `${recovered}/${restartedAt.length}`,
      sigtermExit,
      sigtermMs,
      walBytesAfterSigterm,
    };
  } finally {
    if (child.proc.exitCode === null) child.proc.kill("SIGKILL");
    rmSync(data, { recursive: true, force: true });
  }
}
