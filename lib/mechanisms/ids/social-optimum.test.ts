import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import { randomIdsInstance } from "./random";
import { socialOptimum } from "./social-optimum";
import { kktViolation, objective, totalEffort } from "./test-helpers";
import type { IdsInstance } from "./model";

describe("socialOptimum (eq. 2)", () => {
  it("Example 1/2/4: total effort, only the cheapest user invests, exp(−x1*) = c1/N", () => {
    for (const c of [[0.1, 0.5, 0.8], [0.3, 0.9, 1.2, 2, 3], [2.5, 2.6, 2.7, 3]]) {
      const N = c.length;
      const r = socialOptimum(totalEffort(c));
      expect(r.x[0]).toBeCloseTo(Math.log(N / (c[0] as number)), 9);
      for (let j = 1; j < N; j++) expect(r.x[j]).toBe(0); // exact corner
      expect(r.cost).toBeCloseTo(N * ((c[0] as number) / N) + (c[0] as number) * Math.log(N / (c[0] as number)), 9);
    }
  });

  it("total effort with c1 >= N: nobody invests (corner the closed form exp(−x1*) = c1/N ignores)", () => {
    const r = socialOptimum(totalEffort([4, 5, 6]));
    expect(r.x).toEqual([0, 0, 0]);
    expect(r.cost).toBeCloseTo(3, 14);
  });

  it("Example 3: x1* = 0 and exp(−k x2*) = c2/(k(α+1))", () => {
    for (const [k, a, c1, c2] of [
      [0.25, 10, 9, 2],
      [1, 10, 9, 2],
    ] as const) {
      const inst: IdsInstance = { alpha: [a, 1], W: [[1, k], [1, k]], c: [c1, c2] };
      const r = socialOptimum(inst);
      expect(r.x[0]).toBe(0);
      expect(Math.exp(-k * (r.x[1] as number))).toBeCloseTo(c2 / (k * (a + 1)), 10);
    }
  });

  it("matches a brute-force grid on random N = 2 instances", () => {
    const rng = makeRng(seedFrom("so-grid"));
    for (let t = 0; t < 6; t++) {
      const inst = randomIdsInstance(rng, 2, { quadratic: t % 2 === 1 });
      const r = socialOptimum(inst);
      let best = Infinity;
      let arg = [0, 0];
      const H = 8;
      const S = 400;
      for (let a = 0; a <= S; a++)
        for (let b = 0; b <= S; b++) {
          const x = [(H * a) / S, (H * b) / S];
          const v = objective(inst, x);
          if (v < best) {
            best = v;
            arg = x;
          }
        }
      expect(r.cost).toBeLessThanOrEqual(best + 1e-12);
      expect(best - r.cost).toBeLessThan(1e-3);
      expect(Math.abs((r.x[0] as number) - (arg[0] as number))).toBeLessThan(0.1);
      expect(Math.abs((r.x[1] as number) - (arg[1] as number))).toBeLessThan(0.1);
    }
  });

  it("satisfies KKT on random seeded instances (dense, sparse, quadratic, strong spill-over)", () => {
    const rng = makeRng(seedFrom("so-kkt"));
    for (const n of [3, 7, 15, 40, 90]) {
      for (const opts of [{}, { density: 0.1 }, { quadratic: true }, { spillover: 4 }, { spillover: 0.2, density: 0.3 }]) {
        const inst = randomIdsInstance(rng, n, opts);
        const r = socialOptimum(inst);
        expect(kktViolation(inst, r.x)).toBeLessThan(1e-9);
        expect(r.cost).toBeCloseTo(objective(inst, r.x), 9);
        // Perturbing any coordinate (staying feasible) never lowers the objective.
        for (let j = 0; j < n; j += Math.max(1, Math.floor(n / 5))) {
          for (const d of [1e-3, -1e-3]) {
            const z = r.x.slice();
            z[j] = Math.max(0, (z[j] as number) + d);
            expect(objective(inst, z)).toBeGreaterThanOrEqual(r.cost - 1e-12);
          }
        }
      }
    }
  });

  it("solves the restricted problem of eq. 6: users ≠ i, x_i fixed", () => {
    const rng = makeRng(seedFrom("so-restricted"));
    const inst = randomIdsInstance(rng, 12);
    const rest = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11];
    const fixed = new Array(12).fill(0);
    fixed[4] = 0.7;
    const r = socialOptimum(inst, { users: rest, fixed });
    expect(r.x[4]).toBe(0.7);
    expect(kktViolation(inst, r.x, rest, rest)).toBeLessThan(1e-9);
    expect(r.cost).toBeCloseTo(objective(inst, r.x, rest), 10);
  });

  it("rejects vars outside users", () => {
    const inst = totalEffort([0.1, 0.2]);
    expect(() => socialOptimum(inst, { users: [0], vars: [0, 1] })).toThrow(/not in users/);
  });

  it("handles degenerate ties (c1 = c2 in total effort) with a certified optimum", () => {
    const inst = totalEffort([0.2, 0.2, 0.9]);
    const r = socialOptimum(inst);
    expect((r.x[0] as number) + (r.x[1] as number)).toBeCloseTo(Math.log(3 / 0.2), 9);
    expect(kktViolation(inst, r.x)).toBeLessThan(1e-9);
  });

  it("handles W_ii = 0 and large scales", () => {
    const inst: IdsInstance = { alpha: [100, 1e-3, 50], W: [[0, 2, 0], [1, 0, 0], [3, 0, 0.1]], c: [0.2, 5, 1], q: [0, 0, 2] };
    const r = socialOptimum(inst);
    expect(kktViolation(inst, r.x)).toBeLessThan(1e-8);
  });
});
