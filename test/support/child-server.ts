// Runs the server as a separate process (the compiled dist/tmc when present, else from source),
// so tests can kill it for real and restart it on the same data folder.
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");

export type Child = { proc: ReturnType<typeof Bun.spawn>; url: string; port: number; output(): string };

export function serverCommand(preferBinary = true): string[] {
  const binary = join(ROOT, "dist", "tmc");
  return preferBinary && existsSync(binary) ? [binary] : [process.execPath, join(ROOT, "src", "main.ts")];
}

/** Starts the server and resolves once it prints its address. */
export async function startChild(args: string[], opts: { env?: Record<string, string>; preferBinary?: boolean; timeoutMs?: number } = {}): Promise<Child> {
  const proc = Bun.spawn([...serverCommand(opts.preferBinary ?? true), ...args], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...opts.env },
  });
  let out = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    const reader = stream.getReader();
    for (;;) {
      const c = await reader.read();
      if (c.done) break;
      out += decoder.decode(c.value, { stream: true });
    }
  };
  void drain(proc.stdout as ReadableStream<Uint8Array>);
  void drain(proc.stderr as ReadableStream<Uint8Array>);
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  for (;;) {
    const m = /localhost:(\d+)\/teacher/.exec(out);
    if (m) return { proc, port: Number(m[1]), url: `http://127.0.0.1:${m[1]}`, output: () => out };
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await Bun.sleep(20);
  }
}

export async function freePort(): Promise<number> {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const port = server.port!;
  server.stop(true);
  return port;
}
