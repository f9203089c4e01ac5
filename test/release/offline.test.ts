// Nothing needs the internet: the released Linux binary, inside a network namespace that has only
// loopback (`unshare -n` as root, `lo` brought up), serves a whole join-and-answer over HTTP.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileTmc } from "../../src/release/build.ts";
import { TARGETS } from "../../src/release/targets.ts";
import { CAN_UNSHARE, IP, ROOT } from "../support/binary.ts";

const work = mkdtempSync(join(tmpdir(), "tmc-offline-bin-"));
const linux = TARGETS.find((t) => t.file === "tmc-linux-x64")!;
const binary = join(work, linux.file);

beforeAll(() => {
  if (CAN_UNSHARE) compileTmc(binary, { target: linux.bun });
}, 180_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test.skipIf(!CAN_UNSHARE || !IP)("in a namespace with only loopback: a student joins and answers; the console says there is no network", async () => {
  const proc = Bun.spawn(["unshare", "-n", "sh", "-c", `'${IP}' link set lo up && exec '${process.execPath}' test/release/offline-play.ts '${binary}' '${join(work, "data")}'`], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  const [code, out, err] = await Promise.all([proc.exited, new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  if (code !== 0) throw new Error(`offline play exited ${code}:\n${out}\n${err}`);
  const r = JSON.parse(out.trim().split("\n").pop()!);
  // only loopback, and the outside world is unreachable
  expect(r.interfaces.every((i: string) => i.startsWith("lo:"))).toBe(true);
  expect(r.internet).toStartWith("unreachable");
  expect(r.banner).toContain("This laptop is not connected to a network, so students cannot connect yet.");
  expect(r.banner).toContain("네트워크에 연결되어 있지 않습니다");
  expect(r.create).toBe(201);
  expect(r.join.status).toBe(200);
  expect(r.join.body.nickname).toBe("민지");
  expect(r.start).toBe(200);
  expect(r.round).toBe(201);
  expect(r.answer).toEqual({ status: 200, body: expect.objectContaining({ correct: true, targetNumber: 76, points: 76, teamScore: 76 }) });
  expect(r.teamScore).toBe(76);
  expect(r.playPage).toBe(200);
  expect(r.exit).toBe(0);
}, 60_000);
