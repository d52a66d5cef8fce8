/**
 * Properties of the optimal menu on random seeded instances. The checks use the model's formulas
 * written out here (U = τ·a·r − c·ρ·r), not the code under test, and a brute-force grid for K = 2.
 */
import { describe, expect, it } from "vitest";
import { makeRng, seedFrom, type Rng } from "@/lib/core/rng";
import { designMenu } from "./menu";
import { populationWeights, type CipInstance, type CipType } from "./model";

function randomInstance(rng: Rng, k: number, integer = false): CipInstance {
  const types: CipType[] = [];
  let theta = 1 + rng.int(2);
  let rate = 1 + rng.next();
  let minRes = 5 + rng.int(30);
  const weights: number[] = [];
  for (let i = 0; i < k; i++) {
    const sameTheta = i > 0 && rng.next() < 0.25 && (types[i - 1]?.phi ?? 1) < 0.6;
    if (i > 0 && !sameTheta) {
      theta += 1 + rng.int(2);
      minRes += 10 + rng.int(40);
    }
    const phi = sameTheta ? (types[i - 1]?.phi ?? 0) + 0.1 + 0.3 * rng.next() : 0.5 * rng.next();
    if (i > 0) rate += 0.2 + 1.5 * rng.next();
    types.push({ theta, phi, probability: 0, minResources: minRes, rewardRate: rate });
    weights.push(0.2 + rng.next());
  }
  const total = weights.reduce((s, w) => s + w, 0);
  types.forEach((t, i) => (t.probability = (weights[i] as number) / total));
  const need = types.reduce((s, t) => s + t.minResources, 0);
  const resources = Math.round(need * (0.8 + 3 * rng.next()));
  return {
    types,
    evaluationRate: 1.5 + 1.5 * rng.next(),
    paymentCost: 0.1 + 0.8 * rng.next(),
    resources,
    weighting: "slot",
    integerResources: integer,
  };
}

const tauOf = (t: CipType) => t.theta + t.phi;
/** U(k, j) from the spec's formula. */
const u = (inst: CipInstance, k: number, r: readonly number[], j: number) => {
  const t = inst.types[k] as CipType;
  const tj = inst.types[j] as CipType;
  const rj = r[j] as number;
  return tauOf(t) * inst.evaluationRate * rj - inst.paymentCost * tj.rewardRate * rj;
};

describe("optimal menu on random seeded instances", () => {
  const rng = makeRng(seedFrom("cip-menu-properties"));
  const instances = Array.from({ length: 240 }, (_, i) => randomInstance(rng, 2 + (i % 5)));
  const results = instances.map((inst) => ({ inst, m: designMenu(inst) }));

  it("finds enough feasible instances for the properties to mean something", () => {
    const feasible = results.filter((x) => x.m.feasible).length;
    expect(feasible).toBeGreaterThan(60);
    expect(results.length - feasible).toBeGreaterThan(20);
  });

  it("every feasible menu meets the budget, the minimums, IR for every type and GLOBAL IC", () => {
    for (const { inst, m } of results) {
      if (!m.feasible) continue;
      const r = m.resources;
      const spent = r.reduce((s, x) => s + x, 0);
      expect(Math.abs(spent - inst.resources)).toBeLessThan(1e-6 * Math.max(1, inst.resources));
      inst.types.forEach((t, k) => {
        expect(r[k] as number).toBeGreaterThanOrEqual(t.minResources - 1e-6);
        const own = u(inst, k, r, k);
        expect(own).toBeGreaterThanOrEqual(-1e-6 * Math.max(1, Math.abs(own)));
        inst.types.forEach((_, j) => expect(u(inst, k, r, j)).toBeLessThanOrEqual(own + 1e-5 * Math.max(1, Math.abs(own))));
      });
    }
  });

  it("Lemma 1: resources are non-decreasing in the type", () => {
    for (const { m } of results) {
      if (!m.feasible) continue;
      for (let k = 1; k < m.resources.length; k++)
        expect(m.resources[k] as number).toBeGreaterThanOrEqual((m.resources[k - 1] as number) - 1e-6);
    }
  });

  it("Lemma 2: own-contract CI utility is increasing in the type (strictly when r_{k−1} > 0)", () => {
    for (const { inst, m } of results) {
      if (!m.feasible) continue;
      for (let k = 1; k < inst.types.length; k++) {
        const lo = u(inst, k - 1, m.resources, k - 1);
        const hi = u(inst, k, m.resources, k);
        if ((m.resources[k - 1] as number) > 1e-6) expect(hi).toBeGreaterThan(lo);
        else expect(hi).toBeGreaterThanOrEqual(lo - 1e-9);
      }
    }
  });

  it("the reported CC utility is Σ p_k τ_k (ρ_k − 1) r_k", () => {
    for (const { inst, m } of results) {
      if (!m.feasible) continue;
      const cc = inst.types.reduce((s, t, k) => s + t.probability * tauOf(t) * (t.rewardRate - 1) * (m.resources[k] as number), 0);
      expect(m.ccUtility).toBeCloseTo(cc, 6);
      expect(m.lpObjective).toBeCloseTo(cc, 4);
    }
  });

  it("infeasible instances name a family; 'minimum-resources' exactly when Σ r_min > R", () => {
    for (const { inst, m } of results) {
      const need = inst.types.reduce((s, t) => s + t.minResources, 0);
      if (m.feasible) {
        expect(need).toBeLessThanOrEqual(inst.resources + 1e-9);
        continue;
      }
      expect(m.reason.length).toBeGreaterThan(10);
      expect(m.family === "minimum-resources").toBe(need > inst.resources);
      expect(["minimum-resources", "ic-ir"]).toContain(m.family);
    }
  });

  it("K = 2: no grid point satisfying every constraint beats the LP optimum", () => {
    for (const { inst, m } of results) {
      if (inst.types.length !== 2) continue;
      let best = -Infinity;
      const [t1, t2] = inst.types as [CipType, CipType];
      for (let s = 0; s <= 4000; s++) {
        const r1 = t1.minResources + ((inst.resources - t1.minResources) * s) / 4000;
        const r = [r1, inst.resources - r1];
        if ((r[1] as number) < t2.minResources) continue;
        let ok = u(inst, 0, r, 0) >= 0;
        for (let k = 0; k < 2; k++) for (let j = 0; j < 2; j++) ok &&= u(inst, k, r, j) <= u(inst, k, r, k) + 1e-9;
        if (!ok) continue;
        best = Math.max(best, t1.probability * tauOf(t1) * (t1.rewardRate - 1) * r1 + t2.probability * tauOf(t2) * (t2.rewardRate - 1) * (r[1] as number));
      }
      if (m.feasible) expect(best).toBeLessThanOrEqual(m.ccUtility + 1e-6 * Math.max(1, m.ccUtility));
      else expect(best).toBe(-Infinity);
    }
  });
});

