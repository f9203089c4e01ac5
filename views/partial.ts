// htmx 4 multi-region updates: an SSE message or a response carries one <hx-partial> per region.

/** Our components are synchronous; this narrows JSX.Element (string | Promise<string>) to string, in one piece (see flat). */
export function str(el: JSX.Element): string {
  return flat(sync(el));
}

/** As str, without joining the pieces: for html that becomes part of a bigger string at once. */
function sync(el: JSX.Element): string {
  if (typeof el !== "string") throw new Error("views: a component returned a Promise; components must be synchronous");
  return el;
}

/**
 * The same text in one piece. A render is built by thousands of concatenations, which JSC keeps
 * as a tree of pieces (a rope) until something reads the characters: a kept render (a cache, a
 * stream's last frame) holds every piece — a teacher's member list for a thousand students was
 * 100,000 strings and about six times its size. Reading one character joins them (measured in
 * Bun 1.4: two 2.9 MB renders went from 34 MB of heap to 6 MB; `slice(0)` does not join).
 */
export function flat(s: string): string {
  // Kept in a module variable: an unused read is removed by the optimising JIT, rope and all.
  joined = (joined + s.charCodeAt(0)) | 0;
  return s;
}
let joined = 0;

/**
 * The swap for a region that holds controls (buttons, forms): a morph keeps the element a keyboard
 * user is on, and what they typed, when a live update redraws the region. htmx 4.0.1 restores the
 * focus after an innerHTML swap only for an element with an id, so a plain swap drops it to <body>.
 */
export const KEEP_FOCUS = "innerMorph";

/**
 * Not joined here: a partial is part of an update, joined once when it is sent, or by `str` where
 * it is kept. Joining its html here copied it once more: 1.8 % of the server's time at 10,000
 * phones (a profile).
 */
export function partial(targetId: string, html: JSX.Element, swap = "innerHTML"): string {
  return `<hx-partial hx-target="#${targetId}" hx-swap="${swap}">${sync(html)}</hx-partial>`;
}
