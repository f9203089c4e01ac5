// What a render gives a stream (an update, or one per viewer), and SSE frames as bytes: one
// message per update (`id:`, optional `event:`, a `data:` line per line of the payload), with the
// bytes of long pieces shared by the streams whose updates hold them.

export const encoder = new TextEncoder();

/**
 * An update as a render gives it; one that differs per viewer gives each stream's own (see
 * StreamSpec.render). `pieces`, if given, concatenate to `html`: a piece that several streams'
 * updates share (the same string) is encoded once per flush (see frameBytes).
 */
export type Update = { html: string; phase: string; key?: string; readonly pieces?: readonly string[] };
export type Rendering = Update | { forViewer: (viewer: number, clientPhase: string) => Update | null } | null;

/** What a frame is made from: the html, or the pieces that concatenate to it. */
export type FrameSource = { readonly html: string; readonly pieces?: readonly string[] };

/** One SSE message: `id:`, optional `event:`, then one `data:` line per line of the payload. */
export function formatFrame(id: string, data: string, event?: string): string {
  // Rendered HTML rarely has a line break, and a teacher's panel runs to a megabyte: look for
  // one (a native scan) before rewriting; a split + concat per line showed up in profiles.
  return `id: ${id}\n${event ? `event: ${event}\n` : ""}data: ${dataLines(data)}\n\n`;
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
export function frameBytes(id: string, r: FrameSource, shared: Map<string, unknown>): Uint8Array {
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

