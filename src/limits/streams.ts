// Caps on live streams (SSE) open at once: per device, per network address, and in all. Each
// stream holds a socket — a file descriptor — for as long as the page stays open; without caps one
// script holding thousands of idle streams used up the process's open files, and a classmate's
// page load then timed out. The total stays well under the open-file limit so pages, the database
// and the teacher always have descriptors left; the per-device cap fits a teacher's laptop showing
// the lobby, the projector and every team board; the per-address cap fits a class behind one
// router with a few reconnecting tabs each.
import { readFileSync } from "node:fs";
import type { CapSpec, Config } from "../config.ts";

/** Where /proc cannot be read (macOS, Windows): a total that a laptop's defaults allow. Documented in the README. */
export const STREAMS_TOTAL_ELSEWHERE = 4000;

/** The soft "Max open files" of this process (Linux), or null where it cannot be read. */
export function openFileLimit(text?: string): number | null {
  try {
    const limits = text ?? readFileSync("/proc/self/limits", "latin1");
    const m = /^Max open files\s+(\d+|unlimited)\s/m.exec(limits);
    if (!m) return null;
    return m[1] === "unlimited" ? 1_000_000 : Number(m[1]);
  } catch {
    return null;
  }
}

/** The total cap in force: as configured, or three quarters of the open-file limit (the rest is for pages, the database, the teacher). */
export function streamsTotal(spec: Config["streamsTotal"], fileLimit = openFileLimit()): CapSpec {
  if (spec !== "auto") return spec;
  if (fileLimit === null) return STREAMS_TOTAL_ELSEWHERE;
  return Math.max(16, Math.floor(fileLimit * 0.75));
}

export type StreamRefusal = "device" | "address" | "total";
export type StreamSlot = { release(): void };
/** Which game a stream shows, and for a student's phone its seat (the teacher's activity view counts both). */
export type StreamPlace = { gameId: number; seat?: number | null };
export type GameStreams = { streams: number; seats: number };

export class StreamCaps {
  private byDevice = new Map<string, number>();
  private byAddress = new Map<string, number>();
  private byGame = new Map<number, { streams: number; seats: Map<number, number> }>();
  private total = 0;

  constructor(readonly caps: { perDevice: CapSpec; perAddress: CapSpec; total: CapSpec }) {}

  /**
   * A slot for one more stream, or which cap refuses it. `device` null (no signed cookie): the
   * address stands for the device, so cookie-less streams share one device's allowance.
   */
  admit(device: string | null, address: string, place?: StreamPlace): StreamSlot | { refused: StreamRefusal } {
    const dKey = device !== null ? `d:${device}` : `a:${address}`;
    const over = (cap: CapSpec, n: number) => cap !== "off" && n >= cap;
    if (over(this.caps.total, this.total)) return { refused: "total" };
    if (over(this.caps.perAddress, this.byAddress.get(address) ?? 0)) return { refused: "address" };
    if (over(this.caps.perDevice, this.byDevice.get(dKey) ?? 0)) return { refused: "device" };
    this.total++;
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    this.byDevice.set(dKey, (this.byDevice.get(dKey) ?? 0) + 1);
    if (place) this.enter(place);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        decrement(this.byAddress, address);
        decrement(this.byDevice, dKey);
        if (place) this.leave(place);
      },
    };
  }

  get open(): number {
    return this.total;
  }

  /** Open streams per game, and how many distinct seats (students' phones) have one open. */
  perGame(): Map<number, GameStreams> {
    return new Map([...this.byGame].map(([gameId, g]) => [gameId, { streams: g.streams, seats: g.seats.size }]));
  }

  private enter({ gameId, seat }: StreamPlace): void {
    let g = this.byGame.get(gameId);
    if (!g) this.byGame.set(gameId, (g = { streams: 0, seats: new Map() }));
    g.streams++;
    if (seat != null) g.seats.set(seat, (g.seats.get(seat) ?? 0) + 1);
  }

  private leave({ gameId, seat }: StreamPlace): void {
    const g = this.byGame.get(gameId);
    if (!g) return;
    g.streams--;
    if (seat != null) decrement(g.seats, seat);
    if (g.streams <= 0) this.byGame.delete(gameId);
  }
}

function decrement<K>(map: Map<K, number>, key: K): void {
  const n = (map.get(key) ?? 1) - 1;
  if (n <= 0) map.delete(key);
  else map.set(key, n);
}
