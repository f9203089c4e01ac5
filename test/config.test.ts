import { describe, expect, test } from "bun:test";
import { describeConfig, helpText, loadConfig, parseRate } from "../src/config.ts";

describe("configuration", () => {
  test("defaults work with zero configuration", () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({ port: 3000, host: "0.0.0.0", data: "./tmc-data", adminPassword: null });
    expect(config.rateLimitJoin).toEqual({ limit: 10, windowMs: 600_000 });
    expect(config.rateLimitAnswer).toEqual({ limit: 200, windowMs: 300_000 });
    expect(config.rateLimitCreate).toEqual({ limit: 5, windowMs: 3_600_000 });
  });

  test("env vars, then flags (both spellings), override defaults", () => {
    const { config } = loadConfig(["--port", "4000", "--rate-limit-join=off", "--data", "/tmp/x"], { TMC_PORT: "5000", TMC_HOST: "127.0.0.1", TMC_RATE_LIMIT_ANSWER: "50/1m", TMC_ADMIN_PASSWORD: "pw" });
    expect(config).toMatchObject({ port: 4000, host: "127.0.0.1", data: "/tmp/x", adminPassword: "pw", rateLimitJoin: "off", rateLimitAnswer: { limit: 50, windowMs: 60_000 } });
  });

  test("bad values are refused with a message naming the option", () => {
    expect(() => loadConfig(["--port", "70000"], {})).toThrow(/1 to 65535/);
    expect(() => loadConfig(["--bogus"], {})).toThrow(/unknown option --bogus/);
    expect(() => loadConfig(["--port"], {})).toThrow(/needs a value/);
    expect(() => parseRate("ten per minute")).toThrow(/10\/10m/);
  });

  test("--help lists every option with its env var; --print-config hides the password", () => {
    const help = helpText();
    for (const s of ["--port", "TMC_PORT", "--host", "--data", "--admin-password", "TMC_ADMIN_PASSWORD", "TMC_RATE_LIMIT_JOIN"]) expect(help).toContain(s);
    const shown = describeConfig(loadConfig([], { TMC_ADMIN_PASSWORD: "sekret" }).config);
    expect(shown).not.toContain("sekret");
    expect(shown).toContain("(set, hidden)");
  });
});
