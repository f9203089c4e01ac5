// Run inside a network namespace that has only loopback (see offline.test.ts): starts the given
// TMC binary and plays what a class does — the teacher logs in and creates a game, a student
// joins from "a phone", the teacher starts a Year Game round, the student answers. Prints one
// JSON line with what it saw and exits 0, or prints the failure and exits 1.
import { networkInterfaces } from "node:os";
import { Client } from "../support/server.ts";
import { answersFor } from "../support/year.ts";
import { plainEnv, startUntilListening, stop } from "../support/binary.ts";

const binary = process.argv[2]!;
// The data folder comes from the test, which removes it: this process runs with a plain environment.
const dataFolder = process.argv[3]!;
const report: Record<string, unknown> = {};
const interfaces = Object.entries(networkInterfaces()).flatMap(([name, addrs]) => (addrs ?? []).map((a) => `${name}:${a.address}`));
report.interfaces = interfaces;
// Proof there is no way out: a public address is unreachable from here.
report.internet = await fetch("http://1.1.1.1/", { signal: AbortSignal.timeout(2000) }).then(() => "reachable", (e: Error) => `unreachable (${e.name}: ${e.message.slice(0, 60)})`);

const server = await startUntilListening([binary, "--data", dataFolder, "--port", "3000"], { env: plainEnv({ TMC_ADMIN_PASSWORD: "offline-pw" }) });
try {
  report.banner = server.output();
  const teacher = new Client(server.url);
  const login = await teacher.postJson("/api/login", { password: "offline-pw" });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}` };
  const created = await teacher.postJson("/api/create-game", { title: "Offline class", teamCount: 2, maxParticipants: 10, joinMode: "choose" }, auth);
  const game = (await created.json()) as { gameId: number; gameCode: string; teams: { id: number }[] };
  report.create = created.status;

  const phone = await new Client(server.url).visit();
  const joined = await phone.postJson("/api/join-game", { gameCode: game.gameCode, nickname: "민지", teamId: game.teams[0]!.id });
  report.join = { status: joined.status, body: await joined.json() };

  report.start = (await teacher.fetch(`/api/games/${game.gameId}/start`, { method: "POST", headers: auth })).status;
  const round = await teacher.postJson(`/api/games/${game.gameId}/rounds`, { type: "year_game", digits: [1, 3, 5, 7, 9] }, auth);
  const { sessionId } = (await round.json()) as { sessionId: number };
  report.round = round.status;

  const expression = answersFor([1, 3, 5, 7, 9]).get(76)!;
  const answer = await phone.postJson("/api/submit-answer", { sessionId, expression });
  report.answer = { status: answer.status, body: await answer.json() };
  const state = (await (await phone.fetch(`/api/game-state?gameId=${game.gameId}`)).json()) as { teams: { id: number; score: number }[] };
  report.teamScore = state.teams.find((t) => t.id === game.teams[0]!.id)?.score;
  // the phone's page, as a browser loads it
  report.playPage = (await phone.fetch(`/g/${game.gameCode}/play`)).status;
  report.exit = await stop(server);
  console.log(JSON.stringify(report));
} catch (err) {
  console.error(`offline play failed: ${(err as Error).stack}\n${server.output()}`);
  await stop(server);
  process.exit(1);
}
