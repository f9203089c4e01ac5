// How `tmc backup` reaches a running server. The server holds its database exclusively, so the
// command cannot read the file itself; instead the server writes, at start, a file in its data
// folder with its address and a random token made for this run (readable only by the user who
// started it — the same user who may read the database), and removes it at shutdown. The token
// opens GET /api/backup and nothing else, and only from this machine.
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { timingSafeEqual } from "node:crypto";

const FILE = "tmc-server.json";

export type LocalAdmin = { url: string; token: string; pid: number };

export function localAdminPath(dataDir: string): string {
  return join(dataDir, FILE);
}

/** The address `tmc backup` calls: loopback when the server listens on every network. */
export function localUrl(host: string, port: number): string {
  const h = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${h}:${port}`;
}

export function writeLocalAdmin(dataDir: string, info: LocalAdmin): void {
  const path = localAdminPath(dataDir);
  writeFileSync(path, JSON.stringify(info), { mode: 0o600 });
  // An older file (a crash) keeps its mode through writeFileSync: make sure.
  chmodSync(path, 0o600);
}

/** At shutdown: only our own file (a second server refused at start must not remove the first's). */
export function removeLocalAdmin(dataDir: string, token: string): void {
  if (readLocalAdmin(dataDir)?.token === token) rmSync(localAdminPath(dataDir), { force: true });
}

export function readLocalAdmin(dataDir: string): LocalAdmin | null {
  try {
    const info = JSON.parse(readFileSync(localAdminPath(dataDir), "utf8")) as Partial<LocalAdmin>;
    return typeof info.url === "string" && typeof info.token === "string" ? { url: info.url, token: info.token, pid: Number(info.pid) } : null;
  } catch {
    return null;
  }
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** The caller holds this run's token and calls from this machine (loopback, or the address the server listens on). */
export function isLocalAdmin(bearer: string | null, expected: string, callerIp: string | undefined, host: string): boolean {
  if (!bearer || bearer.length !== expected.length) return false;
  if (!timingSafeEqual(Buffer.from(bearer), Buffer.from(expected))) return false;
  return !!callerIp && (LOOPBACK.test(callerIp) || callerIp === host);
}
