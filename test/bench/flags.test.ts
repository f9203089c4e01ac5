// The benches' flags: a list flag given twice adds up, any other flag given twice is refused
// (a second --env used to replace the first without a word).
import { describe, expect, test } from "bun:test";
import { parseFlags } from "./flags.ts";

const TABLE = {
  duration: ["120", "seconds"],
  env: ["", "extra server env, comma-separated KEY=VALUE"],
  "bun-flags": ["", "extra flags for bun, comma-separated"],
  startup: ["", "a switch"],
} as const;

describe("bench flags", () => {
  test("defaults, values and --name=value", () => {
    expect(parseFlags(TABLE, [])).toEqual({ duration: "120", env: "", "bun-flags": "", startup: "" });
    expect(parseFlags(TABLE, ["--duration", "30", "--env=A=1"])).toMatchObject({ duration: "30", env: "A=1" });
  });

  test("--env and --bun-flags given twice add up, in order", () => {
    expect(parseFlags(TABLE, ["--env", "A=1", "--env", "B=2,C=3"]).env).toBe("A=1,B=2,C=3");
    expect(parseFlags(TABLE, ["--env=A=1", "--env", "B=2"]).env).toBe("A=1,B=2");
    expect(parseFlags(TABLE, ["--bun-flags", "--smol", "--bun-flags=--heap-prof"])["bun-flags"]).toBe("--smol,--heap-prof");
    // An empty one adds nothing.
    expect(parseFlags(TABLE, ["--env", "", "--env", "B=2"]).env).toBe("B=2");
  });

  test("any other flag given twice is refused, naming it", () => {
    expect(() => parseFlags(TABLE, ["--duration", "30", "--duration", "60"], "--event")).toThrow("bench: --duration given twice for --event");
    expect(() => parseFlags(TABLE, ["--duration=30", "--duration=60"])).toThrow("--duration given twice");
    expect(() => parseFlags(TABLE, ["--startup", "--startup"], "", ["startup"])).toThrow("--startup given twice");
  });

  test("unknown flags and missing values are refused as before", () => {
    expect(() => parseFlags(TABLE, ["--nope", "1"], "--event")).toThrow("unknown flag --nope for --event");
    expect(() => parseFlags(TABLE, ["--duration"])).toThrow("--duration needs a value");
  });
});
