import { networkInterfaces } from "node:os";

/** Every non-internal IPv4 address, as the URLs students can type. */
export function lanUrls(port: number): string[] {
  const urls: string[] = [];
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) urls.push(`http://${a.address}${port === 80 ? "" : `:${port}`}`);
  }
  return urls;
}

const HOST = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/;

/**
 * The address to show students: the host the page was opened with, unless that is this
 * laptop's loopback (a phone cannot reach "localhost") or not a plain host name — then the
 * first LAN address.
 */
export function joinBaseUrl(request: Request, listenPort?: number): string {
  const host = request.headers.get("host") ?? "";
  const m = HOST.exec(host);
  const port = Number(m?.[2] ?? listenPort ?? 80);
  const hostname = m?.[1]?.replace(/^\[|\]$/g, "") ?? "";
  if (!m || hostname === "localhost" || hostname.startsWith("127.") || hostname === "::1") {
    return lanUrls(port)[0] ?? `http://localhost:${port}`;
  }
  return `http://${host}`;
}
