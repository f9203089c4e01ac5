// The code base has no import cycles: a cycle makes the load order decide which module sees the
// other half-initialised, and it hides which layer depends on which (see src/rounds/README.md).
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
// `import type` counts too (Bun's own import scanner drops it): a type cycle still ties two layers together.
const IMPORT = /^\s*(?:import|export)\b[^'"]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Local imports of a file, resolved to files. */
function importsOf(file: string, known: Set<string>): string[] {
  const out: string[] = [];
  for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
    const path = m[1] ?? m[2]!;
    if (!path.startsWith(".")) continue;
    const base = resolve(dirname(file), path);
    const hit = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts")].find((f) => known.has(f));
    if (hit) out.push(hit);
  }
  return out;
}

/**
 * Groups of files that import each other, directly or through others (strongly connected
 * components with more than one file, Tarjan's algorithm). No group = no cycle.
 */
export function findCycles(files: string[]): string[][] {
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, importsOf(f, known)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let next = 0;
  const visit = (f: string) => {
    index.set(f, next);
    low.set(f, next++);
    stack.push(f);
    onStack.add(f);
    for (const g of graph.get(f) ?? []) {
      if (!index.has(g)) {
        visit(g);
        low.set(f, Math.min(low.get(f)!, low.get(g)!));
      } else if (onStack.has(g)) low.set(f, Math.min(low.get(f)!, index.get(g)!));
    }
    if (low.get(f) === index.get(f)) {
      const group: string[] = [];
      let g: string;
      do {
        g = stack.pop()!;
        onStack.delete(g);
        group.push(relative(ROOT, g));
      } while (g !== f);
      if (group.length > 1 || graph.get(f)!.includes(f)) groups.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return groups;
}

describe("imports", () => {
  test("src/ and views/ have no import cycles", () => {
    const cycles = findCycles([...sources(join(ROOT, "src")), ...sources(join(ROOT, "views"))]);
    expect(cycles.map((c) => c.join(" ⇄ "))).toEqual([]);
  });
});
