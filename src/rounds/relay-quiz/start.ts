// Starting a relay: the rules and question snapshots, each team's members in order, the mapping
// (who holds which question in each cycle, rules.ts) and every team at cycle 1 with its deadline —
// all in one transaction, so a restart finds either no round or all of it.
import { eq } from "drizzle-orm";
import { write, type Conn, type Db } from "../../db/client.ts";
import { games, relayRounds, rounds, type Participant, type Round, type Team } from "../../db/schema.ts";
import { fail, type Result } from "../../errors.ts";
import { listParticipants, listTeams } from "../../games/queries.ts";
import { openRound } from "../current.ts";
import { buildRelayConfig, cycleMs, questionAt, rulesOf, type RelayStartInput } from "./config.ts";
import { dealRelay, memberLetter } from "./rules.ts";
import { forgetEarlierRounds, relayStatements, roundTeams, slotKey, type TeamRelay } from "./store.ts";
import type { Deal, RelayConfig } from "./types.ts";

export type OrderedTeam = { team: Team; members: Participant[] };

/**
 * Each team's members in the round's order: those the teacher listed first, in that order, then
 * the rest by join order (a student who joined after the preview still plays). A listed id that
 * is not a member of that team, or a team of another game, is refused.
 */
export function orderTeams(conn: Conn, gameId: number, memberOrder: Record<string, number[]> = {}): Result<{ teams: OrderedTeam[] }> {
  const teamRows = listTeams(conn, gameId);
  const people = listParticipants(conn, gameId);
  const known = new Set(teamRows.map((t) => String(t.id)));
  for (const [teamId, ids] of Object.entries(memberOrder)) {
    if (!known.has(teamId)) return fail("invalid_input", { field: "memberOrder", reason: "not_a_team", teamId: Number(teamId) });
    if (new Set(ids).size !== ids.length) return fail("invalid_input", { field: "memberOrder", reason: "duplicate", teamId: Number(teamId) });
  }
  const teams = teamRows.map((team) => {
    const members = people.filter((p) => p.teamId === team.id);
    const listed = memberOrder[String(team.id)] ?? [];
    const bad = listed.find((id) => !members.some((m) => m.id === id));
    if (bad !== undefined) return { bad, team };
    const first = listed.map((id) => members.find((m) => m.id === id)!);
    return { team, members: [...first, ...members.filter((m) => !listed.includes(m.id))] };
  });
  const bad = teams.find((t) => "bad" in t);
  if (bad && "bad" in bad) return fail("invalid_input", { field: "memberOrder", reason: "not_a_member", teamId: bad.team.id, participantId: bad.bad });
  return { ok: true, teams: teams as OrderedTeam[] };
}

export function startRelayRound(db: Db, gameId: number, input: RelayStartInput, now = Date.now()): Result<{ round: Round }> {
  return write(db, (tx) => {
    const game = tx.select().from(games).where(eq(games.id, gameId)).get();
    if (!game) return fail("game_not_found");
    if (game.status !== "started") return fail("bad_state", { reason: game.status === "waiting" ? "game_waiting" : "game_finished" });
    if (openRound(tx, gameId)) return fail("round_running");
    const built = buildRelayConfig(tx, input);
    if (!built.ok) return built;
    const ordered = orderTeams(tx, gameId, input.memberOrder);
    if (!ordered.ok) return ordered;
    const playing = ordered.teams.filter((t) => t.members.length > 0);
    if (playing.length === 0) return fail("bad_state", { reason: "no_players" });
    const { config } = built;
    const total = config.cycleSeconds.reduce((n, s) => n + s, 0) * 1000;
    const round = tx.insert(rounds).values({ gameId, type: "relay_quiz", status: "running", config: JSON.stringify(rulesOf(config)), startedAt: now, endsAt: now + total }).returning().get();
    tx.insert(relayRounds).values({ roundId: round.id, sets: JSON.stringify(config.sets) }).run();
    // Prepared statements, one run per row: drizzle built a statement per member and per team (and
    // a multi-row one costs as much to build), 12 ms of a start of 80 players while answers wait.
    const st = relayStatements(tx);
    for (const { team, members } of playing) {
      const ids = members.map((m, position) => st.insertMember.get({ roundId: round.id, teamId: team.id, participantId: m.id, position, nickname: m.nickname })!.id);
      dealRelay(members.length, config.sets.length, config.size).forEach((cycle, k) => cycle.forEach((holders, setIndex) => {
        for (const m of holders) st.insertHolder.run({ roundId: round.id, teamId: team.id, cycle: k + 1, setIndex, memberId: ids[m]! });
      }));
      st.insertProgress.run({ roundId: round.id, teamId: team.id, cycleStartedAt: now, deadline: now + cycleMs(config, 1) });
    }
    forgetEarlierRounds(tx, gameId, round.id, ordered.teams.map((t) => t.team.id));
    return { ok: true, round };
  });
}

/** A team's mapping for the API: members in order, and per cycle each question with who holds it. */
export type TeamMapping = {
  teamId: number;
  members: { participantId: number | null; nickname: string; letter: string }[];
  cycles: { cycle: number; questions: { questionId: number; set: string; order: number; holders: (number | null)[] }[] }[];
};

export function mappingOf(config: RelayConfig, t: TeamRelay): TeamMapping {
  const byId = new Map(t.members.map((m) => [m.id, m]));
  return {
    teamId: t.teamId,
    members: t.members.map((m) => ({ participantId: m.participantId, nickname: m.nickname, letter: memberLetter(m.position) })),
    cycles: Array.from({ length: config.size }, (_, i) => ({
      cycle: i + 1,
      questions: config.sets.map((set, s) => {
        const q = questionAt(config, s, i + 1);
        return { questionId: q.questionId, set: set.set, order: i + 1, holders: (t.holders.get(slotKey(i + 1, s)) ?? []).map((id) => byId.get(id)?.participantId ?? null) };
      }),
    })),
  };
}

export function roundMapping(conn: Conn, round: Round, config: RelayConfig): TeamMapping[] {
  return roundTeams(conn, round.id).map((t) => mappingOf(config, t));
}

/** The teacher's preview before starting: the deal the round would make for each team (by member index). */
export function previewDeal(teams: OrderedTeam[], sets: number, cycles: number): { team: Team; members: Participant[]; deal: Deal }[] {
  return teams.map((t) => ({ ...t, deal: dealRelay(t.members.length, sets, cycles) }));
}
