import { describe, expect, it } from "vitest";
import type { CipInstance, CipType } from "./model";
import { signWithinBudget, type Acceptance } from "./signing";

// types: (θ1, φ0) (θ1, φ0.5) (θ2, φ0) (θ2, φ0.5); r_min 10 for θ1, 30 for θ2
const types: CipType[] = [
  { theta: 1, phi: 0, probability: 0.25, minResources: 10, rewardRate: 2 },
  { theta: 1, phi: 0.5, probability: 0.25, minResources: 10, rewardRate: 2.5 },
  { theta: 2, phi: 0, probability: 0.25, minResources: 30, rewardRate: 4 },
  { theta: 2, phi: 0.5, probability: 0.25, minResources: 30, rewardRate: 4.5 },
];
const instance = (resources: number, integerResources = false): CipInstance => ({
  types, evaluationRate: 2, paymentCost: 0.5, resources, weighting: "slot", integerResources,
});
const acc = (ciId: string, requestIndex: number, contract: number, resources: number): Acceptance => ({
  ciId, requestIndex, contract, resources, reward: (types[contract] as CipType).rewardRate * resources,
});

describe("signWithinBudget (criticality-order-fill)", () => {
  const all = [acc("p", 0, 0, 15), acc("q", 1, 2, 40), acc("r", 2, 1, 20), acc("s", 3, 3, 50)];

  it("signs everything as chosen when it fits", () => {
    const out = signWithinBudget(instance(125), all);
    expect(out.rationed).toBe(false);
    expect(out.signed.map((c) => c.ciId)).toEqual(["p", "q", "r", "s"]);
    expect(out.handedOut).toBe(125);
  });

  it("orders by criticality φ, then θ, then request order when rationing", () => {
    const out = signWithinBudget(instance(100), all);
    expect(out.order).toEqual(["s", "r", "q", "p"]);
    expect(out.rationed).toBe(true);
    // s 50, r 20 (left 30), q wants 40: partial 30 ≥ r_min 30, p: nothing left
    expect(out.signed.map((c) => [c.ciId, c.resources, c.partial])).toEqual([["q", 30, true], ["r", 20, false], ["s", 50, false]]);
    expect(out.signed.find((c) => c.ciId === "q")?.reward).toBe(120);
    expect(out.unserved.map((c) => c.ciId)).toEqual(["p"]);
    expect(out.handedOut).toBe(100);
  });

  it("does not sign a partial contract below the chosen type's r_min, but keeps filling smaller ones", () => {
    const out = signWithinBudget(instance(95), all);
    // s 50, r 20 → left 25 < r_min 30 for q → unserved; p 15 fits → signed; 10 left
    expect(out.unserved.map((c) => c.ciId)).toEqual(["q"]);
    expect(out.signed.map((c) => c.ciId)).toEqual(["p", "r", "s"]);
    expect(out.handedOut).toBe(85);
  });

  it("rounds a partial amount down in integer mode", () => {
    const out = signWithinBudget(instance(100.7, true), all);
    expect(out.signed.find((c) => c.ciId === "q")?.resources).toBe(30);
    expect(out.handedOut).toBeLessThanOrEqual(100.7);
  });
});
