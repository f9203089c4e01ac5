// A minimal SSE client over a raw TCP socket. fetch() in one Bun process stops at 256 open
// connections, and a classroom test needs more; a socket per stream also mirrors a phone — and,
// bound to an address of its own (`address`, see phoneAddress), a phone on the LAN.
import { connect, type Socket } from "node:net";

export type SseStream = {
  status: number;
  /** Decoded body received so far. */
  text(): string;
  /** Resolves with the body once `until` matches it, or rejects after `timeoutMs`. */
  waitFor(until: (text: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Every `data:` payload of the complete messages received so far. */
  messages(): { id: string | null; event: string | null; data: string }[];
  closed(): boolean;
  close(): void;
};

export function openSse(url: string, headers: Record<string, string> = {}, opts: { address?: string } = {}): Promise<SseStream> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let raw = Buffer.alloc(0);
    let headDone = false;
    let status = 0;
    let body = "";
    let isClosed = false;
    const waiters = new Set<() => void>();
    const decoder = new TextDecoder();
    let socketRef: Socket | null = null;

    const notify = () => { for (const w of [...waiters]) w(); };
    // Decodes HTTP/1.1 chunked transfer encoding as bytes arrive.
    const pump = () => {
      if (!headDone) {
        const end = raw.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = raw.subarray(0, end).toString("latin1");
        status = Number(head.split(" ")[1]);
        raw = raw.subarray(end + 4);
        headDone = true;
        resolve(stream);
      }
      for (;;) {
        const lineEnd = raw.indexOf("\r\n");
        if (lineEnd < 0) return;
        const size = parseInt(raw.subarray(0, lineEnd).toString("latin1"), 16);
        if (Number.isNaN(size)) return;
        if (size === 0) { isClosed = true; notify(); return; }
        if (raw.length < lineEnd + 2 + size + 2) return;
        body += decoder.decode(raw.subarray(lineEnd + 2, lineEnd + 2 + size), { stream: true });
        raw = raw.subarray(lineEnd + 2 + size + 2);
        notify();
      }
    };

    const stream: SseStream = {
      get status() { return status; },
      text: () => body,
      waitFor(until, timeoutMs = 5000) {
        return new Promise((ok, fail) => {
          const check = () => {
            if (until(body)) { cleanup(); ok(body); } else if (isClosed) { cleanup(); fail(new Error(`stream closed before the expected content:\n${body.slice(-2000)}`)); }
          };
          const timer = setTimeout(() => { cleanup(); fail(new Error(`timed out after ${timeoutMs} ms; received:\n${body.slice(-2000)}`)); }, timeoutMs);
          const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
          waiters.add(check);
          check();
        });
      },
      messages() {
        return body.split("\n\n").slice(0, -1).filter((m) => /^(data|event):/m.test(m)).map((m) => {
          const lines = m.split("\n");
          return {
            id: lines.find((l) => l.startsWith("id: "))?.slice(4) ?? null,
            event: lines.find((l) => l.startsWith("event: "))?.slice(7) ?? null,
            data: lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n"),
          };
        });
      },
      closed: () => isClosed,
      close() { isClosed = true; socketRef?.destroy(); notify(); },
    };

    const socket = connect({ host: u.hostname, port: Number(u.port), ...(opts.address ? { localAddress: opts.address } : {}) }, () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nAccept: text/event-stream\r\n${extra}\r\n`);
    });
    socketRef = socket;
    socket.on("data", (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      pump();
    });
    socket.on("close", () => { isClosed = true; notify(); if (!headDone) reject(new Error("connection closed before a response")); });
    socket.on("error", (err) => { if (!headDone) reject(err); });
  });
}
