// The teacher's relay panels: the start form (sets from the bank, times, options, and the mapping
// each team would get, with its member order to rearrange), and the running round (every team's
// progress, answers and hints, stuck teams, the controls, handing a member's questions over).
import type { Lang } from "../../../src/errors.ts";
import type { Game, Participant, Round, Team } from "../../../src/db/schema.ts";
import type { SetSummary } from "../../../src/questions/sets.ts";
import type { TeamBoard } from "../../../src/rounds/relay-quiz/board.ts";
import type { Deal } from "../../../src/rounds/relay-quiz/types.ts";
import type { TeamsView } from "../../games/teams.tsx";
import type { TeamMemberRow } from "../../../src/games/queries.ts";
import { Standings } from "../../games/standings.tsx";
import { memberLetter } from "../../../src/rounds/relay-quiz/rules.ts";
import { ChainTable, Clock, Controls, FinishOrder, MemberName, RelayStyles } from "./parts.tsx";
import { rt } from "./text.ts";

export type StartValues = { sets: string[]; cycleSeconds: string; followThrough: boolean; hintPenalty: string; pacing: string };

export type PreviewTeam = { team: Team; members: Participant[]; deal: Deal };
/** The preview: per team its deal, or why there is none yet (no sets chosen, or a refusal's text). */
export type Preview = { teams: PreviewTeam[]; setNames: string[] } | { message: string };

export function previewUrl(game: Game): string {
  return `/teacher/games/${game.id}/relay/preview`;
}

function MoveButton({ game, team, member, dir, lang }: { game: Game; team: Team; member: Participant; dir: "up" | "down"; lang: Lang }): JSX.Element {
  const url = previewUrl(game);
  return (
    <button type="submit" class="rq-move" name="move" value={`${team.id}:${member.id}:${dir}`} formaction={url} hx-post={url} hx-target="#rq-preview" hx-swap="innerHTML" aria-label={`${rt(lang, dir)}: ${member.nickname}`}>
      {dir === "up" ? "↑" : "↓"}
    </button>
  );
}

