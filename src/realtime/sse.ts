// Server-sent events, built by hand because Elysia's sse() drops every line of a multi-line
// fragment after the first. Each stream: a snapshot on connect (so a reconnect — phone woke,
// Wi-Fi back, server restarted — always shows the current state), then a frame per bus flush
// that concerns it, and a heartbeat comment so idle connections are not closed.
import type { Server } from "bun";
import type { Bus, Flush, Lane, Topic } from "./bus.ts";
import { baselineFrom, type Baseline } from "./baseline.ts";
import { queueFirstFrame } from "./first-frames.ts";
import { encoder, formatFrame, frameBytes, type Rendering, type Update } from "./frames.ts";
import { FrameSink } from "./frame-sink.ts";

/** One audience's update in one flush; its html and bytes are made only if some stream still needs them. */
type Rendered = { readonly html: string; readonly pieces?: readonly string[]; phase: string; key: string; baseline: string; bytes: Uint8Array | null };

/**
 * An update as a stream keeps it: its html (or pieces) is read (rendered) only when it is sent, and
 * once. An update without a key of its own is known by its html's hash: each stream keeps the key
 * of the last update it sent until the next one, and with the html itself as the key, every Year
 * Game team's last update stayed alive (7 MB at 10,000 phones, in a heap snapshot).
 */
function rendered(out: Update | null, baseline: string): Rendered | null {
  if (out === null) return null;
  let html: string | undefined;
  let pieces: { value: readonly string[] | undefined } | undefined;
  const key = out.key ?? `#${Bun.hash((html = out.html)).toString(36)}`;
  return { get html() { return (html ??= out.html); }, get pieces() { return (pieces ??= { value: out.pieces }).value; }, phase: out.phase, key, baseline, bytes: null };
}

/**
 * The audience's update for a stream showing `clientPhase` and `baseline`, rendered once per
 * `memo`: a flush's (Flush.memo), or that of the streams opening together (Bus.openingMemo).
 * `key` is `${audience}|${clientPhase}|${baseline}` (a stream keeps it between flushes).
 */
function renderOnce(spec: StreamSpec, memo: Map<string, unknown>, clientPhase: string, baseline: string, key = `${spec.audience}|${clientPhase}|${baseline}`): Rendered | null {
  // A render that gives `forViewer` serves the audience whatever phase each stream shows.
  const anyPhase = `${spec.audience}|*|${baseline}`;
  let m = (memo.get(anyPhase) ?? memo.get(key)) as { out: Rendering; baseline: string; rendered?: Rendered | null } | undefined;
  if (!m) {
    const b = baselineFrom(baseline);
    m = { out: spec.render(clientPhase, b.baseline), baseline: b.next() };
    memo.set(m.out && "forViewer" in m.out ? anyPhase : key, m);
  }
  if (m.out && "forViewer" in m.out) return rendered(m.out.forViewer(spec.viewer ?? 0, clientPhase), m.baseline);
  return (m.rendered ??= rendered(m.out, m.baseline));
}

/** An update with nothing in it; one in pieces is not joined to find out (a phone's chains would be copied for it). */
function isEmpty(r: Rendered): boolean {
  const pieces = r.pieces;
  return pieces ? pieces.every((p) => p === "") : r.html === "";
}

const PING = encoder.encode(": ping\n\n");

function concerns(flush: Flush, topics: ReadonlySet<Topic>): boolean {
  for (const t of flush.topics) if (topics.has(t)) return true;
  return false;
}

