// A stream's frames, written straight into its socket's buffer (Bun's `direct` ReadableStream)
// instead of through a ReadableStream's queue. At 10,000 phones each flush sends thousands of
// frames; the queue's promise and pull machinery per frame (Bun's `onReadStreamIntoSinkChunk`)
// was about a twentieth of the server's time, and answers waited behind it.
//
// A write the socket cannot take at once returns a promise, settled once the socket has taken
// what the sink buffered (all of it: a client that reads slowly but on would see no progress
// while frames kept being added). So while one write waits, later frames wait here and go on one
// at a time as the socket takes them. `held` (what waits here) then shows a slow client's progress
// and a stuck client's lack of it (sse.ts), and is what the queue limit bounds. The write in
// progress counts as taken, as it did when Bun pulled frames from a ReadableStream's queue: one
// frame larger than what the socket takes at once (a teacher's panel of a thousand students, over
// Wi-Fi) is in progress for a while though its client reads on.

/** What a sink uses of Bun's controller of a `type: "direct"` ReadableStream. */
export type DirectController = Pick<ReadableStreamDirectController, "write" | "close">;

export class FrameSink {
  private frames: Uint8Array[] = [];
  private heldBytes = 0;
  /** Bytes of the write the socket is taking (its promise is pending); 0 when none is. */
  private waiting = 0;
  private closed = false;

  constructor(private readonly controller: DirectController, private readonly failed: () => void) {}

  /** Bytes of frames waiting here behind the write the socket is taking. */
  get held(): number {
    return this.heldBytes;
  }

  write(chunk: Uint8Array): void {
    if (this.closed) return;
    if (this.waiting > 0) {
      this.frames.push(chunk);
      this.heldBytes += chunk.byteLength;
      return;
    }
    this.hand(chunk);
  }

  /** Ends the response after what waits here (a last frame such as "reload" still goes, if the socket takes it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Handed as one: the sink buffers it whatever the socket takes, and the end follows it.
    if (this.frames.length) this.hand(this.frames.length === 1 ? this.frames[0]! : Buffer.concat(this.frames));
    this.frames = [];
    this.heldBytes = 0;
    try {
      this.controller.close();
    } catch {
      /* already closed by the client */
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
    if (typeof written === "number") return;
    this.waiting = chunk.byteLength;
    written.then(() => this.taken(), () => this.failed());
  }

  /**
   * One frame at a time, until one waits again: handed together, a slow client's frames would be
   * taken all or nothing, and a client reading on would look stuck for as long as it took them.
   */
  private taken(): void {
    this.waiting = 0;
    while (!this.closed && this.waiting === 0 && this.frames.length) {
      const chunk = this.frames.shift()!;
      this.heldBytes -= chunk.byteLength;
      this.hand(chunk);
    }
  }
}
