import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import * as Q from "../../src/math/rational.ts";
import { applyFormula, parseFormula } from "../../src/questions/formula.ts";

const r = (n: number, d = 1) => Q.rational(n, d);
const value = (f: string, t: Q.Rational) => {
  const v = applyFormula(f, t);
  return v.ok ? Q.toString(v.value) : v.code;
};

describe("relay formulas in T, exact", () => {
  const cases: [string, Q.Rational, string][] = [
    ["T + 5", r(3, 4), "23/4"],
    ["T + 5", r(-7), "-2"],
    ["2*T", r(-5, 6), "-5/3"],
    ["2T", r(1, 3), "2/3"],
    ["T^2 - 1", r(-1, 2), "-3/4"],
    ["T^2 - 1", r(-3), "8"],
    ["(T+1)/2", r(1, 3), "2/3"],
    ["(T+1)/2", r(-2), "-1/2"],
    ["-T", r(-4), "4"],
    ["-T^2", r(3), "-9"],
    ["(-T)^2", r(3), "9"],
    ["T^-1", r(-2, 3), "-3/2"],
    ["2^3^2", r(0), "512"],
    ["3(T+1)(T-1)", r(1, 2), "-9/4"],
    ["T(T+1)", r(-1, 2), "-1/4"],
    ["0.5T + .25", r(1), "3/4"],
    ["T ÷ 4 × 3 − 1", r(8), "5"],
    ["２Ｔ＋１", r(5), "11"],
    ["t*t*t", r(-2, 3), "-8/27"],
    ["1/2T", r(4), "2"],
    ["((T))", r(7), "7"],
    ["T - -1", r(1), "2"],
  ];
  for (const [f, t, want] of cases) test(`${f} at T = ${Q.toString(t)} is ${want}`, () => expect(value(f, t)).toBe(want));

  test("(T+1)/2 then 2T - 1 is the identity for any exact T (property)", () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (n, d) => {
      const t = Q.rational(n, d);
      const half = applyFormula("(T+1)/2", t);
      if (!half.ok) return false;
      const back = applyFormula("2T - 1", half.value);
      return back.ok && Q.equals(back.value, t);
    }));
  });
});

describe("formula errors are typed", () => {
  test("division by zero, including 0 to a negative power", () => {
    expect(value("1/(T-2)", r(2))).toBe("division_by_zero");
    expect(value("T/(T^2 - 1/4)", r(-1, 2))).toBe("division_by_zero");
    expect(value("T^-1", r(0))).toBe("division_by_zero");
  });
  test("0^0 is undefined; fractional exponents are refused", () => {
    expect(value("T^0", r(0))).toBe("undefined");
    expect(value("T^(1/2)", r(4))).toBe("bad_exponent");
  });
  test("too large numbers are refused before computing, and fast", () => {
    const start = performance.now();
    expect(value("2^T", r(100000000))).toBe("too_large");
    expect(value("T^T^T", r(9))).toBe("too_large");
    expect(value("T*T", Q.pow(r(2), 200n))).toBe("too_large");
    expect(performance.now() - start).toBeLessThan(100);
    expect(value("T^1000", r(1))).toBe("1");
    expect(value("T^1001", r(-1))).toBe("-1");
  });
  test("syntax errors give the position", () => {
    expect(parseFormula("T +")).toEqual({ ok: false, code: "syntax", at: 4 });
    expect(parseFormula("T2")).toEqual({ ok: false, code: "syntax", at: 2 });
    expect(parseFormula("2 3")).toEqual({ ok: false, code: "syntax", at: 3 });
    expect(parseFormula("x + 1")).toEqual({ ok: false, code: "syntax", at: 1 });
    expect(parseFormula("(T")).toMatchObject({ ok: false, code: "syntax" });
    expect(parseFormula("T)")).toMatchObject({ ok: false, code: "syntax" });
    expect(parseFormula("")).toMatchObject({ ok: false, code: "syntax" });
    expect(parseFormula("T".padEnd(101, "+"))).toMatchObject({ ok: false, code: "syntax" });
  });
  test("nesting deeper than the limit is a syntax error, not a stack overflow", () => {
    expect(parseFormula(`${"(".repeat(40)}T${")".repeat(40)}`)).toMatchObject({ ok: false, code: "syntax" });
    expect(parseFormula(`${"-".repeat(90)}T`)).toMatchObject({ ok: false, code: "syntax" });
    expect(parseFormula(`${"(".repeat(20)}T${")".repeat(20)}`)).toMatchObject({ ok: true });
  });
  test("usesT says whether the formula reads the previous answer", () => {
    expect(parseFormula("T + 1")).toMatchObject({ ok: true, usesT: true });
    expect(parseFormula("3 + 1")).toMatchObject({ ok: true, usesT: false });
  });
});
