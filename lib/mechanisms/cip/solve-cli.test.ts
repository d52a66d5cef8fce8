import { describe, expect, it } from "vitest";
import { solveCipCommand } from "./solve-cli";

const t = (theta: number, probability: number, minResources: number, rewardRate: number, phi = 0) => ({
  theta, phi, probability, minResources, rewardRate,
});
const two = {
  types: [t(1, 0.5, 20, 2), t(2, 0.5, 60, 4)],
  evaluationRate: 2,
  paymentCost: 0.5,
  resources: 200,
  weighting: "slot",
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function output(raw: unknown): any {
  const r = solveCipCommand(raw);
  if (!r.ok) throw new Error(r.error);
  return r.output;
}
function error(raw: unknown): string {
  const r = solveCipCommand(raw);
  if (r.ok) throw new Error("expected an error");
  return r.error;
}

describe("solveCipCommand: results", () => {
  it("two-CI reference", () => {
    const o = output(two);
    expect(o.feasible).toBe(true);
    expect(o.contracts).toHaveLength(2);
    expect(o.contracts[0].resources).toBeCloseTo(20, 6);
    expect(o.contracts[1].reward).toBeCloseTo(720, 6);
    expect(o.ccUtility).toBeCloseTo(550, 6);
    expect(o.equalSplit.ccUtility).toBeCloseTo(350, 9);
    expect(o.ciUtility[1][1]).toBeCloseTo(360, 6);
    expect(o.verification.ok).toBe(true);
    expect(o.verification.icViolation).toBe(0);
    expect(typeof o.verification.budgetResidual).toBe("number");
    expect(o.model).toMatch(/reconstruction/);
  });
  it("four-CI reference", () => {
    const o = output({ ...two, types: [t(1, 0.25, 20, 2), t(2, 0.25, 60, 4), t(3, 0.25, 100, 6), t(4, 0.25, 140, 8)], resources: 650 });
    expect(o.contracts.map((c: { resources: number }) => Math.round(c.resources * 1e6) / 1e6)).toEqual([20, 105, 210, 315]);
    expect(o.ccUtility).toBeCloseTo(3155, 5);
    expect(o.equalSplit.ccUtility).toBeCloseTo(2031.25, 9);
    expect(o.improvementOverEqualSplit).toBeCloseTo(0.5532, 3);
  });
  it("expected weighting with numberOfCis", () => {
    const o = output({ ...two, weighting: "expected", numberOfCis: 4 });
    expect(o.weights.beta).toEqual([2, 2]);
    expect(o.contracts[1].resources).toBeCloseTo(80, 6);
    expect(o.ccUtility).toBeCloseTo(1000, 6);
    expect(o.equalSplit.ccUtility).toBeCloseTo(700, 9);
  });
  it("integer resources", () => {
    const o = output({ ...two, resources: 201, integerResources: true });
    for (const c of o.contracts) expect(Number.isInteger(c.resources)).toBe(true);
    expect(o.budget).toBe("atMost");
  });
  it("infeasible: says why, and still gives the baseline", () => {
    const o = output({ ...two, resources: 70 });
    expect(o.feasible).toBe(false);
    expect(o.family).toBe("minimum-resources");
    expect(o.reason).toMatch(/80 > R = 70/);
    expect(o.contracts).toBeNull();
    expect(o.equalSplit.resourcesPerCi).toBe(35);
  });
  it("phi defaults to 0", () => {
    const o = output({ ...two, types: two.types.map(({ phi: _phi, ...rest }) => rest) });
    expect(o.types[1].tau).toBe(2);
  });
});

describe("solveCipCommand: validation names the field", () => {
  it.each([
    [{ ...two, paymentCost: 1 }, "paymentCost must be below 1"],
    [{ ...two, paymentCost: 0 }, "paymentCost must be above 0"],
    [{ ...two, types: [t(1, 0.5, 20, 2), t(2, 0.5, 60, 2)] }, "types[1].rewardRate must be larger than types[0].rewardRate"],
    [{ ...two, types: [t(1, 0.5, 20, 2), t(1, 0.5, 60, 4)] }, "types[1] must come after types[0] in (theta, phi) order (strictly increasing)"],
    [{ ...two, types: [t(1, 0.5, 20, 2), t(1, 0.5, 60, 4, 0.5)] }, "types[1].minResources must equal types[0].minResources (same theta: r_min depends on theta only)"],
    [{ ...two, types: [t(1, 0.5, 20, 2), t(2, 0.4, 60, 4)] }, "types probabilities must sum to 1 (they sum to 0.9)"],
    [{ ...two, types: [t(1, 0.5, 20, 2), t(2, 0.5, 60, 4, 1)] }, "types[1].phi must be below 1"],
    [{ ...two, types: [t(1.5, 0.5, 20, 2), t(2, 0.5, 60, 4)] }, "types[0].theta must be an integer"],
    [{ ...two, resources: "lots" }, "resources must be a number"],
    [{ ...two, weighting: "mean" }, 'weighting must be "slot" or "expected"'],
    [{ ...two, extra: 1 }, "the instance has unknown field(s): extra"],
    [{ ...two, types: [] }, "types must list at least one type"],
    [{ ...two, evaluationRate: undefined }, "evaluationRate is required"],
    [[1, 2], "the instance must be a JSON object"],
  ])("%# → %s", (raw, message) => {
    expect(error(raw).split("\n")).toContain(message);
  });
  it("does not repeat a message", () => {
    const lines = error({ ...two, paymentCost: 2 }).split("\n");
    expect(lines).toEqual(["paymentCost must be below 1"]);
  });
});

describe("solveCipCommand: IR forces r = 0 and the exact budget cannot be spent (findings B1)", () => {
  // τ₁·a − c·ρ₁ = 1·2 − 0.5·5 = −0.5 < 0: IR 1 forces r₁ = 0; with r_min = 0 the exact budget R > 0 is unattainable.
  const irZero = { types: [t(1, 1, 0, 5)], evaluationRate: 2, paymentCost: 0.5, resources: 100 };

  it("is an infeasible instance (family ic-ir) with a remedy that is not 'rescale' or 'raise R', not a solver failure", () => {
    const o = output(irZero);
    expect(o.feasible).toBe(false);
    expect(o.family).toBe("ic-ir");
    expect(o.reason).toMatch(/IR of type 1 forces r₁ = 0/);
    expect(o.reason).toMatch(/can spend is Σ β·r = 0, less than the exact budget R = 100/);
    expect(o.blockingRows).toEqual(["IR 1", "budget"]);
    expect(o.remedy).toMatch(/raising R does not help: raise the evaluation rate a, or lower the payment cost c or the reward rates ρ/);
  });

  it("the same for a non-positive θ and for several types that all lose from resources", () => {
    expect(output({ ...irZero, types: [t(-1, 1, 0, 1)] }).family).toBe("ic-ir");
    const all = output({ ...irZero, types: [t(1, 0.5, 0, 5), t(2, 0.5, 0, 9)] });
    expect(all.feasible).toBe(false);
    expect(all.family).toBe("ic-ir");
  });

  it("with budget 'atMost' the instance stays feasible (a menu spending 0 ≤ R)", () => {
    expect(output({ ...irZero, budget: "atMost" }).feasible).toBe(true);
  });
});
