// FrameSink's queue, against a controller that answers as Bun's direct controller does (a number
// when the socket's buffer took the chunk, a pending promise under backpressure, 0 once the client
// is gone). The real sockets are in stream-caps.test.ts (a stuck client, a slow one, the limit).
import { describe, expect, test } from "bun:test";
import { FrameSink, WRITE_SLICE_BYTES } from "../../src/realtime/frame-sink.ts";

function scripted() {
  const written: number[] = [];
  let full = false;
  let gone = false;
  let drain: (() => void) | null = null;
  const controller = {
    closed: false,
    write(chunk: Uint8Array): number | Promise<number> {
      if (gone) return 0;
      written.push(chunk.byteLength);
      if (!full) return chunk.byteLength;
      return new Promise<number>((resolve) => { drain = () => resolve(chunk.byteLength); });
    },
    close() { this.closed = true; },
  };
  return {
    controller, written,
    fill() { full = true; },
    leave() { gone = true; },
    /** The socket takes what the sink buffered (and takes everything after, until filled again). */
    async drainAll() { full = false; drain?.(); drain = null; await Bun.sleep(0); },
    /** The socket takes what the sink buffered and is full again at once (a slow reader). */
    async drainOne() { drain?.(); drain = null; await Bun.sleep(0); },
  };
}

describe("FrameSink", () => {
  test("while a write waits, later frames wait here (held); they go once it is taken", async () => {
    const s = scripted();
    let failed = 0;
    const sink = new FrameSink(s.controller, () => failed++);
    sink.write(new Uint8Array(10));
    expect(sink.held).toBe(0);
    s.fill();
    sink.write(new Uint8Array(20)); // the sink's buffer is full: this one waits in it
    sink.write(new Uint8Array(30));
    sink.write(new Uint8Array(40));
    expect(s.written).toEqual([10, 20]);
    // The frames behind the write in progress, not that write.
    expect(sink.held).toBe(70);
    await s.drainAll();
    expect(s.written).toEqual([10, 20, 30, 40]);
    expect(sink.held).toBe(0);
    expect(failed).toBe(0);
  });

  test("held frames go one at a time: a slow reader's progress shows frame by frame", async () => {
    const s = scripted();
    const sink = new FrameSink(s.controller, () => {});
    s.fill();
    for (const n of [1, 2, 3, 4]) sink.write(new Uint8Array(n * 100));
    expect(sink.held).toBe(900);
    // Each time the socket takes one, the next is handed over (and is in progress in turn).
    await s.drainOne();
    expect(s.written).toEqual([100, 200]);
    expect(sink.held).toBe(700);
    await s.drainOne();
    expect(sink.held).toBe(400);
    await s.drainOne();
    expect(sink.held).toBe(0);
    await s.drainOne();
    expect(s.written).toEqual([100, 200, 300, 400]);
    expect(sink.held).toBe(0);
  });

  test("a write answered with 0 (the client went away) fails the sink", () => {
    const s = scripted();
    let failed = 0;
    const sink = new FrameSink(s.controller, () => failed++);
    s.leave();
    sink.write(new Uint8Array(5));
    expect(failed).toBe(1);
  });

  test("closing hands what waits to the sink before the end, and writes nothing after", async () => {
    const s = scripted();
    const sink = new FrameSink(s.controller, () => {});
    s.fill();
    sink.write(new Uint8Array(1));
    sink.write(new Uint8Array(2));
    sink.write(new Uint8Array(3));
    sink.close();
    expect(s.written).toEqual([1, 5]);
    expect(s.controller.closed).toBe(true);
    sink.write(new Uint8Array(9));
    await s.drainAll();
    expect(s.written).toEqual([1, 5]);
  });

  test("the bytes the socket has taken: at once when it took them, when the write settles otherwise", async () => {
    const s = scripted();
    const sink = new FrameSink(s.controller, () => {});
    sink.write(new Uint8Array(10));
    expect(sink.taken).toBe(10);
    s.fill();
    sink.write(new Uint8Array(20));
    sink.write(new Uint8Array(30));
    expect(sink.taken).toBe(10);
    expect(sink.waitingHere).toBe(true);
    await s.drainOne();
    expect(sink.taken).toBe(30);
    await s.drainAll();
    expect(sink.taken).toBe(60);
    expect(sink.waitingHere).toBe(false);
  });

  test("a frame longer than a slice goes a slice at a time: a slow reader's progress shows within it, and it is never held", async () => {
    const s = scripted();
    const sink = new FrameSink(s.controller, () => {});
    s.fill();
    const long = WRITE_SLICE_BYTES * 2 + 100;
    sink.write(new Uint8Array(long));
    // The first slice is in progress, the rest waits here without counting against the queue limit.
    expect(s.written).toEqual([WRITE_SLICE_BYTES]);
    expect(sink.held).toBe(0);
    expect(sink.waitingHere).toBe(true);
    sink.write(new Uint8Array(7)); // a heartbeat behind it
    expect(sink.held).toBe(7);
    await s.drainOne();
    expect(s.written).toEqual([WRITE_SLICE_BYTES, WRITE_SLICE_BYTES]);
    expect(sink.taken).toBe(WRITE_SLICE_BYTES);
    await s.drainOne();
    expect(s.written).toEqual([WRITE_SLICE_BYTES, WRITE_SLICE_BYTES, 100]);
    expect(sink.taken).toBe(WRITE_SLICE_BYTES * 2);
    expect(sink.held).toBe(7);
    await s.drainOne();
    // The frame is all taken; the heartbeat goes after it.
    expect(s.written).toEqual([WRITE_SLICE_BYTES, WRITE_SLICE_BYTES, 100, 7]);
    expect(sink.taken).toBe(long);
    expect(sink.held).toBe(0);
    await s.drainAll();
    expect(sink.taken).toBe(long + 7);
    expect(sink.waitingHere).toBe(false);
  });

  test("the slices are the frame's own bytes, in order", () => {
    const seen: number[] = [];
    const sink = new FrameSink({ write: (c: Uint8Array) => { seen.push(...c.slice(0, 1), ...c.slice(-1)); return c.byteLength; }, close() {} }, () => {});
    const long = new Uint8Array(WRITE_SLICE_BYTES * 2 + 3);
    for (let i = 0; i < long.length; i++) long[i] = i % 251;
    sink.write(long);
    const at = (i: number) => i % 251;
    expect(seen).toEqual([at(0), at(WRITE_SLICE_BYTES - 1), at(WRITE_SLICE_BYTES), at(2 * WRITE_SLICE_BYTES - 1), at(2 * WRITE_SLICE_BYTES), at(long.length - 1)]);
    expect(sink.taken).toBe(long.length);
  });

  test("closing while a long frame is in progress hands its rest, then what waits, as one", async () => {
    const s = scripted();
    const sink = new FrameSink(s.controller, () => {});
    s.fill();
    sink.write(new Uint8Array(WRITE_SLICE_BYTES + 50));
    sink.write(new Uint8Array(5));
    sink.close();
    expect(s.written).toEqual([WRITE_SLICE_BYTES, 55]);
    expect(s.controller.closed).toBe(true);
  });
});
