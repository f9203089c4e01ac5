// Server-sent events, built by hand because Elysia's sse() drops every line of a multi-line
// fragment after the first. Each stream: a snapshot on connect (so a reconnect — phone woke,
// Wi-Fi back, server restarted — always shows the current state), then a frame per bus flush
// that concerns it, and a heartbeat comment so idle connections are not closed.
import type { Server } from "bun";
import type { Bus, Flush, Lane, Topic } from "./bus.ts";
import { baselineFrom, type Baseline } from "./baseline.ts";
import { queueFirstFrame } from "./first-frames.ts";

const encoder = new TextEncoder();

/** One audience's update in one flush; its html and bytes are made only if some stream still needs them. */
type Rendered = { readonly html: string; readonly pieces?: readonly string[]; phase: string; key: string; baseline: string; bytes: Uint8Array | null };

/**
 * An update as a render gives it; one that differs per viewer gives each stream's own (see
 * StreamSpec.render). `pieces`, if given, concatenate to `html`: a piece that several streams'
 * updates share (the same string) is encoded once per flush (see frameBytes).
 */
export type Update = { html: string; phase: string; key?: string; readonly pieces?: readonly string[] };
export type Rendering = Update | { forViewer: (viewer: number, clientPhase: string) => Update | null } | null;

/** An update as a stream keeps it: its html is read (rendered) only when it is sent. */
function rendered(out: Update | null, baseline: string): Rendered | null {
  if (out === null) return null;
  let html: string | undefined;
  return { get html() { return (html ??= out.html); }, get pieces() { return out.pieces; }, phase: out.phase, key: out.key ?? out.html, baseline, bytes: null };
}

/** An update with nothing in it; one in pieces is not joined to find out (a phone's chains would be copied for it). */
function isEmpty(r: Rendered): boolean {
  const pieces = r.pieces;
  return pieces ? pieces.every((p) => p === "") : r.html === "";
}

/** A piece shorter than this is encoded for its frame alone: looking it up would cost about as much. */
const SHARED_PIECE_CHARS = 512;

/** `data` as formatFrame writes it inside the data lines (each line break starts a new `data: ` line). */
function dataLines(data: string): string {
  return data.includes("\n") || data.includes("\r") ? data.replace(/\r\n|\r|\n/g, "\ndata: ") : data;
}

/**
 * The frame's bytes, as encoder.encode(formatFrame(id, html)). A render that gives its update in
 * pieces (a relay phone: its status, its team's chains, its own last answer) has the long pieces'
 * bytes made once per flush, shared by every stream whose update holds the same string: a team's
 * phones get the same chains, and encoding them per phone was a tenth of the relay bench's time.
 * Line breaks are rewritten piece by piece, which is the same as for the whole unless a piece ends
 * in "\r" (half of a "\r\n"): then the whole is formatted as one.
 */
export function frameBytes(id: string, r: Pick<Update, "html" | "pieces">, shared: Map<string, unknown>): Uint8Array {
  const pieces = r.pieces;
  if (!pieces || pieces.some((p) => p.endsWith("\r"))) return encoder.encode(formatFrame(id, r.html));
  let cache = shared.get(PIECE_BYTES) as Map<string, Uint8Array> | undefined;
  if (!cache) shared.set(PIECE_BYTES, (cache = new Map()));
  const parts: Uint8Array[] = [encoder.encode(`id: ${id}\ndata: `)];
  let short = "";
  for (const piece of pieces) {
    if (piece.length < SHARED_PIECE_CHARS) { short += piece; continue; }
    if (short) { parts.push(encoder.encode(dataLines(short))); short = ""; }
    let bytes = cache.get(piece);
    if (!bytes) cache.set(piece, (bytes = encoder.encode(dataLines(piece))));
    parts.push(bytes);
  }
  parts.push(encoder.encode(`${dataLines(short)}\n\n`));
  let length = 0;
  for (const p of parts) length += p.byteLength;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.byteLength; }
  return out;
}

/** Flush.memo's key for the bytes of shared pieces (audience keys contain "|", this does not). */
const PIECE_BYTES = "sse:piece-bytes";

const PING = encoder.encode(": ping\n\n");

function concerns(flush: Flush, topics: ReadonlySet<Topic>): boolean {
  for (const t of flush.topics) if (topics.has(t)) return true;
  return false;
}

