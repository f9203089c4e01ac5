// Nickname and team-name rules, shared by join, roster import and team renames.
import { declareReasonTexts, type Lang } from "../errors.ts";

const CONTROL = /\p{Cc}/u;
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type NameCheck = { ok: true; display: string; key: string } | { ok: false; reason: "empty" | "too_long" | "control_chars" | "invalid_unicode" };

/**
 * Display form: trimmed, NFC, runs of spaces folded. Key (uniqueness): the display form
 * case-folded with invisible characters removed, so "Mina", " mina " and "MI\u200BNA" collide.
 */
export function checkName(raw: string, maxLength: number): NameCheck {
  if (LONE_SURROGATE.test(raw)) return { ok: false, reason: "invalid_unicode" };
  if (CONTROL.test(raw)) return { ok: false, reason: "control_chars" };
  const display = raw.normalize("NFC").replace(/\s+/gu, " ").trim();
  const key = display.replace(INVISIBLE, "").normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
  if (key.length === 0) return { ok: false, reason: "empty" };
  if ([...display].length > maxLength || display.length > maxLength * 2) return { ok: false, reason: "too_long" };
  return { ok: true, display, key };
}

export const NICKNAME_MAX = 20;
/** Roster names come from the teacher's file (full names), so they may be longer than typed nicknames. */
export const ROSTER_NAME_MAX = 40;
export const TEAM_NAME_MAX = 40;

const NAME_REASONS = {
  empty: { en: "Please type a name.", ko: "이름을 입력하세요." },
  too_long: { en: "That name is too long.", ko: "이름이 너무 깁니다." },
  control_chars: { en: "That name has characters that cannot be shown.", ko: "이름에 표시할 수 없는 문자가 있습니다." },
  invalid_unicode: { en: "That name has broken characters.", ko: "이름에 깨진 문자가 있습니다." },
} as const;
// A refused nickname, team name or title says what is wrong with it (see failText).
declareReasonTexts(Object.fromEntries(["nickname", "name", "title", "classLabel"].flatMap((field) => Object.entries(NAME_REASONS).map(([reason, text]) => [`invalid_input:${field}:${reason}`, text]))));

/** "Team 1" … in English, "1팀" … in Korean (the teacher's language when the game is created). */
export function defaultTeamNames(count: number, lang: Lang): string[] {
  return Array.from({ length: count }, (_, i) => (lang === "ko" ? `${i + 1}팀` : `Team ${i + 1}`));
}
