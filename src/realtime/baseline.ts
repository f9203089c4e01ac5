/**
 * What a live stream's viewer already shows, for renders that can send a difference instead of a
 * large fragment (a phone's grid gets only the newly found cells; the teacher's team list only
 * the scores). `shows` is what the stream's previous update left on screen ("" for a first
 * frame, which must carry everything); a render calls `establish` with what its own output
 * leaves. Pages and one-off renders pass none.
 */
export type Baseline = { shows: string; establish(version: string): void };

/** A baseline for one render, and `next()`: what the render's output leaves on screen (unchanged unless it says). */
export function baselineFrom(shows: string): { baseline: Baseline; next(): string } {
  let next = shows;
  return { baseline: { shows, establish: (version) => { next = version; } }, next: () => next };
}
