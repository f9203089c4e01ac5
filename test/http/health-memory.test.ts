// /api/health splits the server's RSS: the JavaScript heap's cells (heapTotalBytes), strings and
// buffers outside them (externalBytes), mapped files' pages (rssFileBytes, Linux) and what is
// left, native memory. The server runs in this test's process, so what the test holds the
// server holds: 96 MB of flat strings must show in externalBytes and not in the cells.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startServer, type TestServer } from "../support/server.ts";

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s.stop(); });

type Memory = { rssBytes: number; rssFileBytes: number | null; heapUsedBytes: number; heapTotalBytes: number; externalBytes: number };
const health = async () => (await (await fetch(`${s.url}/api/health`)).json()) as Memory;
const MB = 1024 * 1024;

test("/api/health: strings held show in externalBytes, outside the heap's cells; mapped files' pages in rssFileBytes", async () => {
  Bun.gc(true);
  const before = await health();
  for (const key of ["rssBytes", "heapUsedBytes", "heapTotalBytes", "externalBytes"] as const) expect(Number.isInteger(before[key]) && before[key] >= 0).toBe(true);
  if (process.platform === "linux") {
    // Bun's own code is mapped from its executable: tens of MB resident, within the RSS.
    expect(before.rssFileBytes).toBeGreaterThan(5 * MB);
    expect(before.rssFileBytes!).toBeLessThan(before.rssBytes);
  } else expect(before.rssFileBytes).toBeNull();

  // 384 strings of 256 K characters (Latin-1: a byte each), read so that their characters exist.
  const held: string[] = [];
  for (let i = 0; i < 384; i++) held.push(`${i}:`.padEnd(256 * 1024, String.fromCharCode(97 + (i % 26))));
  expect(held.every((h) => h.charCodeAt(h.length - 1) > 96)).toBe(true);
  const during = await health();
  expect(during.externalBytes - before.externalBytes).toBeGreaterThan(80 * MB);
  expect(during.heapTotalBytes - before.heapTotalBytes).toBeLessThan(16 * MB);
  expect(during.externalBytes + during.heapTotalBytes + (during.rssFileBytes ?? 0)).toBeLessThan(during.rssBytes);

  held.length = 0;
  Bun.gc(true);
  const after = await health();
  expect(during.externalBytes - after.externalBytes).toBeGreaterThan(80 * MB);
});
