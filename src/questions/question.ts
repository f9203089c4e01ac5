// What a question is, in the domain's terms, and how it maps to its row and to JSON.
// The schema (src/db/schema.ts, `questions`) holds the same limits as CHECKs; LIMITS here
// lets validate.ts name the field and the reason before SQLite would refuse the row.
import type { Question as QuestionRow } from "../db/schema.ts";
import { imageUrl } from "./images.ts";

export const CATEGORIES = ["score_steal", "relay"] as const;
export type Category = (typeof CATEGORIES)[number];

/** One row of a relay question's answer table: previous answer → this question's answer. */
export type TableRow = { input: string; answer: string };

export const LIMITS = {
  text: 2000,
  answer: 100,
  alternatives: 20,
  explanation: 2000,
  unit: 20,
  tags: 20,
  tag: 30,
  externalId: 100,
  setName: 20,
  /** Positions 1..50 in a set: a relay round plays K cycles, and no round has 50. */
  order: 50,
  points: { min: 1, max: 10000 },
  timeLimitSeconds: { min: 5, max: 3600 },
  formula: 100,
  tableRows: 200,
} as const;

export const DEFAULT_POINTS = 100;

/** A valid question as written by the teacher (what validate.ts returns and bank.ts stores). */
export type QuestionData = {
  category: Category;
  set: string | null;
  order: number | null;
  text: string;
  /** Null only when the answer follows from the previous one (usesPrevious). */
  answer: string | null;
  alternatives: string[];
  points: number;
  timeLimitSeconds: number | null;
  explanation: string | null;
  unit: string | null;
  tags: string[];
  externalId: string | null;
  usesPrevious: boolean;
  answerFormula: string | null;
  answerTable: TableRow[] | null;
};

/** A stored question: its data plus id, image hash and times. */
export type Question = QuestionData & { id: number; image: string | null; createdAt: number; updatedAt: number };

/** The API's JSON form of a question (issue 10): the image as a URL, times left out. */
export type QuestionJson = QuestionData & { id: number; imageUrl: string | null };

export function questionFromRow(row: QuestionRow): Question {
  return {
    id: row.id,
    category: row.category,
    set: row.setName,
    order: row.setOrder,
    text: row.text,
    image: row.imageSha256,
    answer: row.answer,
    alternatives: JSON.parse(row.alternatives) as string[],
    points: row.points,
    timeLimitSeconds: row.timeLimitSeconds,
    explanation: row.explanation,
    unit: row.unit,
    tags: JSON.parse(row.tags) as string[],
    externalId: row.externalId,
    usesPrevious: row.usesPrevious,
    answerFormula: row.answerFormula,
    answerTable: row.answerTable === null ? null : (JSON.parse(row.answerTable) as TableRow[]),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Column values for an insert or a full update (image, id and times are handled by the caller). */
export function rowValues(q: QuestionData) {
  return {
    category: q.category,
    setName: q.set,
    setOrder: q.order,
    text: q.text,
    answer: q.answer,
    alternatives: JSON.stringify(q.alternatives),
    points: q.points,
    timeLimitSeconds: q.timeLimitSeconds,
    explanation: q.explanation,
    unit: q.unit,
    tags: JSON.stringify(q.tags),
    externalId: q.externalId,
    usesPrevious: q.usesPrevious,
    answerFormula: q.answerFormula,
    answerTable: q.answerTable === null ? null : JSON.stringify(q.answerTable),
  };
}

/** The data part of a stored question (what export writes and import compares). */
export function questionData(q: Question): QuestionData {
  const { id: _id, image: _image, createdAt: _c, updatedAt: _u, ...data } = q;
  return data;
}

export function questionJson(q: Question): QuestionJson {
  return { id: q.id, ...questionData(q), imageUrl: q.image ? imageUrl(q.image) : null };
}
