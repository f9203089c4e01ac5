// One simulated phone's HTTP/1.1 connection, bound to the phone's own loopback address. fetch()
// cannot bind its socket and node:http can but costs the load generator ~2.5× the CPU per request
// (measured: 0.23 vs 0.09 ms), which on this two-core machine is taken from the server under test.
// This is the least a keep-alive client needs: one socket per phone, requests one after another
// (a phone's answers queue behind each other, as a browser's would on one connection), responses
// read by Content-Length (or chunked), Set-Cookie collected. A connection the server closed is
// opened again; a request that never got a byte back on a reused connection is sent once more.
// A connection idle for IDLE_MS is closed: with ten thousand phones, a socket each kept open for
// good would double the descriptors both processes need beside the streams.
import { connect, type Socket } from "node:net";

export type PhoneResult = { status: number; body: string; setCookies: string[]; error?: string };

type Pending = { head: string; body: string | undefined; resolve: (r: PhoneResult) => void; retried: boolean };

const CRLF2 = Buffer.from("\r\n\r\n");
let IDLE_MS = 4000;

/**
 * How long a phone keeps an idle connection (default 4 s). A scenario whose phones send every
 * few seconds, as browsers do on a connection the server keeps for 30 s, may keep them longer.
 */
export function setPhoneIdleMs(ms: number): void {
  IDLE_MS = ms;
}

export class PhoneConnection {
  private socket: Socket | null = null;
  private queue: Pending[] = [];
  private current: Pending | null = null;
  private buf: Buffer | null = null;
  /** Requests sent on the socket now open (0 = fresh: a failure there is not a stale keep-alive). */
  private used = 0;

  constructor(private port: number, private localAddress: string) {}

  request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<PhoneResult> {
    let head = `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    if (body !== undefined) head += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
    head += "\r\n";
    return new Promise((resolve) => {
      this.queue.push({ head, body, resolve, retried: false });
      this.next();
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private open(): Socket {
    const socket = connect({ host: "127.0.0.1", port: this.port, localAddress: this.localAddress });
    socket.setNoDelay(true);
    socket.setTimeout(IDLE_MS, () => {
      if (!this.current && this.socket === socket) this.close();
    });
    socket.on("data", (chunk: Buffer) => {
      this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    const gone = (err?: Error) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.buf = null;
      const p = this.current;
      this.current = null;
      if (p) {
        // Closed under a request that got no answer: on a reused connection the server had
        // closed it while idle — send once more on a fresh one.
        if (this.used > 1 && !p.retried) {
          p.retried = true;
          this.queue.unshift(p);
        } else p.resolve({ status: 0, body: "", setCookies: [], error: String(err?.message ?? "connection closed").slice(0, 80) });
      }
      this.used = 0;
      this.next();
    };
    socket.on("error", gone);
    socket.on("close", () => gone());
    this.used = 0;
    return socket;
  }

  private next(): void {
    if (this.current || !this.queue.length) return;
    const p = this.queue.shift()!;
    this.current = p;
    this.socket ??= this.open();
    this.used++;
    this.socket.write(p.body === undefined ? p.head : p.head + p.body);
  }

  private parse(): void {
    const buf = this.buf;
    if (!buf || !this.current) return;
    const end = buf.indexOf(CRLF2);
    if (end < 0) return;
    const head = buf.toString("latin1", 0, end);
    const lines = head.split("\r\n");
    const status = Number(lines[0]!.slice(9, 12));
    let length = -1;
    let chunked = false;
    const setCookies: string[] = [];
    let close = false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "content-length") length = Number(value);
      else if (name === "transfer-encoding") chunked = /chunked/i.test(value);
      else if (name === "set-cookie") setCookies.push(value);
      else if (name === "connection") close = /close/i.test(value);
    }
    let body: Buffer;
    let rest: Buffer;
    const start = end + 4;
    if (chunked) {
      const parts: Buffer[] = [];
      let off = start;
      for (;;) {
        const lineEnd = buf.indexOf("\r\n", off);
        if (lineEnd < 0) return;
        const size = parseInt(buf.toString("latin1", off, lineEnd), 16);
        if (buf.length < lineEnd + 2 + size + 2) return;
        if (size === 0) { off = lineEnd + 4; break; }
        parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
        off = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
      rest = buf.subarray(off);
    } else {
      const n = Math.max(0, length);
      if (buf.length < start + n) return;
      body = buf.subarray(start, start + n);
      rest = buf.subarray(start + n);
    }
    const p = this.current;
    this.current = null;
    this.buf = rest.length ? rest : null;
    p.resolve({ status, body: body.toString("utf8"), setCookies });
    if (close) this.close();
    this.next();
  }
}