/** One SSE message: `id:`, optional `event:`, then one `data:` line per line of the payload. */
export function formatFrame(id: string, data: string, event?: string): string {
  // Rendered HTML rarely has a line break, and a teacher's panel runs to a megabyte: look for
  // one (a native scan) before rewriting; a split + concat per line showed up in profiles.
  return `id: ${id}\n${event ? `event: ${event}\n` : ""}data: ${dataLines(data)}\n\n`;
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
   * Bytes a client may leave unread (beyond what the socket itself holds) before its stream is
   * closed: a client that stops reading must not make the server keep every frame for it.
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

/**
 * A stream's first frame for a viewer showing `clientPhase`: its audience's render, shared with
 * the streams of the audience opening with it (Bus.openingMemo), with what it leaves on screen;
 * null when there is nothing to send.
 */
function firstFrame(spec: StreamSpec, bus: Bus, clientPhase: string): { bytes: Uint8Array; phase: string; key: string; baseline: string } | null {
  const opening = bus.openingMemo(spec.gameId);
  const openKey = `${spec.audience}|${clientPhase}`;
  let o = opening.get(openKey) as { out: Rendering; baseline: string } | undefined;
  if (!o) {
    // What the render leaves on screen, taken right after it, as for a flush (updateFor).
    const b = baselineFrom("");
    const out = spec.render(clientPhase, b.baseline);
    o = { out, baseline: b.next() };
    opening.set(openKey, o);
  }
  const first = o.out && "forViewer" in o.out ? o.out.forViewer(spec.viewer ?? 0, clientPhase) : o.out;
  // Its html (or pieces) read once: a lazy update renders at each read.
  const pieces = first && (first.pieces ?? [first.html]);
  if (!first || !pieces || pieces.every((p) => p === "")) return null;
  const whole = () => (pieces.length === 1 ? pieces[0]! : pieces.join(""));
  const bytes = frameBytes(`${bus.bootId}-${bus.currentSeq()}`, { get html() { return whole(); }, pieces }, opening);
  return { bytes, phase: first.phase, key: first.key ?? whole(), baseline: o.baseline };
}

export function sseResponse(spec: StreamSpec, deps: SseDeps): Response {
  const { bus, request } = deps;
  const queueLimit = deps.queueLimitBytes ?? DEFAULT_QUEUE_LIMIT;
  // Bun would otherwise close a quiet connection after its idle timeout.
  deps.server?.timeout(request, 0);
  let cleanup = () => {
    deps.slot?.release();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      // With a byte-length strategy and no high-water mark, -desiredSize is the number of bytes
      // queued here that the socket has not taken: zero while the client reads (Bun hands frames
      // to the socket as it accepts them), growing once the client stops and its buffers are full.
      const unread = () => -(controller.desiredSize ?? 0);
      /** Bytes handed to the stream so far: with unread(), how many the socket has taken. */
      let enqueued = 0;
      const send = (bytes: Uint8Array | string) => {
        if (closed) return;
        const chunk = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
        // One frame is always taken into an empty queue (a teacher's panel can exceed the limit by itself).
        const queued = unread();
        if (queued > 0 && queued + chunk.byteLength > queueLimit) return cleanup();
        try {
          controller.enqueue(chunk);
          enqueued += chunk.byteLength;
        } catch {
          cleanup();
        }
      };
      // Frames unread at two heartbeats in a row with nothing taken in between: the client has
      // stopped reading. A busy stream (the projector's, the teacher's: frames several times a
      // second) can have a frame waiting at every beat while its client reads on, slowly.
      let stuckAtLastBeat = false;
      let takenAtLastBeat = 0;
      let clientPhase = spec.phase;
      let lastKey: string | undefined;
      let baseline = "";
      // Same audience + same phase (+ same baseline) on screen = byte-identical frame: render once per flush.
      // Built once per change of phase or baseline (both set below), not once per stream per flush.
      let memoKey = "";
      const updateFor = (flush: Flush): Rendered | null => {
        const key = (memoKey ||= `${spec.audience}|${clientPhase}|${baseline}`);
        // A render that gives `forViewer` serves the audience whatever phase each stream shows.
        const anyPhase = `${spec.audience}|*|${baseline}`;
        let memo = (flush.memo.get(anyPhase) ?? flush.memo.get(key)) as { out: Rendering; baseline: string; rendered?: Rendered | null } | undefined;
        if (!memo) {
          const b = baselineFrom(baseline);
          memo = { out: spec.render(clientPhase, b.baseline), baseline: b.next() };
          flush.memo.set(memo.out && "forViewer" in memo.out ? anyPhase : key, memo);
        }
        if (memo.out && "forViewer" in memo.out) return rendered(memo.out.forViewer(spec.viewer ?? 0, clientPhase), memo.baseline);
        return (memo.rendered ??= rendered(memo.out, memo.baseline));
      };
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
        const queued = unread();
        const taken = enqueued - queued;
        const stuck = queued > 0 && taken === takenAtLastBeat;
        if (stuck && stuckAtLastBeat) return cleanup();
        stuckAtLastBeat = stuck;
        takenAtLastBeat = taken;
        send(PING);
      }, deps.heartbeatMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        deps.slot?.release();
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
      openStreams.set(cleanup, () => {
        send(formatFrame(`${bus.bootId}-${bus.currentSeq()}`, "reload", "tmc:reload"));
        cleanup();
      });
      request.signal.addEventListener("abort", cleanup);
      // The current state, as soon as the turn allows (first-frames.ts): after a reconnect the page
      // may have missed updates. Streams of the audience opening together (a restart: every phone
      // at once) share the render and its bytes (Bus.openingMemo).
      queueFirstFrame(() => {
        if (closed) return;
        try {
          const first = firstFrame(spec, bus, clientPhase);
          if (first) {
            send(first.bytes);
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
    },
    cancel() {
      cleanup();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: 0 }));
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
