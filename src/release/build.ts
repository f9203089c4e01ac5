// Builds TMC into single executables. Not part of the server (nothing in src/ imports it); it
// lives in src/ beside what it builds because it is product code, not a test.
//
//   bun src/release/build.ts                 dist/tmc for this machine      (npm run build)
//   bun src/release/build.ts --release       dist/release/: one file per OS, SHA256SUMS and the
//                                            teachers' guide                (npm run release)
//     --out <dir>        another output folder
//     --only <a,b>       only these release files (tests)
//
// Cross-compiling fetches each OS's Bun runtime from the npm registry once (cached in ~/.bun).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { version } from "../../package.json";
import { gitCommit } from "../startup/version.ts";
import { compileFlags, TARGETS, type Packing, type Target } from "./targets.ts";
import { describeExe, exeFormatOf } from "./exe-format.ts";

const ROOT = join(import.meta.dir, "..", "..");

/** One `bun build --compile`; throws with Bun's own output when it fails. */
export function compileTmc(outfile: string, opts: { target?: string; packing?: Packing; commit?: string } = {}): { seconds: number; bytes: number } {
  mkdirSync(dirname(outfile), { recursive: true });
  const t0 = performance.now();
  const cmd = [process.execPath, ...compileFlags(opts.commit ?? gitCommit(), opts.packing), ...(opts.target ? [`--target=${opts.target}`] : []), join("src", "main.ts"), "--outfile", outfile];
  const r = Bun.spawnSync(cmd, { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`release: ${cmd.slice(1).join(" ")} failed:\n${r.stdout.toString()}${r.stderr.toString()}`);
  return { seconds: (performance.now() - t0) / 1000, bytes: statSync(outfile).size };
}

export async function sha256File(path: string): Promise<string> {
  return new Bun.CryptoHasher("sha256").update(await Bun.file(path).bytes()).digest("hex");
}

/** The guide as Windows Notepad reads it correctly too: UTF-8 with a byte-order mark, CRLF lines. */
export function teacherGuide(commit: string, targets: Target[] = TARGETS): string {
  const files = (lang: "ko" | "en") => targets.map((t) => `     ${t.file.padEnd(22)} ${lang === "ko" ? koLabel(t.label) : t.label}`).join("\n");
  const text = readFileSync(join(import.meta.dir, "teacher-guide.txt"), "utf8")
    .replaceAll("{{version}}", version)
    .replaceAll("{{commit}}", commit)
    .replaceAll("{{files_ko}}", files("ko"))
    .replaceAll("{{files_en}}", files("en"));
  return "\uFEFF" + text.replace(/\r?\n/g, "\r\n");
}

function koLabel(label: string): string {
  return label.replace("macOS, Apple Silicon", "macOS, 애플 실리콘").replace("macOS, Intel", "macOS, 인텔").replace("(e.g. Raspberry Pi 4/5, 64-bit OS)", "(예: 라즈베리 파이 4/5, 64비트 OS)");
}

export const GUIDE_FILE = "TMC-GUIDE.txt";
export const SUMS_FILE = "SHA256SUMS";

export async function buildRelease(out: string, only: string[] | null = null): Promise<{ file: string; bytes: number; seconds: number; format: string }[]> {
  const commit = gitCommit();
  if (commit.endsWith("-dirty")) console.warn(`release: the working tree has uncommitted changes; the files will say commit ${commit}`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const rows = [];
  for (const t of TARGETS.filter((x) => !only || only.includes(x.file))) {
    const path = join(out, t.file);
    const { seconds, bytes } = compileTmc(path, { target: t.bun, commit });
    const format = await exeFormatOf(path);
    // A wrong file must never ship under a right name.
    if (JSON.stringify(format) !== JSON.stringify(t.expect)) throw new Error(`release: ${t.file} is ${describeExe(format)}, expected ${describeExe(t.expect)}`);
    rows.push({ file: t.file, bytes, seconds: Math.round(seconds * 10) / 10, format: describeExe(format) });
  }
  writeFileSync(join(out, GUIDE_FILE), teacherGuide(commit));
  const files = readdirSync(out).filter((f) => f !== SUMS_FILE).sort();
  const sums = await Promise.all(files.map(async (f) => `${await sha256File(join(out, f))}  ${f}`));
  writeFileSync(join(out, SUMS_FILE), sums.join("\n") + "\n");
  return rows;
}

async function cli(argv: string[]) {
  const value = (flag: string) => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
  if (!argv.includes("--release")) {
    const out = resolve(ROOT, value("--out") ?? "dist/tmc");
    const r = compileTmc(out);
    console.log(`build: ${out} (${(r.bytes / 1e6).toFixed(1)} MB, ${r.seconds.toFixed(1)} s)`);
    return;
  }
  const out = resolve(ROOT, value("--out") ?? "dist/release");
  const rows = await buildRelease(out, value("--only")?.split(",") ?? null);
  for (const r of rows) console.log(`  ${r.file.padEnd(22)} ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB  ${r.format.padEnd(36)} ${r.seconds} s`);
  console.log(`release: ${out} (${rows.length} executables, ${GUIDE_FILE}, ${SUMS_FILE})`);
}

if (import.meta.main) await cli(process.argv.slice(2));
