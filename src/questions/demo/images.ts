// The demo bank's pictures, embedded in the compiled binary by Bun's file imports: in
// development the import gives the file's path in src/, in the binary a path inside it
// (/$bunfs/…), and readFileSync reads both. Drawn by test/support/draw-demo-images.ts.
import { readFileSync } from "node:fs";
import circle from "./images/circle.png" with { type: "file" };
import lShape from "./images/l-shape.png" with { type: "file" };
import rightTriangle from "./images/right-triangle.png" with { type: "file" };
import triangleAngles from "./images/triangle-angles.png" with { type: "file" };
import type { DemoImage } from "./data.ts";

const FILES: Record<DemoImage, string> = {
  "right-triangle": rightTriangle,
  "l-shape": lShape,
  circle,
  "triangle-angles": triangleAngles,
};

export function demoImageBytes(name: DemoImage): Uint8Array {
  return new Uint8Array(readFileSync(FILES[name]));
}

export const DEMO_IMAGE_NAMES = Object.keys(FILES) as DemoImage[];
