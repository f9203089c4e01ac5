// Between rounds, the teacher sees the start form of every round type and the last round's results.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import { ROUND_TYPES } from "../../src/rounds/registry.ts";
import { roundText } from "./text.ts";


/**
 * `safeForms`: each round type's start form, rendered by the caller (it needs the database). With
 * a plan (`planned`), the plan's button starts rounds and these forms wait folded away, for a
 * round outside the plan.
 */
export function RoundStartPanel({ lang, game, safePrevious, safeForms, planned }: { lang: Lang; game: Game; safePrevious: string; safeForms: string[]; planned: boolean }): JSX.Element {
  return (
    <section class="card">
      {game.status === "started" ? (
        <details class="other-rounds" open={!planned}>
          <summary>{planned ? roundText(lang, "other_rounds") : roundText(lang, "start_round")}</summary>
          {ROUND_TYPES.map((m, i) => (
            <details class="round-start" open={i === 0}>
              <summary safe>{m.label[lang]}</summary>
              {safeForms[i] as "safe"}
            </details>
          ))}
        </details>
      ) : game.status === "waiting" ? (
        <p class="muted">{roundText(lang, "start_game_first")}</p>
      ) : ""}
      {safePrevious ? (
        <div class="previous-round">
          <h2>{roundText(lang, "last_round")}</h2>
          {safePrevious}
        </div>
      ) : ""}
    </section>
  );
}
