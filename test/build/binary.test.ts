// The single executable: built from the repo, started in an empty folder, it migrates a fresh
// database, answers /api/health and serves the join page and its assets without any folder beside it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dir, "..", "..");
const work = mkdtempSync(join(tmpdir(), "tmc-bin-"));
const binary = join(work, "tmc");
const procs: ReturnType<typeof Bun.spawn>[] = [];

async function start(args: string[]): Promise<{ url: string; output: () => string }> {
  const proc = Bun.spawn([binary, ...args], { cwd: work, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
  procs.push(proc);
  let out = "";
  const reader = proc.stdout.getReader();
  const deadline = Date.now() + 15_000;
  while (!/localhost:(\d+)\/teacher/.test(out)) {
    if (Date.now() > deadline) throw new Error(`binary did not start:\n${out}\n${await new Response(proc.stderr).text()}`);
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`binary exited:\n${out}\n${await new Response(proc.stderr).text()}`);
    out += new TextDecoder().decode(chunk.value);
  }
  // keep draining so the child never blocks on a full pipe
  (async () => { for (;;) { const c = await reader.read(); if (c.done) break; out += new TextDecoder().decode(c.value); } })();
  return { url: `http://127.0.0.1:${/localhost:(\d+)\/teacher/.exec(out)![1]}`, output: () => out };
}

beforeAll(async () => {
  const build = Bun.spawnSync(["bun", "run", "build"], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`build failed: ${build.stderr.toString()}`);
  copyFileSync(join(ROOT, "dist", "tmc"), binary);
}, 120_000);

afterAll(() => {
  for (const p of procs) p.kill();
  rmSync(work, { recursive: true, force: true });
});

describe("the compiled executable", () => {
  test("starts on a fresh --data folder: migrates, answers /api/health, serves the join page and assets", async () => {
    const data = join(work, "fresh-data");
    const { url, output } = await start(["--data", data, "--port", String(41000 + Math.floor(Math.random() * 2000)), "--admin-password", "pw-123"]);
    expect(existsSync(join(data, "tmc.db"))).toBe(true);
    const known = (JSON.parse(readFileSync(join(ROOT, "drizzle", "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
    expect(output()).toContain(`${known} migrations applied`);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as any).status).toBe("ok");
    const page = await (await fetch(`${url}/`)).text();
    expect(page).toContain('name="code"');
    const css = page.match(/href="(\/public\/app\.css\?v=[0-9a-f]+)"/)![1]!;
    expect((await fetch(url + css)).status).toBe(200);
    const htmx = page.match(/src="(\/public\/vendor\/htmx\.min\.js\?v=[0-9a-f]+)"/)![1]!;
    expect((await fetch(url + htmx)).status).toBe(200);
    // KaTeX's stylesheet and the fonts it names come from the executable too (no external URL).
    const katexCss = await fetch(`${url}/public/vendor/katex/katex.min.css`);
    expect(katexCss.status).toBe(200);
    const fontPath = (await katexCss.text()).match(/url\((fonts\/KaTeX_Main-Regular\.woff2[^)]*)\)/)![1]!;
    const font = await fetch(`${url}/public/vendor/katex/${fontPath}`);
    expect(font.status).toBe(200);
    expect(font.headers.get("content-type") ?? "").toContain("woff2");
    expect((await font.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    // the teacher password from the flag works
    const login = await fetch(`${url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "pw-123" }) });
    expect(login.status).toBe(200);
  }, 30_000);

  test("without --data it keeps its database beside the executable and prints a generated password once", async () => {
    const { url, output } = await start(["--port", String(43000 + Math.floor(Math.random() * 2000))]);
    expect(existsSync(join(work, "tmc-data", "tmc.db"))).toBe(true);
    for (let i = 0; i < 100 && !output().includes("Shown once"); i++) await Bun.sleep(30);
    expect(output()).toMatch(/Teacher password[^:]*: [a-z2-9]+/);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 30_000);

  test("`tmc backup` gets a copy from the running executable; a restore checks the upload in a process of its own (the executable again)", async () => {
    const data = join(work, "backup-data");
    const { url } = await start(["--data", data, "--port", String(45000 + Math.floor(Math.random() * 2000)), "--admin-password", "pw-123"]);
    const { token } = (await (await fetch(`${url}/api/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ password: "pw-123" }) })).json()) as { token: string };
    await fetch(`${url}/api/create-game`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ title: "Kept", teamCount: 2, maxParticipants: 5 }) });
    const copy = join(work, "copy.db");
    const cli = Bun.spawnSync([binary, "backup", copy, "--data", data], { cwd: work, env: { PATH: process.env.PATH ?? "" } });
    expect(cli.stdout.toString()).toContain("from the running server");
    expect(cli.exitCode).toBe(0);
    const form = new FormData();
    form.set("file", new File([readFileSync(copy)], "copy.db"));
    const restored = await fetch(`${url}/api/restore`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as { games: number }).games).toBe(1);
    const bad = new FormData();
    bad.set("file", new File(["not a database"], "x.db"));
    const refused = await fetch(`${url}/api/restore`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: bad });
    expect(refused.status).toBe(422);
  }, 30_000);

  test("--help lists every setting with its env var", () => {
    const help = Bun.spawnSync([binary, "--help"], { cwd: work }).stdout.toString();
    for (const s of ["--port", "--host", "--data", "--admin-password", "TMC_RATE_LIMIT_JOIN", "TMC_RATE_LIMIT_ANSWER", "TMC_RATE_LIMIT_CREATE"]) expect(help).toContain(s);
  });
});
