/**
 * Issue 10 item 10 (treatment side): seats, text sizes and parameter magnitudes are capped with a
 * message naming the field; every shipped example stays within the limits.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { games } from "../games/registry";
import { paramSizeProblems, TREATMENT_LIMITS } from "./limits";
import { loadTreatment } from "./treatment";

const ids = (over: Record<string, unknown> = {}, params: Record<string, unknown> = {}) => ({
  name: "limits",
  game: "ids-investment",
  params: { alpha: [2, 3], W: [[1, 0.2], [0.2, 1]], c: [1, 1], rounds: 1, decisionSeconds: null, resultsSeconds: null, ...params },
  ...over,
});
const errorsOf = (raw: unknown) => {
  const r = loadTreatment(raw, games);
  return r.ok ? [] : r.errors;
};

describe("treatment limits", () => {
  it("accepts every shipped example", () => {
    const dir = join(import.meta.dirname, "../../examples/treatments");
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) expect(errorsOf(readFileSync(join(dir, f), "utf8")), f).toEqual([]);
  });

  it("refuses more seats than a session may have, naming the numbers", () => {
    expect(errorsOf(ids({ groups: 500 }))).toEqual([]);
    expect(errorsOf(ids({ groups: 501 })).join()).toMatch(/groups/);
    const big = errorsOf(ids({ groups: 500 }, { alpha: [2, 3, 4], W: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], c: [1, 1, 1] }));
    expect(big.join()).toMatch(/1500 seats; a session has at most 1000/);
  });

  it("refuses overflowing and huge parameters instead of storing null", () => {
    const overflow = errorsOf(`{"name":"x","game":"ids-investment","params":{"alpha":[1e400,3],"W":[[1,0.2],[0.2,1]],"c":[1,1],"rounds":1,"decisionSeconds":null,"resultsSeconds":null}}`);
    expect(overflow.join()).toMatch(/params\.alpha\[0\]: Infinity is not a finite number/);
    expect(errorsOf(ids({}, { c: [1, 1e12] })).join()).toMatch(/params\.c\[1\]: 1000000000000 is too large/);
    expect(errorsOf(ids({}, { extra: Array.from({ length: 10_001 }, () => 0) })).join()).toMatch(/params\.extra: 10001 entries/);
    expect(errorsOf(ids({ payment: { perPoint: 1e10 } })).join()).toMatch(/payment\.perPoint/);
    let nested: unknown = 1;
    for (let i = 0; i < 20; i++) nested = { a: nested };
    expect(paramSizeProblems({ deep: nested }).join()).toMatch(/nested more than 8 levels/);
  });

  it("caps the texts that every view carries", () => {
    const long = "x".repeat(TREATMENT_LIMITS.maxInstructionsChars + 1);
    expect(errorsOf(ids({ intro: { instructions: long } })).join()).toMatch(/intro\.instructions: use at most 50000 characters/);
    expect(errorsOf(ids({ intro: { consent: "y".repeat(20_001) } })).join()).toMatch(/intro\.consent/);
    const quiz = Array.from({ length: 31 }, () => ({ question: "q", options: ["a", "b"], answer: 0 }));
    expect(errorsOf(ids({ intro: { quiz } })).join()).toMatch(/at most 30 quiz questions/);
    expect(errorsOf(ids({ name: "n".repeat(201) })).join()).toMatch(/name: use at most 200/);
  });
});
