// `tmc backup <file>`: from a running server (through its local token, over loopback), from a
// stopped one (the file itself), and the clear refusals; plus what main does at start and stop
// for it (the server file, --retain-days).
import { afterAll, describe, expect, test } from "bun:test";
import { Database } from "bun:sqlite";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { localAdminPath } from "../../src/admin/local-admin.ts";
import { freePort, serverCommand, startChild, type Child } from "../support/child-server.ts";

const ROOT = join(import.meta.dir, "..", "..");
const PASSWORD = "cli-test-pw";
const dirs: string[] = [];
const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) c.proc.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "tmc-cli-"));
  dirs.push(d);
  return d;
}

async function server(data: string, extra: string[] = []): Promise<Child> {
  const child = await startChild(["--data", data, "--port", String(await freePort()), "--admin-password", PASSWORD, "--auto-backup", "off", ...extra], { preferBinary: false });
  children.push(child);
  return child;
}

async function tmcBackup(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const proc = Bun.spawn([...serverCommand(false), "backup", ...args], { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" } });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  return { code: await proc.exited, out, err };
}

function gamesIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.query("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    return (db.query("SELECT title FROM games ORDER BY id").all() as { title: string }[]).map((r) => r.title);
  } finally {
    db.close();
  }
}

async function createGame(child: Child, title: string): Promise<number> {
  const login = (await (await fetch(`${child.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) })).json()) as { token: string };
  const res = await fetch(`${child.url}/api/create-game`, { method: "POST", headers: { authorization: `Bearer ${login.token}`, "content-type": "application/json" }, body: JSON.stringify({ title, teamCount: 2, maxParticipants: 10 }) });
  return ((await res.json()) as { gameId: number }).gameId;
}

describe("tmc backup", () => {
  test("asks the running server for the copy; refuses to overwrite; writes into a folder; a wrong token is refused with a pointer to the settings page; the server file is private and goes at shutdown", async () => {
    const data = tempDir();
    const out = tempDir();
    const child = await server(data);
    await createGame(child, "Live game");
    const info = localAdminPath(data);
    expect(statSync(info).mode & 0o777).toBe(0o600);

    const file = join(out, "copy.db");
    const first = await tmcBackup(file, "--data", data);
    expect(first.code).toBe(0);
    expect(first.out).toContain("from the running server");
    expect(gamesIn(file)).toEqual(["Live game"]);

    const again = await tmcBackup(file, "--data", data);
    expect(again.code).toBe(1);
    expect(again.err).toContain("already exists");

    const intoFolder = await tmcBackup(out, "--data", data);
    expect(intoFolder.code).toBe(0);
    expect(readdirSync(out).filter((n) => /^tmc-backup-\d{4}-\d{2}-\d{2}-\d{4}\.db$/.test(n)).length).toBe(1);

    const real = readFileSync(info, "utf8");
    writeFileSync(info, JSON.stringify({ ...JSON.parse(real), token: `L${"A".repeat(32)}` }));
    const forged = await tmcBackup(join(out, "forged.db"), "--data", data);
    expect(forged.code).toBe(1);
    expect(forged.err).toContain("refused (401");
    expect(forged.err).toContain("settings page");
    expect(existsSync(join(out, "forged.db"))).toBe(false);
    writeFileSync(info, real);

    child.proc.kill("SIGTERM");
    expect(await child.proc.exited).toBe(0);
    expect(existsSync(info)).toBe(false);
  }, 60_000);

  test("with no server running it copies the file itself, also after a crash left the server file behind; a database held by a server that does not answer is refused clearly", async () => {
    const data = tempDir();
    const out = tempDir();
    const child = await server(data);
    await createGame(child, "Before the crash");
    child.proc.kill("SIGKILL");
    await child.proc.exited;
    expect(existsSync(localAdminPath(data))).toBe(true);

    const stale = await tmcBackup(join(out, "a.db"), "--data", data);
    expect(stale.code).toBe(0);
    expect(stale.out).toContain("no server was running");
    expect(gamesIn(join(out, "a.db"))).toEqual(["Before the crash"]);

    // Held open (exclusively) by something that does not answer: here, this test.
    rmSync(localAdminPath(data));
    const held = openDb(join(data, "tmc.db"));
    try {
      const refused = await tmcBackup(join(out, "b.db"), "--data", data);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("did not answer");
      expect(refused.err).toContain("settings page");
      expect(existsSync(join(out, "b.db"))).toBe(false);
    } finally {
      closeDb(held);
    }

    const none = await tmcBackup(join(out, "c.db"), "--data", tempDir());
    expect(none.code).toBe(1);
    expect(none.err).toContain("no TMC database");
  }, 60_000);

  test("--retain-days at start: a finished game older than that is deleted before the server listens", async () => {
    const data = tempDir();
    const first = await server(data);
    const oldId = await createGame(first, "Old");
    const newId = await createGame(first, "New");
    first.proc.kill("SIGTERM");
    await first.proc.exited;
    const db = openDb(join(data, "tmc.db"));
    db.$client.query("UPDATE games SET status = 'finished', finished_at = ? WHERE id = ?").run(Date.now() - 3 * 86_400_000, oldId);
    db.$client.query("UPDATE games SET status = 'finished', finished_at = ? WHERE id = ?").run(Date.now() - 1 * 86_400_000, newId);
    closeDb(db);
    const second = await server(data, ["--retain-days", "2"]);
    expect(second.output()).toContain("1 finished game(s) older than 2 days deleted");
    // Finished games answer game-state by id to the teacher only.
    const { token } = (await (await fetch(`${second.url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: PASSWORD }) })).json()) as { token: string };
    const teacher = { authorization: `Bearer ${token}` };
    expect((await fetch(`${second.url}/api/game-state?gameId=${oldId}`, { headers: teacher })).status).toBe(404);
    expect((await fetch(`${second.url}/api/game-state?gameId=${newId}`, { headers: teacher })).status).toBe(200);
    second.proc.kill("SIGTERM");
    await second.proc.exited;
  }, 60_000);
});
