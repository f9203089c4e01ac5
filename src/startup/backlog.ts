// A deeper listen queue, where the OS lets us have one. When the server restarts in the middle of
// an event, every phone reconnects within the same second, and Bun.serve listens with a queue of
// 512 connections (fixed in Bun 1.4: its `backlog` option is ignored, `ss -ltn` shows 512). The
// kernel drops connections beyond it, and each phone's own TCP tries again 1, 3, 7, 15 s later:
// in the district bench 2,000 of 10,000 phones came back 9 to 29 s after a restart, with the
// server idle meanwhile. On Linux, listen() called again on a listening socket sets its queue
// (up to net.core.somaxconn, 4096 by default). Bun does not give the socket's descriptor: this
// process's sockets are listed in /proc/self/fd and the one bound to the port is found with
// getsockname(), through bun:ffi. (Reading /proc/net/tcp instead took 300 ms at a restart: it
// lists every connection of the machine.) Elsewhere the queue stays as Bun made it;
// `--listen-backlog 0` leaves it so on Linux too.
import { dlopen, FFIType, ptr } from "bun:ffi";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export type Deepened = { ok: true; queue: number } | { ok: false; reason: "off" | "not_linux" | "no_socket" | "refused" | "failed" };

/**
 * Deepens the listen queue of this process's socket on `port` to `backlog` (--listen-backlog; call
 * it right after listening: an accepted connection has the same local port, and listen() on it
 * fails harmlessly). Gives the queue now in force (net.core.somaxconn caps it), or why nothing
 * was changed; the server runs the same either way.
 */
export function deepenListenQueue(port: number, backlog: number): Deepened {
  if (backlog === 0) return { ok: false, reason: "off" };
  if (process.platform !== "linux") return { ok: false, reason: "not_linux" };
  try {
    const libc = dlopen("libc.so.6", {
      listen: { args: [FFIType.i32, FFIType.i32], returns: FFIType.i32 },
      getsockname: { args: [FFIType.i32, FFIType.ptr, FFIType.ptr], returns: FFIType.i32 },
    });
    let deepened = 0;
    let refused = 0;
    try {
      const addr = new Uint8Array(128);
      for (const name of readdirSync("/proc/self/fd")) {
        const fd = Number(name);
        try {
          if (!readlinkSync(`/proc/self/fd/${name}`).startsWith("socket:")) continue;
        } catch {
          continue; // closed meanwhile
        }
        const len = new Uint32Array([addr.length]);
        if (libc.symbols.getsockname(fd, ptr(addr), ptr(len)) !== 0) continue;
        // sockaddr_in and sockaddr_in6 alike: the family (2 bytes), then the port in network order.
        const family = addr[0]! | (addr[1]! << 8);
        if ((family !== 2 && family !== 10) || ((addr[2]! << 8) | addr[3]!) !== port) continue;
        if (libc.symbols.listen(fd, backlog) === 0) deepened++;
        else refused++;
      }
    } finally {
      libc.close();
    }
    if (deepened === 0) return { ok: false, reason: refused ? "refused" : "no_socket" };
    const max = Number(readFileSync("/proc/sys/net/core/somaxconn", "latin1").trim());
    return { ok: true, queue: Number.isFinite(max) && max > 0 ? Math.min(backlog, max) : backlog };
  } catch {
    // No glibc (libc.so.6), or bun:ffi unavailable.
    return { ok: false, reason: "failed" };
  }
}
