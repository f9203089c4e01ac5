// A frame made from pieces (src/realtime/frames.ts frameBytes) is byte for byte the frame of their
// concatenation, and a long piece several streams share is encoded once per flush.
import { describe, expect, test } from "bun:test";
import { formatFrame, frameBytes } from "../../src/realtime/frames.ts";

const encoder = new TextEncoder();
const whole = (id: string, pieces: string[]) => encoder.encode(formatFrame(id, pieces.join("")));
const long = (s: string) => s.repeat(Math.ceil(600 / s.length));

describe("frame bytes from pieces", () => {
  const cases: [string, string[]][] = [
    ["short pieces only", ["<a>", "<b>é</b>", ""]],
    ["a long shared piece between short ones", ["<s>12:00</s>", long("<td>팀 ✓ 💡</td>"), "<p>mine</p>"]],
    ["line breaks inside and at the edges of pieces", ["a\nb", long("x\ny\r\nz"), "\n", long("q\r"), "r"]],
    ["a \\r\\n split across two pieces", [long("a") + "\r", "\n" + long("b")]],
    ["a long piece first and last", [long("<i>1</i>"), long("<i>2</i>")]],
    ["no pieces", []],
  ];
  for (const [name, pieces] of cases) {
    test(`${name}: the same bytes as the whole`, () => {
      expect(frameBytes("b-7", { html: pieces.join(""), pieces }, new Map())).toEqual(whole("b-7", pieces));
    });
  }

  test("without pieces: the whole html, formatted", () => {
    expect(frameBytes("b-1", { html: "<a>\n<b>" }, new Map())).toEqual(encoder.encode("id: b-1\ndata: <a>\ndata: <b>\n\n"));
  });

  test("a long piece shared by several updates in one flush is encoded once; each frame keeps its own pieces", () => {
    const chains = long("<td>A ✓</td>");
    const flushMemo = new Map<string, unknown>();
    const a = frameBytes("b-9", { html: "<s>1</s>" + chains + "<p>A</p>", pieces: ["<s>1</s>", chains, "<p>A</p>"] }, flushMemo);
    const b = frameBytes("b-9", { html: "<s>1</s>" + chains + "<p>B</p>", pieces: ["<s>1</s>", chains, "<p>B</p>"] }, flushMemo);
    expect(a).toEqual(whole("b-9", ["<s>1</s>", chains, "<p>A</p>"]));
    expect(b).toEqual(whole("b-9", ["<s>1</s>", chains, "<p>B</p>"]));
    const cached = [...flushMemo.values()].find((v) => v instanceof Map) as Map<string, Uint8Array>;
    expect([...cached.keys()]).toEqual([chains]);
    // A changed piece in the next flush (a new memo) is not served the old bytes.
    const next = chains.replace("✓", "✗");
    expect(frameBytes("b-10", { html: next, pieces: [next] }, new Map())).toEqual(whole("b-10", [next]));
  });
});
