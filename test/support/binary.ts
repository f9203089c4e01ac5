// Running a compiled TMC the way a teacher's machine does: a fresh build in a temp folder, started
// with a minimal environment (no CI, no inherited settings), read until it listens or exits.
import { join } from "node:path";
import { compileTmc } from "../../src/release/build.ts";

export const ROOT = join(import.meta.dir, "..", "..");

/** Builds this checkout for this machine into `outfile` (≈2 s). */
export function buildHostBinary(outfile: string): string {
  compileTmc(outfile);
  return outfile;
}

/**
 * Whether this machine lets us make network and mount namespaces (root, util-linux `unshare`, and
 * no container policy forbidding it). Tried for real: being root is not enough inside some containers.
 */
export const CAN_UNSHARE = process.getuid?.() === 0 && !!Bun.which("unshare") && Bun.spawnSync(["unshare", "-n", "-m", "true"]).exitCode === 0;
export const IP = Bun.which("ip", { PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` });
if (!CAN_UNSHARE || !IP) console.warn(`test: namespace tests skipped (${!CAN_UNSHARE ? "cannot unshare -n -m here" : "no ip command: apt-get install iproute2"})`);

export type Running = { proc: ReturnType<typeof Bun.spawn>; output(): string; port: number; url: string };

/** The environment a double-clicked program sees, give or take: a PATH and a HOME. */
export function plainEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", LANG: "C.UTF-8", ...extra };
}

function collect(proc: ReturnType<typeof Bun.spawn>): () => string {
  let out = "";
  const decoder = new TextDecoder();
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!(stream instanceof ReadableStream)) continue;
    void (async () => {
      const reader = stream.getReader();
      for (let c = await reader.read(); !c.done; c = await reader.read()) out += decoder.decode(c.value, { stream: true });
    })().catch(() => {});
  }
  return () => out;
}

/** Starts and resolves once the teacher's address is printed. */
export async function startUntilListening(cmd: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<Running> {
  const proc = Bun.spawn(cmd, { cwd: opts.cwd ?? ROOT, env: opts.env ?? plainEnv(), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const output = collect(proc);
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const m = /localhost:(\d+)\/teacher/.exec(output());
    if (m) return { proc, output, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}` };
    if (proc.exitCode !== null) throw new Error(`exited (${proc.exitCode}) before listening:\n${output()}`);
    if (Date.now() > deadline) { proc.kill("SIGKILL"); throw new Error(`did not start:\n${output()}`); }
    await Bun.sleep(20);
  }
}

/** Runs to its end (start-up failures); kills it after `timeoutMs`. */
export async function runToExit(cmd: string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<{ code: number | null; output: string; ms: number }> {
  const t0 = performance.now();
  const proc = Bun.spawn(cmd, { cwd: opts.cwd ?? ROOT, env: opts.env ?? plainEnv(), stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const output = collect(proc);
  const killer = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 15_000);
  const code = await proc.exited;
  clearTimeout(killer);
  await Bun.sleep(20); // let the last chunks land
  return { code, output: output(), ms: performance.now() - t0 };
}

/** Holds `count` consecutive free ports on `host`, so a server started on the first finds none free. */
export function holdPorts(count: number, host = "127.0.0.1"): { first: number; release(): void } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 20_000);
    const held: { stop(closeActive?: boolean): void }[] = [];
    try {
      for (let p = first; p < first + count; p++) held.push(Bun.listen({ hostname: host, port: p, socket: { data() {} } }));
      return { first, release: () => { for (const h of held) h.stop(true); } };
    } catch {
      for (const h of held) h.stop(true);
    }
  }
  throw new Error(`could not hold ${count} consecutive ports`);
}

export async function stop(r: Running): Promise<number> {
  if (r.proc.exitCode === null) r.proc.kill("SIGTERM");
  return r.proc.exited;
}
