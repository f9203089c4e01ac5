// fetch() for a simulated phone with its own network address: every 127.x.y.z is this machine
// (Linux), and a client socket bound to one makes the server see a separate device on a LAN — so
// per-address limits are exercised as in a classroom instead of switched off. Bun's fetch cannot
// bind its socket; node:http can (`localAddress`). The answer is a standard Response (streamed).
import http from "node:http";

let next = 0;
/** One keep-alive agent per address, as a phone's browser keeps its connections open. */
const agents = new Map<string, http.Agent>();
function agentFor(localAddress: string): http.Agent {
  let agent = agents.get(localAddress);
  if (!agent) agents.set(localAddress, (agent = new http.Agent({ keepAlive: true, localAddress } as http.AgentOptions)));
  return agent;
}

/** A fresh loopback address per call (127.20.0.1, 127.20.0.2, …): never the teacher's 127.0.0.1. */
export function phoneAddress(): string {
  const n = ++next;
  return `127.${20 + ((n >> 16) & 127)}.${(n >> 8) & 255}.${n & 255}`;
}

export function boundFetch(url: string, init: RequestInit, localAddress: string): Promise<Response> {
  const u = new URL(url);
  const method = (init.method ?? "GET").toUpperCase();
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => { headers[k] = v; });
  const body = init.body === undefined || init.body === null ? null : typeof init.body === "string" ? init.body : Buffer.from(init.body as ArrayBuffer);
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: Number(u.port), path: u.pathname + u.search, method, headers, localAddress, agent: agentFor(localAddress) }, (res) => {
      const h = new Headers();
      for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
      const empty = method === "HEAD" || res.statusCode === 204 || res.statusCode === 304;
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          res.on("data", (d: Buffer) => c.enqueue(new Uint8Array(d)));
          res.on("end", () => { try { c.close(); } catch { /* cancelled */ } });
          res.on("error", (e) => { try { c.error(e); } catch { /* cancelled */ } });
        },
        cancel() { res.destroy(); },
      });
      resolve(new Response(empty ? null : stream, { status: res.statusCode, headers: h }));
    });
    req.on("error", reject);
    init.signal?.addEventListener("abort", () => req.destroy());
    if (body !== null) req.write(body);
    req.end();
  });
}
