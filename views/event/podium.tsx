// The projector's podium (one bracket at a time, third place first, totals only, type for the
// back of a hall) and the teacher's controls that reveal it.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import type { PodiumStep } from "../../src/event/podium.ts";
import { et, placeLabel } from "./text.ts";

/** Classic podium order on screen: 2nd left, 1st in the middle, 3rd right. */
const SCREEN_ORDER = [2, 1, 3];

function BracketPodium({ lang, bracket, steps, revealed }: { lang: Lang; bracket: string | null; steps: PodiumStep[]; revealed: Set<PodiumStep> }): JSX.Element {
  const places = SCREEN_ORDER.map((p) => steps.find((s) => s.place === p)).filter((s): s is PodiumStep => !!s);
  return (
    <section class="podium-bracket">
      {bracket ? <h2 class="bracket-name" safe>{bracket}</h2> : ""}
      <ol class="pedestals">
        {places.map((s) => {
          const shown = revealed.has(s);
          return (
            <li class={`pedestal place-${s.place}${shown ? " revealed" : ""}`} data-place={String(s.place)}>
              <span class="place" safe>{placeLabel(lang, s.place)}</span>
              {shown ? s.teams.map((t) => (
                <span class="winner" data-team-id={String(t.teamId)}>
                  <span class="name" safe>{t.name}</span>
                  <span class="total">{t.total}</span>
                </span>
              )) : <span class="winner hidden-place">?</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The bracket being announced (the last revealed step's), or every bracket once all is revealed. */
export function Podium({ lang, steps, revealed }: { lang: Lang; steps: PodiumStep[]; revealed: number }): JSX.Element {
  if (!steps.length) return <section class="podium"><p class="podium-none">{et(lang, "podium_none")}</p></section>;
  const shown = new Set(steps.slice(0, revealed));
  const brackets = [...new Set(steps.map((s) => s.bracket))];
  // Until everything is out, the bracket of the last place revealed stays up (the first, before any).
  const visible = revealed >= steps.length ? brackets : [steps[Math.max(0, revealed - 1)]!.bracket];
  return (
    <section class="podium" data-revealed={String(revealed)} data-steps={String(steps.length)}>
      <h1 class="podium-title">{et(lang, "podium")}</h1>
      <div class="podium-brackets">
        {visible.map((b) => <BracketPodium lang={lang} bracket={b} steps={steps.filter((s) => s.bracket === b)} revealed={shown} />)}
      </div>
    </section>
  );
}

/** The teacher's podium controls (after the game), with links to the results and analytics. */
export function PodiumControls({ lang, game, steps, revealed }: { lang: Lang; game: Game; steps: PodiumStep[]; revealed: number }): JSX.Element {
  const base = `/teacher/games/${game.id}`;
  const next = steps[revealed];
  return (
    <div class="podium-controls">
      <h3>{et(lang, "projector_podium")} <small class="muted">{revealed} / {steps.length}</small></h3>
      {next ? (
        <form method="post" action={`${base}/podium/next`} hx-post={`${base}/podium/next`} hx-target="#flash" class="inline">
          <button type="submit" class="primary big" safe>{`${et(lang, "reveal_next")}: ${next.bracket ? `${next.bracket} ` : ""}${placeLabel(lang, next.place)}`}</button>
        </form>
      ) : <p class="muted">{steps.length ? et(lang, "all_revealed") : et(lang, "podium_none")}</p>}
      {revealed > 0 ? (
        <form method="post" action={`${base}/podium/back`} hx-post={`${base}/podium/back`} hx-target="#flash" class="inline">
          <button type="submit">{et(lang, "reveal_back")}</button>
        </form>
      ) : ""}
      <p class="event-links">
        <a href={`${base}/results`}>{et(lang, "results")}</a> · <a href={`${base}/analytics`}>{et(lang, "analytics")}</a> · <a href={`/g/${game.code}/screen`} target="_blank">{et(lang, "projector_podium")} ↗</a>
      </p>
    </div>
  );
}
