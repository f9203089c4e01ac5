// The downloadable CSV template: the header (see csv.ts for every column) and example rows
// showing each kind of question — Score Steal with a unit and alternatives, and a relay set
// whose later questions use the previous answer T by a formula and by a table.
import { questionsToCsv } from "./csv.ts";
import type { QuestionData } from "./question.ts";

const base: Omit<QuestionData, "category" | "set" | "order" | "externalId" | "text" | "answer"> = { alternatives: [], points: 100, timeLimitSeconds: null, explanation: null, unit: null, tags: [], usesPrevious: false, answerFormula: null, answerTable: null };

const EXAMPLES: Record<"ko" | "en", QuestionData[]> = {
  ko: [
    { ...base, category: "score_steal", set: null, order: null, externalId: "example-1", text: "한 변의 길이가 $4$ cm인 정사각형의 넓이는?", answer: "16", unit: "cm²", alternatives: ["16cm^2"], tags: ["도형"], explanation: "$4 \\times 4 = 16$" },
    { ...base, category: "relay", set: "P1", order: 1, externalId: "example-2", text: "$\\frac{3}{4} + \\frac{1}{4}$의 값은?", answer: "1" },
    { ...base, category: "relay", set: "P1", order: 2, externalId: "example-3", text: "앞 문제의 답을 $T$라 할 때, $3T + 2$의 값은?", answer: null, usesPrevious: true, answerFormula: "3T + 2" },
    { ...base, category: "relay", set: "P1", order: 3, externalId: "example-4", text: "앞 문제의 답 $T$ 개의 사과를 5명이 똑같이 나누면 한 명은 몇 개?", answer: null, usesPrevious: true, answerTable: [{ input: "5", answer: "1" }, { input: "10", answer: "2" }] },
  ],
  en: [
    { ...base, category: "score_steal", set: null, order: null, externalId: "example-1", text: "What is the area of a square with side $4$ cm?", answer: "16", unit: "cm²", alternatives: ["16cm^2"], tags: ["geometry"], explanation: "$4 \\times 4 = 16$" },
    { ...base, category: "relay", set: "P1", order: 1, externalId: "example-2", text: "What is $\\frac{3}{4} + \\frac{1}{4}$?", answer: "1" },
    { ...base, category: "relay", set: "P1", order: 2, externalId: "example-3", text: "Let $T$ be the previous answer. What is $3T + 2$?", answer: null, usesPrevious: true, answerFormula: "3T + 2" },
    { ...base, category: "relay", set: "P1", order: 3, externalId: "example-4", text: "$T$ apples (the previous answer) are shared equally by 5 people. How many does each get?", answer: null, usesPrevious: true, answerTable: [{ input: "5", answer: "1" }, { input: "10", answer: "2" }] },
  ],
};

/** The template's CSV text (with BOM), examples in the teacher's language. */
export function csvTemplate(lang: "ko" | "en"): string {
  return questionsToCsv(EXAMPLES[lang].map((data) => ({ data, image: null })));
}
