import { describe, expect, it } from "vitest";
import {
  investmentCost,
  riskGradient,
  riskTerm,
  socialGradient,
  totalCost,
  userCost,
  validateInstance,
  type IdsInstance,
} from "./model";
import { fdPartial } from "./test-helpers";

const inst: IdsInstance = {
  alpha: [2, 1, 3],
  W: [
    [1, 0.5, 0],
    [0.2, 1, 0.3],
    [0, 0.4, 2],
  ],
  c: [0.5, 1, 0.2],
  q: [0.1, 0, 0.3],
};
const x = [0.3, 1.2, 0.7];

describe("IDS model (eq. 1)", () => {
  it("evaluates f_i, h_i and g_i from the formula", () => {
    expect(riskTerm(inst, 0, x)).toBeCloseTo(2 * Math.exp(-(0.3 + 0.6)), 14);
    expect(investmentCost(inst, 2, 0.7)).toBeCloseTo(0.2 * 0.7 + 0.15 * 0.49, 14);
    expect(userCost(inst, 1, x)).toBeCloseTo(Math.exp(-(0.06 + 1.2 + 0.21)) + 1.2, 14);
    expect(totalCost(inst, x)).toBeCloseTo(userCost(inst, 0, x) + userCost(inst, 1, x) + userCost(inst, 2, x), 14);
    expect(totalCost(inst, x, [1])).toBeCloseTo(userCost(inst, 1, x), 14);
  });

  it("gradients match finite differences", () => {
    const gs = socialGradient(inst, x);
    for (let j = 0; j < 3; j++) {
      expect(gs[j]).toBeCloseTo(fdPartial((z) => totalCost(inst, z), x, j), 7);
      expect(riskGradient(inst, 2, x)[j]).toBeCloseTo(fdPartial((z) => riskTerm(inst, 2, z), x, j), 7);
    }
  });

  it("rejects malformed instances naming the field", () => {
    expect(() => validateInstance({ ...inst, c: [1, 2] })).toThrow(/c must have 3 entries/);
    expect(() => validateInstance({ ...inst, W: [[1, 0, 0], [0, 1], [0, 0, 1]] })).toThrow(/W\[1\] must have 3 entries/);
    expect(() => validateInstance({ ...inst, W: [[1, 0, 0], [0, 1, -1], [0, 0, 1]] })).toThrow(/W\[1\]\[2\] must be >= 0/);
    expect(() => validateInstance({ ...inst, alpha: [1, Number.NaN, 1] })).toThrow(/alpha\[1\] must be a finite/);
    expect(() => validateInstance({ ...inst, c: [0, 1, 1], q: [0, 0, 0] })).toThrow(/c\[0\] \+ q\[0\] must be > 0/);
  });
});
