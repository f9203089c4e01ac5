// Roster import: parse a CSV into a preview with per-row errors, then save it in one transaction.
import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { games, participants, rosterEntries, rounds, teams } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { checkName, ROSTER_NAME_MAX, TEAM_NAME_MAX } from "./names.ts";
import { findGame } from "./queries.ts";

export type RosterRow = { line: number; playerName: string; teamName: string; bracket: string | null; playerNumber: string | null; errors: string[] };
export type RosterPreview = { rows: RosterRow[]; teams: { name: string; bracket: string | null; size: number }[]; errors: string[]; valid: boolean };

const COLUMNS = ["player_name", "team_name", "bracket", "player_number"] as const;

export function previewRoster(csvText: string): RosterPreview {
  const text = csvText.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/\s+/g, "_"),
  });
  const errors: string[] = [];
  const headers = parsed.meta.fields ?? [];
  for (const required of ["player_name", "team_name"]) {
    if (!headers.includes(required)) errors.push(`missing column "${required}" / "${required}" 열이 없습니다`);
  }
  const unknown = headers.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length) errors.push(`unknown columns ignored: ${unknown.join(", ")} / 모르는 열은 무시됩니다`);
  const seen = new Map<string, number>();
  const rows: RosterRow[] = parsed.data.slice(0, 2000).map((rec, i) => {
    const line = i + 2; // header is line 1
    const rowErrors: string[] = [];
    const name = checkName(rec.player_name ?? "", ROSTER_NAME_MAX);
    const team = checkName(rec.team_name ?? "", TEAM_NAME_MAX);
    if (!name.ok) rowErrors.push(`player_name: ${name.reason}`);
    if (!team.ok) rowErrors.push(`team_name: ${team.reason}`);
    if (name.ok) {
      const first = seen.get(name.key);
      if (first) rowErrors.push(`duplicate name (line ${first}) / 중복 이름 (${first}행)`);
      else seen.set(name.key, line);
    }
    const bracket = (rec.bracket ?? "").trim().slice(0, 20) || null;
    const playerNumber = (rec.player_number ?? "").trim().slice(0, 20) || null;
    return { line, playerName: name.ok ? name.display : String(rec.player_name ?? ""), teamName: team.ok ? team.display : String(rec.team_name ?? ""), bracket, playerNumber, errors: rowErrors };
  });
  if (parsed.data.length > 2000) errors.push("only the first 2000 rows are read / 처음 2000행만 읽습니다");
  for (const e of parsed.errors.slice(0, 5)) errors.push(`line ${(e.row ?? 0) + 2}: ${e.message}`);
  const teamMap = new Map<string, { name: string; bracket: string | null; size: number }>();
  for (const r of rows) {
    if (r.errors.length) continue;
    const t = teamMap.get(r.teamName) ?? teamMap.set(r.teamName, { name: r.teamName, bracket: r.bracket, size: 0 }).get(r.teamName)!;
    t.size++;
    if (t.bracket !== r.bracket) r.errors.push(`team "${r.teamName}" is in two brackets / 한 팀이 두 조에 있습니다`);
  }
  const teamList = [...teamMap.values()];
  if (rows.length === 0) errors.push("no rows / 행이 없습니다");
  if (teamList.length > 0 && (teamList.length < 2 || teamList.length > 20)) errors.push(`a game has 2–20 teams; this roster has ${teamList.length} / 팀은 2~20개여야 합니다`);
  const valid = errors.filter((e) => !e.startsWith("unknown columns")).length === 0 && rows.every((r) => r.errors.length === 0);
  return { rows, teams: teamList, errors, valid };
}

/** Replaces the game's teams with the roster's and switches it to roster join mode. */
export function saveRoster(db: Db, gameId: number, preview: RosterPreview): Result<{ players: number; teams: number }> {
  if (!preview.valid) return fail("invalid_input", { field: "roster" });
  return write(db, (tx) => {
    const game = findGame(tx, gameId);
    if (!game) return fail("game_not_found");
    if (game.status !== "waiting") return fail("bad_state");
    if (tx.select({ id: participants.id }).from(participants).where(eq(participants.gameId, gameId)).get()) return fail("bad_state", { why: "participants_present" });
    if (tx.select({ id: rounds.id }).from(rounds).where(eq(rounds.gameId, gameId)).get()) return fail("bad_state", { why: "rounds_present" });
    tx.delete(rosterEntries).where(eq(rosterEntries.gameId, gameId)).run();
    tx.delete(teams).where(eq(teams.gameId, gameId)).run();
    const teamIds = new Map<string, number>();
    preview.teams.forEach((t, i) => {
      const row = tx.insert(teams).values({ gameId, position: i + 1, name: t.name, bracket: t.bracket }).returning({ id: teams.id }).get();
      teamIds.set(t.name, row.id);
    });
    for (const r of preview.rows) {
      const name = checkName(r.playerName, ROSTER_NAME_MAX);
      if (!name.ok) continue;
      tx.insert(rosterEntries).values({ gameId, playerName: name.display, nameKey: name.key, teamId: teamIds.get(r.teamName)!, playerNumber: r.playerNumber }).run();
    }
    tx.update(games).set({ joinMode: "roster", teamCount: preview.teams.length, maxParticipants: Math.max(game.maxParticipants, Math.min(1000, preview.rows.length)) }).where(eq(games.id, gameId)).run();
    return { ok: true, players: preview.rows.length, teams: preview.teams.length };
  });
}
