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

/**
 * The network address a request came from, as limits count it and the teacher's lobby shows it:
 * an IPv4-mapped IPv6 address as plain IPv4, and any other IPv6 address by its /64 (a device can
 * take any address of its /64 at will, so one address there means nothing). "unknown" without a
 * socket (requests handled in-process by tests).
 */
export function peerAddress(server: { requestIP(r: Request): { address: string } | null } | null, request: Request): string {
  const raw = server?.requestIP(request)?.address;
  if (!raw) return "unknown";
  return normalizeAddress(raw);
}

export function normalizeAddress(raw: string): string {
  const ip = raw.toLowerCase().replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(":")) return ip;
  if (ip === "::1") return ip;
  const [head = "", tail = ""] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") ? (tail ? tail.split(":") : []) : [];
  const groups = ip.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** True for this machine's own loopback addresses (all of 127.0.0.0/8, ::1). */
export function isLoopback(address: string): boolean {
  return address.startsWith("127.") || address === "::1";
}
