// The listen queue (src/startup/backlog.ts): after a restart every phone reconnects at once, and
// connections beyond a full queue are dropped by the kernel (the phone tries again seconds later).
// Measured as a burst meets it: while the server's thread is held (spawnSync), a child opens
// 1,500 connections; those the kernel completed are the ones its queue took.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deepenListenQueue } from "../../src/startup/backlog.ts";

const linux = process.platform === "linux";
const somaxconn = linux ? Number(readFileSync("/proc/sys/net/core/somaxconn", "latin1").trim()) : 0;
const BURST = 1500;

/** Connections a child completes to `port` within `ms`, this process's thread held meanwhile. */
function burst(port: number, ms = 3000): number {
  const script = `let n = 0; for (let i = 0; i < ${BURST}; i++) Bun.connect({ hostname: "127.0.0.1", port: ${port}, socket: { open() { n++; }, data() {}, error() {}, connectError() {} } }).catch(() => {});
    setTimeout(() => { console.log(n); process.exit(0); }, ${ms});`;
  const out = Bun.spawnSync([process.execPath, "-e", script], { cwd: join(import.meta.dir, "..", "..") });
  return Number(out.stdout.toString().trim());
}

describe("listen queue", () => {
  test.if(linux && somaxconn >= 2048)("a burst of 1,500 connections at a busy server: Bun's queue of 512 takes part of it; deepened, it takes them all", () => {
    const plain = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("ok") });
    const deep = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("ok") });
    try {
      expect(deepenListenQueue(deep.port!, 8192)).toEqual({ ok: true, queue: Math.min(8192, somaxconn) });
      const before = burst(plain.port!);
      const after = burst(deep.port!);
      // A client counts as connected the handshakes the kernel answered, queued or not yet: about
      // twice the queue (1,026 of 1,500 for Bun's 512 on this machine's kernel); all of them once deepened.
      expect(before).toBeLessThan(BURST - 300);
      expect(after).toBeGreaterThan(before + 300);
    } finally {
      plain.stop(true);
      deep.stop(true);
    }
  });

  test("a port nobody here listens on, or --listen-backlog 0: nothing changed", () => {
    expect(deepenListenQueue(1, 8192)).toEqual({ ok: false, reason: linux ? "no_socket" : "not_linux" });
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("ok") });
    try {
      expect(deepenListenQueue(server.port!, 0)).toEqual({ ok: false, reason: "off" });
    } finally {
      server.stop(true);
    }
  });
});
