// The plan page: every round with its state; rounds not yet played can move, be skipped, removed,
// given other settings (a form drawn from the round type's start schema), and rounds be added.
// Plain forms: each change posts and comes back here.
import type { Lang } from "../../src/errors.ts";
import type { Game } from "../../src/db/schema.ts";
import { ROUND_TYPE_NAMES } from "../../src/db/schema.ts";
import type { PlanEntry } from "../../src/event/plan.ts";
import { formValue, type LabelledFields, type SettingField } from "../../src/event/settings-form.ts";
import { Layout, Notice } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { et, typeName } from "./text.ts";
import { PlanList } from "./plan.tsx";

export type PlanPageProps = { lang: Lang; game: Game; entries: PlanEntry[]; history: number; fields: LabelledFields[]; notice?: { kind: "ok" | "error"; text: string } };

function Op({ url, label, disabled }: { url: string; label: string; disabled?: boolean }): JSX.Element {
  return (
    <form method="post" action={url} class="inline">
      <button type="submit" disabled={disabled} safe>{label}</button>
    </form>
  );
}

function FieldInput({ f, settings, id, label, lang }: { f: SettingField; settings: Record<string, unknown>; id: string; label: (key: string) => string; lang: Lang }): JSX.Element {
  const value = formValue(f, settings);
  switch (f.kind) {
    case "int": return <input id={id} name={f.name} type="number" min={f.min === undefined ? undefined : String(f.min)} max={f.max === undefined ? undefined : String(f.max)} value={value} />;
    case "bool": return <YesNo id={id} name={f.name} value={value} lang={lang} />;
    case "choice":
      return (
        <select id={id} name={f.name}>
          <option value="">{et(lang, "setting_default")}</option>
          {f.options.map((o) => <option value={o} selected={o === value} safe>{label(`${f.name}=${o}`)}</option>)}
        </select>
      );
    case "flags": return <span class="plan-flags">{f.keys.map((k) => <label class="inline"><span safe>{label(`${f.name}.${k}`)}</span> <YesNo name={`${f.name}.${k}`} value={formValue(f, settings, k)} lang={lang} /></label>)}</span>;
    case "json": return <textarea id={id} name={f.name} rows="2" safe>{value}</textarea>;
    default: return <input id={id} name={f.name} value={value} maxlength={"maxLength" in f && f.maxLength ? String(f.maxLength) : "400"} />;
  }
}

function YesNo({ id, name, value, lang }: { id?: string; name: string; value: string; lang: Lang }): JSX.Element {
  return (
    <select id={id} name={name}>
      <option value="">{et(lang, "setting_default")}</option>
      <option value="yes" selected={value === "yes"}>{et(lang, "setting_on")}</option>
      <option value="no" selected={value === "no"}>{et(lang, "setting_off")}</option>
    </select>
  );
}

function SettingsForm({ lang, game, entry, fields: offered }: { lang: Lang; game: Game; entry: PlanEntry; fields: LabelledFields }): JSX.Element {
  const url = `/teacher/games/${game.id}/plan/${entry.index + 1}/settings`;
  return (
    <details class="plan-settings">
      <summary>{et(lang, "settings")}</summary>
      <form method="post" action={url} class="grid-form">
        <p class="muted wide">{et(lang, "settings_help")}</p>
        {offered ? offered.fields.map((f) => {
          const id = `plan-${entry.index}-${f.name}`;
          const input = <FieldInput f={f} settings={entry.settings} id={id} label={offered.label} lang={lang} />;
          if (f.kind === "flags") {
            return (
              <fieldset class="wide">
                <legend safe>{offered.label(f.name)}</legend>
                {input}
              </fieldset>
            );
          }
          return (
            <label for={id}>
              <span safe>{offered.label(f.name)}</span>
              {input}
            </label>
          );
        }) : (
          <label class="wide">
            JSON
            <textarea name="settings" rows="3" safe>{JSON.stringify(entry.settings)}</textarea>
          </label>
        )}
        <button type="submit">{et(lang, "save_settings")}</button>
      </form>
    </details>
  );
}

export function PlanPage(p: PlanPageProps): JSX.Element {
  const { lang, game } = p;
  const base = `/teacher/games/${game.id}/plan`;
  return Layout({
    lang, title: `${et(lang, "plan")} · ${game.title}`, bodyClass: "teacher", nav: TeacherNav({ lang }),
    children: (
      <>
        <p><a href={`/teacher/games/${game.id}`}>← <span safe>{game.title}</span></a></p>
        <section class="card">
          <h1>{et(lang, "plan")}</h1>
          <p class="muted">{et(lang, "plan_help")}</p>
          {p.notice ? Notice({ kind: p.notice.kind, message: p.notice.text }) : ""}
          <PlanList lang={lang} game={game} entries={p.entries} />
        </section>
        {p.entries.map((e, i) => e.index < p.history ? "" : (
          <section class="card plan-edit" data-index={String(e.index)}>
            <h2>{e.index + 1}. <span safe>{typeName(lang, e.type)}</span> {!e.available ? <span class="pill warn">{et(lang, "not_available")}</span> : ""}</h2>
            <div class="plan-ops">
              <Op url={`${base}/${e.index + 1}/up`} label={et(lang, "up")} disabled={i === 0 || i - 1 < p.history} />
              <Op url={`${base}/${e.index + 1}/down`} label={et(lang, "down")} disabled={i === p.entries.length - 1} />
              <Op url={`${base}/${e.index + 1}/${e.skipped ? "unskip" : "skip"}`} label={et(lang, e.skipped ? "unskip" : "skip")} />
              <Op url={`${base}/${e.index + 1}/remove`} label={et(lang, "remove")} />
            </div>
            <SettingsForm lang={lang} game={game} entry={e} fields={p.fields[i] ?? null} />
          </section>
        ))}
        {game.status !== "finished" ? (
          <section class="card">
            <h2>{et(lang, "add_round")}</h2>
            <form method="post" action={`${base}/add`} class="inline wrap">
              <label class="inline">
                {et(lang, "add_round")}
                <select name="type">
                  {ROUND_TYPE_NAMES.map((type) => <option value={type} safe>{typeName(lang, type)}</option>)}
                </select>
              </label>
              <button type="submit">{et(lang, "add")}</button>
            </form>
          </section>
        ) : ""}
      </>
    ),
  });
}