/** Each team's members in order with what they answer in each cycle; the order travels as `order_<teamId>` fields. */
export function MappingPreview({ game, preview, lang }: { game: Game; preview: Preview; lang: Lang }): JSX.Element {
  if ("message" in preview) return <p class="muted" safe>{preview.message}</p>;
  const { teams, setNames } = preview;
  const cycles = teams[0]?.deal.length ?? 0;
  return (
    <div class="rq-preview-teams">
      {teams.map(({ team, members, deal }) => (
        <article class="team-card rq-preview-team" data-team-id={String(team.id)}>
          <header><b safe>{team.name}</b></header>
          {members.length === 0 ? <p class="muted">{rt(lang, "empty_team")}</p> : (
            <table class="rq-mapping">
              <thead>
                <tr>
                  <th scope="col">{rt(lang, "member")}</th>
                  {Array.from({ length: cycles }, (_, k) => <th scope="col">{rt(lang, "cycle")} {k + 1}</th>)}
                </tr>
              </thead>
              <tbody>
                {members.map((m, i) => (
                  <tr>
                    <th scope="row">
                      <input type="hidden" name={`order_${team.id}`} value={String(m.id)} />
                      <span class="rq-moves">
                        {i > 0 ? <MoveButton game={game} team={team} member={m} dir="up" lang={lang} /> : ""}
                        {i < members.length - 1 ? <MoveButton game={game} team={team} member={m} dir="down" lang={lang} /> : ""}
                      </span>
                      <b class="rq-letter" safe>{memberLetter(i)}</b> <span safe>{m.nickname}</span>
                    </th>
                    {deal.map((cycle, k) => (
                      <td safe>{cycle.map((holders, s) => (holders.includes(i) ? `${setNames[s]}·${k + 1}` : null)).filter(Boolean).join(" + ")}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </article>
      ))}
    </div>
  );
}

export function StartForm({ game, lang, sets, values, preview }: { game: Game; lang: Lang; sets: SetSummary[]; values: StartValues; preview: Preview }): JSX.Element {
  const action = `/teacher/games/${game.id}/rounds`;
  const url = previewUrl(game);
  return (
    <form class="grid-form rq-start" method="post" action={action} hx-post={action} hx-target="#flash" hx-swap="innerHTML" id="rq-start-form">
      <RelayStyles />
      <input type="hidden" name="type" value="relay_quiz" />
      <fieldset class="wide rq-sets" hx-post={url} hx-trigger="change" hx-target="#rq-preview" hx-swap="innerHTML">
        <legend>{rt(lang, "sets")}</legend>
        {sets.length === 0 ? <p class="muted">{rt(lang, "no_sets")}</p> : ""}
        {sets.map((s) => (
          <label class="choice">
            <input type="checkbox" name="sets" value={s.set} checked={values.sets.includes(s.set)} disabled={!s.ok} />
            <b safe>{s.set}</b> <small class="muted">{s.size} {rt(lang, "questions_n")}{s.ok ? "" : " · "}{s.ok ? "" : rt(lang, "set_broken")}</small>
          </label>
        ))}
        <small class="muted wide">{rt(lang, "sets_help")}</small>
      </fieldset>
      <label>
        {rt(lang, "cycle_seconds")}
        <input name="cycleSeconds" value={values.cycleSeconds} placeholder="180, 240, 300, 300" inputmode="numeric" maxlength="200" />
        <small class="muted">{rt(lang, "cycle_seconds_help")}</small>
      </label>
      <label>
        {rt(lang, "hint_penalty")}
        <input name="hintPenalty" type="number" min="0" max="10000" value={values.hintPenalty} />
      </label>
      <label>
        {rt(lang, "pacing")}
        <select name="pacing">
          <option value="team" selected={values.pacing !== "together"}>{rt(lang, "pacing_team")}</option>
          <option value="together" selected={values.pacing === "together"}>{rt(lang, "pacing_together")}</option>
        </select>
      </label>
      <label class="choice wide">
        <input type="checkbox" name="followThrough" value="on" checked={values.followThrough} /> {rt(lang, "follow_through")}
      </label>
      <fieldset class="wide rq-preview-box">
        <legend>{rt(lang, "mapping")}</legend>
        <p class="muted">{rt(lang, "mapping_help")}</p>
        <div id="rq-preview"><MappingPreview game={game} preview={preview} lang={lang} /></div>
        <button type="submit" formaction={url} hx-post={url} hx-target="#rq-preview" hx-swap="innerHTML">{rt(lang, "refresh")}</button>
      </fieldset>
      <button type="submit" class="primary">{rt(lang, "start")}</button>
    </form>
  );
}

export type TeacherProps = {
  game: Game;
  round: Round;
  boards: { team: Team; b: TeamBoard | null; remainingMs: number; members: TeamMemberRow[] }[];
  finished: { team: Team; order: number }[];
  standings: TeamsView;
  now: number;
  lang: Lang;
};

/** A team with open questions where nothing has happened for this long is shown as stuck. */
export const STUCK_MS = 90_000;

function minutes(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function TeacherStatus({ game, round, boards, lang }: TeacherProps): JSX.Element {
  const first = boards.find((x) => x.b);
  const pacing = first?.b?.config.pacing ?? "team";
  return (
    <div class="status-row">
      <span class="pill">{rt(lang, "pacing")}: {pacing === "together" ? rt(lang, "pacing_together") : rt(lang, "pacing_team")}</span>
      {round.status === "paused" ? <span class="pill warn">{rt(lang, "paused")}</span> : ""}
      <Controls game={game} round={round} lang={lang} />
    </div>
  );
}

export function TeacherTeams(p: TeacherProps): JSX.Element {
  return <div class="rq-teacher-teams">{p.boards.map((row) => <TeacherCard row={row} round={p.round} now={p.now} lang={p.lang} />)}</div>;
}

type CardProps = { row: TeacherProps["boards"][number]; round: Round; now: number; lang: Lang };

/** How long a team with open questions has done nothing, once that is STUCK_MS or more; else null. */
function stuckFor({ row: { b }, round, now }: Omit<CardProps, "lang">): number | null {
  if (!b || b.finished || round.status !== "running" || b.onTurn.length === 0) return null;
  const idle = now - b.lastActivity;
  return idle >= STUCK_MS ? idle : null;
}

/** What a team's card shows but its clock (counted down on the page): a live update sends only the cards whose state changed. */
export function teacherCardState(p: Omit<CardProps, "lang">): string {
  const { team, b } = p.row;
  if (!b) return `${team.id}:out:${team.name}`;
  const stuck = stuckFor(p);
  return `${team.id}:${b.t.progress.version}:${team.score}:${p.round.status}:${stuck === null ? "" : minutes(stuck)}:${team.name}`;
}

/** One team's card; its id lets a live update replace it alone. */
export function TeacherCard(p: CardProps): JSX.Element {
  const { row: { team, b, remainingMs }, round, lang } = p;
  const id = `rq-t-team-${team.id}`;
  if (!b) return <article class="team-card" id={id}><header><b safe>{team.name}</b> <small class="muted">{rt(lang, "sits_out")}</small></header></article>;
  const stuck = stuckFor(p);
  return (
    <article class={`team-card rq-team${stuck !== null ? " stuck" : ""}`} id={id} data-team-id={String(team.id)}>
      <header>
        <b safe>{team.name}</b>
        {b.finished
          ? <span class="pill rq-finished">{rt(lang, "finished")} · {b.t.progress.finishOrder}</span>
          : <>
            <span class="pill">{rt(lang, "cycle")} {b.cycle}/{b.config.size}</span>
            <Clock ms={remainingMs} running={round.status === "running"} paused={round.status === "paused"} lang={lang} />
          </>}
        {stuck !== null ? <span class="pill warn rq-stuck">⚠ {rt(lang, "stuck")} · {rt(lang, "stuck_for")} <span safe>{minutes(stuck)}</span></span> : ""}
        <span class="muted">{rt(lang, "points")} <b>{team.score}</b></span>
      </header>
      {b.onTurn.length ? <p class="rq-turn">{rt(lang, "waiting_for")}: {b.onTurn.map((m) => <MemberName m={m} lang={lang} />)}</p> : ""}
      <div class="table-scroll"><ChainTable b={b} view="teacher" lang={lang} /></div>
    </article>
  );
}

/** Handing a member's remaining questions to a teammate: one small form per playing team (part of the phase panel, so typing is never interrupted). */
export function HandOver({ game, round, boards, lang }: TeacherProps): JSX.Element {
  const url = `/teacher/games/${game.id}/rounds/${round.id}/reassign`;
  return (
    <details class="rq-handover">
      <summary>{rt(lang, "hand_over")}</summary>
      <div class="rq-handover-forms">
        {boards.filter((x) => x.b && !x.b.finished).map(({ team, b, members }) => (
          <form method="post" action={url} hx-post={url} hx-target="#flash" hx-swap="innerHTML" class="rq-handover-form" data-team-id={String(team.id)}>
            <b safe>{team.name}</b>
            <label>
              {rt(lang, "from")}
              <select name="fromParticipantId">
                {b!.t.members.filter((m) => m.participantId !== null).map((m) => <option value={String(m.participantId)} safe>{`${memberLetter(m.position)} ${m.nickname}`}</option>)}
              </select>
            </label>
            <label>
              {rt(lang, "to")}
              <select name="toParticipantId">
                {members.map((p) => <option value={String(p.id)} safe>{p.nickname}</option>)}
              </select>
            </label>
            <button type="submit">{rt(lang, "hand_over_button")}</button>
          </form>
        ))}
      </div>
    </details>
  );
}

export function TeacherRunning(p: TeacherProps): JSX.Element {
  return (
    <section class="card rq-teacher">
      <RelayStyles />
      <h2>{rt(p.lang, "name")}</h2>
      <div id="rq-t-status"><TeacherStatus {...p} /></div>
      <HandOver {...p} />
      <div class="rq-columns">
        <section>
          <h3>{rt(p.lang, "finish_order")}</h3>
          <div id="rq-t-order"><FinishOrder finished={p.finished} lang={p.lang} /></div>
        </section>
        <section>
          <h3>{rt(p.lang, "standings")}</h3>
          <div id="rq-t-standings"><Standings view={p.standings} lang={p.lang} /></div>
        </section>
      </div>
      <div id="rq-t-teams"><TeacherTeams {...p} /></div>
    </section>
  );
}
