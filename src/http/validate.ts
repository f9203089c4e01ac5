// One validator for both front doors: the JSON API and the HTML forms check a body against the
// same schema and refuse it the same way (400 invalid_input naming the fields). Schemas are
// compiled once; the answer path runs them on every submission.
import type { Static, TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { fail, type Fail } from "../errors.ts";

export type Validator<S extends TSchema> = { schema: S; check(value: unknown): { ok: true; value: Static<S> } | Fail };

export type FieldProblem = { path: string; message: string };

export function validator<S extends TSchema>(schema: S): Validator<S> {
  const compiled = TypeCompiler.Compile(schema);
  return {
    schema,
    check(value) {
      if (compiled.Check(value)) return { ok: true, value: value as Static<S> };
      const fields: FieldProblem[] = [];
      for (const e of compiled.Errors(value)) {
        if (fields.length >= 10) break;
        // Paths and messages only, short: a message may quote the (hostile, huge) value.
        if (!fields.some((f) => f.path === e.path)) fields.push({ path: e.path.slice(0, 100), message: e.message.slice(0, 200) });
      }
      return fail("invalid_input", { field: fieldName(fields[0]?.path ?? ""), fields });
    },
  };
}

/** "/digits/2" → "digits": the form field a person can find. */
function fieldName(path: string): string {
  return path.split("/").filter(Boolean)[0] ?? "";
}

/** Form values are text; these turn them into what a JSON body would carry, leaving anything else for the schema to refuse. */
export const fromForm = {
  /** "12" → 12; "" or absent → undefined (the default applies); anything else stays as typed, so the schema names the field. */
  int(v: unknown): unknown {
    if (v === undefined || v === "") return undefined;
    return typeof v === "string" && /^-?\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : v;
  },
  /** A checkbox: present ("on") → true, absent → false. */
  checkbox(v: unknown): boolean {
    return v !== undefined && v !== "" && v !== "off";
  },
  /** A repeated field as a list (one value arrives as a plain string). */
  list(v: unknown): unknown[] {
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  },
  /** Text, or undefined when left empty (the default applies). */
  text(v: unknown): unknown {
    return v === "" ? undefined : v;
  },
};
