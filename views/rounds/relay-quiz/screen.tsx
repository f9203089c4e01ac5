// The projector and a team's board during a relay: a progress track per team (cycle 1..K, who is
// on turn, its countdown), the finishing order, standings per bracket. Never an answer: every
// team answers the same sets, and these screens are public.
import type { Lang } from "../../../src/errors.ts";
import type { Round, Team } from "../../../src/db/schema.ts";
import type { TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import type { TeamsView } from "../../games/teams.tsx";
import { byBracket } from "../../games/teams.tsx";
import { Standings } from "../../games/standings.tsx";
import { ChainTable, Clock, FinishOrder, MemberName, ProgressTrack, RelayStyles } from "./parts.tsx";
import { rt } from "./text.ts";

/** `safeTrack`: the row's parts that change only with the team (TrackParts), already rendered; drawn here if absent. */
export type TrackRow = { team: Team; b: TeamBoard | null; remainingMs: number; safeTrack?: string };

export type ScreenProps = {
  round: Round;
  rows: TrackRow[];
  finished: { team: Team; order: number }[];
  standings: TeamsView;
  lang: Lang;
  /** Together pacing: one clock for everyone (the earliest deadline). */
  sharedMs: number | null;
};

/** The parts of a team's row that change only with the team: its name, its track, finished or who is on turn. */
export function TrackParts({ row: { team, b }, lang }: { row: TrackRow; lang: Lang }): JSX.Element {
  return (
    <>
      <h3 safe>{team.name}</h3>
      {b ? <ProgressTrack b={b} lang={lang} /> : <span class="muted">{rt(lang, "sits_out")}</span>}
      {b?.finished ? <span class="pill rq-finished">{rt(lang, "finished")} · {b.t.progress.finishOrder}</span> : ""}
      {b && !b.finished ? <span class="rq-on-turn">{b.onTurn.map((m) => <MemberName m={m} lang={lang} />)}</span> : ""}
    </>
  );
}

/** What a team's row shows but its clock (counted down on the page): a live update sends only the rows whose state changed. */
export function trackRowState({ row: { team, b }, round }: { row: TrackRow; round: Round }): string {
  return `${team.id}:${b ? b.t.progress.version : "out"}:${round.status}:${team.name}`;
}

/** One team's row; its id lets a live update replace it alone. */
export function TrackRowView({ row, round, lang }: { row: TrackRow; round: Round; lang: Lang }): JSX.Element {
  const { team, b, remainingMs } = row;
  const safeTrack = row.safeTrack ?? TrackParts({ row, lang });
  return (
    <article class={`rq-track-row${b?.finished ? " finished" : ""}`} id={`rq-s-row-${team.id}`} data-team-id={String(team.id)}>
      {b && !b.finished ? <Clock ms={remainingMs} running={round.status === "running"} paused={round.status === "paused"} lang={lang} /> : <span></span>}
      {safeTrack}
    </article>
  );
}

/** A track per team, grouped by bracket. */
export function ScreenTracks({ round, rows, standings, lang }: ScreenProps): JSX.Element {
  const groups = byBracket({ teams: rows.map((r) => ({ ...r, bracket: r.team.bracket })), brackets: standings.brackets });
  return (
    <div class="rq-tracks">
      {groups.map((g) => (
        <section class="bracket">
          {g.bracket ? <h3 class="bracket-name" safe>{g.bracket}</h3> : ""}
          {g.teams.map((row) => <TrackRowView row={row} round={round} lang={lang} />)}
        </section>
      ))}
    </div>
  );
}

export function ScreenOrder({ finished, lang }: ScreenProps): JSX.Element {
  return <FinishOrder finished={finished} lang={lang} />;
}

export function ScreenStandings({ standings, lang }: ScreenProps): JSX.Element {
  return <Standings view={standings} lang={lang} big />;
}

export function ScreenClock(p: ScreenProps): JSX.Element {
  return p.sharedMs === null ? "" : <div class="rq-shared-clock"><Clock ms={p.sharedMs} running={p.round.status === "running"} paused={p.round.status === "paused"} lang={p.lang} /></div>;
}

export function ScreenPanel(p: ScreenProps): JSX.Element {
  return (
    <section class="rq-screen">
      <RelayStyles />
      <h2 class="screen-round-name">{rt(p.lang, "name")}</h2>
      <div id="rq-s-clock"><ScreenClock {...p} /></div>
      <div id="rq-s-tracks"><ScreenTracks {...p} /></div>
      <div class="rq-screen-cols">
        <section>
          <h3>{rt(p.lang, "finish_order")}</h3>
          <div id="rq-s-order"><ScreenOrder {...p} /></div>
        </section>
        <section>
          <h3>{rt(p.lang, "standings")}</h3>
          <div id="rq-s-standings"><ScreenStandings {...p} /></div>
        </section>
      </div>
    </section>
  );
}

/** A team's own big screen: its progress and who holds what, without the answers (the board is public). */
export function BoardPanel({ round, row, lang }: { round: Round; row: TrackRow; lang: Lang }): JSX.Element {
  return (
    <section class="card rq-board">
      <RelayStyles />
      <div id="rq-b-body"><BoardBody round={round} row={row} lang={lang} /></div>
    </section>
  );
}

export function BoardBody({ round, row, lang }: { round: Round; row: TrackRow; lang: Lang }): JSX.Element {
  const { b } = row;
  if (!b) return <p class="big-status">{rt(lang, "team_out")}</p>;
  return (
    <>
      <div class="rq-status">
        {b.finished ? <span class="pill rq-finished">{rt(lang, "finished")} · {b.t.progress.finishOrder}</span> : <Clock ms={row.remainingMs} running={round.status === "running"} paused={round.status === "paused"} lang={lang} />}
        <ProgressTrack b={b} lang={lang} />
      </div>
      {b.onTurn.length ? <p class="rq-turn">{rt(lang, "waiting_for")}: {b.onTurn.map((m) => <MemberName m={m} lang={lang} />)}</p> : ""}
      <ChainTable b={b} view="public" lang={lang} />
    </>
  );
}
