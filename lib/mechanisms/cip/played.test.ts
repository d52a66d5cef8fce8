/**
 * The expected value of a menu in play (truthful CIs, over-budget rule) against hand-computed values and
 * an independent enumeration (findings B4).
 */
import { describe, expect, it } from "vitest";
import { ccUtilityVsNumberOfCis } from "./comparisons";
import { designMenu } from "./menu";
import { populationWeights, type CipInstance } from "./model";
import { expectedPlayedValue } from "./played";

const REF: CipInstance = {
  types: [20, 60, 100, 140].map((r, i) => ({ theta: i + 1, phi: 0, probability: 0.25, minResources: r, rewardRate: 2 * (i + 1) })),
  evaluationRate: 2,
  paymentCost: 0.5,
  resources: 650,
  weighting: "slot",
};
const oneHot = (k: number) => [0, 1, 2, 3].map((j) => (j === k ? 1 : 0));

describe("expectedPlayedValue", () => {
  const menu = designMenu(REF, { weights: populationWeights(REF, 4) });
  if (!menu.feasible) throw new Error("reference menu");
  // r = (20, 105, 210, 315), π = 2k·r; τ_k(ρ_k − 1) = 1, 6, 15, 28

  it("one CI of each type: the menu fits, nothing is rationed: 12 620 vs the equal split 8 125", () => {
    const types = [0, 1, 2, 3].map(oneHot);
    const e = expectedPlayedValue(REF, menu.contracts, types, types);
    expect(e.menuCcUtility).toBeCloseTo(12620, 6);
    expect(e.menuCcUtilityUnrationed).toBeCloseTo(12620, 6);
    expect(e.equalSplitCcUtility).toBeCloseTo(8125, 6);
    expect(e.rationedProbability).toBe(0);
  });

  it("types (2, 4, 4, 4): only two type-4 contracts are signed (2·28·315 = 17 640, not 6·105 + 3·28·315 = 27 090)", () => {
    const types = [1, 3, 3, 3].map(oneHot);
    const e = expectedPlayedValue(REF, menu.contracts, types, types);
    expect(e.menuCcUtilityUnrationed).toBeCloseTo(27090, 6);
    expect(e.menuCcUtility).toBeCloseTo(17640, 6);
    expect(e.equalSplitCcUtility).toBeCloseTo((6 + 3 * 28) * 162.5, 6);
    expect(e.rationedProbability).toBe(1);
  });

  it("Fig. 1's instance (expected weighting, R = 600): the played ratio is far below the LP's and below 1 for one CI", () => {
    // Reference: an independent enumeration with the documented rule (findings B4): played ratio
    // 0.953 (N = 1), 1.291 (N = 2), 1.393 (N = 5), 1.374 (N = 10); LP ratio 1.620 at N = 1.
    const inst: CipInstance = {
      types: [20, 60, 100].map((r, i) => ({ theta: i + 1, phi: 0, probability: 1 / 3, minResources: r, rewardRate: 2 * (i + 1) })),
      evaluationRate: 2,
      paymentCost: 0.5,
      resources: 600,
      weighting: "expected",
    };
    const pts = ccUtilityVsNumberOfCis(inst, { maxCis: 10 });
    const played = (n: number) => pts[n - 1]!.played!.ratio!;
    expect(pts[0]!.ratio!).toBeCloseTo(1.62, 2);
    expect(played(1)).toBeCloseTo(0.953, 3);
    expect(played(2)).toBeCloseTo(1.291, 3);
    expect(played(5)).toBeCloseTo(1.393, 3);
    expect(played(10)).toBeCloseTo(1.374, 3);
    expect(pts[0]!.played!.rationedProbability).toBeCloseTo(1 / 3, 9); // the type-3 contract (r ≈ 1198) exceeds R
  });
});
