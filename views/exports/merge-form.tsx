// Choosing games to merge (dashboard and archive lists): a checkbox per game row, tied to one
// GET form by its id (the rows hold forms of their own, and forms cannot nest).
import type { Lang } from "../../src/errors.ts";
import { xt } from "./text.ts";

const FORM_ID = "merge-form";

export function MergeCheckbox({ lang, gameId }: { lang: Lang; gameId: number }): JSX.Element {
  return <input type="checkbox" name="games" value={String(gameId)} form={FORM_ID} aria-label={xt(lang, "choose")} />;
}

export function MergeForm({ lang }: { lang: Lang }): JSX.Element {
  return (
    <form id={FORM_ID} method="get" action="/teacher/results/merged" class="inline merge-form">
      <button type="submit">{xt(lang, "merge_selected")}</button> <small class="muted">{xt(lang, "merge_help")}</small>
    </form>
  );
}
