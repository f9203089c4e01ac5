// Child processes for the bench: the real TMC server (compiled binary or source) and the
// baseline server, each on a fresh temp data dir and a free port; their RSS and CPU from /proc.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";

export const ROOT = join(import.meta.dir, "..", "..");
const CLK_TCK = 100; // Linux USER_HZ; /proc/<pid>/stat counts CPU time in these ticks.

export type Child = {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  port: number;
  dir: string;
  output(): string;
  stop(): Promise<void>;
  /** The same command again, on the same data folder and port (after a crash: SIGKILL first). */
  restart(): Promise<Child>;
};

export type ProcStat = { rssMb: number; hwmMb: number; cpuSeconds: number; systemSeconds: number; fds: number; threads: number };

/** RSS now, peak RSS (VmHWM), CPU seconds (utime + stime), open fds and threads of a process. */
export function procStat(pid: number): ProcStat | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "latin1");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    let fds = 0;
    try { fds = readdirSync(`/proc/${pid}/fd`).length; } catch { /* not ours to read */ }
    return { rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024, cpuSeconds: ticks / CLK_TCK, systemSeconds: Number(fields[12]) / CLK_TCK, fds, threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0) };
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine spent busy (all cores), from /proc/stat: with our two processes subtracted, what else ran. */
export function machineBusySeconds(): number {
  const f = readFileSync("/proc/stat", "latin1").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return (total - f[3]! - (f[4] ?? 0)) / CLK_TCK;
}

/** A port nobody listens on right now (the server also moves to the next one if it is taken). */
export function freePort(): number {
  const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = probe.port;
  probe.stop(true);
  return port;
}

function drain(stream: ReadableStream<Uint8Array>, sink: (s: string) => void): void {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  void (async () => {
    for (let c = await reader.read(); !c.done; c = await reader.read()) sink(decoder.decode(c.value, { stream: true }));
  })().catch(() => {});
}

async function spawnUntil(cmd: string[], env: Record<string, string>, ready: RegExp, dir: string, timeoutMs = 20_000): Promise<Child> {
  const proc = Bun.spawn(cmd, { cwd: ROOT, env: { ...process.env, ...env }, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let out = "";
  drain(proc.stdout, (s) => { out = (out + s).slice(-400_000); });
  drain(proc.stderr, (s) => { out = (out + s).slice(-400_000); });
  const deadline = Date.now() + timeoutMs;
  let m: RegExpExecArray | null = null;
  while (!(m = ready.exec(out))) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill();
      throw new Error(`bench: ${cmd.join(" ")} did not start (exit ${proc.exitCode}):\n${out}`);
    }
    await Bun.sleep(20);
  }
  const port = Number(m[1]);
  return {
    proc,
    port,
    dir,
    output: () => out,
    restart: () => spawnUntil(cmd, env, ready, dir, timeoutMs),
    async stop() {
      if (proc.exitCode === null) {
        proc.kill("SIGTERM");
        const killer = setTimeout(() => proc.kill("SIGKILL"), 5000);
        await proc.exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type ServerKind = "auto" | "src" | "dist";

/** Newest modification time of the sources the binary is built from (to warn about a stale dist/tmc). */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  for (const d of ["src", "views", "public", "drizzle"]) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
  return newest;
}

/** The real server, as a teacher runs it, with rate limits as configured (defaults = on); `prepare` may fill its data folder first. */
export async function startTmc(kind: ServerKind, password: string, env: Record<string, string> = {}, profileDir = "", bunFlags: string[] = [], prepare?: (dataDir: string) => void): Promise<Child & { kind: "src" | "dist" }> {
  const dir = mkdtempSync(join(tmpdir(), "tmc-bench-"));
  // E.g. a question bank written before the server starts (the running server holds the file alone).
  prepare?.(dir);
  const binary = join(ROOT, "dist", "tmc");
  const useDist = !profileDir && !bunFlags.length && (kind === "dist" || (kind === "auto" && existsSync(binary)));
  if (useDist && statSync(binary).mtimeMs < newestSource()) console.warn("bench: dist/tmc is older than the sources; `npm run build` first, or use --server src");
  const args = ["--data", dir, "--port", String(freePort()), "--host", "127.0.0.1", "--admin-password", password];
  // --profile: the source server under Bun's sampling profiler (written when it exits on SIGTERM).
  const prof = profileDir ? ["--cpu-prof", "--cpu-prof-md", `--cpu-prof-dir=${profileDir}`] : [];
  const cmd = useDist ? [binary, ...args] : [process.execPath, ...prof, ...bunFlags, join(ROOT, "src", "main.ts"), ...args];
  const child = await spawnUntil(cmd, env, /localhost:(\d+)\/teacher/, dir);
  return { ...child, kind: useDist ? "dist" : "src" };
}

export async function startBaseline(): Promise<Child> {
  const dir = mkdtempSync(join(tmpdir(), "tmc-baseline-"));
  return spawnUntil([process.execPath, join(import.meta.dir, "baseline.ts"), "--port", String(freePort()), "--data", dir], {}, /baseline listening on (\d+)/, dir);
}

/** Samples a process every `everyMs`: keeps the RSS peak seen and the series. */
export class Sampler<T> {
  readonly series: T[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(private sample: () => T | null | Promise<T | null>, private everyMs: number) {}
  start(): this {
    const tick = async () => {
      const s = await this.sample();
      if (s) this.series.push(s);
    };
    void tick();
    this.timer = setInterval(() => void tick(), this.everyMs);
    return this;
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
