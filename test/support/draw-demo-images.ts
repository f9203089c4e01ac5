// Draws the demo bank's diagrams (src/questions/demo/images/*.png): hand-written SVG, rasterised
// by Debian's chromium through playwright-core, so the PNGs are reproducible and small. Labels
// are numbers and letters only, so one picture serves the Korean and the English demo.
//
// Redraw:  ./node_modules/.bin/bun test/support/draw-demo-images.ts   (then commit the PNGs)
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "../e2e/browser.ts";

const OUT = join(import.meta.dir, "..", "..", "src", "questions", "demo", "images");
const W = 480;
const H = 320;
const STYLE = `<style>text{font:600 22px sans-serif;fill:#111}.s{stroke:#111;stroke-width:3;fill:none}.f{fill:#dbeafe;stroke:#111;stroke-width:3}</style>`;

export const DIAGRAMS: Record<string, string> = {
  // Right triangle with legs 6 and 8: the hypotenuse is asked.
  "right-triangle": `
    <polygon class="f" points="100,270 380,270 100,60"/>
    <polyline class="s" points="100,245 125,245 125,270"/>
    <text x="220" y="302">8 cm</text><text x="28" y="172">6 cm</text><text x="252" y="152">?</text>`,
  // An 8 × 6 rectangle with a 3 × 2 corner cut away (area 42).
  "l-shape": `
    <polygon class="f" points="90,280 410,280 410,140 290,140 290,60 90,60"/>
    <text x="228" y="310">8 cm</text><text x="20" y="178">6 cm</text>
    <text x="326" y="130">3 cm</text><text x="298" y="108">2 cm</text>`,
  // A circle of radius 4 with its centre O.
  "circle": `
    <circle class="f" cx="240" cy="160" r="130"/>
    <line class="s" x1="240" y1="160" x2="370" y2="160"/><circle cx="240" cy="160" r="5" fill="#111"/>
    <text x="214" y="152">O</text><text x="278" y="150">4 cm</text>`,
  // A triangle with angles 50° and 60°: the third angle x is asked.
  "triangle-angles": `
    <polygon class="f" points="60,280 420,280 250,50"/>
    <path class="s" d="M 110 280 A 50 50 0 0 0 92 241"/><path class="s" d="M 375 280 A 45 45 0 0 1 394 245"/>
    <path class="s" d="M 226 83 A 40 40 0 0 0 273 82"/>
    <text x="118" y="268">50°</text><text x="318" y="268">60°</text><text x="236" y="118">x</text>`,
};

if (import.meta.main) {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: W, height: H }, deviceScaleFactor: 1 });
  for (const [name, body] of Object.entries(DIAGRAMS)) {
    await page.setContent(`<html><body style="margin:0;background:#fff"><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${STYLE}${body}</svg></body></html>`);
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: W, height: H } });
    writeFileSync(join(OUT, `${name}.png`), png);
    console.log(`${name}.png ${png.length} bytes`);
  }
  await browser.close();
}
