// A plan entry's settings as a plain HTML form, drawn from the round type's own start schema
// (so a round type brings no form of its own for the plan, and a new one works as it is), and the
// form's fields turned back into the settings object the same schema then checks.
import { Kind, type TSchema } from "@sinclair/typebox";
import type { AnyRoundModule } from "../rounds/contract.ts";
import type { Lang } from "../errors.ts";

export type SettingField =
  | { name: string; kind: "int"; min?: number; max?: number }
  | { name: string; kind: "bool" }
  | { name: string; kind: "choice"; options: string[] }
  | { name: string; kind: "text"; maxLength?: number }
  | { name: string; kind: "int-list" | "text-list" }
  | { name: string; kind: "flags"; keys: string[] }
  | { name: string; kind: "json" };

const kindOf = (s: TSchema): string => (s as unknown as Record<symbol, string>)[Kind] ?? "";

function fieldOf(name: string, s: TSchema): SettingField {
  switch (kindOf(s)) {
    case "Integer":
    case "Number": return { name, kind: "int", min: s.minimum as number | undefined, max: s.maximum as number | undefined };
    case "Boolean": return { name, kind: "bool" };
    case "String": return { name, kind: "text", maxLength: s.maxLength as number | undefined };
    case "Union": {
      const options = (s.anyOf as TSchema[]).filter((x) => kindOf(x) === "Literal").map((x) => String(x.const));
      return options.length === (s.anyOf as TSchema[]).length ? { name, kind: "choice", options } : { name, kind: "json" };
    }
    case "Array": {
      const item = kindOf(s.items as TSchema);
      return item === "Integer" || item === "Number" ? { name, kind: "int-list" } : item === "String" ? { name, kind: "text-list" } : { name, kind: "json" };
    }
    case "Object": {
      const props = Object.entries((s.properties ?? {}) as Record<string, TSchema>);
      return props.every(([, p]) => kindOf(p) === "Boolean") ? { name, kind: "flags", keys: props.map(([k]) => k) } : { name, kind: "json" };
    }
    default: return { name, kind: "json" };
  }
}

/** The fields of a round type's settings; none when this build lacks the type (its settings are then edited as JSON). */
export function settingFields(module: AnyRoundModule | undefined): SettingField[] | null {
  if (!module) return null;
  return Object.entries(module.start.body.properties as Record<string, TSchema>).map(([name, s]) => fieldOf(name, s));
}

/** A field with the words the teacher sees: `label(key)` for the field, `field=option` and `field.key`. */
export type LabelledFields = { fields: SettingField[]; label: (key: string) => string } | null;

/**
 * The fields the plan's form offers, in the teacher's language: those the round type labels
 * (settingLabels), or every field by its name when the type gives no labels.
 */
export function offeredFields(module: AnyRoundModule | undefined, lang: Lang): LabelledFields {
  const fields = settingFields(module);
  if (!fields) return null;
  const labels = module!.start.settingLabels?.(lang);
  if (!labels) return { fields, label: (key) => key };
  return { fields: fields.filter((f) => labels[f.name] !== undefined), label: (key) => labels[key] ?? key.replace(/^.*[.=]/, "") };
}

/**
 * A settings form posted from the plan page: the offered fields as typed, and every setting the
 * form does not offer kept from `previous` (an API client may have set it).
 */
export function settingsFromPlanForm(module: AnyRoundModule | undefined, lang: Lang, form: Record<string, unknown>, previous: Record<string, unknown>): unknown {
  const offered = offeredFields(module, lang);
  const typed = settingsFromForm(offered?.fields ?? null, form);
  if (!offered || typeof typed !== "object" || typed === null) return typed;
  const names = new Set(offered.fields.map((f) => f.name));
  const kept = Object.fromEntries(Object.entries(previous).filter(([k]) => !names.has(k)));
  return { ...kept, ...(typed as Record<string, unknown>) };
}

const list = (v: unknown) => (typeof v === "string" ? v.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean) : v);
const yesNo = (v: unknown) => (v === "yes" ? true : v === "no" ? false : v);
/** Text that is not a whole number is kept as typed: the schema then names the field. */
const int = (v: unknown) => (typeof v === "string" && /^-?\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v);
function json(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** The form's fields as settings: an empty field is left out (the round's default applies). */
export function settingsFromForm(fields: SettingField[] | null, form: Record<string, unknown>): unknown {
  if (!fields) return typeof form.settings === "string" && form.settings.trim() !== "" ? json(form.settings) : {};
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.kind === "flags") {
      const flags = Object.fromEntries(f.keys.flatMap((k) => { const v = form[`${f.name}.${k}`]; return v === undefined || v === "" ? [] : [[k, yesNo(v)]]; }));
      if (Object.keys(flags).length) out[f.name] = flags;
      continue;
    }
    const v = form[f.name];
    if (v === undefined || v === "") continue;
    if (f.kind === "int") out[f.name] = int(v);
    else if (f.kind === "bool") out[f.name] = yesNo(v);
    else if (f.kind === "int-list") { const xs = list(v); out[f.name] = Array.isArray(xs) ? xs.map(int) : xs; }
    else if (f.kind === "text-list") out[f.name] = list(v);
    else if (f.kind === "json") out[f.name] = json(v);
    else out[f.name] = v;
  }
  return out;
}

/** A setting's value as the form shows it. */
export function formValue(f: SettingField, settings: Record<string, unknown>, key?: string): string {
  const v = key ? (settings[f.name] as Record<string, unknown> | undefined)?.[key] : settings[f.name];
  if (v === undefined || v === null) return "";
  if (typeof v === "boolean") return v ? "yes" : "no";
  if (Array.isArray(v) && (f.kind === "int-list" || f.kind === "text-list")) return v.join(", ");
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
