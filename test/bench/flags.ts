// The benches' command lines: a table of flags, each [default, help], parsed the same way for every
// scenario (`--name value` or `--name=value`; `--help` prints the table and exits).
export type FlagTable = Record<string, readonly [string, string]>;

/**
 * `scope` names the scenario in messages ("--round relay", "--event"; "" for the plain bench);
 * `switches` may stand alone (`--startup` → "on") when no value follows.
 */
export function parseFlags<T extends FlagTable>(table: T, argv: string[], scope = "", switches: (keyof T & string)[] = []): Record<keyof T & string, string> {
  const out = Object.fromEntries(Object.entries(table).map(([k, [d]]) => [k, d])) as Record<keyof T & string, string>;
  const pad = Math.max(16, ...Object.keys(table).map((k) => k.length + 1));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") {
      console.log(`npm run bench -- ${scope ? `${scope} ` : ""}[flags]\n` + Object.entries(table).map(([k, [d, h]]) => `  --${k.padEnd(pad)} ${h}${d ? ` (default ${d})` : ""}`).join("\n"));
      process.exit(0);
    }
    const [name, inline] = a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), undefined];
    if (!a.startsWith("--") || !(name in table)) throw new Error(`bench: unknown flag ${a}${scope ? ` for ${scope}` : ""} (see ${scope ? `${scope} ` : ""}--help)`);
    const key = name as keyof T & string;
    if (switches.includes(key) && inline === undefined && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("--"))) { out[key] = "on"; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`bench: ${a} needs a value`);
    out[key] = value;
  }
  return out;
}
