import { afterAll, describe, expect, test } from "bun:test";
import { read } from "../../../src/db/client.ts";
import { checkAnswer } from "../../../src/questions/answer-check.ts";
import { listQuestions } from "../../../src/questions/bank.ts";
import { checkQuestionAnswer } from "../../../src/questions/check.ts";
import { addDemoQuestions, demoExternalId, type DemoLang } from "../../../src/questions/demo/add.ts";
import { DEMO_QUESTIONS, DEMO_RELAY_1, DEMO_RELAY_2, DEMO_SCORE_STEAL } from "../../../src/questions/demo/data.ts";
import { DEMO_IMAGE_NAMES, demoImageBytes } from "../../../src/questions/demo/images.ts";
import { sniffImage } from "../../../src/questions/images.ts";
import { renderMathText } from "../../../src/questions/math.ts";
import { listSets } from "../../../src/questions/sets.ts";
import { relaySets, selectQuestions } from "../../../src/questions/snapshot.ts";
import { freshDb, type TestDb } from "../../support/db.ts";

const dbs: TestDb[] = [];
const fresh = () => { const t = freshDb(); dbs.push(t); return t; };
afterAll(() => { for (const t of dbs) t.close(); });

// The chains as written in data.ts, checked by hand once and pinned here.
const CHAINS: Record<string, string[]> = {
  P1: ["16", "11", "25", "5"], Q1: ["5", "24", "4", "16"], R1: ["5", "21/2", "20", "10"], S1: ["1", "3", "5", "30"],
  P2: ["70", "110", "8", "4"], Q2: ["12", "9", "1", "1/2"], R2: ["12", "10", "-3", "3"], S2: ["360", "90", "5", "5/8"],
};

describe("the demo bank's content", () => {
  test("10 Score Steal questions and sets P1–S1, P2–S2 of 4, where questions 2–4 use T", () => {
    expect(DEMO_SCORE_STEAL.length).toBe(10);
    const sets = [...DEMO_RELAY_1, ...DEMO_RELAY_2];
    expect([...new Set(sets.map((q) => q.set))]).toEqual(["P1", "Q1", "R1", "S1", "P2", "Q2", "R2", "S2"]);
    for (const q of sets) {
      expect(q.order! >= 1 && q.order! <= 4).toBe(true);
      expect(q.order === 1 ? q.answer !== undefined : q.formula !== undefined || q.table !== undefined).toBe(true);
    }
    expect(sets.filter((q) => q.table).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_QUESTIONS.filter((q) => q.image).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_QUESTIONS.filter((q) => /\\frac/.test(q.text.en)).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_QUESTIONS.filter((q) => /\\sqrt/.test(q.text.en)).length).toBeGreaterThanOrEqual(2);
  });
  test("every text and explanation renders its math without a problem, in both languages", () => {
    for (const q of DEMO_QUESTIONS) for (const lang of ["ko", "en"] as const) {
      expect(renderMathText(q.text[lang]).problems).toEqual([]);
      if (q.explanation) expect(renderMathText(q.explanation[lang]).problems).toEqual([]);
    }
  });
  test("the pictures are small real PNGs", () => {
    for (const name of DEMO_IMAGE_NAMES) {
      const bytes = demoImageBytes(name);
      expect(sniffImage(bytes)).toBe("image/png");
      expect(bytes.length).toBeLessThan(30_000);
    }
  });
});

describe.each(["ko", "en"] as DemoLang[])("adding the %s demo bank", (lang) => {
  const t = fresh();
  test("adds 42 questions with their pictures; every chain is complete and correct", () => {
    expect(addDemoQuestions(t.db, lang)).toEqual({ ok: true, created: 42, updated: 0 });
    expect(listSets(t.db)).toEqual(Object.keys(CHAINS).sort().map((set) => ({ set, size: 4, ok: true })));
    const r = read(t.db, (tx) => relaySets(tx, Object.keys(CHAINS)));
    if (!r.ok) throw new Error(`${r.code} ${JSON.stringify(r.detail)}`);
    for (const s of r.sets) expect(s.questions.map((q) => q.answer)).toEqual(CHAINS[s.set]!);
    const withImages = listQuestions(t.db).filter((q) => q.image);
    expect(withImages.length).toBe(DEMO_QUESTIONS.filter((q) => q.image).length);
    expect(t.db.$client.query("SELECT count(*) AS n FROM images").get()).toEqual({ n: DEMO_IMAGE_NAMES.length });
    expect(listQuestions(t.db).every((q) => q.externalId!.startsWith(`demo-${lang}-`))).toBe(true);
  });
  test("every answer passes its own checker (and alternatives, and the unit)", () => {
    for (const q of listQuestions(t.db)) {
      // a question using T is checked against the chain's true input (the pinned chain's answer)
      const r = checkQuestionAnswer(t.db, { questionId: q.id, answer: q.answer ?? CHAINS[q.set!]![q.order! - 1]! });
      expect(r).toMatchObject({ ok: true, correct: true });
      if (q.set) expect(r.ok && r.expected).toBe(CHAINS[q.set]![q.order! - 1]!);
      for (const alt of q.alternatives) expect(checkAnswer(q, alt)).toMatchObject({ ok: true, correct: true });
      if (q.unit && q.answer) expect(checkAnswer(q, `${q.answer} ${q.unit}`)).toMatchObject({ correct: true });
    }
  });
  test("Score Steal questions can be selected for a round", () => {
    const r = read(t.db, (tx) => selectQuestions(tx, { category: "score_steal" }));
    expect(r.ok && r.questions.length).toBe(10);
  });
  test("adding again updates (restoring an edit) and never duplicates", () => {
    t.db.$client.run("UPDATE questions SET text = 'edited' WHERE external_id = ?", [demoExternalId(lang, "ss-01")]);
    t.db.$client.run("UPDATE questions SET set_order = 9 WHERE external_id = ?", [demoExternalId(lang, "P1-4")]);
    expect(addDemoQuestions(t.db, lang)).toEqual({ ok: true, created: 0, updated: 42 });
    expect(listQuestions(t.db).length).toBe(42);
    expect(listQuestions(t.db).find((q) => q.externalId === demoExternalId(lang, "ss-01"))!.text).not.toBe("edited");
    expect(listSets(t.db).every((s) => s.ok && s.size === 4)).toBe(true);
  });
});

describe("both languages", () => {
  test("same structure: the same sets, answers, units and pictures", () => {
    const banks = (["ko", "en"] as const).map((lang) => {
      const t = fresh();
      addDemoQuestions(t.db, lang);
      return listQuestions(t.db).map((q) => [q.category, q.set, q.order, q.answer, q.answerFormula, q.answerTable, q.image, q.points]);
    });
    expect(banks[1]).toEqual(banks[0]!);
  });
  test("adding the other language over a bank that has one is refused with sets_taken, saving nothing", () => {
    const t = fresh();
    addDemoQuestions(t.db, "ko");
    expect(addDemoQuestions(t.db, "en")).toEqual({ ok: false, code: "sets_taken", detail: { sets: Object.keys(CHAINS) } });
    expect(listQuestions(t.db).length).toBe(42);
  });
});
