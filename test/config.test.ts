import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeConfig, helpText, loadConfig, parseBackoff, parseRate, SETTINGS } from "../src/config.ts";

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

  test("the limits against a student with a laptop have defaults, each configurable and each can be off", () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({
      rateLimitJoinAddress: { limit: 60, windowMs: 60_000 }, rateLimitAnswerAddress: { limit: 600, windowMs: 60_000 },
      rateLimitLogin: { limit: 20, windowMs: 600_000 }, loginBackoff: { free: 3, firstMs: 1000, maxMs: 300_000 },
      rateLimitNewDevice: { limit: 200, windowMs: 600_000 }, streamsPerDevice: 24, streamsPerAddress: 200, streamsTotal: "auto",
      streamQueueBytes: 1_048_576, allowHosts: [],
    });
    const off = loadConfig(["--rate-limit-join-address", "off", "--login-backoff", "off", "--streams-per-device=off", "--streams-total", "off"], { TMC_RATE_LIMIT_NEW_DEVICE: "off", TMC_STREAMS_PER_ADDRESS: "off" }).config;
    expect(off).toMatchObject({ rateLimitJoinAddress: "off", loginBackoff: "off", streamsPerDevice: "off", streamsTotal: "off", rateLimitNewDevice: "off", streamsPerAddress: "off" });
    const set = loadConfig(["--login-backoff", "5,2s,10m", "--streams-total", "12000", "--allow-host", "tmc.school.local, Quiz.Local"], {}).config;
    expect(set).toMatchObject({ loginBackoff: { free: 5, firstMs: 2000, maxMs: 600_000 }, streamsTotal: 12000, allowHosts: ["tmc.school.local", "quiz.local"] });
    expect(() => parseBackoff("3,0s,1m")).toThrow(/at least 1s/);
    expect(() => loadConfig(["--allow-host", "evil/..", ], {})).toThrow(/not a host name/);
    // --print-config shows each value as it would be written back.
    expect(describeConfig(loadConfig([], {}).config)).toContain("loginBackoff           3,1s,5m");
    expect(describeConfig(loadConfig([], {}).config)).toContain("rateLimitJoinAddress   60/1m");
  });

  test("the README's settings table lists every flag and env var", () => {
    const readme = readFileSync(join(import.meta.dir, "..", "README.md"), "utf8");
    for (const s of SETTINGS) {
      expect(readme, s.flag).toContain(`\`${s.flag}\``);
      expect(readme, s.env).toContain(`\`${s.env}\``);
    }
  });
});
