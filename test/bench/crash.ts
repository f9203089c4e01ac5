// npm run bench:crash — SIGKILL the server 5 times while students submit; verify nothing is lost or doubled.
// Flags: --kills 5 --students 60 --teams 6 --rate 30 --source (run from source even if dist/tmc exists) --json out.json
import { runCrash } from "./crash-run.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};

const report = await runCrash({
  kills: Number(arg("kills", "5")),
  students: Number(arg("students", "60")),
  teams: Number(arg("teams", "6")),
  rate: Number(arg("rate", "30")),
  minUpMs: 500,
  maxUpMs: 2500,
  preferBinary: !process.argv.includes("--source"),
  log: (l) => console.log(l),
});
console.log(JSON.stringify(report, null, 2));
const json = arg("json", "");
if (json) await Bun.write(json, JSON.stringify(report, null, 2));
const failed = report.okMissing + report.okDuplicated + report.refusedCredited + report.phantomCredits + report.ledgerMismatches + report.scoreMismatches > 0
  || report.streamsRecovered !== `${report.kills}/${report.kills}` || report.reconnectMs.some((ms) => ms > 5000) || report.sigtermExit !== 0;
console.log(failed ? "CRASH TEST FAILED" : "crash test passed: nothing lost, nothing doubled, screens recovered");
process.exit(failed ? 1 : 0);
