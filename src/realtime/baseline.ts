/**
 * What a live stream's viewer already shows, for renders that can send a difference instead of a
 * large fragment (a phone's grid gets only the newly found cells; the teacher's team list only
 * the scores; the teacher's relay cards only the teams that moved). `shows` is what the stream's
 * previous update left on screen ("" for a first frame, which must carry everything); a render
 * calls `establish` with what its own output leaves. A screen made of several such regions keeps
 * one version per region: `part(name)` / `establishPart(name, version)` (`shows` is the part "").
 * Pages and one-off renders pass none.
 */
export type Baseline = {
  shows: string;
  establish(version: string): void;
  part(name: string): string;
  establishPart(name: string, version: string): void;
};

// A stream keeps its baseline as one string: the default part as is (the common case, no other
// part), else the parts as name SEP version pairs.
const PARTS = "\u0001";
const PAIR = "\u0002";

function parse(serialized: string): Map<string, string> {
  if (!serialized.startsWith(PARTS)) return new Map(serialized ? [["", serialized]] : []);
  const parts = new Map<string, string>();
  for (const pair of serialized.slice(1).split(PARTS)) {
    const at = pair.indexOf(PAIR);
    parts.set(pair.slice(0, at), pair.slice(at + 1));
  }
  return parts;
}

function serialize(parts: Map<string, string>): string {
  if (parts.size === 0) return "";
  if (parts.size === 1 && parts.has("")) return parts.get("")!;
  return PARTS + [...parts].map(([name, version]) => `${name}${PAIR}${version}`).join(PARTS);
}

/** A baseline for one render, and `next()`: what the render's output leaves on screen (unchanged unless it says). */
export function baselineFrom(shows: string): { baseline: Baseline; next(): string } {
  const before = parse(shows);
  let after: Map<string, string> | null = null;
  const set = (name: string, version: string) => (after ??= new Map(before)).set(name, version);
  return {
    baseline: {
      shows: before.get("") ?? "",
      establish: (version) => set("", version),
      part: (name) => before.get(name) ?? "",
      establishPart: set,
    },
    next: () => (after ? serialize(after) : shows),
  };
}

/** A short version of what a region shows (its hash and length), for a baseline part. */
export function versionOf(text: string): string {
  return `${Bun.hash(text).toString(36)}:${text.length}`;
}

/** Whether the viewer already shows `version` in part `name`; from this render on, it does. */
export function shownBefore(baseline: Baseline | undefined, name: string, version: string): boolean {
  const shown = baseline?.part(name) === version;
  baseline?.establishPart(name, version);
  return shown;
}

/**
 * A region made of items a render can send one by one (the projector's track per team, the
 * teacher's card per team, a phone's chain cell per slot). `layout` says what places the items
 * (their ids, in order), `versions` what each shows. Null when the viewer shows another layout
 * (send the whole region); else, per item, whether the viewer already shows it. From this render
 * on, it shows these.
 */
export function itemsShown(baseline: Baseline | undefined, name: string, layout: string, versions: readonly string[]): boolean[] | null {
  const shown = baseline?.part(name);
  baseline?.establishPart(name, `${layout}:${versions.join(",")}`);
  if (!shown?.startsWith(`${layout}:`)) return null;
  const was = shown.slice(layout.length + 1).split(",");
  return was.length === versions.length ? versions.map((v, i) => was[i] === v) : null;
}
