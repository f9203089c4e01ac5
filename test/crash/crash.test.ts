// The short crash-safety run of the test suite (npm run bench:crash does 5 kills).
import { describe, expect, test } from "bun:test";
import { runCrash } from "../bench/crash-run.ts";

describe("crash safety", () => {
  test("SIGKILL twice while students submit: every 200 is stored exactly once, nothing refused is credited, screens reconnect within 5 s, SIGTERM exits cleanly", async () => {
    const r = await runCrash({ kills: 2, students: 24, teams: 4, rate: 50, minUpMs: 400, maxUpMs: 1200, preferBinary: false });
    expect(r.submissions.ok).toBeGreaterThan(20);
    expect(r.submissions.refused).toBeGreaterThan(0);
    expect(r.okMissing).toBe(0);
    expect(r.okDuplicated).toBe(0);
    expect(r.refusedCredited).toBe(0);
    expect(r.phantomCredits).toBe(0);
    expect(r.ledgerMismatches).toBe(0);
    expect(r.scoreMismatches).toBe(0);
    expect(r.streamsRecovered).toBe("2/2");
    for (const ms of r.reconnectMs) expect(ms).toBeLessThan(5000);
    expect(r.sigtermExit).toBe(0);
    expect(r.walBytesAfterSigterm).toBe(0);
  }, 90_000);
});
