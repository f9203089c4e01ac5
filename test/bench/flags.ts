// The benches' command lines: a table of flags, each [default, help], parsed the same way for every
// scenario (`--name value` or `--name=value`; `--help` prints the table and exits).
export type FlagTable = Record<string, readonly [string, string]>;

/**
 * Flags whose value is a comma-separated list: given twice, the lists add up (`--env A=1 --env B=2`).
 * Any other flag given twice is refused: the second silently replaced the first, and a run meant to
 * set a server option with one `--env` and log with another ran with the logging alone.
 */
const LIST_FLAGS: ReadonlySet<string> = new Set(["env", "bun-flags"]);

/**
 * `scope` names the scenario in messages ("--round relay", "--event"; "" for the plain bench);
 * `switches` may stand alone (`--startup` → "on") when no value follows.
 */
export function parseFlags<T extends FlagTable>(table: T, argv: string[], scope = "", switches: (keyof T & string)[] = []): Record<keyof T & string, string> {
  const out = Object.fromEntries(Object.entries(table).map(([k, [d]]) => [k, d])) as Record<keyof T & string, string>;
  const pad = Math.max(16, ...Object.keys(table).map((k) => k.length + 1));
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--help" || a === "-h") {
      console.log(`npm run bench -- ${scope ? `${scope} ` : ""}[flags]\n` + Object.entries(table).map(([k, [d, h]]) => `  --${k.padEnd(pad)} ${h}${d ? ` (default ${d})` : ""}`).join("\n"));
      process.exit(0);
    }
    const [name, inline] = a.includes("=") ? [a.slice(2, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a.slice(2), undefined];
    if (!a.startsWith("--") || !(name in table)) throw new Error(`bench: unknown flag ${a}${scope ? ` for ${scope}` : ""} (see ${scope ? `${scope} ` : ""}--help)`);
    const key = name as keyof T & string;
    const again = given.has(key);
    if (again && !LIST_FLAGS.has(key)) throw new Error(`bench: ${a.split("=")[0]} given twice${scope ? ` for ${scope}` : ""}`);
    given.add(key);
    if (switches.includes(key) && inline === undefined && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("--"))) { out[key] = "on"; continue; }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`bench: ${a} needs a value`);
    out[key] = again ? [out[key], value].filter(Boolean).join(",") : value;
  }
  return out;
}
