// npm run bench -- --startup [--startup-games 100] [--startup-runs 10] [--startup-variants all|release] [--json out.json]
// Cold start of the compiled binary to a healthy /api/health, on a database that already holds
// `games` finished games (a teacher's laptop after a term), with the binary's size. Each packing
// (plain, --minify, --bytecode, both) is built and measured in alternating runs, so all of them
// see the same machine (speed here drifts ±20% from minute to minute). Target: < 300 ms.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileTmc } from "../../src/release/build.ts";
import { RELEASE_PACKING, type Packing } from "../../src/release/targets.ts";
import { defaultConfig, type Config } from "../../src/config.ts";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { ensureAdminPassword } from "../../src/auth/teacher.ts";
import { buildApp, buildDeps } from "../../src/app.ts";
import { closeAllStreams } from "../../src/realtime/sse.ts";
import { Client } from "../support/server.ts";
import { answersFor } from "../support/year.ts";
import { freePort, procStat } from "./procs.ts";
import { dist } from "./stats.ts";

const PASSWORD = "startup-bench-pw";
const VARIANTS: Record<string, Packing> = {
  plain: { minify: false, bytecode: false },
  minify: { minify: true, bytecode: false },
  bytecode: { minify: false, bytecode: true },
  "minify+bytecode": { minify: true, bytecode: true },
  // + a bytecode layout profile recorded from a first start (--bytecode-order)
  "minify+bytecode+order": { minify: true, bytecode: true, order: "record" },
};

/**
 * Runs a --bytecode build once the way a teacher's first minute goes (start, the health check,
 * the join page, the login page) and writes the functions it used to `orderFile`; a build with
 * --bytecode-order lays those out first. One profile serves every --target.
 */
async function recordStartupProfile(binary: string, orderFile: string): Promise<void> {
  const data = mkdtempSync(join(tmpdir(), "tmc-profile-"));
  const port = freePort();
  const proc = Bun.spawn([binary, "--data", data, "--port", String(port), "--host", "127.0.0.1"], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", BUN_BYTECODE_ORDER_OUT: orderFile }, stdin: "ignore", stdout: "ignore", stderr: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let t0 = Date.now(); !(await fetch(`${base}/api/health`).then((r) => r.ok, () => false)); await Bun.sleep(10)) {
      if (proc.exitCode !== null || Date.now() - t0 > 15_000) throw new Error(`bench: ${binary} did not start for the profile run`);
    }
    for (const path of ["/", "/login", "/teacher"]) await (await fetch(base + path, { redirect: "manual" })).text();
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
    rmSync(data, { recursive: true, force: true });
  }
  if (!existsSync(orderFile)) throw new Error("bench: the profile run wrote no bytecode order");
}

