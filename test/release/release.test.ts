// `npm run release`: one file per OS, each what its name says (read from its header, and by
// `file` too where installed), SHA256SUMS that verify, the teachers' guide in Korean and English,
// and the Linux x64 file runs. Cross-compiling downloads each OS's Bun runtime from the npm
// registry the first time (≈50 MB each, cached in ~/.bun/install/cache); after that ≈3 s a file.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { version } from "../../package.json";
import { describeExe, exeFormatOf } from "../../src/release/exe-format.ts";
import { GUIDE_FILE, sha256File, SUMS_FILE } from "../../src/release/build.ts";
import { TARGETS } from "../../src/release/targets.ts";
import { gitCommit } from "../../src/startup/version.ts";
import { freePort } from "../support/child-server.ts";
import { plainEnv, ROOT, runToExit, startUntilListening, stop } from "../support/binary.ts";

const out = mkdtempSync(join(tmpdir(), "tmc-release-"));
let buildLog = "";

beforeAll(async () => {
  // the same command as `npm run release`, into a temp folder
  const r = Bun.spawnSync([process.execPath, "src/release/build.ts", "--release", "--out", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  buildLog = r.stdout.toString() + r.stderr.toString();
  if (r.exitCode !== 0) throw new Error(`release failed:\n${buildLog}`);
  console.log(buildLog.trim());
}, 300_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run release", () => {
  test("writes exactly the five executables, the guide and SHA256SUMS", () => {
    expect(readdirSync(out).sort()).toEqual([...TARGETS.map((t) => t.file), GUIDE_FILE, SUMS_FILE].sort());
  });

  test.each(TARGETS.map((t) => [t.file, t] as const))("%s is the right kind of executable for its OS and CPU", async (file, target) => {
    const format = await exeFormatOf(join(out, file));
    expect(format).toEqual(target.expect);
    const FILE_SAYS: Record<string, RegExp> = {
      "tmc-windows-x64.exe": /PE32\+ executable \(console\) x86-64/,
      "tmc-macos-arm64": /Mach-O 64-bit arm64 executable/,
      "tmc-macos-x64": /Mach-O 64-bit x86_64 executable/,
      "tmc-linux-x64": /ELF 64-bit LSB (pie )?executable, x86-64/,
      "tmc-linux-arm64": /ELF 64-bit LSB (pie )?executable, ARM aarch64/,
    };
    expect(FILE_SAYS[file]).toBeDefined();
    // An independent second opinion where the `file` command is installed (apt: file).
    if (Bun.which("file")) expect(Bun.spawnSync(["file", "-b", join(out, file)]).stdout.toString()).toMatch(FILE_SAYS[file]!);
    expect(describeExe(format)).not.toBe("not an executable");
  });

  test("SHA256SUMS lists every other file with its hash, in sha256sum's format", async () => {
    const lines = readFileSync(join(out, SUMS_FILE), "utf8").trim().split("\n");
    const files = readdirSync(out).filter((f) => f !== SUMS_FILE).sort();
    expect(lines.map((l) => l.split("  ")[1])).toEqual(files);
    // checked by coreutils' sha256sum where installed (independent of the code that wrote them)
    if (Bun.which("sha256sum")) expect(Bun.spawnSync(["sha256sum", "--check", "--quiet", SUMS_FILE], { cwd: out }).exitCode).toBe(0);
    else for (const line of lines) expect(line.split("  ")[0]).toBe(await sha256File(join(out, line.split("  ")[1]!)));
  });

  test("the teachers' guide: Korean then English, readable in Notepad (BOM, CRLF), covering the day's questions", () => {
    const raw = readFileSync(join(out, GUIDE_FILE));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString("utf8");
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
    expect(text).toContain(`${version} (commit ${gitCommit()})`);
    expect(text.indexOf("교사용 안내")).toBeLessThan(text.indexOf("Guide for teachers"));
    for (const t of TARGETS) expect(text.split(t.file).length).toBeGreaterThan(2); // listed in both languages
    const ko = text.slice(0, text.indexOf("Guide for teachers"));
    const en = text.slice(text.indexOf("Guide for teachers"));
    for (const s of ["더블클릭", "교사 비밀번호", "TMC_ADMIN_PASSWORD", "학생 접속 주소", "방화벽", "허용", "tmc-data", "%APPDATA%\\TMC", "Application Support/TMC", "백업 내려받기", "tmc backup", "Enter"]) expect(ko).toContain(s);
    for (const s of ["double-click", "Teacher password", "TMC_ADMIN_PASSWORD", "Students open", "firewall", "Allow", "tmc-data", "%APPDATA%\\TMC", "Application Support/TMC", "Download backup", "tmc backup", "Enter", "More info", "Run anyway"]) expect(en).toContain(s);
    expect(text).not.toContain("{{");
  });

  test("the Linux x64 file runs: --version names the commit; it starts, migrates, serves the join page", async () => {
    const bin = join(out, "tmc-linux-x64");
    const v = await runToExit([bin, "--version"]);
    expect(v.output.trim()).toBe(`tmc ${version} (commit ${gitCommit()})`);
    const data = mkdtempSync(join(out, "data-"));
    const r = await startUntilListening([bin, "--data", data, "--port", String(await freePort())], { env: plainEnv({ TMC_ADMIN_PASSWORD: "pw" }) });
    try {
      expect(r.output()).toContain(`TMC ${version} is running`);
      expect(((await (await fetch(`${r.url}/api/health`)).json()) as { status: string }).status).toBe("ok");
      expect(await (await fetch(`${r.url}/`)).text()).toContain('name="code"');
    } finally {
      expect(await stop(r)).toBe(0);
    }
  }, 30_000);
});
