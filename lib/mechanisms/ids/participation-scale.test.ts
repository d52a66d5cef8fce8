/**
 * Voluntary participation (Pivotal, Externality) is a comparison of two costs of the same user, so its
 * verdict must be the same in any money unit. It used an absolute 1e-9 tolerance below costs of 1
 * (max(1, ·) floor): with money in units of 1e-9 every user "participated", although two of three
 * are 65% better off outside (fresh-clone review, 2026-12-07).
 */
import { describe, expect, it } from "vitest";
import type { IdsInstance } from "./model";
import { externalityMechanism } from "./externality";
import { pivotalFullInfo, pivotalTaxes } from "./pivotal";

/** Money (α and c) scaled by s: costs, taxes and the participation comparison scale by s, investments do not. */
function inMoneyUnit(inst: IdsInstance, s: number): IdsInstance {
  return { ...inst, alpha: inst.alpha.map((a) => a * s), c: inst.c.map((c) => c * s), ...(inst.q ? { q: inst.q.map((q) => q * s) } : {}) };
}

const reviewInstance: IdsInstance = { alpha: [0, 1, 1], W: [[1, 1, 1], [1, 1, 1], [1, 1, 1]], c: [0.2, 0.3, 0.3] };
const asymmetric: IdsInstance = {
  alpha: [1.3, 0.4, 2.2, 0.9],
  W: [[1, 0.3, 0.1, 0.6], [0.2, 1, 0.5, 0.1], [0.4, 0.2, 1, 0.3], [0.1, 0.7, 0.2, 1]],
  c: [0.35, 0.6, 0.25, 0.8],
};

describe("voluntary participation does not depend on the money unit", () => {
  it("the review's instance: users 2 and 3 stay out in every unit (cost outside below cost inside)", () => {
    for (const s of [1, 1e-9, 1e-20, 1e6]) {
      const ext = externalityMechanism(inMoneyUnit(reviewInstance, s));
      expect(ext.participation, `Externality, money ×${s}`).toEqual([true, false, false]);
      for (const u of ext.users.slice(1)) expect(u.costIn).toBeGreaterThan(u.costOut * 1.5);
    }
  });

  it("Pivotal (full information and reported types) and Externality give the same verdicts at ×1, ×1e-9, ×1e-15 and ×1e9", () => {
    for (const inst of [reviewInstance, asymmetric]) {
      const base = { piv: pivotalFullInfo(inst).participation, rep: pivotalTaxes(inst).participation, ext: externalityMechanism(inst).participation };
      for (const s of [1e-9, 1e-15, 1e9]) {
        const scaled = inMoneyUnit(inst, s);
        expect(pivotalFullInfo(scaled).participation, `Pivotal ×${s}`).toEqual(base.piv);
        expect(pivotalTaxes(scaled).participation, `Pivotal (reports) ×${s}`).toEqual(base.rep);
        expect(externalityMechanism(scaled).participation, `Externality ×${s}`).toEqual(base.ext);
      }
    }
  });
});
