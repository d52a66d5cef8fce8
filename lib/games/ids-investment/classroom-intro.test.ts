/**
 * The classroom treatments' instructions and quiz (English and German) say what the game computes: the
 * quiz's right answers come out of the game's own cost accounting (unregulatedOutcome, which the game's
 * score runs), with the treatment's own numbers, and the numbers the instructions name (points rule,
 * investment range, timer, rounds) are the treatment's.
 */
import { describe, expect, it } from "vitest";
import { unregulatedOutcome } from "../../mechanisms/ids/unregulated";
import { examplesOf } from "../../testing/example-treatments";
import { IdsParams, instanceOf } from "./params";

interface Quiz { question: string; options: string[]; answer: number; hint?: string }
const classroom = examplesOf("ids-investment").filter((e) => e.file.includes("-classroom"));

/** The last number in a text, with "." or "," as decimal mark. */
const lastNumber = (s: string) => Number(/(\d+(?:[.,]\d+)?)(?!.*\d)/.exec(s)![1]!.replace(",", "."));

describe.each(classroom.map((e) => [e.file, e.treatment] as const))("%s", (_file, t) => {
  const p = IdsParams.parse(t.params);
  const intro = t.intro as { instructions: string; quiz: Quiz[] };
  const [noOne, fromUser1] = intro.quiz;

  it("has a quiz with hints, and instructions naming the treatment's points rule, range, timer and rounds", () => {
    expect(intro.quiz.length).toBeGreaterThanOrEqual(2);
    for (const q of intro.quiz) expect(q.hint, q.question).toBeTruthy();
    expect(intro.instructions).toContain(`${p.pointsScale} × (${p.endowment} − `);
    expect(intro.instructions).toMatch(new RegExp(`0 (to|bis) ${p.xMax}\\b`));
    expect(intro.instructions).toMatch(new RegExp(`${p.decisionSeconds} (seconds|Sekunden)`));
    expect(intro.instructions).toMatch(new RegExp(`${p.rounds} (rounds|Runden)`));
    expect(intro.instructions).toMatch(/α × e\^\(−/);
  });

  it("quiz 1 (nobody invests, α = 8): the right answer is user 2's points from the game's own accounting", () => {
    expect(p.alpha[1]).toBe(8);
    const o = unregulatedOutcome(instanceOf(p), [0, 0, 0, 0], p.endowment, p.pointsScale);
    expect(o.points[1]).toBeCloseTo(60, 9);
    expect(lastNumber(noOne!.options[noOne!.answer]!)).toBe(o.points[1]);
    // the wrong options are wrong
    noOne!.options.forEach((opt, k) => k !== noOne!.answer && expect(lastNumber(opt)).not.toBe(o.points[1]));
  });

  it("quiz 2 (user 1 invests 2 at 0.6 per unit for you): the right answer is user 2's risk from the game's own accounting", () => {
    expect(p.alpha[1]).toBe(8);
    expect(p.W[1]![0]).toBe(0.6);
    const o = unregulatedOutcome(instanceOf(p), [2, 0, 0, 0], p.endowment, p.pointsScale);
    expect(o.protection[1]).toBeCloseTo(1.2, 12);
    expect(lastNumber(fromUser1!.options[fromUser1!.answer]!)).toBe(Math.round(o.risk[1]! * 10) / 10);
    fromUser1!.options.forEach((opt, k) => k !== fromUser1!.answer && expect(Math.abs(lastNumber(opt) - o.risk[1]!)).toBeGreaterThan(1));
  });
});

it("both classroom treatments are covered", () => {
  expect(classroom.map((e) => e.file).sort()).toEqual(["ids-investment-classroom-de.json", "ids-investment-classroom.json"]);
});
