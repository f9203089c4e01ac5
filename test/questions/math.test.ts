import { describe, expect, test } from "bun:test";
import { renderMathText, renderQuestionText, splitMath } from "../../src/questions/math.ts";

/** Markup a hostile text could smuggle in: a link or active tag, an event handler, a URL attribute. */
function hostileMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [, name, attrs] of html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    if (/^(a|img|script|iframe|object|embed|style|link|form|input|foreignObject)$/i.test(name!)) found.push(`<${name}>`);
    for (const [, attr] of attrs!.matchAll(/\s([^\s=]+)\s*=/g)) if (/^(on|href$|src$|xlink:href$|action$)/i.test(attr!)) found.push(`${name} ${attr}`);
  }
  return found;
}

describe("question text with math", () => {
  test("\\frac{3}{4} renders with KaTeX markup and MathML", () => {
    const r = renderMathText("What is $\\frac{3}{4} + \\frac{1}{4}$?");
    expect(r.problems).toEqual([]);
    expect(r.html.startsWith("What is <span class=\"katex\">")).toBe(true);
    expect(r.html).toContain("<math");
    expect(r.html).toContain("<mfrac>");
    expect(r.html.endsWith("?")).toBe(true);
  });
  test("\\( … \\), $$ … $$ and \\[ … \\] are math too; $$ is display math", () => {
    expect(renderMathText("\\(\\sqrt{2}\\)").html).toContain("<msqrt>");
    expect(renderMathText("$$x^2$$").html).toContain("katex-display");
    expect(renderMathText("\\[x^2\\]").html).toContain("katex-display");
  });
  test("an unknown macro degrades to its escaped source and the problem is listed", () => {
    const r = renderMathText("A $\\foo{1} < 2$ B");
    expect(r.html).toBe("A $\\foo{1} &lt; 2$ B");
    expect(r.problems).toEqual([{ code: "latex_error", tex: "\\foo{1} < 2", at: 3, detail: expect.stringContaining("\\foo") }]);
  });
  test("\\href{javascript:alert(1)}{x} gives no link and no markup, and is listed", () => {
    // the detector itself finds what it looks for
    expect(hostileMarkup('<a href="javascript:x">x</a><b onclick=1>')).toEqual(["<a>", "a href", "b onclick"]);
    const r = renderMathText("click $\\href{javascript:alert(1)}{x}$");
    expect(hostileMarkup(r.html)).toEqual([]);
    expect(r.html).not.toContain("<span");
    expect(r.problems).toMatchObject([{ code: "untrusted_command", detail: "\\href" }]);
    for (const cmd of ["\\url{javascript:alert(1)}", "\\includegraphics{x.png}", "\\htmlClass{a}{b}", "\\htmlData{onclick=alert(1)}{b}"]) {
      const x = renderMathText(`$${cmd}$`);
      expect(hostileMarkup(x.html)).toEqual([]);
      expect(x.problems.length).toBe(1);
    }
  });
  test("raw HTML in the text is escaped, inside and outside math", () => {
    const r = renderMathText("<img src=x onerror=alert(1)> and $<img src=x onerror=alert(1)>$ <script>alert(1)</script>");
    expect(hostileMarkup(r.html)).toEqual([]);
    expect(r.html.startsWith("&lt;img src=x onerror=alert(1)&gt; and ")).toBe(true);
    expect(r.html).toContain("&lt;script&gt;");
  });
  test("a dollar sign can be written \\$; an unclosed $ stays text", () => {
    expect(renderMathText("costs \\$5").html).toBe("costs $5");
    expect(renderMathText("5 $ only").html).toBe("5 $ only");
    expect(splitMath("a $x$ b")).toMatchObject([{ kind: "text", text: "a " }, { kind: "math", tex: "x" }, { kind: "text", text: " b" }]);
  });
  test("macro loops and huge sizes are bounded", () => {
    const loop = renderMathText("$\\def\\a{\\a\\a}\\a$");
    expect(loop.problems[0]?.code).toBe("latex_error");
    const big = renderMathText("$\\rule{100000em}{1em}$");
    expect(big.html.length).toBeLessThan(5000);
  });
  test("Korean text inside and outside math renders without a problem", () => {
    const r = renderMathText("넓이는 $\\text{가로} \\times 3$ 입니다");
    expect(r.problems).toEqual([]);
    expect(r.html).toContain("넓이는 ");
  });
  test("the cached renderer returns the same result and stays bounded", () => {
    const a = renderQuestionText("$\\frac{1}{2}$");
    expect(renderQuestionText("$\\frac{1}{2}$")).toBe(a);
    for (let i = 0; i < 600; i++) renderQuestionText(`$${i}$`);
    expect(renderQuestionText("$\\frac{1}{2}$")).not.toBe(a); // evicted, rendered again
  });
});
