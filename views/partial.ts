// htmx 4 multi-region updates: an SSE message or a response carries one <hx-partial> per region.

/** Our components are synchronous; this narrows JSX.Element (string | Promise<string>) to string. */
export function str(el: JSX.Element): string {
  if (typeof el !== "string") throw new Error("views: a component returned a Promise; components must be synchronous");
  return el;
}

export function partial(targetId: string, html: JSX.Element, swap = "innerHTML"): string {
  return `<hx-partial hx-target="#${targetId}" hx-swap="${swap}">${str(html)}</hx-partial>`;
}
