// Between rounds and at the end: what comes next (phones and projector) and each team's place;
// at the end a phone's final view shows its team's place and the student's own contribution.
import type { Lang } from "../../src/errors.ts";
import type { Contribution } from "../../src/event/contributions.ts";
import { et, introLines, placeLabel, typeName } from "./text.ts";

export type Place = { rank: number; of: number; bracket: string | null; tied: boolean };

function PlaceLine({ lang, place, label }: { lang: Lang; place: Place; label: string }): JSX.Element {
  return (
    <p class="team-place">
      <span safe>{label}</span>: <b class="place-rank" safe>{`${place.tied ? `${et(lang, "tied")} ` : ""}${placeLabel(lang, place.rank)}`}</b>{" "}
      <span class="muted" safe>{lang === "ko" ? `(${place.bracket ? `${place.bracket} ` : ""}${place.of}${et(lang, "of")})` : `(${et(lang, "of")} ${place.of}${place.bracket ? `, ${place.bracket}` : ""})`}</span>
    </p>
  );
}

/** A phone between rounds: the next round's name and the team's place now. */
export function NextCard({ lang, next, place }: { lang: Lang; next: string | null; place: Place | null }): JSX.Element {
  return (
    <section class="card between" data-next={next ?? ""}>
      {next ? (
        <p class="next-up">{et(lang, "next_up")} <b safe>{typeName(lang, next)}</b></p>
      ) : <p class="next-up">{et(lang, "no_more_rounds")}</p>}
      {place ? <PlaceLine lang={lang} place={place} label={et(lang, "your_place")} /> : ""}
    </section>
  );
}

/** The projector between rounds: the next round's name and its rules in two lines, large. */
export function RoundIntro({ lang, type }: { lang: Lang; type: string }): JSX.Element {
  const [a, b] = introLines(lang, type);
  return (
    <section class="round-intro" data-type={type}>
      <p class="intro-label">{et(lang, "next_up")}</p>
      <h2 class="intro-name" safe>{typeName(lang, type)}</h2>
      <p class="intro-rule" safe>{a}</p>
      <p class="intro-rule" safe>{b}</p>
    </section>
  );
}

/**
 * A phone at the end: the team's final place and each member's contribution. One render serves the
 * whole team; the seat page's style shows each phone only its own row (`mine-only` + `pid-<id>`).
 */
export function FinalCard({ lang, place, members, score }: { lang: Lang; place: Place | null; members: Contribution[]; score: number }): JSX.Element {
  return (
    <section class="card final-card">
      <h2>{et(lang, "final_place")}</h2>
      {place ? <PlaceLine lang={lang} place={place} label={et(lang, "your_place")} /> : ""}
      <p class="final-score">{et(lang, "points")} <b>{score}</b></p>
      <h3>{et(lang, "your_contribution")}</h3>
      {members.map((m) => (
        <dl class={`contribution mine-only pid-${m.participantId}`}>
          <dt>{et(lang, "found")}</dt><dd>{m.found}</dd>
          <dt>{et(lang, "steal_answers")}</dt><dd>{m.stealAnswers} ({m.stealCorrect})</dd>
          {m.relayAnswers || m.hints ? <><dt>{et(lang, "relay_answers")}</dt><dd>{m.relayAnswers} ({m.relayCorrect})</dd><dt>{et(lang, "hints")}</dt><dd>{m.hints}</dd></> : ""}
          <dt>{et(lang, "points")}</dt><dd>{m.points}</dd>
        </dl>
      ))}
    </section>
  );
}
