import { describe, expect, it } from "vitest";
import { equalSplit } from "./baseline";
import { ccUtilityVsNumberOfCis, ciUtilitiesMenuVsEqual, figure1, utilityByContract } from "./comparisons";
import { populationWeights, type CipInstance, type CipType } from "./model";

function reference(minResources: number[], resources: number, extra: Partial<CipInstance> = {}): CipInstance {
  const types: CipType[] = minResources.map((m, i) => ({
    theta: i + 1, phi: 0, probability: 1 / minResources.length, minResources: m, rewardRate: 2 * (i + 1),
  }));
  return { types, evaluationRate: 2, paymentCost: 0.5, resources, weighting: "slot", ...extra };
}

describe("equalSplit", () => {
  it("two-CI reference: (100, 100) gives the CC 350", () => {
    const e = equalSplit(reference([20, 60], 200));
    expect(e.resourcesPerCi).toBe(100);
    expect(e.ccUtility).toBeCloseTo(350, 9);
    expect(e.ciUtility).toEqual([100, 200]);
    expect(e.contracts.map((c) => c.reward)).toEqual([200, 400]);
  });
  it("four-CI reference: 2031.25 and CI utilities 162.5, 325, 487.5, 650", () => {
    const e = equalSplit(reference([20, 60, 100, 140], 650));
    expect(e.ccUtility).toBeCloseTo(2031.25, 9);
    expect(e.ciUtility).toEqual([162.5, 325, 487.5, 650]);
    expect(e.belowMinimum).toEqual([false, false, false, false]);
  });
  it("flags types whose minimum the equal split does not cover (R = 70: 35 each < 60)", () => {
    expect(equalSplit(reference([20, 60], 70)).belowMinimum).toEqual([false, true]);
  });
  it("splits among the number of CIs the weights stand for", () => {
    const inst = reference([20, 60], 200, { weighting: "expected" });
    const e = equalSplit(inst, populationWeights(inst, 4));
    expect(e.numberOfCis).toBe(4);
    expect(e.resourcesPerCi).toBe(50);
    expect(e.ccUtility).toBeCloseTo(700, 9);
  });
});

describe("Fig. 1 data: CC utility vs number of CIs", () => {
  const base = reference([20, 60, 100], 600, { weighting: "expected" });
  const { fixed, growing } = figure1(base, { maxCis: 12, growthPerCi: 0.2 });

  it("fixed R: the equal split is constant, the menu's advantage shrinks, then the menu becomes infeasible", () => {
    expect(fixed.map((p) => p.numberOfCis)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const p of fixed) expect(p.equalSplitCcUtility).toBeCloseTo(fixed[0]?.equalSplitCcUtility ?? NaN, 9);
    const firstInfeasible = fixed.findIndex((p) => !p.feasible);
    expect(firstInfeasible).toBeGreaterThan(2);
    expect(fixed.slice(firstInfeasible).every((p) => !p.feasible && p.ratio === null && p.reason)).toBe(true);
    const ratios = fixed.filter((p) => p.ratio !== null).map((p) => p.ratio as number);
    expect(ratios[0]).toBeGreaterThan(1);
    for (let i = 1; i < ratios.length; i++) expect(ratios[i]).toBeLessThanOrEqual((ratios[i - 1] as number) + 1e-9);
  });

  it("Algorithm 1 serves everyone while feasible and fewer afterwards", () => {
    for (const p of fixed) {
      if (p.feasible) {
        expect(p.served).toBe(p.numberOfCis);
        expect(p.servedCcUtility).toBeCloseTo(p.ccUtility as number, 6);
      } else {
        expect(p.served).toBeLessThan(p.numberOfCis);
        expect(p.servedCcUtility).not.toBeNull();
      }
    }
  });

  it("growing R: R_N = R(1 + 0.2(N − 1)) and never worse than fixed R", () => {
    growing.forEach((p, i) => {
      expect(p.resources).toBeCloseTo(600 * (1 + 0.2 * i), 9);
      const f = fixed[i];
      if (f?.feasible) {
        expect(p.feasible).toBe(true);
        expect(p.ccUtility as number).toBeGreaterThanOrEqual((f.ccUtility as number) - 1e-6);
      }
    });
    expect(growing.filter((p) => p.feasible).length).toBeGreaterThan(fixed.filter((p) => p.feasible).length);
  });

  it("respects minCis", () => {
    const pts = ccUtilityVsNumberOfCis(base, { minCis: 3, maxCis: 4 });
    expect(pts.map((p) => p.numberOfCis)).toEqual([3, 4]);
  });
});

describe("Fig. 2 and Fig. 3 data (four-CI reference)", () => {
  const inst = reference([20, 60, 100, 140], 650);
  it("Fig. 2: lower types get less, higher types more than under the equal split", () => {
    const f = ciUtilitiesMenuVsEqual(inst);
    if (!f.feasible) throw new Error(f.reason);
    f.rows.forEach((r, k) => expect(r.menuUtility).toBeCloseTo([20, 210, 630, 1260][k] as number, 5));
    expect(f.rows.map((r) => r.equalUtility)).toEqual([162.5, 325, 487.5, 650]);
    expect(f.rows.map((r) => r.menuUtility > r.equalUtility)).toEqual([false, false, true, true]);
  });
  it("Fig. 3: every type's utility peaks at its own contract (ties where a ULIC binds)", () => {
    const f = utilityByContract(inst);
    if (!f.feasible) throw new Error(f.reason);
    expect(f.rows.map((r) => r.ownIsBest)).toEqual([true, true, true, true]);
    expect(f.rows.map((r) => r.bestContracts)).toEqual([[0], [1, 2], [2, 3], [3]]);
    expect(f.rows[1]?.utilities[2]).toBeCloseTo(210, 5);
  });
  it("reports infeasibility instead of figures", () => {
    const f = utilityByContract(reference([20, 60], 70));
    expect(f.feasible).toBe(false);
  });
});
