// The frame of every question bank page: the teacher's navigation, and KaTeX's stylesheet on
// pages that show questions.
import type { Lang } from "../../src/errors.ts";
import { Layout } from "../layout.tsx";
import { TeacherNav } from "../games/dashboard.tsx";
import { mathStyles } from "./question.tsx";

export function BankLayout({ lang, title, math = true, children }: { lang: Lang; title: string; math?: boolean; children: JSX.Element }): JSX.Element {
  return Layout({ lang, title, bodyClass: "teacher", nav: TeacherNav({ lang }), styles: math ? mathStyles() : undefined, children });
}
