import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../core/rng";
import { botSurveyAnswers } from "./bot";
import { checkSurveyAnswers } from "./answers";
import { Survey } from "./questions";
import { MAX_UNITS_PER_CHARACTER } from "./text-length";
import { translatorFor } from "../i18n/translate";

const questions = Survey.parse([
  { id: "comments", type: "text", prompt: "Anything to add?", required: false, maxLength: 10 },
  { id: "age", type: "number", prompt: "Age", min: 18, max: 99 },
  { id: "hours", type: "number", prompt: "Hours", min: -1.5, max: 2.5, decimals: 1 },
  { id: "strategy", type: "choice", prompt: "How?", options: ["Gut", { value: 2, label: "Calculated" }] },
  { id: "fair", type: "likert", prompt: "Fair?", points: 7, lowLabel: "No", highLabel: "Yes" },
]);

describe("checking survey answers", () => {
  it("accepts valid answers, reads typed numbers, and stores an empty optional answer as null", () => {
    const r = checkSurveyAnswers(questions, { comments: "  ok  ", age: "42", hours: "-1,5", strategy: 2, fair: 7 });
    expect(r).toEqual({ ok: true, answers: { comments: "ok", age: 42, hours: -1.5, strategy: 2, fair: 7 } });
    const blank = checkSurveyAnswers(questions, { comments: "   ", age: 18, hours: 2.5, strategy: "Gut", fair: 1 });
    expect(blank.ok && blank.answers.comments).toBeNull();
  });

  it("says what to change for every refused answer at once", () => {
    const r = checkSurveyAnswers(questions, { comments: "x".repeat(11), age: 150, hours: 0.25, strategy: "2", fair: 8, extra: "?" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = Object.fromEntries(Object.entries(r.problems).map(([k, v]) => [k, v.message]));
    expect(messages).toEqual({
      comments: "Your answer has 11 characters; please shorten it to at most 10.",
      age: "Enter a whole number from 18 to 99.",
      hours: "Use at most 1 decimal.",
      strategy: "Please choose one of the options.",
      fair: "Please choose a point from 1 to 7 on the scale.",
      extra: 'There is no question "extra" in this survey; reload the page.',
    });
  });

  it("counts characters as drawn: an emoji, a flag or an accented letter is one (review A7); a stack of marks is still bounded", () => {
    const five = Survey.parse([{ id: "c", type: "text", prompt: "Comments", required: false, maxLength: 5 }]);
    for (const ok of ["😀😀😀", "👍🏽👍🏽👍🏽👍🏽👍🏽", "🇩🇪🇫🇷", "👨‍👩‍👧ab", "Zoe\u0308!"]) expect(checkSurveyAnswers(five, { c: ok }), ok).toEqual({ ok: true, answers: { c: ok } });
    const six = checkSurveyAnswers(five, { c: "😀😀😀😀😀😀" });
    expect(!six.ok && six.problems.c!.message).toBe("Your answer has 6 characters; please shorten it to at most 5.");
    // one character under 100 stacked accents: refused by the bound on what is stored, with its own message
    // (not "has 1 characters"), in English and for the page in the participant's language
    const zalgo = checkSurveyAnswers(five, { c: "a" + "\u0301".repeat(100) });
    expect(!zalgo.ok && zalgo.problems.c).toEqual({
      message: "Your answer uses too many accents or combined symbols on its characters. Please remove some of them or shorten your answer.",
      wording: { key: "surveyTooManyMarks" },
    });
    expect(translatorFor("de")("refusals.surveyTooManyMarks")).toMatch(/zu viele Akzente/);
    // up to the bound (5 characters × MAX_UNITS_PER_CHARACTER units) it is taken; too many characters say how many
    const full = "a" + "\u0301".repeat(5 * MAX_UNITS_PER_CHARACTER - 1);
    expect(checkSurveyAnswers(five, { c: full })).toEqual({ ok: true, answers: { c: full } });
    expect(checkSurveyAnswers(five, { c: full + "\u0301" })).toMatchObject({ ok: false, problems: { c: { wording: { key: "surveyTooManyMarks" } } } });
    const sixStacked = checkSurveyAnswers(five, { c: "a\u0301".repeat(6) + "\u0301".repeat(100) });
    expect(!sixStacked.ok && sixStacked.problems.c!.message).toBe("Your answer has 6 characters; please shorten it to at most 5.");
  });

  it("asks for the plain number when a separator could be thousands or decimals (\"1.000\" is 1,000 in German, 1 in English)", () => {
    const income = Survey.parse([{ id: "income", type: "number", prompt: "Income", min: 0, max: 100_000 }, { id: "share", type: "number", prompt: "Share", min: 0, max: 10_000, decimals: 2 }, { id: "p", type: "number", prompt: "p", min: 0, max: 1, decimals: 3 }]);
    const r = checkSurveyAnswers(income, { income: "1.000", share: "2,500", p: "0,125" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(Object.entries(r.problems).map(([k, v]) => [k, v.message]))).toEqual({
      income: '"1.000" could mean 1000 or 1. Enter a whole number from 0 to 100000 without a thousands separator.',
      share: '"2,500" could mean 2500 or 2.5. Enter a number from 0 to 10000 without a thousands separator (at most 2 decimals, "." or "," for decimals).',
    });
    expect(checkSurveyAnswers(income, { income: "1000", share: "2,5", p: "0.125" })).toEqual({ ok: true, answers: { income: 1000, share: 2.5, p: 0.125 } });
    // with 3 or more decimals allowed "1.500" is a decimal number when 1500 is out of range
    expect(checkSurveyAnswers(income, { income: 12, share: 1, p: "1.000" })).toEqual({ ok: true, answers: { income: 12, share: 1, p: 1 } });
  });

  it("with 3 or more decimals allowed and the thousands reading in range too, \"1,000\" is refused with both readings (it was stored as 1)", () => {
    const amount = Survey.parse([{ id: "amount", type: "number", prompt: "Amount in EUR?", min: 0, max: 5000, decimals: 3 }]);
    for (const [typed, thousands, decimal] of [["1,000", "1000", "1"], ["1.000", "1000", "1"], ["2,500", "2500", "2.5"], [" 4.999 ", "4999", "4.999"]] as const) {
      const r = checkSurveyAnswers(amount, { amount: typed });
      expect(r.ok, typed).toBe(false);
      if (r.ok) continue;
      expect(r.problems.amount!.message).toContain(`"${typed.trim()}" could mean ${thousands} or ${decimal}.`);
    }
    // beyond the range the thousands reading cannot be meant
    expect(checkSurveyAnswers(amount, { amount: "5,001" })).toEqual({ ok: true, answers: { amount: 5.001 } });
    expect(checkSurveyAnswers(amount, { amount: "1000" })).toEqual({ ok: true, answers: { amount: 1000 } });
    expect(checkSurveyAnswers(amount, { amount: "2,5" })).toEqual({ ok: true, answers: { amount: 2.5 } });
  });

  it("a separator in a small range names both readings and the range, not a plain number that is out of range too", () => {
    const qs = Survey.parse([{ id: "econ_courses", type: "number", prompt: "Economics courses taken", min: 0, max: 50 }]);
    const r = checkSurveyAnswers(qs, { econ_courses: " 2,500 " });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.econ_courses!;
    expect(p.message).toBe('"2,500" could mean 2500 or 2.5. Enter a whole number from 0 to 50 without a thousands separator.');
    expect(p.message).not.toMatch(/e\.g\. 2500/);
    // the participant's page says it in German, with the German decimal comma for the decimal reading
    expect(translatorFor("de")(`refusals.${p.wording.key}`, p.wording.values as never)).toBe(
      "„2,500“ kann 2500 oder 2,5 bedeuten. Geben Sie eine ganze Zahl von 0 bis 50 ohne Tausendertrennzeichen ein.",
    );
    expect(checkSurveyAnswers(qs, { econ_courses: "-1.250" })).toMatchObject({ ok: false, problems: { econ_courses: { message: '"-1.250" could mean -1250 or -1.25. Enter a whole number from 0 to 50 without a thousands separator.' } } });
  });

  it("requires the required questions and refuses wrong types", () => {
    const r = checkSurveyAnswers(questions, { age: "forty", fair: "3", strategy: null });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.age?.message).toBe("Enter a whole number from 18 to 99.");
    expect(r.problems.hours?.message).toBe("Please answer this question.");
    expect(r.problems.strategy?.message).toBe("Please answer this question.");
    expect(r.problems.fair?.message).toBe("Please choose a point from 1 to 7 on the scale.");
    expect(r.problems.comments).toBeUndefined();
    expect(checkSurveyAnswers(questions, { comments: 5, age: 20, hours: 1, strategy: "Gut", fair: 2 })).toMatchObject({ ok: false, problems: { comments: { message: "Please type your answer as text.", wording: { key: "surveyNotText" } } } });
  });

  it("an answer keyed by a prototype name is refused as an unknown question, nothing else changes", () => {
    const raw = JSON.parse('{"__proto__": "x", "constructor": 1, "age": 30, "hours": 1, "strategy": "Gut", "fair": 3}') as Record<string, unknown>;
    const r = checkSurveyAnswers(questions, raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.problems).sort()).toEqual(["__proto__", "constructor"]);
    expect(r.problems.__proto__?.message).toBe('There is no question "__proto__" in this survey; reload the page.');
    expect(({} as Record<string, unknown>).message).toBeUndefined();
  });

  it("bot answers always pass the check and are replayable", () => {
    for (let i = 0; i < 200; i++) {
      const a = botSurveyAnswers(questions, makeRng(seedFrom(`bot-${i}`)));
      const r = checkSurveyAnswers(questions, a);
      expect(r).toEqual({ ok: true, answers: a });
    }
    expect(botSurveyAnswers(questions, makeRng(seedFrom("x")))).toEqual(botSurveyAnswers(questions, makeRng(seedFrom("x"))));
  });
});

describe("decimals are exact: near-integers are not whole numbers", () => {
  const q = Survey.parse([
    { id: "courses", type: "number", prompt: "Courses", min: 0, max: 50 },
    { id: "hours", type: "number", prompt: "Hours", min: 0, max: 10, decimals: 1 },
  ]);
  const problem = (answers: Record<string, unknown>) => {
    const r = checkSurveyAnswers(q, answers);
    return r.ok ? null : Object.fromEntries(Object.entries(r.problems).map(([k, v]) => [k, v.message]));
  };

  it("refuses a number within 1e-7 of a whole number, typed or sent as JSON", () => {
    for (const courses of ["0.00000001", 1e-8, 2.00000004, "2.00000004", 49.99999999, "49,99999999"]) {
      expect(problem({ courses, hours: 1 }), String(courses)).toEqual({ courses: "Enter a whole number (no decimals)." });
    }
    expect(problem({ courses: 1, hours: 2.50000001 })).toEqual({ hours: "Use at most 1 decimal." });
    // exponent notation is not read as typed text
    expect(problem({ courses: "1e-8", hours: 1 })).toEqual({ courses: "Enter a whole number from 0 to 50." });
  });

  it("accepts trailing zeros and floating-point noise, and stores the value with the allowed decimals", () => {
    expect(checkSurveyAnswers(q, { courses: "2.0", hours: "2.50" })).toEqual({ ok: true, answers: { courses: 2, hours: 2.5 } });
    expect(checkSurveyAnswers(q, { courses: "-0", hours: 0.1 + 0.2 })).toEqual({ ok: true, answers: { courses: 0, hours: 0.3 } });
    const r = checkSurveyAnswers(q, { courses: 0.1 * 3 * 10, hours: 1.1 * 3 });
    expect(r).toEqual({ ok: true, answers: { courses: 3, hours: 3.3 } });
    expect(0.1 * 3 * 10).not.toBe(3);
  });
});

describe("free-text answers", () => {
  const q = Survey.parse([{ id: "c", type: "text", prompt: "Comments", required: false, maxLength: 50 }]);

  it("drops control characters such as NUL and escape, and keeps tabs and line breaks", () => {
    expect(checkSurveyAnswers(q, { c: "a\u0000b\u001b[31mc\u007f\td\r\ne\u0008" })).toEqual({ ok: true, answers: { c: "ab[31mc\td\r\ne" } });
    // only control characters: nothing was said
    expect(checkSurveyAnswers(q, { c: "\u0000\u0001" })).toEqual({ ok: true, answers: { c: null } });
    const required = Survey.parse([{ id: "c", type: "text", prompt: "Comments", required: true }]);
    expect(checkSurveyAnswers(required, { c: "\u0000" })).toMatchObject({ ok: false, problems: { c: { wording: { key: "surveyRequired" } } } });
  });

  it("refuses half of an emoji (a lone surrogate) with a worded message, and keeps whole emoji", () => {
    for (const c of ["\ud800lone", "end\udc00", "\ude00\ud83d"]) {
      expect(checkSurveyAnswers(q, { c }), JSON.stringify(c)).toEqual({
        ok: false,
        problems: { c: { message: "Your answer contains a broken character (often half of an emoji). Please delete the last symbols you inserted and type them again.", wording: { key: "surveyBrokenCharacter" } } },
      });
    }
    expect(checkSurveyAnswers(q, { c: "ok \ud83d\ude00" })).toEqual({ ok: true, answers: { c: "ok 😀" } });
  });
});

describe("the survey's refusals in the treatment's language", () => {
  it("carry a catalogue wording the German page shows in German", async () => {
    const { translatorFor } = await import("../i18n/translate");
    const r = checkSurveyAnswers(questions, { age: 150, hours: 0.25, strategy: "Gut", fair: 2 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.age?.wording).toEqual({ key: "surveyNumberRange", values: { min: 18, max: 99, decimals: 0 } });
    const de = translatorFor("de");
    expect(de(`refusals.${r.problems.age!.wording.key}`, r.problems.age!.wording.values as never)).toBe("Geben Sie eine ganze Zahl von 18 bis 99 ein.");
    expect(de(`refusals.${r.problems.hours!.wording.key}`, r.problems.hours!.wording.values as never)).toBe("Verwenden Sie höchstens 1 Nachkommastelle.");
  });
});
