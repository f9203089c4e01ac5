// The release files, one per operating system, and how every build is compiled. One table: the
// release script builds from it and the release test checks each file against it.
import type { ExeFormat } from "./exe-format.ts";

export type Target = {
  /** Bun's --target. In Bun 1.4 one x64 runtime serves every x64 CPU from Nehalem (SSE4.2) on,
   *  choosing AVX2 code at run time, so cheap school laptops without AVX2 are covered; the older
   *  "-baseline" suffix now names the same file (checked: the windows-x64 and windows-x64-baseline
   *  runtimes Bun downloads are byte-identical). */
  bun: string;
  file: string;
  /** Who the file is for, as the teachers' guide says it. */
  label: string;
  expect: ExeFormat;
};

export const TARGETS: Target[] = [
  { bun: "bun-windows-x64", file: "tmc-windows-x64.exe", label: "Windows 10/11 (64-bit)", expect: { kind: "pe", pe32plus: true, arch: "x64", console: true } },
  { bun: "bun-darwin-arm64", file: "tmc-macos-arm64", label: "macOS, Apple Silicon (M1–M4)", expect: { kind: "macho", arch: "arm64", executable: true, signed: true } },
  { bun: "bun-darwin-x64", file: "tmc-macos-x64", label: "macOS, Intel", expect: { kind: "macho", arch: "x64", executable: true, signed: true } },
  { bun: "bun-linux-x64", file: "tmc-linux-x64", label: "Linux x86-64", expect: { kind: "elf", bits: 64, arch: "x64" } },
  { bun: "bun-linux-arm64", file: "tmc-linux-arm64", label: "Linux ARM64 (e.g. Raspberry Pi 4/5, 64-bit OS)", expect: { kind: "elf", bits: 64, arch: "arm64" } },
];

/** Folders embedded in the executable (served and migrated from `join(import.meta.dir, …)`, see paths.ts). */
export const ASSETS = ["public", "drizzle"];

/**
 * How the code is packed. RELEASE_PACKING, for `npm run build` and `npm run release`, is what
 * `npm run bench -- --startup` found fastest: --bytecode moves JavaScriptCore's parsing of the
 * bundle from every start to the build (cold start ≈180 ms instead of ≈300 ms at best on this
 * machine, for +4 MB); --minify adds a little. Bytecode is tied to the Bun version, which the
 * runtime fetched for each --target shares, and falls back to parsing the source if rejected.
 * `order` (a --bytecode-order profile) was tried and showed no clear gain.
 */
export type Packing = { minify: boolean; bytecode: boolean; order?: string };
export const RELEASE_PACKING: Packing = { minify: true, bytecode: true };

/**
 * Flags for every build. --bytecode needs --format=esm here: main.ts awaits at top level, which
 * the default CommonJS bytecode cannot hold. The two --no-compile-autoload flags stop the binary
 * from reading a .env or bunfig.toml lying in whatever folder it is started from.
 */
export function compileFlags(commit: string, packing: Packing = RELEASE_PACKING): string[] {
  return [
    "build", "--compile",
    ...(packing.minify ? ["--minify"] : []),
    ...(packing.bytecode ? ["--bytecode", "--format=esm"] : []),
    ...(packing.bytecode && packing.order ? [`--bytecode-order=${packing.order}`] : []),
    ...ASSETS.map((a) => `--asset=${a}`),
    "--no-compile-autoload-dotenv", "--no-compile-autoload-bunfig",
    "--define", `TMC_BUILD_COMMIT=${JSON.stringify(commit)}`,
  ];
}