/** Plays `games` whole games through the API of an in-process server, then closes the file. */
async function fillDatabase(dir: string, games: number): Promise<{ seconds: number; participants: number; answers: number }> {
  const t0 = performance.now();
  const off = "off" as const;
  // Filling the history is not what is measured: every limit off (its joins all come from one address).
  const config: Config = { ...defaultConfig(), data: dir, adminPassword: PASSWORD, rateLimitJoin: off, rateLimitJoinAddress: off, rateLimitAnswer: off, rateLimitAnswerAddress: off, rateLimitCreate: off, rateLimitLogin: off, rateLimitNewDevice: off, autoBackup: false };
  const db = openDb(join(dir, "tmc.db"));
  migrateDb(db);
  ensureAdminPassword(db, PASSWORD);
  const deps = buildDeps(db, config);
  const app = await buildApp(deps);
  app.listen({ port: 0, hostname: "127.0.0.1" });
  const base = `http://127.0.0.1:${app.server!.port}`;
  const teacher = new Client(base);
  const { token } = (await (await teacher.postJson("/api/login", { password: PASSWORD })).json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const digits = [1, 3, 5, 7, 9];
  const answers = [...answersFor(digits).values()];
  let participants = 0;
  let answered = 0;
  const ok = async (res: Promise<Response>, what: string) => {
    const r = await res;
    if (r.status >= 300 && r.status !== 409) throw new Error(`bench: ${what} → ${r.status} ${await r.text()}`);
    return r;
  };
  for (let g = 0; g < games; g++) {
    const game = (await (await ok(teacher.postJson("/api/create-game", { title: `Class ${g + 1}`, teamCount: 4, maxParticipants: 40, joinMode: "choose" }, auth), "create")).json()) as { gameId: number; gameCode: string; teams: { id: number }[] };
    const phones = await Promise.all(Array.from({ length: 8 }, async (_, i) => {
      const phone = await new Client(base).visit();
      await ok(phone.postJson("/api/join-game", { gameCode: game.gameCode, nickname: `s${i + 1}`, teamId: game.teams[i % 4]!.id }), "join");
      return phone;
    }));
    participants += phones.length;
    await ok(teacher.fetch(`/api/games/${game.gameId}/start`, { method: "POST", headers: auth }), "start");
    const { sessionId } = (await (await ok(teacher.postJson(`/api/games/${game.gameId}/rounds`, { type: "year_game", digits }, auth), "round")).json()) as { sessionId: number };
    await Promise.all(phones.map(async (phone, i) => {
      for (let k = 0; k < 3; k++) {
        await ok(phone.postJson("/api/submit-answer", { sessionId, expression: answers[(g * 7 + i * 3 + k) % answers.length]! }), "answer");
        answered++;
      }
    }));
    await ok(teacher.fetch(`/api/games/${game.gameId}/rounds/${sessionId}/end`, { method: "POST", headers: auth }), "end");
    await ok(teacher.fetch(`/api/games/${game.gameId}/finish`, { method: "POST", headers: auth }), "finish");
  }
  closeAllStreams();
  await app.server?.stop(true);
  deps.clock.stop();
  deps.bus.close();
  closeDb(db);
  return { seconds: (performance.now() - t0) / 1000, participants, answers: answered };
}

/** Spawn → first 200 from /api/health, polled every 2 ms; then RSS, then a clean stop. */
async function coldStart(binary: string, dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const port = freePort();
  const t0 = performance.now();
  const proc = Bun.spawn([binary, "--data", dataDir, "--port", String(port), "--host", "127.0.0.1"], { env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" }, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`bench: ${binary} exited ${proc.exitCode}: ${await new Response(proc.stderr).text()}`);
      if (performance.now() - t0 > 15_000) throw new Error(`bench: ${binary} not healthy after 15 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await Bun.sleep(2);
    }
    const ms = performance.now() - t0;
    return { ms, rssMb: procStat(proc.pid)?.rssMb ?? 0 };
  } finally {
    proc.kill("SIGTERM");
    await proc.exited;
  }
}

export async function startupBench(flags: { games: number; runs: number; variants: string; json: string }): Promise<void> {
  const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
  const work = mkdtempSync(join(tmpdir(), "tmc-startup-"));
  try {
    const chosen = flags.variants === "all" ? Object.entries(VARIANTS) : [["release", RELEASE_PACKING] as [string, Packing]];
    const builds: { name: string; packing: Packing; file: string; bytes: number; times: number[]; rss: number[] }[] = [];
    for (const [name, wanted] of chosen) {
      const file = join(work, `tmc-${name}`);
      let packing = wanted;
      if (wanted.order === "record") {
        compileTmc(file, { packing: { ...wanted, order: undefined } });
        packing = { ...wanted, order: join(work, "startup.order") };
        await recordStartupProfile(file, packing.order!);
      }
      const b = compileTmc(file, { packing });
      log(`built ${name} (${(b.bytes / 1e6).toFixed(1)} MB) in ${b.seconds.toFixed(1)} s`);
      builds.push({ name, packing: wanted, file, bytes: b.bytes, times: [], rss: [] });
    }
    // The floor on this machine: a compiled Bun.serve that answers at once, started the same way.
    const floorSrc = join(work, "floor.ts");
    writeFileSync(floorSrc, `Bun.serve({ hostname: "127.0.0.1", port: Number(process.argv[process.argv.indexOf("--port") + 1]), fetch: () => new Response("ok") });`);
    const floorBin = join(work, "tmc-floor");
    const fb = Bun.spawnSync([process.execPath, "build", "--compile", "--minify", floorSrc, "--outfile", floorBin], { stdout: "pipe", stderr: "pipe" });
    if (fb.exitCode !== 0) throw new Error(`bench: floor build failed: ${fb.stderr.toString()}`);
    builds.push({ name: "floor (Bun.serve)", packing: { minify: true, bytecode: false }, file: floorBin, bytes: Bun.file(floorBin).size, times: [], rss: [] });
    const data = join(work, "data");
    const filled = await fillDatabase(data, flags.games);
    log(`database: ${flags.games} finished games, ${filled.participants} students, ${filled.answers} answers (filled in ${filled.seconds.toFixed(1)} s)`);
    // One throwaway start per build: the first run reads the file from disk, later ones from the page cache.
    const first = new Map<string, number>();
    for (const b of builds) first.set(b.name, (await coldStart(b.file, data)).ms);
    for (let run = 0; run < flags.runs; run++) {
      for (const b of run % 2 ? [...builds].reverse() : builds) {
        const r = await coldStart(b.file, data);
        b.times.push(r.ms);
        b.rss.push(r.rssMb);
      }
    }
    const rows = builds.map((b) => {
      const d = dist(b.times);
      return {
        variant: b.name, release: b.file !== floorBin && JSON.stringify(b.packing) === JSON.stringify(RELEASE_PACKING), sizeMb: Math.round(b.bytes / 1e5) / 10,
        firstMs: Math.round(first.get(b.name)!), p50Ms: d.p50Ms, p95Ms: d.p95Ms, maxMs: d.maxMs, minMs: Math.round(Math.min(...b.times)),
        rssMb: Math.round(b.rss.sort((x, y) => x - y)[Math.floor(b.rss.length / 2)]!),
      };
    });
    const loadAvg = readFileSync("/proc/loadavg", "latin1").split(" ").slice(0, 3).join(" ");
    console.log(`\nCold start to a healthy /api/health, ${flags.games} finished games in the database, ${flags.runs} runs each (target < 300 ms)`);
    console.log(`machine: ${navigator.hardwareConcurrency} cores, load average ${loadAvg} (other work on the machine inflates p50/p95; min is the least disturbed)`);
    console.log("variant                 size MB   first   p50    p95    max    min   RSS MB");
    for (const r of rows) {
      console.log(`${(r.variant + (r.release ? " *" : "")).padEnd(23)} ${String(r.sizeMb).padStart(7)} ${String(r.firstMs).padStart(7)} ${String(r.p50Ms).padStart(5)}  ${String(r.p95Ms).padStart(5)}  ${String(r.maxMs).padStart(5)}  ${String(r.minMs).padStart(5)}  ${String(r.rssMb).padStart(6)}`);
    }
    console.log("(* = the packing `npm run build` and `npm run release` use; floor = a bare compiled Bun.serve, the least any binary takes here)");
    if (flags.json) writeFileSync(flags.json, JSON.stringify({ games: flags.games, runs: flags.runs, loadAvg, database: filled, variants: rows }, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
