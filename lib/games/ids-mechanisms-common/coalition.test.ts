import { describe, expect, it } from "vitest";
import { bestResponse, lonerEquilibria, nashEquilibrium, randomIdsInstance, socialOptimum, userCosts } from "../../mechanisms/ids";
import { makeRng, seedFrom } from "../../core/rng";
import { coalitionEquilibrium, lonersResponse } from "./coalition";
import { instanceOf, type Instance } from "./instance";

const totalEffort = (c: number[]): Instance => ({ alpha: c.map(() => 1), W: c.map(() => c.map(() => 1)), c, q: c.map(() => 0) });
const range = (n: number) => [...Array(n).keys()];
const rest = (n: number, out: readonly number[]) => range(n).filter((j) => !out.includes(j));

function randomInstances(seed: string, count: number): Instance[] {
  const rng = makeRng(seedFrom(seed));
  return Array.from({ length: count }, (_, k) => instanceOf(randomIdsInstance(rng, 3 + rng.int(4), { quadratic: k % 2 === 0 })));
}

describe("coalition–loner equilibrium (eq. 9 generalised)", () => {
  it("with one loner equals the core's loner equilibrium x̃^i, including the slow total-effort cases", () => {
    const insts = [totalEffort([0.3, 0.31, 0.32, 0.33]), totalEffort([2.6, 2.8, 2.9, 2.95]), totalEffort([0.2, 0.61, 0.7]), ...randomInstances("coal-1", 20)];
    for (const inst of insts) {
      const n = inst.alpha.length;
      const ref = lonerEquilibria(inst);
      for (let i = 0; i < n; i++) {
        const eq = coalitionEquilibrium(inst, rest(n, [i]), [i]);
        expect(eq.certified).toBe(true);
        eq.x.forEach((v, j) => expect(v).toBeCloseTo(ref[i]![j]!, 7));
        // a handful of evaluations, not one per constant step of the eq. 9 sequence
        expect(eq.iterations).toBeLessThan(120);
      }
    }
  });

  it("with several loners satisfies both equilibrium conditions", () => {
    for (const inst of randomInstances("coal-2", 12)) {
      const n = inst.alpha.length;
      const loners = [0, n - 1];
      const coalition = rest(n, loners);
      const eq = coalitionEquilibrium(inst, coalition, loners);
      expect(eq.certified).toBe(true);
      for (const l of loners) expect(Math.abs(eq.x[l]! - bestResponse(inst, l, eq.x))).toBeLessThan(1e-7);
      const best = socialOptimum(inst, { users: coalition, vars: coalition, fixed: eq.x });
      for (const j of coalition) expect(eq.x[j]!).toBeCloseTo(best.x[j]!, 7);
      const g = userCosts(inst, eq.x);
      expect(eq.coalitionCost).toBeCloseTo(coalition.reduce((s, j) => s + g[j]!, 0), 10);
    }
  });

  it("degenerates to the Nash equilibrium (no coalition, or a coalition of one) and to x* (no loners)", () => {
    const inst = randomInstances("coal-3", 1)[0]!;
    const n = inst.alpha.length;
    const ne = nashEquilibrium(inst).x;
    coalitionEquilibrium(inst, [], range(n)).x.forEach((v, j) => expect(v).toBeCloseTo(ne[j]!, 9));
    coalitionEquilibrium(inst, [1], rest(n, [1])).x.forEach((v, j) => expect(v).toBeCloseTo(ne[j]!, 9));
    const so = socialOptimum(inst).x;
    coalitionEquilibrium(inst, range(n), []).x.forEach((v, j) => expect(v).toBeCloseTo(so[j]!, 9));
  });

  it("loners' joint response is their Nash equilibrium given the others", () => {
    const inst = randomInstances("coal-4", 1)[0]!;
    const x = inst.alpha.map((_, j) => 0.3 * j);
    const y = lonersResponse(inst, [0, 2], x);
    expect(y[1]).toBe(x[1]);
    for (const l of [0, 2]) expect(Math.abs(y[l]! - bestResponse(inst, l, y))).toBeLessThan(1e-8);
  });

  it("loners whose risk the coalition's protection pushes below 1e-30 respond as if it were 0, instead of a refused sub-instance", () => {
    // schema-valid (every value 0 or in [1e-30, 1000]): user 3's risk 1e-30 · exp(−Σ W x) falls below the model's smallest value
    const inst: Instance = {
      alpha: [1e-30, 999.999, 1e-30, 1000, 1],
      W: [[10, 1e-9, 10, 10, 10], [10, 10, 10, 1e-9, 0], [10, 0, 10, 10, 0], [0, 1e-9, 0, 1e-30, 1e-9], [1e-30, 10, 1e-30, 0, 1]],
      c: [1000, 1e-9, 0.01, 0.01, 1000],
      q: [0, 0.01, 0, 0, 0],
    };
    const x = [0, 5, 0, 0, 0];
    const y = lonersResponse(inst, [0, 2], x);
    // each loner best-responds to the profile (a risk under 1e-30 buys no protection: 0)
    for (const l of [0, 2]) expect(y[l]).toBeCloseTo(bestResponse(inst, l, y), 12);
    const eq = coalitionEquilibrium(inst, [1, 3, 4], [0, 2]);
    expect(eq.x.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });
});
