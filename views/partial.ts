// htmx 4 multi-region updates: an SSE message or a response carries one <hx-partial> per region.

/** Our components are synchronous; this narrows JSX.Element (string | Promise<string>) to string. */
export function str(el: JSX.Element): string {
  if (typeof el !== "string") throw new Error("views: a component returned a Promise; components must be synchronous");
  return el;
}

/**
 * The swap for a region that holds controls (buttons, forms): a morph keeps the element a keyboard
 * user is on, and what they typed, when a live update redraws the region. htmx 4.0.1 restores the
 * focus after an innerHTML swap only for an element with an id, so a plain swap drops it to <body>.
 */
export const KEEP_FOCUS = "innerMorph";

export function partial(targetId: string, html: JSX.Element, swap = "innerHTML"): string {
  return `<hx-partial hx-target="#${targetId}" hx-swap="${swap}">${str(html)}</hx-partial>`;
}
