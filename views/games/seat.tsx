// The student's screen: who they are, their team, and the phase panel (lobby, round, results).
import type { Lang } from "../../src/errors.ts";
import type { Game, Participant, Team } from "../../src/db/schema.ts";
import type { TeamMember } from "../../src/games/queries.ts";
import { Layout } from "../layout.tsx";
import { t } from "../i18n.ts";

export function SeatPage({ lang, game, participant, team, phase, safePanel }: { lang: Lang; game: Game; participant: Participant; team: Team; phase: string; safePanel: string }): JSX.Element {
  return Layout({
    lang,
    title: `${game.title} · ${participant.nickname}`,
    bodyClass: "student seat",
    children: (
      <>
        {/* One render serves a whole team; this phone's own rows are marked here (and `mine-only` rows are this phone's alone). */}
        <style safe>{`.pid-${participant.id}{font-weight:800;text-decoration:underline}.mine-only:not(.pid-${participant.id}){display:none}.mine-only.pid-${participant.id}{font-weight:inherit;text-decoration:none}`}</style>
        <div class="seat-head">
          <span>
            {t(lang, "you_are")} <b safe>{participant.nickname}</b>
          </span>
          <span>
            {t(lang, "your_team")} <b safe>{team.name}</b>
          </span>
          <span class="conn" aria-live="polite">
            <span class="conn-down">{t(lang, "reconnecting")}</span>
          </span>
        </div>
        <div class="live" hx-sse:connect={`/g/${game.code}/play/stream?phase=${encodeURIComponent(phase)}`} hx-swap="none"></div>
        <div id="phase" data-phase={phase}>{safePanel}</div>
      </>
    ),
  });
}

/** Lobby / between rounds / game over, for a student. `safeMembers`: the team's member list, drawn (src/live/member-lists.ts). */
export function SeatWaiting({ lang, game, team, safeMembers }: { lang: Lang; game: Game; team: Team; safeMembers: string }): JSX.Element {
  const message = game.status === "waiting" ? t(lang, "waiting_start") : game.status === "finished" ? t(lang, "game_over") : t(lang, "waiting_round");
  return (
    <section class="card">
      <p class={`big-status status-${game.status}`}>{message}</p>
      <h2 safe>{team.name}</h2>
      <div id="seat-team">{safeMembers}</div>
    </section>
  );
}

/** A team's members as list items, oldest first: a list grows by the items of its newcomers (src/live/member-lists.ts). */
export function MemberItems({ members }: { members: TeamMember[] }): JSX.Element {
  return (
    <>
      {members.map((m) => (
        <li class={`pid-${m.id}`} safe>{m.nickname}</li>
      ))}
    </>
  );
}

export function memberListAround(safeItems: string): string {
  return `<ul class="members">${safeItems}</ul>`;
}
