import { describe, expect, it } from "vitest";
import { CIP_SOLVE_LIMITS, solveCipCommand } from "./solve-cli";

const types = (K: number, scale = 1) =>
  Array.from({ length: K }, (_, i) => ({ theta: 1 + i, phi: 0, probability: 1 / K, minResources: 5 * scale, rewardRate: (1 + 0.01 * i) * scale }));
const instance = (K: number, scale = 1) => ({ types: types(K, scale), evaluationRate: 2, paymentCost: 0.5, resources: 20 * K * scale, weighting: "slot" });
const errorOf = (raw: unknown) => {
  const r = solveCipCommand(raw);
  if (r.ok) throw new Error("expected a refusal");
  return r.error;
};

describe("solve cip limits", () => {
  it(`solves ${CIP_SOLVE_LIMITS.maxTypes} types and refuses one more (and the issue's 100,000) with the limit named`, () => {
    const ok = solveCipCommand(instance(CIP_SOLVE_LIMITS.maxTypes));
    expect(ok.ok).toBe(true);
    expect(errorOf(instance(CIP_SOLVE_LIMITS.maxTypes + 1))).toMatch(/^types must list at most 50 types \(the size limit of solve cip\)/m);
    expect(errorOf(instance(100_000))).toMatch(/^types must list at most 50 types/m);
  });

  it("refuses amounts whose products could overflow, naming the field", () => {
    const e = errorOf(instance(3, 1e200));
    expect(e).toMatch(/^types\[0\]\.minResources must be at most 1000000000000 \(rescale the units\)/m);
    expect(e).toMatch(/^resources must be at most 1000000000000/m);
    expect(errorOf({ ...instance(2), evaluationRate: 1e13 })).toMatch(/^evaluationRate must be at most/m);
    expect(errorOf({ ...instance(2), types: types(2).map((t, i) => ({ ...t, theta: 1e7 + i })) })).toMatch(/^types\[0\]\.theta must be at most 1000000/m);
    expect(errorOf({ ...instance(2), numberOfCis: 2e6 })).toMatch(/^numberOfCis must be at most 1000000/m);
  });

  it("at the largest accepted amounts every number of the result is finite", () => {
    const r = solveCipCommand(instance(3, 1e10));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.output)).not.toMatch(/Infinity|NaN/);
  });
});
