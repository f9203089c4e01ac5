// Relay formulas: how a question's answer follows from the previous answer T, evaluated
// exactly (T may be 3/4 or -2; 1/3 stays 1/3). Grammar, loosest first:
//
//   formula := sum
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/") unary | atom)*   a bare atom multiplies: 2T, 3(T+1), (T+1)(T-1)
//   unary   := ("-" | "+") unary | power            so -T^2 = -(T^2), as in school
//   power   := atom ("^" unary)?                    right-associative: 2^3^2 = 2^(3^2); 2^-1 allowed
//   atom    := number | "T" | "(" sum ")"
//   number  := digits ("." digits)? | "." digits    decimals are exact: 0.5 = 1/2
//
// Also read: lower-case t, × · for *, ÷ for /, − for -, full-width characters (normalize.ts).
// Implicit products bind like *, left to right: 1/2T = (1/2)·T, as most calculators read it.
//
// Size limits, each for a reason:
// - MAX_FORMULA_LENGTH (100): validation refuses longer text; the parser refuses it too, so
//   no caller can feed it a megabyte.
// - MAX_DEPTH (30): parentheses and signs nest by recursion; 30 is far beyond any sensible
//   formula and far below the stack.
// - MAX_BITS (256, as the Year Game's evaluate.ts): every intermediate numerator and
//   denominator stays under 256 bits (~10^77), so each step costs microseconds. A chain feeds
//   answers into the next formula, so T itself can be large: too_large, not a hang.
// - Exponents must be whole numbers; the result's size is bounded BEFORE computing a power.
import * as Q from "../math/rational.ts";
import type { Rational } from "../math/rational.ts";
import { halfWidth } from "./normalize.ts";
import { BoundedCache } from "../cache/bounded.ts";

export const MAX_FORMULA_LENGTH = 100;
const MAX_DEPTH = 30;
export const MAX_BITS = 256;

export type FormulaNode =
  | { kind: "num"; value: Rational }
  | { kind: "t" }
  | { kind: "neg"; arg: FormulaNode }
  | { kind: "bin"; op: "+" | "-" | "*" | "/" | "^"; left: FormulaNode; right: FormulaNode };

/** `at` is the 1-based character position where reading stopped. */
export type FormulaSyntaxError = { ok: false; code: "syntax"; at: number };
export type ParsedFormula = { ok: true; ast: FormulaNode; usesT: boolean } | FormulaSyntaxError;
export type FormulaEvalError = "division_by_zero" | "too_large" | "bad_exponent" | "undefined";
export type FormulaValue = { ok: true; value: Rational } | { ok: false; code: FormulaEvalError };

type Tok = { t: "num"; value: Rational; pos: number } | { t: "sym"; s: string; pos: number } | { t: "end"; pos: number };

const SYMBOLS: Record<string, string> = { "+": "+", "-": "-", "*": "*", "×": "*", "·": "*", "/": "/", "÷": "/", "^": "^", "(": "(", ")": ")", T: "T", t: "T" };

function tokenize(src: string): Tok[] | FormulaSyntaxError {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(src.slice(i, i + MAX_FORMULA_LENGTH));
    if (num) {
      const [whole, frac = ""] = num[0].split(".");
      const scale = 10n ** BigInt(frac.length);
      toks.push({ t: "num", value: Q.rational(BigInt(whole || "0") * scale + BigInt(frac || "0"), scale), pos: i + 1 });
      i += num[0].length;
      continue;
    }
    const sym = SYMBOLS[c];
    if (!sym) return { ok: false, code: "syntax", at: i + 1 };
    toks.push({ t: "sym", s: sym, pos: i + 1 });
    i++;
  }
  toks.push({ t: "end", pos: src.length + 1 });
  return toks;
}

class SyntaxFailure {
  constructor(readonly at: number) {}
}