describe("integer menus on random seeded instances", () => {
  const rng = makeRng(seedFrom("cip-integer-menus"));
  it("K = 2: integer menus (budget ≤ R) are integral, verified and match brute-force enumeration", () => {
    let feasible = 0;
    for (let i = 0; i < 60; i++) {
      const inst = randomInstance(rng, 2, true);
      const m = designMenu(inst);
      const [t1, t2] = inst.types as [CipType, CipType];
      let best = -Infinity;
      for (let r1 = Math.ceil(t1.minResources); r1 <= inst.resources; r1++) {
        for (let r2 = Math.ceil(t2.minResources); r1 + r2 <= inst.resources; r2++) {
          const r = [r1, r2];
          let ok = u(inst, 0, r, 0) >= 0;
          for (let k = 0; k < 2; k++) for (let j = 0; j < 2; j++) ok &&= u(inst, k, r, j) <= u(inst, k, r, k) + 1e-9;
          if (ok) best = Math.max(best, t1.probability * tauOf(t1) * (t1.rewardRate - 1) * r1 + t2.probability * tauOf(t2) * (t2.rewardRate - 1) * r2);
        }
      }
      if (m.feasible) {
        feasible++;
        for (const r of m.resources) expect(Number.isInteger(r)).toBe(true);
        expect(m.resources.reduce((s, r) => s + r, 0)).toBeLessThanOrEqual(inst.resources);
        expect(m.ccUtility).toBeCloseTo(best, 6);
      } else {
        expect(best).toBe(-Infinity);
      }
    }
    expect(feasible).toBeGreaterThan(20);
  });

  it("K = 4 with 'expected' weighting for 3 CIs: integral and verified whenever a menu is returned", () => {
    let feasible = 0;
    for (let i = 0; i < 30; i++) {
      const inst = { ...randomInstance(rng, 4, true), weighting: "expected" as const };
      const m = designMenu(inst, { weights: populationWeights(inst, 3) });
      if (!m.feasible) {
        expect(m.reason.length).toBeGreaterThan(10);
        continue;
      }
      feasible++;
      for (const r of m.resources) expect(Number.isInteger(r)).toBe(true);
      expect(m.verification.ok).toBe(true);
      expect(m.verification.unspent).toBeGreaterThanOrEqual(-1e-9);
    }
    expect(feasible).toBeGreaterThan(10);
  });
});
