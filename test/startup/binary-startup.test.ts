// The compiled program's first start, as a teacher meets it: it says its version, opens the
// browser only when a person started it, falls back to the user's data folder when the folder
// beside it is read-only, and when it cannot start it says why (both languages) and exits 1.
// Read-only folders are made with a read-only bind mount in a private mount namespace
// (`unshare -m`, root): permission bits do not stop root.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { version } from "../../package.json";
import { gitCommit } from "../../src/startup/version.ts";
import { PORT_TRIES } from "../../src/startup/listen.ts";
import { freePort } from "../support/child-server.ts";
import { buildHostBinary, CAN_UNSHARE, holdPorts, plainEnv, runToExit, startUntilListening, stop, type Running } from "../support/binary.ts";

const work = mkdtempSync(join(tmpdir(), "tmc-first-start-"));
const bin = join(work, "app", "tmc");
const running: Running[] = [];
let commit = "";

beforeAll(() => {
  commit = gitCommit();
  buildHostBinary(bin);
}, 120_000);

afterAll(async () => {
  for (const r of running) await stop(r);
  rmSync(work, { recursive: true, force: true });
});

function freshDir(name: string): string {
  return mkdtempSync(join(work, `${name}-`));
}

/** `sh -c` script that makes each folder read-only in a private mount namespace, then runs the command. */
function readOnly(dirs: string[], cmd: string[]): string[] {
  const mounts = dirs.map((d) => `mount --bind '${d}' '${d}' && mount -o remount,ro,bind '${d}'`).join(" && ");
  return ["unshare", "-m", "sh", "-c", `${mounts} && exec ${cmd.map((a) => `'${a}'`).join(" ")}`];
}

describe("version", () => {
  test("--version prints the package version and the commit it was built from", async () => {
    const r = await runToExit([bin, "--version"]);
    expect(r.code).toBe(0);
    expect(r.output.trim()).toBe(`tmc ${version} (commit ${commit})`);
    expect(commit).toMatch(/^[0-9a-f]{10}(-dirty)?$/);
  });
});

describe("opening the teacher's page", () => {
  // A fake xdg-open records what it was asked to open.
  const fakeBin = join(work, "fake-bin");
  const log = join(work, "opened.log");
  beforeAll(() => {
    mkdirSync(fakeBin, { recursive: true });
    writeFileSync(join(fakeBin, "xdg-open"), `#!/bin/sh\necho "$@" >> '${log}'\n`);
    chmodSync(join(fakeBin, "xdg-open"), 0o755);
  });
  const desktopEnv = (extra: Record<string, string> = {}) => plainEnv({ PATH: `${fakeBin}:${process.env.PATH}`, DISPLAY: ":99", ...extra });

  /** Runs the binary on a terminal (a pty from `script`), as a teacher's double-click or shell does. */
  async function onTerminal(args: string[], env: Record<string, string>): Promise<{ opened: string; output: string }> {
    rmSync(log, { force: true });
    // exec: the shell becomes TMC, so TMC is script's only child and can be stopped directly
    // (stopping `script` itself takes it 2 s).
    const r = await startUntilListening(["script", "-qfec", `exec ${[bin, ...args].join(" ")}`, "/dev/null"], { env });
    // the opener runs right after the banner; give it a moment
    for (let i = 0; i < 25 && !existsSync(log); i++) await Bun.sleep(20);
    await Bun.sleep(100);
    const out = r.output();
    process.kill(Number(readFileSync(`/proc/${r.proc.pid}/task/${r.proc.pid}/children`, "utf8").trim()), "SIGTERM");
    expect(await r.proc.exited).toBe(0);
    return { opened: existsSync(log) ? readFileSync(log, "utf8").trim() : "", output: out };
  }

  test.skipIf(!Bun.which("script"))("started on a terminal with a desktop, it opens http://localhost:<port>/teacher with the OS opener", async () => {
    const { opened, output } = await onTerminal(["--data", freshDir("open"), "--port", String(await freePort())], desktopEnv());
    const port = /localhost:(\d+)\/teacher/.exec(output)![1];
    expect(opened).toBe(`http://localhost:${port}/teacher`);
    expect(output).toContain("Opening the teacher's page in your browser");
  }, 30_000);

  test.skipIf(!Bun.which("script"))("--no-open, TMC_NO_OPEN or CI on the same terminal: nothing is opened", async () => {
    for (const [args, env] of [[["--no-open"], {}], [[], { TMC_NO_OPEN: "1" }], [[], { CI: "true" }]] as const) {
      const { opened, output } = await onTerminal(["--data", freshDir("noopen"), "--port", String(await freePort()), ...args], desktopEnv(env));
      expect(opened).toBe("");
      expect(output).not.toContain("Opening the teacher's page");
    }
  }, 60_000);

  test("output piped (a script or a service): nothing is opened", async () => {
    rmSync(log, { force: true });
    const r = await startUntilListening([bin, "--data", freshDir("piped"), "--port", String(await freePort())], { env: desktopEnv() });
    await Bun.sleep(300);
    await stop(r);
    expect(existsSync(log)).toBe(false);
  }, 30_000);
});

