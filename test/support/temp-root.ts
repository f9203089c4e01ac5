// Preloaded by `bun test` (bunfig.toml): the whole run's temporary folders go under one folder of
// its own, removed when the run ends. Many tests make a data folder with mkdtemp and do not remove it
// (a failing test cannot), and a developer's /tmp filled with hundreds of them over a day of runs.
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = mkdtempSync(join(tmpdir(), "tmc-test-run-"));
// os.tmpdir() reads TMPDIR at each call; children spawned with process.env inherit it too.
process.env.TMPDIR = root;

// A preload's afterAll runs once, after the last file.
afterAll(() => rmSync(root, { recursive: true, force: true }));
