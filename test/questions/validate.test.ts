import { describe, expect, test } from "bun:test";
import { QUESTION_REASONS, reasonMessage } from "../../src/questions/reasons.ts";
import { validateQuestion, type FieldError } from "../../src/questions/validate.ts";

const errorsOf = (input: unknown): FieldError[] => {
  const r = validateQuestion(input);
  return r.ok ? [] : ((r.detail?.errors ?? []) as FieldError[]);
};
const steal = { category: "score_steal", text: "1 + 1 = ?", answer: "2" };
const relay2 = { category: "relay", set: "P1", order: 2, text: "T + 1", usesPrevious: true, answerFormula: "T + 1" };

describe("validating a question", () => {
  test("a minimal Score Steal question gets the defaults", () => {
    expect(validateQuestion(steal)).toEqual({
      ok: true,
      question: { category: "score_steal", set: null, order: null, text: "1 + 1 = ?", answer: "2", alternatives: [], points: 100, timeLimitSeconds: null, explanation: null, unit: null, tags: [], externalId: null, usesPrevious: false, answerFormula: null, answerTable: null },
    });
  });
  test("strings are trimmed, CRLF becomes LF, empty optional fields are absent, repeated list items dropped", () => {
    const r = validateQuestion({ ...steal, text: "  line 1\r\nline 2 ", explanation: "  ", unit: "", tags: ["a", " a ", "", "B"], alternatives: ["two", "TWO"], id: 5, imageUrl: "/img/x" });
    expect(r).toMatchObject({ ok: true, question: { text: "line 1\nline 2", explanation: null, unit: null, tags: ["a", "B"], alternatives: ["two"] } });
  });
  test("a relay question using T by formula or by table", () => {
    expect(validateQuestion(relay2)).toMatchObject({ ok: true, question: { set: "P1", order: 2, answer: null, usesPrevious: true, answerFormula: "T + 1", answerTable: null } });
    expect(validateQuestion({ ...relay2, answerFormula: undefined, answerTable: [{ input: "1", answer: "2" }, { input: "3/4", answer: "x" }] })).toMatchObject({ ok: true, question: { answerTable: [{ input: "1", answer: "2" }, { input: "3/4", answer: "x" }] } });
  });
  // [name, input, expected errors]
  const bad: [string, unknown, FieldError[]][] = [
    ["not an object", "x", [{ field: "", reason: "not_object" }]],
    ["nothing", {}, [{ field: "category", reason: "required" }, { field: "text", reason: "required" }, { field: "answer", reason: "required" }]],
    ["unknown category", { ...steal, category: "quiz" }, [{ field: "category", reason: "bad_category" }]],
    ["misspelt field", { ...steal, timeLimit: 30 }, [{ field: "timeLimit", reason: "unknown_field" }]],
    ["text too long", { ...steal, text: "가".repeat(2001) }, [{ field: "text", reason: "too_long" }]],
    ["answer too long", { ...steal, answer: "1".repeat(101) }, [{ field: "answer", reason: "too_long" }]],
    ["control characters", { ...steal, text: "a\u0007b" }, [{ field: "text", reason: "bad_characters" }]],
    ["points not a whole number", { ...steal, points: 1.5 }, [{ field: "points", reason: "not_integer" }]],
    ["points as text", { ...steal, points: "100" }, [{ field: "points", reason: "not_integer" }]],
    ["points out of range", { ...steal, points: 0 }, [{ field: "points", reason: "out_of_range" }]],
    ["time limit too short", { ...steal, timeLimitSeconds: 2 }, [{ field: "timeLimitSeconds", reason: "out_of_range" }]],
    ["alternatives not a list", { ...steal, alternatives: "a|b" }, [{ field: "alternatives", reason: "not_list" }]],
    ["an alternative too long", { ...steal, alternatives: ["ok", "x".repeat(101)] }, [{ field: "alternatives", reason: "too_long", index: 1 }]],
    ["too many tags", { ...steal, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, [{ field: "tags", reason: "too_many" }]],
    ["bad external id", { ...steal, externalId: "a b" }, [{ field: "externalId", reason: "bad_external_id" }]],
    ["score steal with a set", { ...steal, set: "P1", order: 1 }, [{ field: "set", reason: "not_for_score_steal" }, { field: "order", reason: "not_for_score_steal" }]],
    ["relay without set and order", { category: "relay", text: "x", answer: "1" }, [{ field: "set", reason: "required" }, { field: "order", reason: "required" }]],
    ["bad set name", { category: "relay", set: "P 1", order: 1, text: "x", answer: "1" }, [{ field: "set", reason: "bad_set_name" }]],
    ["order 51", { category: "relay", set: "P1", order: 51, text: "x", answer: "1" }, [{ field: "order", reason: "out_of_range" }]],
    ["first question using T", { ...relay2, order: 1 }, [{ field: "usesPrevious", reason: "first_question" }]],
    ["using T without a rule", { ...relay2, answerFormula: undefined }, [{ field: "answerFormula", reason: "rule_required" }]],
    ["formula and table", { ...relay2, answerTable: [{ input: "1", answer: "2" }] }, [{ field: "answerTable", reason: "two_rules" }]],
    ["a rule without usesPrevious", { category: "relay", set: "P1", order: 2, text: "x", answer: "1", answerFormula: "T" }, [{ field: "answerFormula", reason: "rule_without_previous" }]],
    ["formula syntax", { ...relay2, answerFormula: "T +* 1" }, [{ field: "answerFormula", reason: "formula_syntax", at: 4 }]],
    ["formula without T", { ...relay2, answerFormula: "3 + 1" }, [{ field: "answerFormula", reason: "formula_without_t" }]],
    ["empty table", { ...relay2, answerFormula: undefined, answerTable: [] }, [{ field: "answerTable", reason: "table_empty" }]],
    ["table row without answer", { ...relay2, answerFormula: undefined, answerTable: [{ input: "1" }] }, [{ field: "answerTable", reason: "table_bad_row", index: 0 }]],
    ["table input twice by value", { ...relay2, answerFormula: undefined, answerTable: [{ input: "0.5", answer: "a" }, { input: "1/2", answer: "b" }] }, [{ field: "answerTable", reason: "table_duplicate_input", index: 1 }]],
    ["alternatives with T", { ...relay2, alternatives: ["x"] }, [{ field: "alternatives", reason: "not_with_previous" }]],
    ["usesPrevious not boolean", { ...relay2, usesPrevious: "yes" }, [{ field: "usesPrevious", reason: "not_boolean" }]],
  ];
  for (const [name, input, expected] of bad) test(`refused: ${name}`, () => expect(errorsOf(input)).toEqual(expected));

  test("every reason validate can give has Korean and English text", () => {
    for (const [, input] of bad) for (const e of errorsOf(input)) {
      expect(reasonMessage(e.reason, "ko").length).toBeGreaterThan(3);
      expect(reasonMessage(e.reason, "en").length).toBeGreaterThan(3);
    }
    for (const m of Object.values(QUESTION_REASONS)) expect(m.ko).not.toBe(m.en);
  });
});
