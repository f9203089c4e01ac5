// The header reader that checks release files, on hand-made headers: each field it reads can
// make it say something else.
import { describe, expect, test } from "bun:test";
import { exeFormat } from "../../src/release/exe-format.ts";

function elf(machine: number, bits: 1 | 2 = 2): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, bits, 1]);
  new DataView(b.buffer).setUint16(18, machine, true);
  return b;
}

function pe(machine: number, magic: number, subsystem: number): Uint8Array {
  const b = new Uint8Array(512);
  const v = new DataView(b.buffer);
  b.set([0x4d, 0x5a]);
  v.setUint32(0x3c, 0x80, true);
  v.setUint32(0x80, 0x50450000, false);
  v.setUint16(0x84, machine, true);
  v.setUint16(0x80 + 24, magic, true);
  v.setUint16(0x80 + 24 + 68, subsystem, true);
  return b;
}

function macho(cpu: number, commands: number[]): Uint8Array {
  const b = new Uint8Array(32 + commands.length * 16);
  const v = new DataView(b.buffer);
  v.setUint32(0, 0xfeedfacf, true);
  v.setUint32(4, cpu, true);
  v.setUint32(12, 2, true);
  v.setUint32(16, commands.length, true);
  commands.forEach((cmd, i) => { v.setUint32(32 + i * 16, cmd, true); v.setUint32(36 + i * 16, 16, true); });
  return b;
}

describe("exeFormat", () => {
  test("ELF: class and machine", () => {
    expect(exeFormat(elf(0x3e))).toEqual({ kind: "elf", bits: 64, arch: "x64" });
    expect(exeFormat(elf(0xb7))).toEqual({ kind: "elf", bits: 64, arch: "arm64" });
    expect(exeFormat(elf(0x28, 1))).toEqual({ kind: "elf", bits: 32, arch: "arm" });
  });

  test("PE: PE32+ or PE32, machine, console or GUI subsystem", () => {
    expect(exeFormat(pe(0x8664, 0x20b, 3))).toEqual({ kind: "pe", pe32plus: true, arch: "x64", console: true });
    expect(exeFormat(pe(0x8664, 0x20b, 2))).toMatchObject({ console: false });
    expect(exeFormat(pe(0x14c, 0x10b, 3))).toMatchObject({ pe32plus: false, arch: "x86" });
    expect(exeFormat(pe(0xaa64, 0x20b, 3))).toMatchObject({ arch: "arm64" });
  });

  test("Mach-O: CPU, and whether a code signature load command is present", () => {
    expect(exeFormat(macho(0x0100000c, [0x19, 0x1d]))).toEqual({ kind: "macho", arch: "arm64", executable: true, signed: true });
    expect(exeFormat(macho(0x01000007, [0x19]))).toEqual({ kind: "macho", arch: "x64", executable: true, signed: false });
  });

  test("anything else, or a cut-off header, is not an executable", () => {
    expect(exeFormat(new TextEncoder().encode("#!/bin/sh\necho hi\n"))).toBeNull();
    expect(exeFormat(pe(0x8664, 0x20b, 3).subarray(0, 0x90))).toBeNull();
    expect(exeFormat(new Uint8Array(0))).toBeNull();
  });
});
