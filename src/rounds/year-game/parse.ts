// Tokenizer and recursive-descent parser for Year Game expressions.
//
// Precedence, tightest first:
//   postfix !  >  prefix √  >  ^ (right-assoc)  >  P C (left-assoc)  >  unary −  >  × ÷  >  + −
// so −2^2 = −(2^2), √4! = √(4!), 3!! = (3!)!, 2^3^2 = 2^(3^2).
// A minus is also accepted directly after ^ (2^−1), as on most calculators.
// The parser knows nothing about the round's rules; operator switches and the digit
// multiset are checked by the caller, so one AST serves judging and live preview.

import { yearProblem, type YearProblem } from './types.ts';

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | 'P' | 'C';
type Sym = BinaryOp | '!' | 'sqrt' | '(' | ')';

export type Token =
  | { kind: 'num'; digits: number[]; pos: number }
  | { kind: 'sym'; sym: Sym; pos: number };

export type YearNode =
  | { kind: 'num'; digits: number[] }
  | { kind: 'group'; inner: YearNode }
  | { kind: 'neg'; arg: YearNode }
  | { kind: 'fact'; arg: YearNode }
  | { kind: 'sqrt'; arg: YearNode }
  | { kind: 'bin'; op: BinaryOp; left: YearNode; right: YearNode };

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; problem: YearProblem };
/** `incomplete` means the input ended too early, i.e. more typing could fix it. */
export type ParseResult =
  | { ok: true; ast: YearNode }
  | { ok: false; problem: YearProblem; incomplete: boolean };

// Keypad symbols and their ASCII forms. The letter x is deliberately not a times sign.
const SYMBOLS: Record<string, Sym> = {
  '+': '+', '-': '-', '\u2212': '-',
  '*': '*', '\u00d7': '*', '\u00b7': '*', '\u22c5': '*',
  '/': '/', '\u00f7': '/',
  '^': '^', '!': '!', P: 'P', p: 'P', C: 'C', c: 'C', '\u221a': 'sqrt', '(': '(', ')': ')',
};

const PRETTY: Record<Sym, string> = {
  '+': '+', '-': '\u2212', '*': '\u00d7', '/': '\u00f7', '^': '^', P: 'P', C: 'C', '!': '!',
  sqrt: '\u221a', '(': '(', ')': ')',
};


/** Lone surrogates and control characters would garble a message, so show them as U+XXXX. */
function showChar(cp: number): string {
  const printable = cp > 0x20 && !(cp >= 0x7f && cp <= 0x9f) && !(cp >= 0xd800 && cp <= 0xdfff);
  return printable ? String.fromCodePoint(cp) : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function tokenize(expr: string): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const cp = expr.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const pos = i + 1;
    if (cp >= 48 && cp <= 57) {
      // Adjacent digits form one token; whitespace between digits does not join them.
      const digits: number[] = [];
      while (i < expr.length && expr.charCodeAt(i) >= 48 && expr.charCodeAt(i) <= 57) {
        digits.push(expr.charCodeAt(i) - 48);
        i++;
      }
      tokens.push({ kind: 'num', digits, pos });
      continue;
    }
    // ASCII first: every answer is judged, and most are plain keypad input.
    if (cp === 32 || (cp >= 9 && cp <= 13) || (cp > 127 && /\s/u.test(ch))) {
      i += ch.length;
      continue;
    }
    if ((cp === 115 || cp === 83) && expr.slice(i, i + 4).toLowerCase() === 'sqrt') {
      tokens.push({ kind: 'sym', sym: 'sqrt', pos });
      i += 4;
      continue;
    }
    const sym = SYMBOLS[ch];
    if (sym === undefined) {
      const shown = showChar(cp);
      const problem =
        ch === 'x' || ch === 'X'
          ? yearProblem('syntax', 'letter_x')
          : yearProblem('syntax', 'bad_char', { char: shown, pos });
      return { ok: false, problem };
    }
    tokens.push({ kind: 'sym', sym, pos });
    i += ch.length;
  }
  return { ok: true, tokens };
}

export function tokenText(t: Token): string {
  return t.kind === 'num' ? t.digits.join('') : PRETTY[t.sym];
}

class ParseFailure {
  constructor(
    readonly problem: YearProblem,
    readonly incomplete: boolean,
  ) {}
}

