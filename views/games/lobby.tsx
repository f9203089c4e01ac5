// The teacher's game page: status and controls, the teams with their members, the round panel.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import { Layout } from "../layout.tsx";
import { statusLabel, t } from "../i18n.ts";
import { byBracket, type TeamsView } from "./teams.tsx";
import { TeacherNav } from "./dashboard.tsx";
import { ExportLinks } from "../exports/links.tsx";

/** Seats taken from one network address (a class behind one router shares one). */
export type AddressSeats = { address: string; seats: number };

export type LobbyProps = {
  lang: Lang; game: Game; view: TeamsView; participantCount: number; joinUrl: string; phase: string; panel: string; addresses: AddressSeats[];
  /** The event plan region with its main button (src/event/live.ts), already rendered. */
  safePlan: string;
};

const TEXT = {
  addresses: { ko: "네트워크 주소별 자리", en: "Seats per network address" },
  addresses_help: {
    ko: "공유기 하나 뒤의 휴대폰들은 주소 하나를 같이 씁니다. 예상하지 못한 주소에 자리가 많으면 스크립트일 수 있습니다.",
    en: "Phones behind one router share one address. Many seats from an address you do not expect may be a script.",
  },
  seats: { ko: "자리", en: "seats" },
  remove_all: { ko: "모두 내보내기", en: "Remove all" },
  confirm_remove_all: { ko: "이 주소의 자리를 모두 내보낼까요?", en: "Remove every seat taken from this address?" },
  more_addresses: { ko: "그 밖의 주소", en: "other addresses" },
  none_yet: { ko: "아직 참가자가 없습니다.", en: "Nobody has joined yet." },
  member_menu: { ko: "이동 또는 내보내기", en: "move or remove" },
  move: { ko: "이동", en: "Move" },
  remove_from_game: { ko: "게임에서 내보내기", en: "Remove from the game" },
  cancel: { ko: "취소", en: "Cancel" },
} as const;
/** Rows shown; the rest (fewest seats) are summed up in one line. */
const ADDRESS_ROWS = 20;

export function LobbyPage(p: LobbyProps): JSX.Element {
  const { lang, game } = p;
  return Layout({
    lang,
    title: `${game.title} · ${game.code}`,
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <>
        <div class="live" hx-sse:connect={`/teacher/games/${game.id}/stream?phase=${encodeURIComponent(p.phase)}`} hx-swap="none"></div>
        <section class="card lobby-head">
          <div>
            <h1 safe>{game.title}</h1>
            <p class="muted" safe>{game.classLabel}</p>
          </div>
          <div class="code-box">
            <span>{t(lang, "code")}</span>
            <b class="game-code" safe>{game.code}</b>
            <a href={`/g/${game.code}/screen`} target="_blank">{t(lang, "projector")} ↗</a>
            <small class="muted" safe>{p.joinUrl}</small>
          </div>
        </section>
        <div id="flash" aria-live="polite"></div>
        <section class="card">
          <div id="lobby-status">
            <LobbyStatus {...p} />
          </div>
        </section>
        <div id="event-plan">{p.safePlan as "safe"}</div>
        <div id="phase" data-phase={p.phase}>{p.panel as "safe"}</div>
        <section class="card">
          <h2>{t(lang, "teams")}</h2>
          <div id="lobby-teams">
            <LobbyTeams {...p} />
          </div>
        </section>
        <MemberDialog lang={lang} game={game} />
        <section class="card">
          <details>
            <summary>{TEXT.addresses[lang]}</summary>
            <p class="muted">{TEXT.addresses_help[lang]}</p>
            <div id="lobby-addresses">
              <LobbyAddresses {...p} />
            </div>
          </details>
        </section>
        <section class="card">
          <details>
            <summary>{t(lang, "roster")}</summary>
            <p class="muted">{t(lang, "roster_help")}</p>
            <form method="post" action={`/teacher/games/${game.id}/roster/preview`} enctype="multipart/form-data" hx-post={`/teacher/games/${game.id}/roster/preview`} hx-target="#roster-preview" hx-swap="innerHTML" hx-encoding="multipart/form-data" class="stack">
              <input type="file" name="file" accept=".csv,text/csv" required />
              <button type="submit">{t(lang, "preview")}</button>
            </form>
            <div id="roster-preview"></div>
          </details>
        </section>
      </>
    ),
  });
}

