import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import { bestResponse, nashEquilibrium } from "./nash";
import { randomIdsInstance } from "./random";
import { bruteMinOwn, fdPartial, g, totalEffort } from "./test-helpers";
import type { IdsInstance } from "./model";

describe("bestResponse", () => {
  it("is the exact minimiser of g_i (closed form for q = 0, FOC for q > 0, grid check)", () => {
    const rng = makeRng(seedFrom("br"));
    for (let t = 0; t < 20; t++) {
      const inst = randomIdsInstance(rng, 4, { quadratic: t % 2 === 0 });
      const x = [0, 1, 2, 3].map(() => 2 * rng.next());
      for (let i = 0; i < 4; i++) {
        const br = bestResponse(inst, i, x);
        const z = x.slice();
        z[i] = br;
        const d = fdPartial((w) => g(inst, i, w), z, i);
        if (br > 0) expect(Math.abs(d)).toBeLessThan(1e-7);
        else expect(d).toBeGreaterThan(-1e-7);
        const brute = bruteMinOwn(inst, i, x, 20);
        expect(Math.abs(br - brute)).toBeLessThan(1e-5);
      }
    }
  });

  it("ignores x_i's own entry and returns 0 when W_ii = 0", () => {
    const inst: IdsInstance = { alpha: [1, 1], W: [[0, 1], [1, 1]], c: [0.1, 0.1] };
    expect(bestResponse(inst, 0, [5, 0])).toBe(0);
    expect(bestResponse(inst, 1, [0, 7])).toBeCloseTo(Math.log(10), 14);
    expect(bestResponse(inst, 1, [0.5, 7])).toBeCloseTo(Math.log(10) - 0.5, 14);
  });
});

describe("nashEquilibrium", () => {
  it("Example 1 anarchy: only user 1 invests, exp(−x1) = c1", () => {
    const r = nashEquilibrium(totalEffort([0.1, 0.5, 0.8]));
    expect(r.x[0]).toBeCloseTo(Math.log(10), 12);
    expect(r.x.slice(1)).toEqual([0, 0]);
  });

  it("every component is a best response on random instances (grid-checked on some)", () => {
    const rng = makeRng(seedFrom("ne"));
    for (const n of [2, 5, 20, 60, 150]) {
      for (const opts of [{}, { quadratic: true }, { density: 0.2 }, { spillover: 0.3 }]) {
        const inst = randomIdsInstance(rng, n, opts);
        const r = nashEquilibrium(inst);
        for (let i = 0; i < n; i++) {
          const d = fdPartial((w) => g(inst, i, w), r.x, i);
          if ((r.x[i] as number) > 1e-9) expect(Math.abs(d)).toBeLessThan(1e-6);
          else expect(d).toBeGreaterThan(-1e-6);
          expect(r.costs[i]).toBeCloseTo(g(inst, i, r.x), 12);
        }
        if (n <= 5) for (let i = 0; i < n; i++) expect(Math.abs((r.x[i] as number) - bruteMinOwn(inst, i, r.x, 30))).toBeLessThan(1e-5);
      }
    }
  });

  it("finds a certified equilibrium when spill-overs dominate (multiple equilibria possible)", () => {
    // W = [[1,2],[2,1]]: best responses slope −2; Gauss–Seidel from 0 picks (ln(1/c1), 0).
    const inst: IdsInstance = { alpha: [1, 1], W: [[1, 2], [2, 1]], c: [0.1, 0.1] };
    const r = nashEquilibrium(inst);
    expect(r.x[0]).toBeCloseTo(Math.log(10), 12);
    expect(r.x[1]).toBe(0);
    const rng = makeRng(seedFrom("ne-strong"));
    for (let t = 0; t < 5; t++) {
      const inst2 = randomIdsInstance(rng, 30, { spillover: 5 });
      const r2 = nashEquilibrium(inst2);
      expect(r2.gap).toBeLessThan(1e-9 * Math.max(1, ...r2.x));
    }
  });
});
