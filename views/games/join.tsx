import type { Lang } from "../../src/errors.ts";
import type { Game, Team } from "../../src/db/schema.ts";
import type { RosterChoice } from "../../src/games/queries.ts";
import { Layout, Notice } from "../layout.tsx";
import { t } from "../i18n.ts";

export function JoinCodePage({ lang, error, code, resume }: { lang: Lang; error?: string; code?: string; resume?: { nickname: string; code: string; title: string } }): JSX.Element {
  return Layout({
    lang,
    title: t(lang, "join_title"),
    bodyClass: "student",
    children: (
      <section class="card narrow">
        <h1>{t(lang, "join_title")}</h1>
        {resume ? (
          <p class="resume">
            <a class="button primary" href={`/g/${resume.code}/play`}>
              {t(lang, "continue_as")} <b safe>{resume.nickname}</b> · <span safe>{resume.title}</span>
            </a>
          </p>
        ) : ""}
        <form method="get" action="/join" class="stack">
          <label>
            {t(lang, "game_code")}
            <input name="code" inputmode="numeric" pattern="[0-9]*" autocomplete="off" maxlength="6" required autofocus class="big-input" value={code ?? ""} aria-describedby="code-hint" />
          </label>
          <small id="code-hint" class="muted">{t(lang, "game_code_hint")}</small>
          {error ? Notice({ kind: "error", message: error }) : ""}
          <button type="submit" class="primary big">{t(lang, "next")}</button>
        </form>
      </section>
    ),
  });
}

export type JoinNameProps = { lang: Lang; game: Game; teams: Team[]; roster: RosterChoice[]; error?: string; nickname?: string };

export function JoinNamePage(p: JoinNameProps): JSX.Element {
  const { lang, game } = p;
  return Layout({
    lang,
    title: `${t(lang, "join_title")} · ${game.title}`,
    bodyClass: "student",
    children: (
      <section class="card narrow">
        <h1 safe>{game.title}</h1>
        <p class="muted">
          {t(lang, "code")} <b safe>{game.code}</b> {game.classLabel ? <span safe>· {game.classLabel}</span> : ""}
        </p>
        <form method="post" action="/join" hx-post="/join" hx-target="#join-msg" hx-swap="innerHTML" class="stack">
          <input type="hidden" name="gameCode" value={game.code} />
          {game.joinMode === "roster" ? <RosterPicker {...p} /> : (
            <label>
              {t(lang, "nickname")}
              <input name="nickname" maxlength="20" required autofocus autocomplete="nickname" class="big-input" value={p.nickname ?? ""} aria-describedby="nick-hint" />
              <small id="nick-hint" class="muted">{t(lang, "nickname_hint")}</small>
            </label>
          )}
          {game.joinMode === "choose" ? <TeamPicker {...p} /> : ""}
          <div id="join-msg">{p.error ? Notice({ kind: "error", message: p.error }) : ""}</div>
          <button type="submit" class="primary big">{t(lang, "join_button")}</button>
        </form>
        <p><a href="/">{t(lang, "other_code")}</a></p>
      </section>
    ),
  });
}

function TeamPicker({ lang, teams }: JoinNameProps): JSX.Element {
  return (
    <fieldset class="choices">
      <legend>{t(lang, "choose_team")}</legend>
      {teams.map((team, i) => (
        <label class="choice">
          <input type="radio" name="teamId" value={String(team.id)} required checked={i === 0} />
          <span safe>{team.name}</span> <small class="muted">{team.memberCount} {t(lang, team.memberCount === 1 ? "member" : "members")}</small>
        </label>
      ))}
    </fieldset>
  );
}

function RosterPicker({ lang, roster, teams }: JoinNameProps): JSX.Element {
  const teamName = new Map(teams.map((tm) => [tm.id, tm.name]));
  const free = roster.filter((r) => r.participantId === null);
  return (
    <>
      <label>
        {t(lang, "choose_name")}
        <select name="rosterEntryId" required class="big-input">
          <option value="">—</option>
          {free.map((r) => (
            <option value={String(r.id)} safe>{`${r.playerNumber ? r.playerNumber + ". " : ""}${r.playerName} (${teamName.get(r.teamId) ?? ""})`}</option>
          ))}
        </select>
      </label>
      {roster.some((r) => r.hasPin) ? (
        <label>
          {t(lang, "roster_pin")}
          <input name="pin" required autocomplete="off" maxlength="12" class="big-input" />
        </label>
      ) : ""}
    </>
  );
}
