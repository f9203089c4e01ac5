import { write, type Db } from "../db/client.ts";
import { games, teams, type Game } from "../db/schema.ts";
import { declareReasonTexts, fail, type Lang, type Result } from "../errors.ts";
import { allocateGameCode } from "./code.ts";
import { checkName, defaultTeamNames, TEAM_NAME_MAX } from "./names.ts";
import { DEFAULT_PLAN, insertPlan, type PlanItem } from "../event/plan.ts";

declareReasonTexts({
  "invalid_input:joinMode": { en: "Choose how students get a team: automatically, they choose, or from the roster.", ko: "팀 배정 방식을 고르세요: 자동, 학생이 선택, 명단." },
  "invalid_input:teamCount": { en: "A game has 2 to 20 teams.", ko: "팀은 2개에서 20개까지입니다." },
  "invalid_input:maxParticipants": { en: "Seats must be from 1 to 1000.", ko: "자리 수는 1에서 1000까지입니다." },
});

export type JoinMode = "auto" | "choose" | "roster";

export type CreateGameInput = {
  title: string;
  classLabel?: string;
  teamCount: number;
  maxParticipants: number;
  joinMode?: JoinMode;
  teamNames?: string[];
  /** Optional bracket per team (e.g. "Higher" / "Lower"); brackets are ranked separately. */
  teamBrackets?: (string | null)[];
  lateJoin?: boolean;
  /** The rounds to play, already checked (src/event/plan.ts); TMC's four rounds when absent. */
  plan?: readonly PlanItem[];
  /** The language of the default team names ("Team 1" / "1팀"): the teacher's. */
  lang?: Lang;
};

export function createGame(db: Db, input: CreateGameInput): Result<{ game: Game }> {
  const title = checkName(input.title, 60);
  if (!title.ok) return fail("invalid_input", { field: "title", reason: title.reason });
  const classLabel = input.classLabel?.trim() ? checkName(input.classLabel, 40) : null;
  if (classLabel && !classLabel.ok) return fail("invalid_input", { field: "classLabel", reason: classLabel.reason });
  if (!Number.isInteger(input.teamCount) || input.teamCount < 2 || input.teamCount > 20) return fail("invalid_input", { field: "teamCount" });
  if (!Number.isInteger(input.maxParticipants) || input.maxParticipants < 1 || input.maxParticipants > 1000) return fail("invalid_input", { field: "maxParticipants" });
  const defaults = defaultTeamNames(input.teamCount, input.lang ?? "en");
  const names: string[] = [];
  for (let i = 0; i < input.teamCount; i++) {
    const raw = input.teamNames?.[i]?.trim() || defaults[i]!;
    const checked = checkName(raw, TEAM_NAME_MAX);
    if (!checked.ok) return fail("invalid_input", { field: `teamNames[${i}]`, reason: checked.reason });
    names.push(checked.display);
  }
  const brackets: (string | null)[] = [];
  for (const [i, raw] of (input.teamBrackets ?? []).entries()) {
    if (!raw || !raw.trim()) { brackets.push(null); continue; }
    const checked = checkName(raw, 20);
    if (!checked.ok) return fail("invalid_input", { field: `teamBrackets[${i}]`, reason: checked.reason });
    brackets.push(checked.display);
  }
  return write(db, (tx) => {
    const code = allocateGameCode(tx);
    if (!code) return fail("codes_exhausted");
    const game = tx.insert(games).values({
      code,
      title: title.display,
      classLabel: classLabel && classLabel.ok ? classLabel.display : "",
      teamCount: input.teamCount,
      maxParticipants: input.maxParticipants,
      joinMode: input.joinMode ?? "auto",
      lateJoin: input.lateJoin ?? true,
    }).returning().get();
    tx.insert(teams).values(names.map((name, i) => ({ gameId: game.id, position: i + 1, name, bracket: brackets[i] ?? null }))).run();
    insertPlan(tx, game.id, input.plan ?? DEFAULT_PLAN);
    return { ok: true, game };
  });
}
