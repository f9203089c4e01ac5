// Projector and team-board panels for a Year Game round.
import type { Lang } from "../../../src/errors.ts";
import type { Round } from "../../../src/db/schema.ts";
import type { YearConfig } from "../../../src/rounds/year-game/domain.ts";
import { Countdown, Ranking, type RankRow } from "./parts.tsx";
import { yt } from "./text.ts";

export function ScreenStatus({ round, config, now, lang }: { round: Round; config: YearConfig; now: number; lang: Lang }): JSX.Element {
  return (
    <div class="yg-screen-status">
      <span class="yg-screen-digits" safe>{config.rules.digits.join("  ")}</span>
      <span class="yg-screen-clock">
        <Countdown round={round} now={now} lang={lang} />
      </span>
    </div>
  );
}

export function ScreenPanel(p: { round: Round; config: YearConfig; rows: RankRow[]; brackets: string[]; now: number; lang: Lang }): JSX.Element {
  return (
    <section class="yg-screen">
      <h2 class="screen-round-name">{yt(p.lang, "name")}</h2>
      <div id="yg-s-status">
        <ScreenStatus {...p} />
      </div>
      <div id="yg-s-ranking">
        <Ranking rows={p.rows} brackets={p.brackets} lang={p.lang} big />
      </div>
    </section>
  );
}
