// flags/env -> open db -> migrate -> build app -> listen -> print LAN URLs.
import { join } from "node:path";
import QRCode from "qrcode";
import { defaultConfig, describeConfig, helpText, loadConfig } from "./config.ts";
import { DbInUseError, openDb } from "./db/client.ts";
import { closeDb } from "./db/close.ts";
import { migrateDb } from "./db/migrate.ts";
import { ensureAdminPassword } from "./auth/teacher.ts";
import { buildApp, buildDeps } from "./app.ts";
import { closeAllStreams } from "./realtime/sse.ts";
import { lanUrls } from "./net.ts";
import { defaultDataDir } from "./paths.ts";

async function main() {
  let parsed;
  try {
    parsed = loadConfig(process.argv.slice(2), process.env, { ...defaultConfig(), data: defaultDataDir() });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const { config } = parsed;
  if (parsed.help) return console.log(helpText());
  if (parsed.printConfig) return console.log(describeConfig(config));

  const dbFile = join(config.data, "tmc.db");
  let db;
  try {
    db = openDb(dbFile);
  } catch (err) {
    if (!(err instanceof DbInUseError)) throw err;
    console.error(err.message);
    console.error("TMC가 이미 실행 중인 것 같습니다. 열려 있는 창을 닫거나 다른 --data 폴더를 지정하세요.");
    process.exit(1);
  }
  const { applied } = migrateDb(db);
  if (applied) console.log(`db: ${dbFile} ready (${applied} migration${applied === 1 ? "" : "s"} applied)`);
  const { generated } = ensureAdminPassword(db, config.adminPassword);

  const deps = buildDeps(db, config);
  deps.clock.resumeAll();
  const app = await buildApp(deps);

  let port = config.port;
  for (let attempt = 0; ; attempt++) {
    try {
      app.listen({ port, hostname: config.host });
      break;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== "EADDRINUSE" || attempt >= 20) throw err;
      console.log(`Port ${port} is in use; trying ${port + 1}.`);
      port++;
    }
  }
  const urls = config.host === "0.0.0.0" || config.host === "::" ? lanUrls(port) : [`http://${config.host}:${port}`];
  console.log("");
  console.log(`TMC is running${port !== config.port ? ` on port ${port} (${config.port} was taken)` : ""}.`);
  console.log(`Teacher:  http://localhost:${port}/teacher`);
  if (urls.length) {
    console.log("Students open (학생 접속 주소):");
    for (const u of urls) console.log(`  ${u}`);
    console.log(await QRCode.toString(urls[0]!, { type: "terminal", small: true }));
  } else {
    console.log(`No network found: students cannot connect yet. Local address: http://localhost:${port}`);
  }
  if (generated) {
    console.log("──────────────────────────────────────────────");
    console.log(`Teacher password (교사 비밀번호): ${generated}`);
    console.log("Shown once. Set your own with the TMC_ADMIN_PASSWORD environment variable (a --admin-password flag shows in the process list).");
    console.log("──────────────────────────────────────────────");
  }

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
    closeDb(db);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

await main();
