import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import { idsReport } from "./report";
import { randomIdsInstance } from "./random";
import { kktViolation, objective, totalEffort } from "./test-helpers";

describe("idsReport", () => {
  it("Example 4 instance: user 1 is the main investor, the rest free ride; mechanisms as in the paper", () => {
    const r = idsReport(totalEffort([0.5, 0.9, 0.95, 0.99]));
    expect(r.mainInvestors).toEqual([0]);
    expect(r.freeRiders).toEqual([1, 2, 3]);
    expect(r.nash?.x[0]).toBeCloseTo(Math.log(2), 12);
    expect(r.priceOfAnarchy).toBeGreaterThan(1);
    expect(r.pivotal.budget).toBeLessThan(0);
    expect(r.pivotal.participation.every(Boolean)).toBe(true);
    expect(Math.abs(r.externality.budget)).toBeLessThan(1e-12);
    expect(r.externality.participation.some((p) => !p)).toBe(true);
    // The main investor is paid, free riders pay, under every mechanism.
    for (const t of [r.pivotal.taxes, r.pivotalFullInfo.taxes, r.externality.taxes]) {
      expect(t[0]).toBeLessThan(0);
      for (let j = 1; j < 4; j++) expect(t[j]).toBeGreaterThan(0);
    }
  });

  it("is consistent on random instances: KKT x*, costs, shared loner equilibria, price of anarchy >= 1", () => {
    const rng = makeRng(seedFrom("report"));
    for (let t = 0; t < 6; t++) {
      const inst = randomIdsInstance(rng, 3 + rng.int(8), { quadratic: t % 2 === 0 });
      const r = idsReport(inst);
      expect(kktViolation(inst, r.socialOptimum.x)).toBeLessThan(1e-9);
      expect(r.socialOptimum.cost).toBeCloseTo(objective(inst, r.socialOptimum.x), 10);
      expect(r.priceOfAnarchy).toBeGreaterThanOrEqual(1 - 1e-12);
      r.externality.users.forEach((u, i) => {
        expect(u.costOut).toBeCloseTo(r.pivotalFullInfo.users[i]!.costOut, 12);
      });
      expect(r.mainInvestors.length + r.freeRiders.length).toBe(r.n);
      for (const i of r.mainInvestors) expect(r.socialOptimum.x[i]).toBeGreaterThan(r.nash?.x[i] ?? 0);
    }
  });
});
