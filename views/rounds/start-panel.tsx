// Between rounds, the teacher sees the start form of every round type and the last round's results.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import { ROUND_TYPES } from "../../src/rounds/registry.ts";

const TEXT = {
  start_round: { ko: "라운드 시작", en: "Start a round" },
  start_game_first: { ko: "라운드를 시작하려면 먼저 게임을 시작하세요.", en: "Start the game to begin a round." },
  last_round: { ko: "지난 라운드 결과", en: "Last round" },
} as const;

export function RoundStartPanel({ lang, game, safePrevious }: { lang: Lang; game: Game; safePrevious: string }): JSX.Element {
  return (
    <section class="card">
      {game.status === "started" ? (
        <>
          <h2>{TEXT.start_round[lang]}</h2>
          {ROUND_TYPES.map((m) => (
            <details class="round-start" open={ROUND_TYPES.length === 1}>
              <summary safe>{m.label[lang]}</summary>
              {m.start.form(game, lang, {}) as "safe"}
            </details>
          ))}
        </>
      ) : game.status === "waiting" ? (
        <p class="muted">{TEXT.start_game_first[lang]}</p>
      ) : ""}
      {safePrevious ? (
        <div class="previous-round">
          <h2>{TEXT.last_round[lang]}</h2>
          {safePrevious}
        </div>
      ) : ""}
    </section>
  );
}