export type StreamSpec = {
  gameId: number;
  /** Streams with the same audience receive byte-identical frames, rendered once per flush. */
  audience: string;
  /**
   * The bus lane (see bus.ts): `live` by default; the teacher's panel, which shows every team and
   * every member (over a megabyte at a thousand students), rides the slower `overview` lane.
   */
  lane?: Lane;
  topics: ReadonlySet<Topic>;
  /** The phase the page was rendered with (see RoundView); the stream tracks it from there. */
  phase: string;
  /**
   * Renders the update for a viewer showing `clientPhase` (and, in detail, `baseline`): its
   * <hx-partial>s and the phase it leads to. An update the stream has already sent is skipped:
   * the same `key` (see RoundView) or, without one, the same html; so is an empty one.
   * A render may instead give `forViewer`: the audience's render (read once per flush, whatever
   * the phase its streams show) makes each stream's own update from its `viewer` and phase, and
   * its html only if that stream sends it.
   */
  render: (clientPhase: string, baseline: Baseline) => Rendering;
  /** Who watches (e.g. the participant's id), for renders that give `forViewer`. */
  viewer?: number;
  /**
   * The team whose own screen this is (a phone, a team board): a flush that names only other
   * teams (Flush.teams) is skipped before any render. Leave unset for screens of the whole game.
   */
  team?: number;
  /**
   * Checked on flushes that carry `lobby` (moves, kicks): "ok" keeps streaming; "reload" tells
   * the page to reload (the viewer's team changed); "ended" closes it (kicked, game gone).
   */
  check?: (flush: Flush) => "ok" | "reload" | "ended";
};

export type SseDeps = {
  bus: Bus;
  heartbeatMs: number;
  server: Server<unknown> | null;
  request: Request;
  /**
   * Bytes of frames that may wait for a client (behind the frame its socket is taking, beyond what
   * the socket itself holds) before its stream is closed: a client that stops reading must not
   * make the server keep every frame for it.
   */
  queueLimitBytes?: number;
  /** The stream's place under the stream caps (src/limits/streams.ts), released when it ends. */
  slot?: { release(): void };
};

const DEFAULT_QUEUE_LIMIT = 1024 * 1024;

/** Every open stream: its cleanup, and how to tell its page to reload. */
const openStreams = new Map<() => void, () => void>();
export function openStreamCount(): number {
  return openStreams.size;
}

/** Heartbeat timers alive: each open stream has one, cleared with the stream (see cleanup). */
export function heartbeatCount(): number {
  return openStreams.size;
}

/** Ends every open stream (graceful shutdown). */
export function closeAllStreams(): void {
  for (const close of [...openStreams.keys()]) close();
}

/** Tells every open page to reload, and ends its stream (the whole database changed: a restore). */
export function reloadAllStreams(): number {
  const reloads = [...openStreams.values()];
  for (const reload of reloads) reload();
  return reloads.length;
}

