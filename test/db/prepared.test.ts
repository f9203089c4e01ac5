// Statements are prepared once per database (src/db/prepared.ts), keyed by their builder
// function: a builder written inline at the call is a new key on every call, so it is prepared
// again each time and every copy is kept. The teacher's panel read the event plan that way every
// second in every game.
import { expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb, read } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";
import { preparedSetCount } from "../../src/db/prepared.ts";
import { readPlan } from "../../src/event/plan.ts";
import { findGame, listTeams, teamsWithMembers } from "../../src/games/queries.ts";
import { roundTeams } from "../../src/rounds/relay-quiz/store.ts";

test("the live screens' reads prepare their statements once per database, however often they run", () => {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-prepared-")), "tmc.db"));
  migrateDb(db);
  try {
    const readAll = () => read(db, (tx) => { readPlan(tx, 1); findGame(tx, 1); listTeams(tx, 1); teamsWithMembers(tx, 1); roundTeams(tx, 1); });
    readAll();
    const warm = preparedSetCount(db);
    expect(warm).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) readAll();
    expect(preparedSetCount(db)).toBe(warm);
  } finally {
    closeDb(db);
  }
});

test("no builder is written inline at a preparedFor call (it would be a new cache key every call)", () => {
  const root = join(import.meta.dir, "..", "..", "src");
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && /preparedFor\(\s*\w+\s*,\s*(\(|function\b|async\b)/.test(readFileSync(path, "utf8"))) offenders.push(path.slice(root.length + 1));
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});

// With a schema, drizzle builds a relational query helper for every table at every transaction
// (each live render reads in one); TMC writes no relational queries, so it gives drizzle none.
test("a transaction builds no per-table query helpers", () => {
  const db = openDb(join(mkdtempSync(join(tmpdir(), "tmc-prepared-")), "tmc.db"));
  migrateDb(db);
  try {
    expect(read(db, (tx) => Object.keys((tx as unknown as { query: object }).query).length)).toBe(0);
  } finally {
    closeDb(db);
  }
});
