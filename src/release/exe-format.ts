// What kind of executable a file is, read from its first bytes: enough to check that a
// cross-compiled release file is what its name says (no `file` command needed). Layouts:
//   ELF      "\x7fELF", class (2 = 64-bit) at 4, e_machine (u16) at 18: 0x3e x86-64, 0xb7 aarch64.
//   PE       "MZ", e_lfanew (u32) at 0x3c -> "PE\0\0", Machine (u16) +4: 0x8664 x86-64, 0xaa64 arm64;
//            optional header at +24: magic 0x20b = PE32+, Subsystem (u16) at +68: 3 console, 2 GUI.
//   Mach-O   magic 0xfeedfacf (64-bit, little-endian), cputype at 4: 0x01000007 x86-64,
//            0x0100000c arm64; filetype at 12 (2 = executable); ncmds at 16, then load commands
//            from byte 32, each (cmd u32, cmdsize u32); LC_CODE_SIGNATURE = 0x1d.

export type ExeFormat =
  | { kind: "elf"; bits: 32 | 64; arch: string }
  | { kind: "pe"; pe32plus: boolean; arch: string; console: boolean }
  | { kind: "macho"; arch: string; executable: boolean; signed: boolean };

const ELF_MACHINE: Record<number, string> = { 0x3e: "x64", 0xb7: "arm64", 0x03: "x86", 0x28: "arm" };
const PE_MACHINE: Record<number, string> = { 0x8664: "x64", 0xaa64: "arm64", 0x14c: "x86" };
const MACHO_CPU: Record<number, string> = { 0x01000007: "x64", 0x0100000c: "arm64" };
const LC_CODE_SIGNATURE = 0x1d;

/** Reads the header of an executable (the first 64 KiB are plenty); null if it is none of the three. */
export function exeFormat(bytes: Uint8Array): ExeFormat | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (end: number) => end <= bytes.byteLength;
  if (has(20) && v.getUint32(0, false) === 0x7f454c46) {
    return { kind: "elf", bits: bytes[4] === 2 ? 64 : 32, arch: ELF_MACHINE[v.getUint16(18, bytes[5] === 1)] ?? "unknown" };
  }
  if (has(0x40) && bytes[0] === 0x4d && bytes[1] === 0x5a) {
    const pe = v.getUint32(0x3c, true);
    if (!has(pe + 24 + 70) || v.getUint32(pe, false) !== 0x50450000) return null;
    const opt = pe + 24;
    return { kind: "pe", pe32plus: v.getUint16(opt, true) === 0x20b, arch: PE_MACHINE[v.getUint16(pe + 4, true)] ?? "unknown", console: v.getUint16(opt + 68, true) === 3 };
  }
  if (has(32) && v.getUint32(0, true) === 0xfeedfacf) {
    let signed = false;
    let at = 32;
    for (let i = 0, n = v.getUint32(16, true); i < n && has(at + 8); i++) {
      if (v.getUint32(at, true) === LC_CODE_SIGNATURE) signed = true;
      at += v.getUint32(at + 4, true);
    }
    return { kind: "macho", arch: MACHO_CPU[v.getUint32(4, true)] ?? "unknown", executable: v.getUint32(12, true) === 2, signed };
  }
  return null;
}

export async function exeFormatOf(path: string): Promise<ExeFormat | null> {
  return exeFormat(new Uint8Array(await Bun.file(path).slice(0, 65536).arrayBuffer()));
}

/** One line, in the words `file` uses, for reports and test messages. */
export function describeExe(f: ExeFormat | null): string {
  if (!f) return "not an executable";
  if (f.kind === "elf") return `ELF ${f.bits}-bit ${f.arch === "arm64" ? "aarch64" : f.arch === "x64" ? "x86-64" : f.arch}`;
  if (f.kind === "pe") return `${f.pe32plus ? "PE32+" : "PE32"} ${f.console ? "(console)" : "(GUI)"} ${f.arch === "x64" ? "x86-64" : f.arch}`;
  return `Mach-O 64-bit ${f.arch === "x64" ? "x86_64" : f.arch} ${f.executable ? "executable" : "file"}${f.signed ? ", signed" : ", unsigned"}`;
}
