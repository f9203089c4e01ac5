// Roster import: parse a CSV into a preview with per-row errors, then save it in one transaction.
import Papa from "papaparse";
import { eq } from "drizzle-orm";
import { write, type Db } from "../db/client.ts";
import { games, participants, rosterEntries, rounds, teams } from "../db/schema.ts";
import { fail, type Result } from "../errors.ts";
import { checkName, ROSTER_NAME_MAX, TEAM_NAME_MAX } from "./names.ts";
import { findGame } from "./queries.ts";

/** What is wrong with a roster file or row: a stable id and its parameters (the page words it, views/games/roster.tsx). */
export type RosterProblem =
  | { id: "missing_column"; params: { column: string } }
  | { id: "unknown_columns"; params: { columns: string } }
  | { id: "player_name"; params: { reason: string } }
  | { id: "team_name"; params: { reason: string } }
  | { id: "pin"; params: { reason: "empty" | "too_long" | "characters" } }
  | { id: "duplicate_name"; params: { line: number } }
  | { id: "too_many_rows"; params: { max: number } }
  | { id: "csv"; params: { line: number; message: string } }
  | { id: "two_brackets"; params: { team: string } }
  | { id: "no_rows"; params: Record<string, never> }
  | { id: "team_count"; params: { count: number } };
export type RosterRow = { line: number; playerName: string; teamName: string; bracket: string | null; playerNumber: string | null; pin: string | null; errors: RosterProblem[] };
/** `pins`: the file has a pin column, so every name needs its PIN to be claimed. */
export type RosterPreview = { rows: RosterRow[]; teams: { name: string; bracket: string | null; size: number }[]; errors: RosterProblem[]; valid: boolean; pins: boolean };

const COLUMNS = ["player_name", "team_name", "bracket", "player_number", "pin"] as const;
export const PIN_MAX = 12;

/**
 * A roster PIN: what a student types on the join page to claim their name (the file lists one per
 * student; a script that can see every name on the join page cannot then claim them all). Letters
 * and digits only, so it survives spreadsheets and phone keyboards.
 */
function checkPin(raw: string | undefined): { ok: true; pin: string } | { ok: false; reason: "empty" | "too_long" | "characters" } {
  const pin = (raw ?? "").trim();
  if (!pin) return { ok: false, reason: "empty" };
  if (pin.length > PIN_MAX) return { ok: false, reason: "too_long" };
  return /^[A-Za-z0-9]+$/.test(pin) ? { ok: true, pin } : { ok: false, reason: "characters" };
}

export function previewRoster(csvText: string): RosterPreview {
  const text = csvText.replace(/^\uFEFF/, "");
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: "greedy",
    transformHeader: (h) => h.replace(/^\uFEFF/, "").trim().toLowerCase().replace(/\s+/g, "_"),
  });
  const errors: RosterProblem[] = [];
  const headers = parsed.meta.fields ?? [];
  for (const required of ["player_name", "team_name"]) {
    if (!headers.includes(required)) errors.push({ id: "missing_column", params: { column: required } });
  }
  const unknown = headers.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length) errors.push({ id: "unknown_columns", params: { columns: unknown.join(", ") } });
  const seen = new Map<string, number>();
  const pins = headers.includes("pin");
  const rows: RosterRow[] = parsed.data.slice(0, 2000).map((rec, i) => {
    const line = i + 2; // header is line 1
    const rowErrors: RosterProblem[] = [];
    const name = checkName(rec.player_name ?? "", ROSTER_NAME_MAX);
    const team = checkName(rec.team_name ?? "", TEAM_NAME_MAX);
    if (!name.ok) rowErrors.push({ id: "player_name", params: { reason: name.reason } });
    if (!team.ok) rowErrors.push({ id: "team_name", params: { reason: team.reason } });
    if (name.ok) {
      const first = seen.get(name.key);
      if (first) rowErrors.push({ id: "duplicate_name", params: { line: first } });
      else seen.set(name.key, line);
    }
    const bracket = (rec.bracket ?? "").trim().slice(0, 20) || null;
    const playerNumber = (rec.player_number ?? "").trim().slice(0, 20) || null;
    const pin = pins ? checkPin(rec.pin) : null;
    if (pin && !pin.ok) rowErrors.push({ id: "pin", params: { reason: pin.reason } });
    return { line, playerName: name.ok ? name.display : String(rec.player_name ?? ""), teamName: team.ok ? team.display : String(rec.team_name ?? ""), bracket, playerNumber, pin: pin?.ok ? pin.pin : null, errors: rowErrors };
  });
  if (parsed.data.length > 2000) errors.push({ id: "too_many_rows", params: { max: 2000 } });
  for (const e of parsed.errors.slice(0, 5)) errors.push({ id: "csv", params: { line: (e.row ?? 0) + 2, message: e.message } });
  const teamMap = new Map<string, { name: string; bracket: string | null; size: number }>();
  for (const r of rows) {
    if (r.errors.length) continue;
    const t = teamMap.get(r.teamName) ?? teamMap.set(r.teamName, { name: r.teamName, bracket: r.bracket, size: 0 }).get(r.teamName)!;
    t.size++;
    if (t.bracket !== r.bracket) r.errors.push({ id: "two_brackets", params: { team: r.teamName } });
  }
  const teamList = [...teamMap.values()];
  if (rows.length === 0) errors.push({ id: "no_rows", params: {} });
  if (teamList.length > 0 && (teamList.length < 2 || teamList.length > 20)) errors.push({ id: "team_count", params: { count: teamList.length } });
  // Unknown columns are only a warning: they are ignored.
  const valid = errors.every((e) => e.id === "unknown_columns") && rows.every((r) => r.errors.length === 0);
  return { rows, teams: teamList, errors, valid, pins };
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
      tx.insert(rosterEntries).values({ gameId, playerName: name.display, nameKey: name.key, teamId: teamIds.get(r.teamName)!, playerNumber: r.playerNumber, pin: r.pin }).run();
    }
    tx.update(games).set({ joinMode: "roster", teamCount: preview.teams.length, maxParticipants: Math.max(game.maxParticipants, Math.min(1000, preview.rows.length)) }).where(eq(games.id, gameId)).run();
    return { ok: true, players: preview.rows.length, teams: preview.teams.length };
  });
}
