// Helpers for Score Steal tests: a started game in brackets, questions in the bank, a running round.
import { createQuestion } from "../../src/questions/bank.ts";
import { Client, createGame, phoneAddress, type TestServer } from "./server.ts";

export type StealSeat = { client: Client; participantId: number; teamId: number; nickname: string };
export type StealTeamInfo = { id: number; name: string; bracket: string | null; seats: StealSeat[] };

/** Adds Score Steal questions to the bank; returns their ids. */
export function addStealQuestions(s: TestServer, qs: { text: string; answer: string; points?: number; unit?: string; timeLimitSeconds?: number }[]): number[] {
  return qs.map((q) => {
    const r = createQuestion(s.deps.db, { category: "score_steal", points: 100, ...q });
    if (!r.ok) throw new Error(`question: ${JSON.stringify(r)}`);
    return r.question.id;
  });
}

/** A started game: `brackets` (null = none) × `teamsPerBracket` teams, `perTeam` seated students each; `teamNames` in that order, if given. */
export async function stealGame(s: TestServer, o: { brackets: (string | null)[]; teamsPerBracket: number; perTeam: number; teamNames?: string[] }) {
  const teamBrackets = o.brackets.flatMap((b) => Array.from({ length: o.teamsPerBracket }, () => b));
  const game = await createGame(s, { teamCount: teamBrackets.length, maxParticipants: teamBrackets.length * o.perTeam, joinMode: "choose", teamBrackets, ...(o.teamNames ? { teamNames: o.teamNames } : {}) });
  const teams: StealTeamInfo[] = await Promise.all(game.teams.map(async (team, ti) => ({
    id: team.id, name: team.name, bracket: teamBrackets[ti] ?? null,
    seats: await Promise.all(Array.from({ length: o.perTeam }, async (_, i) => {
      const client = await new Client(s.url, {}, phoneAddress()).visit();
      const nickname = `t${ti + 1}m${i + 1}`;
      const res = await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname, teamId: team.id });
      const body = (await res.json()) as { participantId: number };
      if (res.status !== 200) throw new Error(`join failed: ${JSON.stringify(body)}`);
      return { client, participantId: body.participantId, teamId: team.id, nickname };
    })),
  })));
  const started = await fetch(`${s.url}/api/games/${game.gameId}/start`, { method: "POST", headers: s.teacher });
  if (started.status !== 200) throw new Error(`start failed: ${await started.text()}`);
  return { ...game, teams };
}

export async function startSteal(s: TestServer, gameId: number, body: Record<string, unknown> = {}): Promise<{ sessionId: number; questionIds: number[] }> {
  const res = await fetch(`${s.url}/api/games/${gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "score_steal", ...body }) });
  const json = (await res.json()) as { sessionId: number; questionIds: number[] };
  if (res.status !== 201) throw new Error(`start round failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** A teacher control on the round: open, reveal, skip, steal-for, pause, resume, extend, end. */
export function teacherAct(s: TestServer, gameId: number, sessionId: number, action: string, body: unknown = {}): Promise<Response> {
  return fetch(`${s.url}/api/games/${gameId}/rounds/${sessionId}/${action}`, { method: "POST", headers: s.teacher, body: JSON.stringify(body) });
}

export function answer(seat: StealSeat, sessionId: number, text: string): Promise<Response> {
  return seat.client.postJson("/api/submit-answer", { sessionId, answer: text });
}

export function stealFrom(seat: StealSeat, sessionId: number, targetTeamId: number): Promise<Response> {
  return seat.client.postJson("/api/steal", { sessionId, targetTeamId });
}

export async function gameState(s: TestServer, gameId: number) {
  return (await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json()) as any;
}
