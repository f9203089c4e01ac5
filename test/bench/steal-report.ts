// The Score Steal bench's report: a table per shape and the targets of issue 11, met or not.
import { table } from "./stats.ts";

type Check = { name: string; value: string; ok: boolean };

/** Issue 11's targets for one shape (open → phones p99 < 150 ms, answers p99 < 100 ms, 0 missed, scores = ledger) and the run's own checks. */
export function stealChecks(s: any): Check[] {
  const out: Check[] = [];
  const add = (name: string, value: string, ok: boolean) => out.push({ name: `${s.name}: ${name}`, value, ok });
  add(`${s.phones} phones connected`, `${s.streams.openAtEnd}/${s.streams.expected} streams`, s.streams.openAtEnd === s.streams.expected);
  add("open → every phone p99 < 150 ms", `${s.open.phone.p99Ms} ms`, s.open.phone.count > 0 && s.open.phone.p99Ms < 150);
  add("answer p99 < 100 ms during the burst", `${s.answers.all.p99Ms} ms`, s.answers.all.count > 0 && s.answers.all.p99Ms < 100);
  const missed = s.open.missed + s.steal.missed + s.roundPanelMissing;
  add("0 missed updates", `${missed} missed, ${s.streams.unexpectedCloses} unexpected closes`, missed === 0 && s.streams.unexpectedCloses === 0);
  add("one winner per bracket", `${s.winners.ok}/${s.winners.brackets}`, s.winners.ok === s.winners.brackets && s.problemCount === 0);
  add("one team answer per team", `${s.teamAnswerMismatches} teams differ`, s.teamAnswerMismatches === 0);
  add("every score equals its ledger", `${s.ledger.teams - s.ledger.mismatches}/${s.ledger.teams} teams`, s.ledger.teams > 0 && s.ledger.mismatches === 0);
  const errors = s.join.errorCount + s.answers.errorCount + s.teacherErrorCount;
  add("0 unexpected errors", String(errors), errors === 0);
  return out;
}

export function stealReport(r: any): void {
  const d = (x: { p50Ms: number; p99Ms: number; maxMs: number; count?: number }) => `p50 ${x.p50Ms} · p99 ${x.p99Ms} · max ${x.maxMs} ms${x.count !== undefined ? ` (${x.count})` : ""}`;
  const l = r.limits;
  console.log(`\nScore Steal — limits ${r.rateLimits}: join ${l.joinPerDevice}/device, ${l.joinPerAddress}/address; answers ${l.answerPerSeat}/seat, ${l.answerPerAddress}/address; new devices ${l.newDevicesPerAddress}/address; games ${l.createPerDevice}/device; login ${l.loginPerAddress}/address; streams ${l.streamsPerDevice}/device, ${l.streamsPerAddress}/address, ${l.streamsTotal} in all`);
  console.log(`  phones send from ${r.phonesFrom}; ${r.questionsPerShape} questions per shape; the games open each question within ${r.openSpreadSeconds} s; every phone taps within ${r.tapSeconds} s; ${Math.round(r.correctShare * 100)}% of taps right`);
  const targets: Check[] = [];
  for (const s of Object.values(r.shapes) as any[]) {
    console.log(`\n${s.name}: ${s.games} game(s) × ${s.teams} teams × ${s.perTeam} phones (${s.phones} phones), ${s.brackets} bracket(s) per game — server ${s.serverKind}`);
    console.log(table([
      ["join: all seated", `${s.join.seconds} s`, `streams ready ${s.join.readySeconds} s; ${d(s.join)}; errors ${JSON.stringify(s.join.errors)}`],
      ["open request (teacher)", `${s.open.request.p99Ms} ms`, d(s.open.request)],
      ["open → phone", `${s.open.phone.p99Ms} ms`, `${d(s.open.phone)}; from ${s.open.from}`],
      ["open → projector", `${s.open.screen.p99Ms} ms`, d(s.open.screen)],
      ["answers (all)", `${s.answers.all.p99Ms} ms`, d(s.answers.all)],
      ["team answers (200)", `${s.answers.team.p99Ms} ms`, d(s.answers.team)],
      ["answer results", String(s.answers.count), JSON.stringify(s.answers.expected)],
      ["unexpected errors", String(s.answers.errorCount + s.join.errorCount + s.teacherErrorCount), `answers ${JSON.stringify(s.answers.errors)}; teacher ${JSON.stringify(s.teacherErrors)}`],
      ["winners", `${s.winners.ok}/${s.winners.brackets}`, `brackets × questions with exactly the one winner the 200s said (${s.winners.noCorrect} with no right answer)`],
      ["steals", String(s.steal.count), `request ${d(s.steal.request)}; ${s.steal.fromNobody} winners with nobody to steal from`],
      ["steal → streams", `${s.steal.fanout.p99Ms} ms`, `${d(s.steal.fanout)}; ${s.steal.scope}`],
      ["  phones", `${s.steal.phone.p99Ms} ms`, d(s.steal.phone)],
      ["  projector", `${s.steal.screen.p99Ms} ms`, d(s.steal.screen)],
      ["missed", String(s.open.missed + s.steal.missed + s.roundPanelMissing), `open ${s.open.missed}, steal ${s.steal.missed}, round panel ${s.roundPanelMissing}; unexpected closes ${s.streams.unexpectedCloses}`],
      ["scores = ledger", `${s.ledger.teams - s.ledger.mismatches}/${s.ledger.teams}`],
      ["phone stream traffic", `${s.traffic.kbPerPhonePerQuestion} kB`, `per phone per question, in ${s.traffic.framesPerPhonePerQuestion} frames; teacher ${s.traffic.teacherKbPerFrame} kB, projector ${s.traffic.screenKbPerFrame} kB per frame`],
      ["server", `${s.server.peakRssMb} MB`, `peak RSS; CPU ${s.server.cpuPercent}% of one core over the questions, ${s.server.burstCpuPercent}% during the bursts`],
      ["load generator", `${s.client.cpuPercent}% CPU`, `timer lag p99 ${s.client.loopLagP99Ms} ms, max ${s.client.loopLagMaxMs} ms`],
      ["machine", `load ${s.machine.loadAvgEnd}`, `at start ${s.machine.loadAvgStart}; other processes ${s.machine.otherCpuPercent}% of one core; ${s.machine.cores} cores`],
    ]));
    console.log(table(s.perQuestion.map((q: any) => [`  Q${q.position}`, `open p99 ${q.openPhone.p99Ms} ms`, `answers p99 ${q.answers.p99Ms} ms (${q.answers.count}); steal p99 ${q.stealFanout.p99Ms} ms; winners ${q.winners}; missed ${q.missed}; burst ${q.burstSeconds} s, server CPU ${q.serverCpuSeconds} s (${q.serverCpuPercent}%)`])));
    if (s.problemCount) console.log(`  problems (${s.problemCount}):\n    ${s.problems.join("\n    ")}`);
    targets.push(...stealChecks(s));
  }
  console.log("\nTargets");
  console.log(table(targets.map((c) => [c.name, c.value, c.ok ? "met" : "NOT MET"])));
  r.targets = targets;
}
