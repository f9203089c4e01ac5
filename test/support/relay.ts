// Helpers for Relay Quiz tests: a bank of relay sets whose later questions use T, a round
// started over the API, answers and hints as a phone sends them.
import type { Db } from "../../src/db/client.ts";
import { attachImage, createQuestion } from "../../src/questions/bank.ts";
import { TINY_PNG } from "./images.ts";
import type { Seat } from "./year.ts";
import { Client, createGame, type TestServer } from "./server.ts";

export type RelayBankSet = { set: string; ids: number[]; answers: string[] };

/**
 * Sets `<letter><suffix>` for each letter: question 1's answer is its own (2, 3, 5, 7, 11 …);
 * question 2 is T + 1, question 3 is 2T, question 4 is T − 1 (then T + 1, 2T … again), so the
 * true chain of P is 2, 3, 6, 5. The first question of the first set carries a picture.
 */
export function makeRelaySets(db: Db, suffix: string, letters = "PQRS", size = 4, withImage = true): RelayBankSet[] {
  const firsts = [2, 3, 5, 7, 11, 13];
  const formulas = ["T + 1", "2T", "T - 1"];
  return [...letters].map((letter, s) => {
    const set = `${letter}${suffix}`;
    const ids: number[] = [];
    const answers: string[] = [];
    let value = firsts[s]!;
    for (let order = 1; order <= size; order++) {
      const formula = order === 1 ? null : formulas[(order - 2) % formulas.length]!;
      if (formula === "T + 1") value += 1;
      else if (formula === "2T") value *= 2;
      else if (formula === "T - 1") value -= 1;
      const r = createQuestion(db, {
        category: "relay", set, order, points: 100,
        text: order === 1 ? `${set}: what is $${value} \\times 1$?` : `${set}·${order}: with $T$ the previous answer, what is $${formula}$?`,
        answer: order === 1 ? String(value) : undefined,
        usesPrevious: order > 1, answerFormula: formula ?? undefined,
      });
      if (!r.ok) throw new Error(`question ${set}-${order}: ${JSON.stringify(r)}`);
      ids.push(r.question.id);
      answers.push(String(value));
    }
    return { set, ids, answers };
  }).map((x, s) => {
    if (s === 0 && withImage) {
      const img = attachImage(db, x.ids[0]!, TINY_PNG);
      if (!img.ok) throw new Error("image");
    }
    return x;
  });
}

export type Mapping = {
  teamId: number;
  members: { participantId: number | null; nickname: string; letter: string }[];
  cycles: { cycle: number; questions: { questionId: number; set: string; order: number; holders: (number | null)[] }[] }[];
};

export async function startRelay(s: TestServer, gameId: number, body: Record<string, unknown>): Promise<{ sessionId: number; mapping: Mapping[]; endsAt: number; [k: string]: unknown }> {
  const res = await fetch(`${s.url}/api/games/${gameId}/rounds`, { method: "POST", headers: s.teacher, body: JSON.stringify({ type: "relay_quiz", ...body }) });
  const json = (await res.json()) as any;
  if (res.status !== 201) throw new Error(`start relay failed: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export function relayAnswer(seat: Seat, sessionId: number, answer: string, questionId?: number) {
  return seat.client.postJson("/api/submit-answer", { sessionId, answer, ...(questionId === undefined ? {} : { questionId }) });
}

export function relayHint(seat: Seat, sessionId: number, questionId: number) {
  return seat.client.postJson("/api/relay/hint", { sessionId, questionId });
}

export async function gameState(s: TestServer, gameId: number): Promise<any> {
  return await (await fetch(`${s.url}/api/game-state?gameId=${gameId}`, { headers: s.teacher })).json();
}

/** The question a participant holds in a cycle, from a mapping. */
export function heldBy(mapping: Mapping, cycle: number, participantId: number) {
  return mapping.cycles[cycle - 1]!.questions.filter((q) => q.holders.includes(participantId));
}

/** A started game with teams of the given sizes, seated one by one (so join order is seat order). */
export async function seatTeams(server: TestServer, sizes: number[]) {
  const game = await createGame(server, { teamCount: Math.max(2, sizes.length), maxParticipants: Math.max(60, sizes.reduce((a, b) => a + b, 0)), joinMode: "choose" });
  const seats: Seat[][] = [];
  for (const [ti, size] of sizes.entries()) {
    const team: Seat[] = [];
    for (let i = 0; i < size; i++) {
      const client = await new Client(server.url).visit();
      const nickname = `g${game.gameId}t${ti + 1}m${i + 1}`;
      const res = await client.postJson("/api/join-game", { gameCode: game.gameCode, nickname, teamId: game.teams[ti]!.id });
      const body = (await res.json()) as any;
      if (res.status !== 200) throw new Error(`join: ${JSON.stringify(body)}`);
      team.push({ client, participantId: body.participantId, teamId: game.teams[ti]!.id, token: body.token, nickname });
    }
    seats.push(team);
  }
  await fetch(`${server.url}/api/games/${game.gameId}/start`, { method: "POST", headers: server.teacher });
  return { ...game, seats };
}


export type PlayedRelay = Awaited<ReturnType<typeof seatTeams>> & { sessionId: number; bank: RelayBankSet[]; hintPenalty: number };

/**
 * A short relay played over HTTP to its end: two teams of two, sets P·Q of two questions
 * (P: 2 → 3, Q: 3 → 4). Team 1: P1 right, Q1 wrong ("9"), then a hint on Q2 (it received the
 * wrong 9), Q2 right (4), P2 right (3): 300 points − the hint. Team 2: all four right (400). Every
 * team done, the round ends by itself.
 */
export async function playShortRelay(s: TestServer, suffix: string, hintPenalty = 30): Promise<PlayedRelay> {
  const g = await seatTeams(s, [2, 2]);
  const bank = makeRelaySets(s.deps.db, suffix, "PQ", 2, false);
  const r = await startRelay(s, g.gameId, { sets: bank.map((b) => b.set), cycleSeconds: [600], hintPenalty });
  const seat = new Map(g.seats.flat().map((x) => [x.participantId, x]));
  const truth = new Map(bank.flatMap((b) => b.ids.map((id, i) => [id, b.answers[i]!] as const)));
  const ok = async (res: Response) => { if (res.status !== 200) throw new Error(`relay: ${res.status} ${await res.text()}`); };
  for (const [t, m] of r.mapping.entries()) {
    for (const cycle of m.cycles) {
      for (const q of cycle.questions) {
        const holder = seat.get(q.holders.find((h) => h !== null)!)!;
        if (t === 0 && q.set === bank[1]!.set && q.order === 2) await ok(await relayHint(holder, r.sessionId, q.questionId));
        const wrong = t === 0 && q.set === bank[1]!.set && q.order === 1;
        await ok(await relayAnswer(holder, r.sessionId, wrong ? "9" : truth.get(q.questionId)!, q.questionId));
      }
    }
  }
  return { ...g, sessionId: r.sessionId, bank, hintPenalty };
}
