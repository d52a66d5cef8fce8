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
    expect(e).toMatch(/^types\[0\]\.minResources must be at most 1000000000 \(measure resources in larger units\)/m);
    expect(e).toMatch(/^resources must be at most 1000000000 /m);
    expect(e).toMatch(/^types\[0\]\.rewardRate must be at most 1000000000000 \(rescale the units\)/m);
    expect(errorOf({ ...instance(2), evaluationRate: 1e13 })).toMatch(/^evaluationRate must be at most/m);
    expect(errorOf({ ...instance(2), types: types(2).map((t, i) => ({ ...t, theta: 1e7 + i })) })).toMatch(/^types\[0\]\.theta must be at most 1000000/m);
    expect(errorOf({ ...instance(2), numberOfCis: 2e6 })).toMatch(/^numberOfCis must be at most 1000000/m);
  });

  it("scaling resources and minimum resources up to the cap scales the menu (no wrong infeasibility); above it, refused", () => {
    const two = (s: number) => ({
      types: [
        { theta: 1, phi: 0, probability: 0.5, minResources: 20 * s, rewardRate: 2 },
        { theta: 2, phi: 0, probability: 0.5, minResources: 60 * s, rewardRate: 4 },
      ],
      evaluationRate: 2,
      paymentCost: 0.5,
      resources: 200 * s,
      weighting: "slot",
    });
    const ccUtility = (s: number) => {
      const r = solveCipCommand(two(s));
      if (!r.ok) throw new Error(r.error);
      const o = r.output as { feasible: boolean; ccUtility: number | null; family?: string };
      expect(o.feasible, `scale ${s}: ${o.family}`).toBe(true);
      return o.ccUtility!;
    };
    const base = ccUtility(1);
    for (const s of [1e2, 1e4, 1e6, 5e6]) expect(ccUtility(s) / s).toBeCloseTo(base, 6);
    // 200 · 5e8 = 1e11 gave "the budget cannot be met" with exit 0 before the cap
    expect(errorOf(two(5e8))).toMatch(/^resources must be at most 1000000000/m);
  });

  it("rates of 1e-12 next to R = 1e9 (an LP failure refused with exit 2 before the LP was scaled) are solved and IC/IR", () => {
    const tiny = {
      types: [
        { theta: 1, phi: 0, probability: 0.5, minResources: 20, rewardRate: 2e-12 },
        { theta: 2, phi: 0, probability: 0.5, minResources: 60, rewardRate: 4e-12 },
      ],
      evaluationRate: 2e-12,
      paymentCost: 0.5,
      resources: 1e9,
      weighting: "slot",
    };
    const r = solveCipCommand(tiny);
    if (!r.ok) throw new Error(r.error);
    const o = r.output as { feasible: boolean; contracts: { resources: number }[] };
    expect(o.feasible).toBe(true);
    const [r1, r2] = o.contracts.map((c) => c.resources) as [number, number];
    // ρ < 1: the CC wants r₁ as large as type 2's DLIC allows: 2e-12·r₂ ≥ 3e-12·r₁, r₁ + r₂ = R → (4e8, 6e8)
    expect(r1 / 4e8).toBeCloseTo(1, 9);
    expect(r2 / 6e8).toBeCloseTo(1, 9);
    expect(r1 + r2).toBeLessThanOrEqual(1e9);
    expect(2e-12 * r2).toBeGreaterThanOrEqual(3e-12 * r1);
  });

  it("at the largest accepted amounts every number of the result is finite", () => {
    const r = solveCipCommand(instance(3, 1e7));
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.output)).not.toMatch(/Infinity|NaN/);
  });
});