function ControlButton({ game, action, label, confirm, primary }: { game: Game; action: string; label: string; confirm?: string; primary?: boolean }): JSX.Element {
  const url = `/teacher/games/${game.id}/${action}`;
  return (
    <form method="post" action={url} hx-post={url} hx-target="#flash" hx-swap="innerHTML" hx-confirm={confirm} class="inline">
      <button type="submit" class={primary ? "primary" : undefined} safe>{label}</button>
    </form>
  );
}

export function LobbyStatus({ lang, game, participantCount }: LobbyProps): JSX.Element {
  const status = statusLabel(lang, game.status);
  return (
    <div class="status-row">
      <span class={`pill status-${game.status}`}>{status}</span>
      <span class="pill" data-testid="participant-count">
        {t(lang, "players")} {participantCount} / {game.maxParticipants}
      </span>
      {game.locked ? <span class="pill warn">{t(lang, "locked")}</span> : ""}
      {!game.lateJoin && game.status !== "finished" ? <span class="pill">{t(lang, "no_latecomers")}</span> : ""}
      <span class="controls">
        {game.status === "waiting" ? <ControlButton game={game} action="start" label={t(lang, "start_game")} primary /> : ""}
        {game.status !== "finished" ? (
          <>
            <ControlButton game={game} action={game.locked ? "unlock" : "lock"} label={t(lang, game.locked ? "unlock" : "lock")} />
            <ControlButton game={game} action={game.lateJoin ? "late-join-off" : "late-join-on"} label={t(lang, game.lateJoin ? "late_join_refuse" : "late_join_allow")} />
            <ControlButton game={game} action="rebalance" label={t(lang, "rebalance")} />
            <ControlButton game={game} action="shuffle" label={t(lang, "shuffle")} />
            <ControlButton game={game} action="finish" label={t(lang, "finish_game")} confirm={t(lang, "confirm_finish")} />
          </>
        ) : ""}
      </span>
      <ExportLinks lang={lang} gameId={game.id} />
    </div>
  );
}