/** Recursive descent over the token list; throws SyntaxFailure, caught in parseFormula. */
function parser(toks: Tok[]) {
  let k = 0;
  let depth = 0;
  let usesT = false;
  const peek = () => toks[k]!;
  const isSym = (s: string) => { const p = peek(); return p.t === "sym" && p.s === s; };
  const fail = (): never => { throw new SyntaxFailure(peek().pos); };
  const deeper = <T>(f: () => T): T => {
    if (++depth > MAX_DEPTH) fail();
    try { return f(); } finally { depth--; }
  };

  function atom(): FormulaNode {
    const p = peek();
    if (p.t === "num") { k++; return { kind: "num", value: p.value }; }
    if (isSym("T")) { k++; usesT = true; return { kind: "t" }; }
    if (isSym("(")) {
      k++;
      const inner = deeper(sum);
      if (!isSym(")")) fail();
      k++;
      return inner;
    }
    return fail();
  }
  function power(): FormulaNode {
    const base = atom();
    if (!isSym("^")) return base;
    k++;
    return { kind: "bin", op: "^", left: base, right: deeper(unary) };
  }
  function unary(): FormulaNode {
    if (isSym("-")) { k++; return { kind: "neg", arg: deeper(unary) }; }
    if (isSym("+")) { k++; return deeper(unary); }
    return power();
  }
  function product(): FormulaNode {
    let left = unary();
    for (;;) {
      if (isSym("*") || isSym("/")) {
        const op = (peek() as { s: "*" | "/" }).s;
        k++;
        left = { kind: "bin", op, left, right: unary() };
      } else if (isSym("T") || isSym("(")) {
        // Juxtaposition: 2T, 3(T+1), T(T+1). A number after something ("2 3", "T2") stays an error.
        left = { kind: "bin", op: "*", left, right: power() };
      } else return left;
    }
  }
  function sum(): FormulaNode {
    let left = product();
    while (isSym("+") || isSym("-")) {
      const op = (peek() as { s: "+" | "-" }).s;
      k++;
      left = { kind: "bin", op, left, right: product() };
    }
    return left;
  }
  return {
    parse(): { ast: FormulaNode; usesT: boolean } {
      const ast = sum();
      if (peek().t !== "end") fail();
      return { ast, usesT };
    },
  };
}

export function parseFormula(source: string): ParsedFormula {
  if (source.length > MAX_FORMULA_LENGTH) return { ok: false, code: "syntax", at: MAX_FORMULA_LENGTH + 1 };
  const toks = tokenize(halfWidth(source).normalize("NFC"));
  if (!Array.isArray(toks)) return toks;
  try {
    return { ok: true, ...parser(toks).parse() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, code: "syntax", at: e.at };
    throw e;
  }
}

class EvalFailure {
  constructor(readonly code: FormulaEvalError) {}
}

function bounded(r: Rational): Rational {
  if (Q.sizeBits(r) > MAX_BITS) throw new EvalFailure("too_large");
  return r;
}

function power(base: Rational, exp: Rational): Rational {
  if (!Q.isInteger(exp)) throw new EvalFailure("bad_exponent");
  const e = exp.num;
  if (Q.isZero(base)) {
    if (e > 0n) return Q.ZERO;
    throw new EvalFailure(e === 0n ? "undefined" : "division_by_zero");
  }
  // ±1 stays small whatever the exponent.
  if (base.den === 1n && (base.num === 1n || base.num === -1n)) return base.num === 1n || e % 2n === 0n ? Q.ONE : base;
  // Otherwise the result has at least (bits − 1)·|e| bits: refuse before computing 2^(10^9).
  const absE = e < 0n ? -e : e;
  if (absE > BigInt(MAX_BITS) || (Q.sizeBits(base) - 1) * Number(absE) >= MAX_BITS) throw new EvalFailure("too_large");
  return bounded(Q.pow(base, e));
}

function evalNode(n: FormulaNode, t: Rational): Rational {
  switch (n.kind) {
    case "num": return bounded(n.value);
    case "t": return bounded(t);
    case "neg": return Q.neg(evalNode(n.arg, t));
    case "bin": {
      const l = evalNode(n.left, t);
      const r = evalNode(n.right, t);
      switch (n.op) {
        case "+": return bounded(Q.add(l, r));
        case "-": return bounded(Q.sub(l, r));
        case "*": return bounded(Q.mul(l, r));
        case "/":
          if (Q.isZero(r)) throw new EvalFailure("division_by_zero");
          return bounded(Q.div(l, r));
        case "^": return power(l, r);
      }
    }
  }
}

export function evaluateFormula(ast: FormulaNode, t: Rational): FormulaValue {
  try {
    return { ok: true, value: evalNode(ast, t) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, code: e.code };
    throw e;
  }
}

/**
 * Formulas parsed, by their text: a relay answer judged its question's formula by parsing it
 * (twice: for the chain's true input and for the one received), a hundred times a second per
 * few games. The trees are never changed once parsed.
 */
const parsedFormulas = new BoundedCache<string, ParsedFormula>(2000);

/** Parse (once per formula text) and evaluate. */
export function applyFormula(source: string, t: Rational): FormulaValue | FormulaSyntaxError {
  const parsed = parsedFormulas.getOr(source, () => parseFormula(source));
  return parsed.ok ? evaluateFormula(parsed.ast, t) : parsed;
}
