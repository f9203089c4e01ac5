import { networkInterfaces } from "node:os";

/** Every non-internal IPv4 address, as the URLs students can type. */
export function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) urls.push(`http://${a.address}${port === 80 ? "" : `:${port}`}`);
  }
  return urls;
}

/**
 * The address to show students. The host the page was opened with, unless that is this
 * laptop's loopback (a phone cannot reach "localhost"): then the first LAN address.
 */
export function joinBaseUrl(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  const hostname = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  if (hostname === "localhost" || hostname.startsWith("127.") || hostname === "::1") {
    const port = Number(host.match(/:(\d+)$/)?.[1] ?? (url.protocol === "https:" ? 443 : 80));
    return lanUrls(port)[0] ?? `http://${host}`;
  }
  return `http://${host}`;
}
