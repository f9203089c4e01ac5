// A game row's cleanup controls (dashboard and archive list).
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import { at } from "./text.ts";

/** Archive / unarchive / delete buttons for one game row (dashboard and archive list). */
export function GameCleanupActions({ lang, game }: { lang: Lang; game: Pick<Game, "id" | "status" | "archivedAt"> }): JSX.Element {
  const id = game.id;
  return (
    <>
      {game.status === "finished" && game.archivedAt === null ? (
        <form method="post" action={`/teacher/games/${id}/archive`} class="inline">
          <button type="submit" class="link">{at(lang, "archive_game")}</button>
        </form>
      ) : ""}
      {game.archivedAt !== null ? (
        <form method="post" action={`/teacher/games/${id}/unarchive`} class="inline">
          <button type="submit" class="link">{at(lang, "unarchive")}</button>
        </form>
      ) : ""}
      {game.status !== "started" ? <a href={`/teacher/games/${id}/delete`}>{at(lang, "delete")}</a> : ""}
    </>
  );
}
