// Helpers for Year Game tests: a started game with seated students and a running round.
import { solve, defaultYearRules } from "../../src/rounds/year-game/rules.ts";
import { Client, createGame, phoneAddress, type TestServer } from "./server.ts";

export type Seat = { client: Client; participantId: number; teamId: number; token: string; nickname: string };

/** Creates and starts a game and seats `perTeam` students in each of `teams` teams (choose mode), each on a phone of its own (its own address); `spare` seats stay free. */
export async function seatedGame(s: TestServer, teams: number, perTeam: number, spare = 0) {
  const game = await createGame(s, { teamCount: teams, maxParticipants: Math.max(1, teams * perTeam + spare), joinMode: "choose" });
  const seats: Seat[][] = await Promise.all(game.teams.map((team, ti) => Promise.all(Array.from({ length: perTeam }, async (_, i) => {
    const client = await new Client(s.url, {}, phoneAddress()).visit();
    const nickname = `t${ti + 1}m${i + 1}`;
    const res = await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname, teamId: team.id });
    const body = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`join failed: ${JSON.stringify(body)}`);
    return { client, participantId: body.participantId, teamId: team.id, token: body.token, nickname };
  }))));
  const started = await fetch(`${s.url}/api/games/${game.gameId}/start`, { method: "POST", headers: s.teacher });
  if (started.status !== 200) throw new Error(`start failed: ${await started.text()}`);
  return { ...game, seats };
}

export async function startYear(s: TestServer, gameId: number, body: Record<string, unknown> = {}): Promise<{ sessionId: number; digits: number[] }> {
  const res = await fetch(`${s.url}/api/games/${gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "year_game", digits: [1, 3, 5, 7, 9], ...body }) });
  const json = (await res.json()) as any;
  if (res.status !== 201) throw new Error(`start round failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export function answersFor(digits: number[]): Map<number, string> {
  return solve(defaultYearRules(digits));
}

export function submit(seat: Seat, sessionId: number, expression: string, targetNumber?: number) {
  return seat.client.postJson("/api/submit-answer", { sessionId, expression, ...(targetNumber === undefined ? {} : { targetNumber }) });
}
