// Server-sent events, built by hand because Elysia's sse() drops every line of a multi-line
// fragment after the first. Each stream: a snapshot on connect (so a reconnect — phone woke,
// Wi-Fi back, server restarted — always shows the current state), then a frame per bus flush
// that concerns it, and a heartbeat comment so idle connections are not closed.
import type { Server } from "bun";
import type { Bus, Flush, Topic } from "./bus.ts";

const encoder = new TextEncoder();

type Rendered = { bytes: Uint8Array; phase: string };

/** One SSE message: `id:`, optional `event:`, then one `data:` line per line of the payload. */
export function formatFrame(id: string, data: string, event?: string): string {
  let frame = `id: ${id}\n`;
  if (event) frame += `event: ${event}\n`;
  for (const line of data.split(/\r\n|\r|\n/)) frame += `data: ${line}\n`;
  return frame + "\n";
}

export type StreamSpec = {
  gameId: number;
  /** Streams with the same audience receive byte-identical frames, rendered once per flush. */
  audience: string;
  topics: ReadonlySet<Topic>;
  /** The phase the page was rendered with (see RoundView); the stream tracks it from there. */
  phase: string;
  /** Renders the update for a viewer showing `clientPhase`: its <hx-partial>s and the phase it leads to. */
  render: (clientPhase: string) => { html: string; phase: string } | null;
  /**
   * Checked on flushes that carry `lobby` (moves, kicks): "ok" keeps streaming; "reload" tells
   * the page to reload (the viewer's team changed); "ended" closes it (kicked, game gone).
   */
  check?: () => "ok" | "reload" | "ended";
};

export type SseDeps = { bus: Bus; heartbeatMs: number; server: Server<unknown> | null; request: Request };

const openStreams = new Set<() => void>();

export function openStreamCount(): number {
  return openStreams.size;
}

/** Ends every open stream (graceful shutdown). */
export function closeAllStreams(): void {
  for (const close of [...openStreams]) close();
}

export function sseResponse(spec: StreamSpec, deps: SseDeps): Response {
  const { bus, request } = deps;
  // Bun would otherwise close a quiet connection after its idle timeout.
  deps.server?.timeout(request, 0);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (bytes: Uint8Array | string) => {
        if (closed) return;
        try {
          controller.enqueue(typeof bytes === "string" ? encoder.encode(bytes) : bytes);
        } catch {
          cleanup();
        }
      };
      let clientPhase = spec.phase;
      // Same audience + same phase on screen = byte-identical frame: render once per flush.
      const frameFor = (flush: Flush): Rendered | null => {
        const key = `${spec.audience}|${clientPhase}`;
        if (flush.memo.has(key)) return flush.memo.get(key) as Rendered | null;
        const out = spec.render(clientPhase);
        const rendered = out === null ? null : { bytes: encoder.encode(formatFrame(`${bus.bootId}-${flush.seq}`, out.html)), phase: out.phase };
        flush.memo.set(key, rendered);
        return rendered;
      };
      const unsubscribe = bus.subscribe(spec.gameId, (flush) => {
        if (spec.check && flush.topics.has("lobby")) {
          const verdict = spec.check();
          if (verdict !== "ok") {
            send(formatFrame(`${bus.bootId}-${flush.seq}`, verdict, verdict === "reload" ? "tmc:reload" : "tmc:ended"));
            cleanup();
            return;
          }
        }
        if (![...flush.topics].some((t) => spec.topics.has(t))) return;
        const rendered = frameFor(flush);
        if (!rendered) return;
        send(rendered.bytes);
        clientPhase = rendered.phase;
      });
      const heartbeat = setInterval(() => send(": ping\n\n"), deps.heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(cleanup);
        request.signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      openStreams.add(cleanup);
      request.signal.addEventListener("abort", cleanup);
      // The current state at once: after a reconnect the page may have missed updates.
      const first = spec.render(clientPhase);
      if (first !== null) {
        send(formatFrame(`${bus.bootId}-${bus.currentSeq()}`, first.html));
        clientPhase = first.phase;
      }
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
