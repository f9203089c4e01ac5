// A stream's frames, written straight into its socket's buffer (Bun's `direct` ReadableStream)
// instead of through a ReadableStream's queue. At 10,000 phones each flush sends thousands of
// frames; the queue's promise and pull machinery per frame (Bun's `onReadStreamIntoSinkChunk`)
// was about a twentieth of the server's time, and answers waited behind it.
//
// A write the socket cannot take at once returns a promise, settled once the socket has taken
// what the sink buffered (all of it: a client that reads slowly but on would see no progress
// while frames kept being added). So while one write waits, later frames wait here and go on one
// at a time as the socket takes them. `held` (what waits here) is what the queue limit bounds;
// `taken` (bytes the socket has taken) shows a slow client's progress and a stuck client's lack
// of it (sse.ts). The frame in progress does not count as held, as it did not when Bun pulled
// frames from a ReadableStream's queue: one frame larger than the limit (a teacher's panel of a
// thousand students, over Wi-Fi) still goes. Such a frame is handed a slice at a time
// (WRITE_SLICE_BYTES): handed whole, its one promise settled only when all of it was taken, and a
// client reading it on slowly showed no progress for that long; its stream was closed as stuck.

/** What a sink uses of Bun's controller of a `type: "direct"` ReadableStream. */
export type DirectController = Pick<ReadableStreamDirectController, "write" | "close">;

/** A frame longer than this is handed to the socket a slice at a time, so a client taking it slowly shows its progress (`taken`). */
export const WRITE_SLICE_BYTES = 256 * 1024;

export class FrameSink {
  private frames: Uint8Array[] = [];
  private heldBytes = 0;
  /** The frame in progress past the slice the socket is taking: handed on as that slice is taken. */
  private rest: Uint8Array | null = null;
  /** A write the socket is taking: its promise is pending. */
  private writing = false;
  private takenBytes = 0;
  private closed = false;

  constructor(private readonly controller: DirectController, private readonly failed: () => void) {}

  /** Bytes of frames waiting here behind the frame in progress. */
  get held(): number {
    return this.heldBytes;
  }

  /** Bytes the socket has taken so far: it moves while a client reads on, within a long frame too. */
  get taken(): number {
    return this.takenBytes;
  }

  /** Something waits for the socket here: whole frames, or the rest of a long one. */
  get waitingHere(): boolean {
    return this.heldBytes > 0 || this.rest !== null;
  }

  write(chunk: Uint8Array): void {
    if (this.closed) return;
    if (this.writing || this.rest) {
      this.frames.push(chunk);
      this.heldBytes += chunk.byteLength;
      return;
    }
    this.rest = chunk;
    this.pump();
  }

  /** Ends the response after what waits here (a last frame such as "reload" still goes, if the socket takes it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const left = this.rest ? [this.rest, ...this.frames] : this.frames;
    // Handed as one: the sink buffers it whatever the socket takes, and the end follows it.
    if (left.length) this.hand(left.length === 1 ? left[0]! : Buffer.concat(left));
    this.frames = [];
    this.rest = null;
    this.heldBytes = 0;
    try {
      this.controller.close();
    } catch {
      /* already closed by the client */
    }
  }

  /**
   * Hands on the frame in progress a slice at a time, then the frames that wait here one at a
   * time, until a write must wait for the socket. Handed together, a slow client's frames would be
   * taken all or nothing, and a client reading on would look stuck for as long as it took them.
   */
  private pump(): void {
    while (!this.closed && !this.writing) {
      let next = this.rest;
      if (next) this.rest = null;
      else {
        next = this.frames.shift() ?? null;
        if (!next) return;
        this.heldBytes -= next.byteLength;
      }
      if (next.byteLength > WRITE_SLICE_BYTES) {
        this.rest = next.subarray(WRITE_SLICE_BYTES);
        next = next.subarray(0, WRITE_SLICE_BYTES);
      }
      this.hand(next);
    }
  }

  private hand(chunk: Uint8Array): void {
    let written: number | Promise<number>;
    try {
      written = this.controller.write(chunk);
    } catch {
      return this.failed();
    }
    // 0 for bytes given: the client has gone away.
    if (written === 0 && chunk.byteLength > 0) return this.failed();
    if (typeof written === "number") {
      this.takenBytes += chunk.byteLength;
      return;
    }
    this.writing = true;
    written.then(() => {
      this.takenBytes += chunk.byteLength;
      this.writing = false;
      this.pump();
    }, () => this.failed());
  }
}
