// Builds a database holding a school's history: `games` finished games, each with 20 teams of 30
// students, one finished Year Game round in which every student made 30 attempts and every team
// found 80 numbers (each find a ledger row), and some refused requests. Used to measure how long
// a backup holds the event loop (test/bench/backup-hold.ts); 100 games is about 200 MB.
//
//   bun test/bench/history-db.ts <file> [--games 100]
import { openDb } from "../../src/db/client.ts";
import { closeDb } from "../../src/db/close.ts";
import { migrateDb } from "../../src/db/migrate.ts";

export type HistoryShape = { games: number; teams: number; perTeam: number; attemptsPerStudent: number; findsPerTeam: number };
export const SCHOOL: HistoryShape = { games: 100, teams: 20, perTeam: 30, attemptsPerStudent: 30, findsPerTeam: 80 };

/** Writes the history into a new database file at `file` (which must not exist yet). */
export function buildHistoryDb(file: string, shape: HistoryShape = SCHOOL): void {
  const db = openDb(file);
  migrateDb(db);
  const c = db.$client;
  const insGame = c.prepare("INSERT INTO games (code, title, class_label, team_count, max_participants, join_mode, status, created_at, started_at, finished_at) VALUES (?, ?, ?, ?, ?, 'auto', 'finished', ?, ?, ?) RETURNING id");
  const insTeam = c.prepare("INSERT INTO teams (game_id, position, name) VALUES (?, ?, ?) RETURNING id");
  const insPerson = c.prepare("INSERT INTO participants (game_id, team_id, nickname, nickname_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
  const insRound = c.prepare("INSERT INTO rounds (game_id, type, status, config, started_at, ends_at, finished_at) VALUES (?, 'year_game', 'finished', ?, ?, ?, ?) RETURNING id");
  const insFind = c.prepare("INSERT INTO year_finds (round_id, team_id, target, participant_id, finder_name, expression, points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const insAttempt = c.prepare("INSERT INTO year_attempts (round_id, team_id, participant_id, expression, value, result, reason, points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  const insLedger = c.prepare("INSERT INTO score_events (game_id, team_id, round_id, participant_id, delta, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insAbuse = c.prepare("INSERT INTO abuse_events (bucket, client_key, path, created_at) VALUES ('answer', ?, '/api/submit-answer', ?)");
  const config = JSON.stringify({ rules: { digits: [2, 0, 2, 4], targetMin: 1, targetMax: 100 }, scoring: { kind: "value" }, durationSeconds: 1200 });
  const day = 86_400_000;
  const start = Date.now() - shape.games * day;
  for (let g = 0; g < shape.games; g++) {
    c.transaction(() => {
      const t0 = start + g * day;
      const gameId = (insGame.get(String(10 + (g % 90)), `Team Math Challenge ${g + 1}`, `Class ${(g % 12) + 1}`, shape.teams, shape.teams * shape.perTeam, t0, t0 + 60_000, t0 + 3_600_000) as { id: number }).id;
      const roundId = (insRound.get(gameId, config, t0 + 120_000, t0 + 1_320_000, t0 + 1_320_000) as { id: number }).id;
      for (let t = 0; t < shape.teams; t++) {
        const teamId = (insTeam.get(gameId, t + 1, `Team ${t + 1}`) as { id: number }).id;
        const people: { id: number; name: string }[] = [];
        for (let p = 0; p < shape.perTeam; p++) {
          const name = `학생${t + 1}-${p + 1}`;
          const token = new Bun.CryptoHasher("sha256").update(`${g}:${t}:${p}`).digest("hex");
          people.push({ id: (insPerson.get(gameId, teamId, name, name, token, t0 + 30_000) as { id: number }).id, name });
        }
        for (let f = 0; f < shape.findsPerTeam; f++) {
          const who = people[f % people.length]!;
          const at = t0 + 120_000 + f * 10_000;
          insFind.run(roundId, teamId, f + 1, who.id, who.name, `(2+0)*2+4-${f % 9}`, f + 1, at);
          insLedger.run(gameId, teamId, roundId, who.id, f + 1, `year_game:${f + 1}`, at);
        }
        for (const who of people) {
          for (let a = 0; a < shape.attemptsPerStudent; a++) {
            const kind = a % 3;
            insAttempt.run(roundId, teamId, who.id, kind === 2 ? "2+0+2+" : `2*0+2+4!-${a}`, kind === 2 ? null : 26 - a, kind === 0 ? "correct" : kind === 1 ? "duplicate" : "invalid", kind === 2 ? "syntax" : kind === 1 ? "already_found" : null, kind === 0 ? 26 - a : 0, t0 + 120_000 + a * 40_000);
          }
        }
      }
      for (let i = 0; i < 50; i++) insAbuse.run(`client${i % 7}`, t0 + i * 1000);
    }).immediate();
  }
  closeDb(db);
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error("usage: bun test/bench/history-db.ts <file> [--games N]");
    process.exit(2);
  }
  const gi = args.indexOf("--games");
  const games = gi >= 0 ? Number(args[gi + 1]) : SCHOOL.games;
  const t = performance.now();
  buildHistoryDb(file, { ...SCHOOL, games });
  console.log(`${file}: ${games} games in ${((performance.now() - t) / 1000).toFixed(1)} s, ${(Bun.file(file).size / 1e6).toFixed(0)} MB`);
}
