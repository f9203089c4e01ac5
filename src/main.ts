// flags/env -> choose the data folder -> open db -> migrate -> build app -> listen -> print addresses.
// The start-up decisions (data folder, browser, waiting on failure) live in src/startup/;
// subcommands (`tmc backup …`) in src/admin/commands.ts.
import { join } from "node:path";
import QRCode from "qrcode";
import { defaultConfig, describeConfig, helpText, loadConfig, type Config } from "./config.ts";
import { openDb, type Db } from "./db/client.ts";
import { closeDb } from "./db/close.ts";
import { migrateDb } from "./db/migrate.ts";
import { ensureAdminPassword } from "./auth/teacher.ts";
import { buildApp, buildDeps } from "./app.ts";
import { closeAllStreams } from "./realtime/sse.ts";
import { lanUrls } from "./net.ts";
import { IS_COMPILED } from "./paths.ts";
import { COMMANDS } from "./admin/commands.ts";
import { localUrl, removeLocalAdmin, writeLocalAdmin } from "./admin/local-admin.ts";
import { dataFolderHere, type DataFolderChoice } from "./startup/data-folder.ts";
import { openBrowser, shouldOpenBrowser, type Surroundings } from "./startup/interactive.ts";
import { failStartup, StartupError } from "./startup/failure.ts";
import { listenOnFreePort } from "./startup/listen.ts";
import { deepenListenQueue } from "./startup/backlog.ts";
import { startupBanner } from "./startup/banner.ts";
import { consoleLang } from "./startup/text.ts";
import { VERSION, versionText } from "./startup/version.ts";

async function main() {
  const command = COMMANDS[process.argv[2] ?? ""];
  if (command) process.exit(await command(process.argv.slice(3), process.env));
  const here: Surroundings = { platform: process.platform, env: process.env, compiled: IS_COMPILED, stdoutIsTTY: !!process.stdout.isTTY, stdinIsTTY: !!process.stdin.isTTY };
  let parsed;
  try {
    // data "" = not given: chooseDataFolder picks the default.
    parsed = loadConfig(process.argv.slice(2), process.env, { ...defaultConfig(), data: "" });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  if (parsed.help) return console.log(helpText());
  if (parsed.version) return console.log(versionText());

  const folder = dataFolderHere(parsed.config.data || null);
  if (!folder.ok) {
    const vars: Record<string, string> = folder.code === "data_explicit_not_writable" ? { dir: folder.dir, reason: folder.reason } : { tried: folder.tried.join(", ") };
    return failStartup(new StartupError(folder.code, vars), here);
  }
  const config: Config = { ...parsed.config, data: folder.dir };
  if (parsed.printConfig) return console.log(describeConfig(config));
  try {
    await start(config, folder, here, shouldOpenBrowser(here, parsed.noOpen));
  } catch (err) {
    await failStartup(err, here, folder.dir);
  }
}

async function start(config: Config, folder: DataFolderChoice & { ok: true }, here: Surroundings, openPage: boolean) {
  const dbFile = join(config.data, "tmc.db");
  const db: Db = openDb(dbFile);
  let port: number;
  let app;
  let deps;
  let generated: string | null;
  try {
    const { applied } = migrateDb(db);
    if (applied) console.log(`db: ${dbFile} ready (${applied} migration${applied === 1 ? "" : "s"} applied)`);
    generated = ensureAdminPassword(db, config.adminPassword).generated;
    deps = buildDeps(db, config);
    deps.clock.resumeAll();
    const cleaned = await deps.ops.start();
    if (cleaned.gamesDeleted) console.log(`cleanup: ${cleaned.gamesDeleted} finished game(s) older than ${config.retainDays} days deleted`);
    app = await buildApp(deps);
    const server = app;
    port = listenOnFreePort((p) => server.listen({ port: p, hostname: config.host }), config.port, (line) => console.log(line));
    const queue = deepenListenQueue(port, config.listenBacklog);
    // Only a failure is worth a line: the server runs either way, with Bun's queue of 512.
    if (!queue.ok && queue.reason !== "off" && queue.reason !== "not_linux") console.log(`startup: the listen queue stays at 512 (${queue.reason}); a restart with thousands of phones reconnecting may drop some for a few seconds`);
  } catch (err) {
    deps?.clock.stop();
    await deps?.ops.stop();
    closeDb(db);
    throw err;
  }
  // The handlers go in before anything is printed: a script (or a test) that stops the server as soon as
  // the banner appears must get a clean shutdown, not the default signal death (exit 143).
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down…`);
    // Stop accepting, let in-flight requests finish (their grouped writes commit before they answer), close streams,
    // commit anything still queued, checkpoint.
    closeAllStreams();
    await app.server?.stop(false);
    deps.clock.stop();
    deps.bus.close();
    await deps.ops.stop();
    removeLocalAdmin(config.data, deps.ops.localToken);
    closeDb(db);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  // Windows sends SIGHUP when the teacher closes the console window (and kills the process soon after).
  // Not elsewhere: a handler would undo `nohup` on Linux and macOS.
  if (process.platform === "win32") process.on("SIGHUP", () => void shutdown("SIGHUP"));
  // `tmc backup` on this machine finds the running server (and a token for its backup) here.
  writeLocalAdmin(config.data, { url: localUrl(config.host, port), token: deps.ops.localToken, pid: process.pid });

  const studentUrls = config.host === "0.0.0.0" || config.host === "::" ? lanUrls(port) : [`http://${config.host}:${port}`];
  const teacherUrl = `http://localhost:${port}/teacher`;
  console.log(startupBanner({
    version: VERSION, port, requestedPort: config.port, teacherUrl, studentUrls,
    qr: studentUrls.length ? await QRCode.toString(studentUrls[0]!, { type: "terminal", small: true }) : "",
    dataDir: config.data, fallback: folder.fallback, generatedPassword: generated,
    platform: here.platform, lang: consoleLang(here.env), openingBrowser: openPage,
  }));
  if (openPage) openBrowser(teacherUrl);
}

await main();
