// Streams' first frames wait their turn. A first frame is a whole panel, rendered for that stream.
// After a restart every phone reconnects at once, and one turn of the event loop reads up to a
// thousand requests: rendering each first frame inside its request made turns of 0.4–0.5 s in
// the district bench, and the kernel's listen queue overflowed meanwhile (connections dropped: a
// phone's TCP tries again 1, 3, 7 s later). Queued here, a turn renders first frames for
// FIRST_FRAME_SLICE_MS at most; the rest wait for the next turn, after the connections and
// requests that arrived meanwhile are taken. A stream that opens alone gets its frame at the next
// immediates, as a group commit does. Streams of an audience opening together then also render
// together, which is what lets them share the render (Bus.openingMemo).

import { inNextTurn } from "./flush-queue.ts";

/** Most time one turn of the event loop spends on first frames. */
export const FIRST_FRAME_SLICE_MS = 10;

const queue: (() => void)[] = [];
let next = 0;
let scheduled = false;

/** Runs `job` (a stream's first frame) in this turn if the slice allows, else in a later one, in order. */
export function queueFirstFrame(job: () => void): void {
  queue.push(job);
  if (scheduled) return;
  scheduled = true;
  setImmediate(drain);
}

/** The first frames waiting (/api/health: a backlog here is streams still showing what they had). */
export function firstFramesWaiting(): number {
  return queue.length - next;
}

function drain(): void {
  const started = performance.now();
  while (next < queue.length) {
    const job = queue[next]!;
    queue[next++] = NOOP;
    try {
      job();
    } catch (err) {
      // One stream's failure must not stop the others' first frames.
      console.error("realtime: a first frame failed:", err);
    }
    if (next < queue.length && performance.now() - started >= FIRST_FRAME_SLICE_MS) {
      // After the connections and requests that arrived meanwhile, as the bus's flushes wait.
      queue.splice(0, next);
      next = 0;
      inNextTurn(drain);
      return;
    }
  }
  queue.length = 0;
  next = 0;
  scheduled = false;
}

const NOOP = () => {};
