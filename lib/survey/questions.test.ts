import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { loadTreatment } from "../engine/treatment";
import { Survey } from "./questions";

const base = { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.5], [0.5, 1]], c: [1, 1], xMax: 5, rounds: 1 } };
const errorsOf = (survey: unknown) => {
  const r = loadTreatment({ ...base, survey }, games);
  return r.ok ? [] : r.errors;
};

describe("survey questions in the treatment", () => {
  it("accepts the four kinds and fills the defaults", () => {
    const qs = Survey.parse([
      { id: "comments", type: "text", prompt: "Anything to add?", required: false },
      { id: "age", type: "number", prompt: "Age", min: 18, max: 99 },
      { id: "strategy", type: "choice", prompt: "How did you decide?", options: ["Gut feeling", { value: 2, label: "Calculated" }] },
      { id: "fair", type: "likert", prompt: "The rules were fair.", lowLabel: "Disagree", highLabel: "Agree" },
    ]);
    expect(qs[0]).toMatchObject({ maxLength: 500, multiline: false, required: false });
    expect(qs[1]).toMatchObject({ decimals: 0, required: true });
    expect(qs[2]).toMatchObject({ options: [{ value: "Gut feeling", label: "Gut feeling" }, { value: 2, label: "Calculated" }] });
    expect(qs[3]).toMatchObject({ points: 5 });
  });

  it("lists every problem at once, each naming its field", () => {
    const errors = errorsOf([
      { id: "Age", type: "number", prompt: "Age", min: 0, max: 10 },
      { id: "age", type: "number", prompt: "Age", min: 10, max: 5 },
      { id: "age", type: "text", prompt: "" },
      { id: "seat", type: "choice", prompt: "Pick", options: ["only one"] },
      { id: "scale", type: "likert", prompt: "How much?", points: 12, lowLabel: "low", highLabel: "high" },
      { id: "kind", type: "slider", prompt: "x" },
      { id: "tiny", type: "number", prompt: "x", min: 0.11, max: 0.19, decimals: 0 },
      { id: "dup_values", type: "choice", prompt: "x", options: [{ value: 1, label: "a" }, { value: "1", label: "b" }] },
    ]);
    const text = errors.join("\n");
    expect(text).toMatch(/survey\[0\]\.id: use 1 to 40 lower-case letters/);
    expect(text).toMatch(/survey\[1\]\.max: max \(5\) is below min \(10\)/);
    expect(text).toMatch(/survey\[2\]\.prompt: write some text/);
    expect(text).toMatch(/survey\[2\]\.id: "age" is already the id of question 2/);
    expect(text).toMatch(/survey\[3\]\.id: "seat" is a column survey\.csv always has/);
    expect(text).toMatch(/survey\[3\]\.options: give at least two options/);
    expect(text).toMatch(/survey\[4\]\.points: use 2 to 11 points/);
    expect(text).toMatch(/survey\[5\]\.type: use one of text, number, choice, likert/);
    expect(text).toMatch(/survey\[6\]\.decimals: no number with at most 0 decimals lies between 0\.11 and 0\.19/);
    expect(text).toMatch(/survey\[7\]\.options\[1\]: the value "1" is used by two options/);
  });

  it("a treatment without a survey has none", () => {
    const r = loadTreatment(base, games);
    expect(r.ok && r.value.treatment.survey).toEqual([]);
  });
});