export function sseResponse(spec: StreamSpec, deps: SseDeps): Response {
  // The stream's closures live as long as it does: they keep what they need (the request's abort
  // signal, not the request), so the request and its route's context can go once the response is
  // out (a few kilobytes per phone: see "Memory is the target furthest away" in the README).
  const { bus, heartbeatMs, slot } = deps;
  const signal = deps.request.signal;
  const queueLimit = deps.queueLimitBytes ?? DEFAULT_QUEUE_LIMIT;
  // Bun would otherwise close a quiet connection after its idle timeout.
  deps.server?.timeout(deps.request, 0);
  // Until the body starts (Bun pulls it once the response goes out), a client that goes away
  // only gives back its slot; the stream's own cleanup replaces this when it starts.
  let released = false;
  let cleanup = () => {
    if (!released) slot?.release();
    released = true;
  };
  const onAbort = () => cleanup();
  signal.addEventListener("abort", onAbort);
  const source: Bun.DirectUnderlyingSource<Uint8Array> = {
    type: "direct",
    pull(controller) {
      if (released || signal.aborted) {
        cleanup();
        controller.close();
        return;
      }
      let closed = false;
      // The response stays open until this settles (cleanup settles it). Made first, so that a
      // cleanup at any point below settles it too.
      let ended = () => {};
      const open = new Promise<void>((resolve) => {
        ended = resolve;
      });
      const sink = new FrameSink(controller, () => cleanup());
      /** When the stream last sent anything (performance.now()): a heartbeat goes only after a quiet spell. */
      let sentAt = 0;
      const send = (bytes: Uint8Array | string) => {
        if (closed) return;
        const chunk = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
        // One frame is always taken into an empty queue (a teacher's panel can exceed the limit by itself).
        const queued = sink.held;
        if (queued > 0 && queued + chunk.byteLength > queueLimit) return cleanup();
        sentAt = performance.now();
        sink.write(chunk);
      };
      // Frames (or the rest of a long one) unread at two heartbeats in a row with nothing taken in
      // between: the client has stopped reading. A busy stream (the projector's, the teacher's:
      // frames several times a second) can have a frame waiting at every beat while its client
      // reads on, slowly.
      let stuckAtLastBeat = false;
      let takenAtLastBeat = 0;
      let clientPhase = spec.phase;
      let lastKey: string | undefined;
      let baseline = "";
      // Same audience + same phase (+ same baseline) on screen = byte-identical frame: render once per flush.
      // Built once per change of phase or baseline (both set below), not once per stream per flush.
      let memoKey = "";
      const updateFor = (flush: Flush): Rendered | null => renderOnce(spec, flush.memo, clientPhase, baseline, (memoKey ||= `${spec.audience}|${clientPhase}|${baseline}`));
      /** Its first frame has been sent (or found empty); until then flushes are left to it (see queueFirstFrame). */
      let opened = false;
      const unsubscribe = bus.subscribe(spec.gameId, (flush) => {
        if (spec.check && flush.topics.has("lobby")) {
          const verdict = spec.check(flush);
          if (verdict !== "ok") {
            send(formatFrame(`${bus.bootId}-${flush.seq}`, verdict, verdict === "reload" ? "tmc:reload" : "tmc:ended"));
            cleanup();
            return;
          }
        }
        // The first frame, rendered later, shows this flush's change too.
        if (!opened) return;
        if (!concerns(flush, spec.topics)) return;
        if (spec.team !== undefined && flush.teams && !flush.teams.has(spec.team)) return;
        const rendered = updateFor(flush);
        if (!rendered) return;
        // Nothing new for this viewer (e.g. another team's find): the page already shows it.
        if (rendered.phase === clientPhase && (rendered.key === lastKey || isEmpty(rendered))) return;
        send((rendered.bytes ??= frameBytes(`${bus.bootId}-${flush.seq}`, rendered, flush.memo)));
        clientPhase = rendered.phase;
        lastKey = rendered.key;
        baseline = rendered.baseline;
        memoKey = "";
      }, spec.lane ?? "live");
      const heartbeat = setInterval(() => {
        const taken = sink.taken;
        const stuck = sink.waitingHere && taken === takenAtLastBeat;
        if (stuck && stuckAtLastBeat) return cleanup();
        stuckAtLastBeat = stuck;
        takenAtLastBeat = taken;
        // A frame keeps the connection alive as well as a ping does: a stream that sent one in the
        // last half interval skips the ping (at 10,000 phones, 670 writes a second and as many
        // wake-ups of phones' radios), so the longest silence is one and a half intervals.
        if (performance.now() - sentAt >= heartbeatMs / 2) send(PING);
      }, heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        released = true;
        slot?.release();
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(cleanup);
        signal.removeEventListener("abort", onAbort);
        sink.close();
        ended();
      };
      openStreams.set(cleanup, () => {
        send(formatFrame(`${bus.bootId}-${bus.currentSeq()}`, "reload", "tmc:reload"));
        cleanup();
      });
      // The current state, as soon as the turn allows (first-frames.ts): after a reconnect the page
      // may have missed updates. Streams of the audience opening together (a restart: every phone
      // at once) share the render and its bytes (Bus.openingMemo).
      queueFirstFrame(() => {
        if (closed) return;
        try {
          const opening = bus.openingMemo(spec.gameId);
          const first = renderOnce(spec, opening, clientPhase, "");
          if (first && !isEmpty(first)) {
            // Bytes of its own (the id names the bus's latest flush); the long html, or pieces, encoded once for the streams opening with it.
            send(frameBytes(`${bus.bootId}-${bus.currentSeq()}`, first.pieces ? first : { html: first.html, pieces: [first.html] }, opening));
            clientPhase = first.phase;
            lastKey = first.key;
            baseline = first.baseline;
          }
          opened = true;
        } catch (err) {
          console.error(`realtime: first frame of a stream of game ${spec.gameId} failed:`, err);
          cleanup();
        }
      });
      return open;
    },
    cancel() {
      cleanup();
    },
  };
  // The DOM library's ReadableStream type (tsconfig's lib) has no overload for Bun's direct source.
  const stream = new ReadableStream<Uint8Array>(source as unknown as UnderlyingDefaultSource<Uint8Array>);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
