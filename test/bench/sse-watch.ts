// A lean SSE client for the load generator: one raw TCP socket per stream (fetch() in one Bun
// process stops at 256 connections), HTTP/1.1 chunked decoding on Buffers, and no copy of the
// body kept: each decoded payload is handed to `onPayload` with its arrival time and dropped.
// Adapted from test/support/sse-client.ts, which keeps the whole body for assertions. A phone's
// stream leaves from the phone's own address (`from`; see http.ts).
import { connect, type Socket } from "node:net";

export type Watch = {
  /** HTTP status once the head arrived (0 before). */
  status: number;
  bytes: number;
  payloads: number;
  /** performance.now() of the first payload (0 = none yet). */
  firstAt: number;
  /** True once the server ended the stream or the socket closed. */
  closed: boolean;
  /** Set when we closed it ourselves (a close after this is not an error). */
  closing: boolean;
  close(): void;
};

export type WatchOptions = {
  port: number;
  path: string;
  headers?: Record<string, string>;
  /** The local address to send from (a simulated phone's 127.x.y.z); default the system's choice. */
  from?: string;
  /** Called for every decoded chunk of the body; `buf` is only valid during the call. */
  onPayload?: (buf: Buffer, at: number) => void;
  onClose?: (w: Watch) => void;
};

const CRLF = Buffer.from("\r\n");

export function openWatch(opts: WatchOptions): Promise<Watch> {
  return new Promise((resolve, reject) => {
    let raw: Buffer | null = null;
    let headDone = false;
    let socketRef: Socket | null = null;
    const w: Watch = {
      status: 0,
      bytes: 0,
      payloads: 0,
      firstAt: 0,
      closed: false,
      closing: false,
      close() {
        if (w.closed || w.closing) return;
        w.closing = true;
        socketRef?.destroy();
      },
    };
    const finish = () => {
      if (w.closed) return;
      w.closed = true;
      opts.onClose?.(w);
    };
    const pump = (at: number) => {
      if (!raw) return;
      if (!headDone) {
        const end = raw.indexOf("\r\n\r\n");
        if (end < 0) return;
        w.status = Number(raw.subarray(9, 12).toString("latin1"));
        raw = raw.subarray(end + 4);
        headDone = true;
        resolve(w);
        if (w.status !== 200) { socketRef?.destroy(); return; }
      }
      let off = 0;
      for (;;) {
        const lineEnd = raw.indexOf(CRLF, off);
        if (lineEnd < 0) break;
        const size = parseInt(raw.toString("latin1", off, lineEnd), 16);
        if (Number.isNaN(size)) { socketRef?.destroy(); break; }
        if (size === 0) { off = raw.length; finish(); socketRef?.destroy(); break; }
        const start = lineEnd + 2;
        if (raw.length < start + size + 2) break;
        const payload = raw.subarray(start, start + size);
        w.bytes += size;
        w.payloads++;
        if (!w.firstAt) w.firstAt = at;
        opts.onPayload?.(payload, at);
        off = start + size + 2;
      }
      raw = off >= raw.length ? null : off > 0 ? raw.subarray(off) : raw;
    };
    const extra = Object.entries(opts.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    const socket = connect({ host: "127.0.0.1", port: opts.port, ...(opts.from ? { localAddress: opts.from } : {}) }, () => {
      socket.setNoDelay(true);
      socket.write(`GET ${opts.path} HTTP/1.1\r\nHost: 127.0.0.1:${opts.port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n${extra}\r\n`);
    });
    socketRef = socket;
    socket.on("data", (chunk: Buffer) => {
      const at = performance.now();
      raw = raw ? Buffer.concat([raw, chunk]) : chunk;
      pump(at);
    });
    socket.on("close", () => {
      finish();
      if (!headDone) reject(new Error(`sse ${opts.path}: connection closed before a response`));
    });
    socket.on("error", (err) => {
      if (!headDone) reject(err);
    });
  });
}