describe("start-up failures: the reason in both languages, exit code 1", () => {
  test(`every port from --port to ${PORT_TRIES - 1} above it taken`, async () => {
    const held = holdPorts(PORT_TRIES);
    try {
      const r = await runToExit([bin, "--data", freshDir("ports"), "--host", "127.0.0.1", "--port", String(held.first)]);
      expect(r.code).toBe(1);
      expect(r.output).toContain(`Port ${held.first} is in use; trying ${held.first + 1}.`);
      expect(r.output).toContain("TMC could not start.");
      expect(r.output).toContain("TMC를 시작할 수 없습니다.");
      expect(r.output).toContain(`Ports ${held.first}–${held.first + PORT_TRIES - 1} are all in use`);
      expect(r.output).toContain(`포트 ${held.first}–${held.first + PORT_TRIES - 1}를 모두`);
      // Linux never waits for Enter: it exits at once
      expect(r.output).not.toContain("Press Enter");
    } finally {
      held.release();
    }
  }, 30_000);

  test("a second copy on the same data folder stops with a clear message; the first keeps serving", async () => {
    const data = freshDir("twice");
    const first = await startUntilListening([bin, "--data", data, "--port", String(await freePort())]);
    running.push(first);
    const second = await runToExit([bin, "--data", data, "--port", String(await freePort())]);
    expect(second.code).toBe(1);
    expect(second.output).toContain("is TMC already running?");
    expect(second.output).toContain("TMC가 이미 실행 중인가요?");
    expect(second.output).toContain(data);
    expect(second.output).toContain("--data");
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);
    expect(await stop(first)).toBe(0);
  }, 30_000);

  test.skipIf(!CAN_UNSHARE)("an explicit --data on a read-only mount is not replaced: it says which folder and why", async () => {
    const data = freshDir("ro-explicit");
    const r = await runToExit(readOnly([data], [bin, "--data", data, "--port", String(await freePort())]));
    expect(r.code).toBe(1);
    expect(r.output).toContain(`The data folder you chose cannot be written to: ${data} (EROFS)`);
    expect(r.output).toContain("지정한 데이터 폴더에 쓸 수 없습니다");
    expect(existsSync(join(data, "tmc.db"))).toBe(false);
  }, 30_000);

  test.skipIf(!CAN_UNSHARE)("no folder beside the program nor a user folder can be written: it lists both", async () => {
    const app = freshDir("ro-app");
    copyFileSync(bin, join(app, "tmc"));
    chmodSync(join(app, "tmc"), 0o755);
    const xdg = freshDir("ro-xdg");
    const r = await runToExit(readOnly([app, xdg], [join(app, "tmc"), "--port", String(await freePort())]), { env: plainEnv({ XDG_DATA_HOME: xdg }) });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`Tried: ${join(app, "tmc-data")}, ${join(xdg, "tmc")}`);
  }, 30_000);
});

describe("data folder fallback", () => {
  test.skipIf(!CAN_UNSHARE)("beside the program is read-only (a locked USB stick): games go to $XDG_DATA_HOME/tmc, and it says where", async () => {
    const app = freshDir("usb");
    copyFileSync(bin, join(app, "tmc"));
    chmodSync(join(app, "tmc"), 0o755);
    const xdg = freshDir("xdg");
    const r = await startUntilListening(readOnly([app], [join(app, "tmc"), "--port", String(await freePort()), "--admin-password", "pw-fallback"]), { env: plainEnv({ XDG_DATA_HOME: xdg, LANG: "en_US.UTF-8" }) });
    running.push(r);
    const out = r.output();
    expect(out).toContain(`The folder beside the program (${join(app, "tmc-data")}) cannot be written to, so games are saved in your user folder instead: ${join(xdg, "tmc")}`);
    expect(out).toContain(`Data folder (데이터 폴더): ${join(xdg, "tmc")}`);
    // English first when the locale says English
    expect(out.indexOf("The folder beside the program")).toBeLessThan(out.indexOf("실행 파일 옆 폴더"));
    expect(existsSync(join(xdg, "tmc", "tmc.db"))).toBe(true);
    expect(existsSync(join(app, "tmc-data"))).toBe(false);
    const login = await fetch(`${r.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "pw-fallback" }) });
    expect(login.status).toBe(200);
    expect(await stop(r)).toBe(0);
  }, 30_000);

  test("the folder beside the program is used when it can be written, and the console names it", async () => {
    const app = freshDir("beside");
    copyFileSync(bin, join(app, "tmc"));
    chmodSync(join(app, "tmc"), 0o755);
    const r = await startUntilListening([join(app, "tmc"), "--port", String(await freePort())], { cwd: work });
    running.push(r);
    expect(r.output()).toContain(`데이터 폴더 (Data folder): ${join(app, "tmc-data")}`);
    expect(existsSync(join(app, "tmc-data", "tmc.db"))).toBe(true);
    expect(await stop(r)).toBe(0);
  }, 30_000);
});