export function LobbyTeams({ lang, game, view }: LobbyProps): JSX.Element {
  const editable = game.status !== "finished";
  return (
    <div class="brackets">
      {byBracket(view).map((group) => (
        <section class="bracket">
          {group.bracket ? <h3 class="bracket-name" safe>{group.bracket}</h3> : ""}
          <div class="team-cards">
            {group.teams.map((team) => (
              <article class="team-card" data-team-id={team.id} data-team-name={team.name}>
                <header>
                  <b safe>{team.name}</b> <small class="muted">{team.members.length} · {t(lang, "score")} <span id={`team-score-${team.id}`}>{team.score}</span></small>
                  <a class="small-link" href={`/g/${game.code}/team/${team.position}?key=${team.boardKey}`} target="_blank">{t(lang, "team_board")} ↗</a>
                  <a class="small-link" href={`/teacher/games/${game.id}/teams/${team.id}/ledger`}>{t(lang, "ledger")}</a>
                </header>
                {editable ? (
                  <form method="post" action={`/teacher/games/${game.id}/teams/${team.id}/rename`} hx-post={`/teacher/games/${game.id}/teams/${team.id}/rename`} hx-target="#flash" class="inline rename">
                    <input name="name" value={team.name} maxlength="40" required aria-label={t(lang, "rename")} />
                    <button type="submit">{t(lang, "rename")}</button>
                  </form>
                ) : ""}
                <ul class="members">
                  {team.members.map((m) => (
                    <li data-p={String(m.id)}>
                      <span class="member-name" safe>{m.nickname}</span>
                      {editable ? <a class="member-menu button" href={`/teacher/games/${game.id}/participants/${m.id}`} data-member-menu aria-haspopup="dialog" aria-label={`${m.nickname}: ${TEXT.member_menu[lang]}`}>⋯</a> : ""}
                    </li>
                  ))}
                </ul>
                {team.members.length === 0 ? <p class="muted">{t(lang, "empty_team")}</p> : ""}
              </article>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

/** A member's move and remove forms: in the lobby's dialog (`member` unset: public/app.js fills them in) and on the member's own page. */
function MemberForms({ lang, game, member, teams }: { lang: Lang; game: Game; member?: { id: number; teamId: number }; teams?: { id: number; name: string }[] }): JSX.Element {
  const url = (action: string) => (member ? `/teacher/games/${game.id}/participants/${member.id}/${action}` : "");
  return (
    <>
      <form method="post" action={url("move") || undefined} data-do="move" hx-post={url("move")} hx-target="#flash" hx-swap="innerHTML" class="stack">
        <label>
          {t(lang, "move_to")}
          <select name="teamId" required>
            {(teams ?? []).map((team) => <option value={String(team.id)} selected={team.id === member?.teamId} safe>{team.name}</option>)}
          </select>
        </label>
        <button type="submit" class="primary">{TEXT.move[lang]}</button>
      </form>
      <form method="post" action={url("kick") || undefined} data-do="kick" hx-post={url("kick")} hx-target="#flash" hx-swap="innerHTML" hx-confirm={t(lang, "confirm_kick")}>
        <button type="submit" class="danger">{TEXT.remove_from_game[lang]}</button>
      </form>
    </>
  );
}

/**
 * One dialog for every member's ⋯ link (public/app.js fills it in: the member's name, their
 * move and kick URLs, the teams from the cards): a thousand students' rows each held a form with
 * every team as an option — a megabyte of the teacher's page, sent again as students joined.
 * It sits outside the live regions, so a live update never closes it under the teacher's hand.
 * Without the script the link opens the member's page (MemberPage), with the same forms.
 */
function MemberDialog({ lang, game }: { lang: Lang; game: Game }): JSX.Element {
  return (
    <dialog id="member-dialog" class="member-dialog" data-base={`/teacher/games/${game.id}/participants/`} aria-labelledby="member-dialog-name">
      <h2 id="member-dialog-name" data-member-name></h2>
      <MemberForms lang={lang} game={game} />
      <form method="dialog">
        <button type="submit">{TEXT.cancel[lang]}</button>
      </form>
    </dialog>
  );
}

/** A member's page: where the ⋯ link leads without the lobby's script. */
export function MemberPage({ lang, game, member, teams }: { lang: Lang; game: Game; member: { id: number; teamId: number; nickname: string }; teams: { id: number; name: string }[] }): JSX.Element {
  return Layout({
    lang,
    title: `${member.nickname} · ${game.title}`,
    bodyClass: "teacher",
    nav: TeacherNav({ lang }),
    children: (
      <section class="card member-page">
        <h1 safe>{member.nickname}</h1>
        <div id="flash" aria-live="polite"></div>
        <MemberForms lang={lang} game={game} member={member} teams={teams} />
        <p><a href={`/teacher/games/${game.id}`}>← <span safe>{game.title}</span></a></p>
      </section>
    ),
  });
}

/** How many seats each network address holds, most first, each with a control removing them all. */
export function LobbyAddresses({ lang, game, addresses }: LobbyProps): JSX.Element {
  if (!addresses.length) return <p class="muted">{TEXT.none_yet[lang]}</p>;
  const shown = addresses.slice(0, ADDRESS_ROWS);
  const rest = addresses.slice(ADDRESS_ROWS);
  const url = `/teacher/games/${game.id}/addresses/remove`;
  return (
    <>
      <table class="addresses">
        <tbody>
          {shown.map((a) => (
            <tr>
              <td><code safe>{a.address}</code></td>
              <td>{a.seats} {TEXT.seats[lang]}</td>
              <td>
                {game.status !== "finished" ? (
                  <form method="post" action={url} hx-post={url} hx-target="#flash" hx-confirm={TEXT.confirm_remove_all[lang]} class="inline">
                    <input type="hidden" name="address" value={a.address} />
                    <button type="submit" class="danger">{TEXT.remove_all[lang]}</button>
                  </form>
                ) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rest.length ? <p class="muted">+ {rest.length} {TEXT.more_addresses[lang]} · {rest.reduce((n, a) => n + a.seats, 0)} {TEXT.seats[lang]}</p> : ""}
    </>
  );
}
