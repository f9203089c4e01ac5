// The bench report's numeric helpers.
import { expect, test } from "bun:test";
import { p99ByWindow } from "./stats.ts";

test("p99ByWindow: the p99 of the samples in each window, by each sample's time; 0 for a window without any", () => {
  const values: number[] = [];
  const at: number[] = [];
  // Window 0: 1..100 ms; window 1: nothing; window 2: 100 samples of 5 ms and one of 900 ms.
  for (let i = 1; i <= 100; i++) { values.push(i); at.push(i * 50); }
  for (let i = 0; i < 100; i++) { values.push(5); at.push(20_000 + i); }
  values.push(900); at.push(29_999);
  expect(p99ByWindow(values, at, 10_000)).toEqual([99, 0, 5]);
  // A sample before the start counts in the first window.
  expect(p99ByWindow([7], [-3], 10_000)).toEqual([7]);
  expect(p99ByWindow([], [], 10_000)).toEqual([]);
});