export function parse(tokens: readonly Token[]): ParseResult {
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  // One or two symbols, not a rest list: it runs for every token at every precedence level.
  const isSym = (t: Token | undefined, a: Sym, b?: Sym): t is Token & { kind: 'sym' } =>
    t !== undefined && t.kind === 'sym' && (t.sym === a || t.sym === b);

  const fail = (t: Token | undefined): never => {
    if (t === undefined) {
      throw new ParseFailure(yearProblem('syntax', 'unfinished'), true);
    }
    const prev = tokens[at - 1];
    const prevEndsValue = prev !== undefined && (prev.kind === 'num' || isSym(prev, ')', '!'));
    if (prevEndsValue && (t.kind === 'num' || isSym(t, '(', 'sqrt'))) {
      throw new ParseFailure(
        yearProblem('syntax', 'missing_operator', { pos: t.pos }),
        false,
      );
    }
    if (isSym(t, ')')) {
      throw new ParseFailure(
        yearProblem('syntax', 'unmatched_paren', { pos: t.pos }),
        false,
      );
    }
    const text = tokenText(t);
    throw new ParseFailure(
      yearProblem('syntax', 'unexpected', { text, pos: t.pos }),
      false,
    );
  };

  // expr := term (('+' | '-') term)*
  const expr = (): YearNode => {
    let left = term();
    for (let t = peek(); isSym(t, '+', '-'); t = peek()) {
      at++;
      left = { kind: 'bin', op: t.sym as BinaryOp, left, right: term() };
    }
    return left;
  };
  // term := unary (('*' | '/') unary)*
  const term = (): YearNode => {
    let left = unary();
    for (let t = peek(); isSym(t, '*', '/'); t = peek()) {
      at++;
      left = { kind: 'bin', op: t.sym as BinaryOp, left, right: unary() };
    }
    return left;
  };
  // unary := '-' unary | pc
  const unary = (): YearNode => {
    if (isSym(peek(), '-')) {
      at++;
      return { kind: 'neg', arg: unary() };
    }
    return pc();
  };
  // pc := power (('P' | 'C') power)*
  const pc = (): YearNode => {
    let left = power();
    for (let t = peek(); isSym(t, 'P', 'C'); t = peek()) {
      at++;
      left = { kind: 'bin', op: t.sym as BinaryOp, left, right: power() };
    }
    return left;
  };
  // power := prefix ('^' exponent)?
  const power = (): YearNode => {
    const base = prefix();
    if (!isSym(peek(), '^')) return base;
    at++;
    return { kind: 'bin', op: '^', left: base, right: exponent() };
  };
  // exponent := '-' exponent | power
  const exponent = (): YearNode => {
    if (isSym(peek(), '-')) {
      at++;
      return { kind: 'neg', arg: exponent() };
    }
    return power();
  };
  // prefix := '√' prefix | postfix
  const prefix = (): YearNode => {
    if (isSym(peek(), 'sqrt')) {
      at++;
      return { kind: 'sqrt', arg: prefix() };
    }
    return postfix();
  };
  // postfix := primary '!'*
  const postfix = (): YearNode => {
    let node = primary();
    while (isSym(peek(), '!')) {
      at++;
      node = { kind: 'fact', arg: node };
    }
    return node;
  };
  // primary := number | '(' expr ')'
  const primary = (): YearNode => {
    const t = peek();
    if (t !== undefined && t.kind === 'num') {
      at++;
      return { kind: 'num', digits: t.digits };
    }
    if (isSym(t, '(')) {
      at++;
      const inner = expr();
      if (!isSym(peek(), ')')) fail(peek());
      at++;
      return { kind: 'group', inner };
    }
    return fail(t);
  };

  try {
    const ast = expr();
    if (at < tokens.length) fail(tokens[at]);
    return { ok: true, ast };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, problem: e.problem, incomplete: e.incomplete };
    throw e;
  }
}

/** Operators whose operands are written tightly (no spaces), as on the keypad. */
const TIGHT = new Set<BinaryOp>(['^', 'P', 'C']);

/**
 * Pretty form with keypad symbols. Parentheses are exactly the ones in the tree
 * (`group` nodes), so the output re-parses to the same tree.
 */
export function formatNode(node: YearNode): string {
  switch (node.kind) {
    case 'num':
      return node.digits.join('');
    case 'group':
      return `(${formatNode(node.inner)})`;
    case 'neg':
      return `\u2212${formatNode(node.arg)}`;
    case 'fact':
      return `${formatNode(node.arg)}!`;
    case 'sqrt':
      return `\u221a${formatNode(node.arg)}`;
    case 'bin': {
      const op = PRETTY[node.op];
      const l = formatNode(node.left);
      const r = formatNode(node.right);
      return TIGHT.has(node.op) ? `${l}${op}${r}` : `${l} ${op} ${r}`;
    }
  }
}

const ATOM = 9;
function precedence(node: YearNode): number {
  switch (node.kind) {
    case 'num':
    case 'group':
      return ATOM;
    case 'fact':
      return 8;
    case 'sqrt':
      return 7;
    case 'neg':
      return 4;
    case 'bin':
      return { '^': 6, P: 5, C: 5, '*': 3, '/': 3, '+': 2, '-': 2 }[node.op];
  }
}

/**
 * Adds parentheses wherever a reader might hesitate, not only where the grammar needs
 * them: (3!)! rather than 3!! (double factorial?), (√4)^2, 2^(3!), 6 − (2 + 1).
 * Used for machine-made expressions, whose trees carry no `group` nodes.
 */
export function withReaderParens(node: YearNode): YearNode {
  const wrap = (child: YearNode, min: number): YearNode => {
    const inner = withReaderParens(child);
    return precedence(child) >= min ? inner : { kind: 'group', inner };
  };
  switch (node.kind) {
    case 'num':
    case 'group':
      return node;
    case 'neg':
      return { kind: 'neg', arg: wrap(node.arg, 5) };
    case 'fact':
    case 'sqrt':
      return { kind: node.kind, arg: wrap(node.arg, ATOM) };
    case 'bin': {
      const [left, right] =
        node.op === '+' || node.op === '-' ? [2, 3] : node.op === '*' || node.op === '/' ? [3, 4] : node.op === '^' ? [ATOM, ATOM] : [8, 8];
      return { kind: 'bin', op: node.op, left: wrap(node.left, left), right: wrap(node.right, right) };
    }
  }
}
