// The total stream cap follows the process's open-file limit (see src/limits/streams.ts).
import { describe, expect, test } from "bun:test";
import { openFileLimit, streamsTotal } from "../../src/limits/streams.ts";

describe("the total stream cap", () => {
  test("by default the total is three quarters of the open-file limit (15,000 of this machine's 20,000), enough for a district event's 10,000 streams", () => {
    expect(openFileLimit("Limit                     Soft Limit           Hard Limit           Units\nMax open files            20000                20000                files\n")).toBe(20000);
    expect(streamsTotal("auto", 20000)).toBe(15000);
    expect(streamsTotal("auto", 4096)).toBe(3072);
    expect(streamsTotal("auto", null)).toBe(4000);
    expect(streamsTotal(500, 20000)).toBe(500);
    const here = openFileLimit();
    if (here !== null) expect(streamsTotal("auto")).toBe(Math.floor(here * 0.75));
  });
});
