import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "@/lib/core/rng";
import {
  attackerUtility,
  combineCoverage,
  defenderUtility,
  nonOverlappingType,
  validateInstance,
  welfare,
  type SsgInstance,
} from "./model";
import { bestResponseSet, pessimisticTarget, pessimisticValue, playTarget } from "./attacker";
import { allocationMarginals, decomposeCoverage, sampleAllocation } from "./sampling";

const twoTargets: SsgInstance = {
  attacker: { reward: [0, 0], penalty: [-1, -1] },
  defenders: [
    { resources: 1, ...nonOverlappingType([0, 1]) }, // a <_1 b
    { resources: 1, ...nonOverlappingType([1, 0]) }, // b <_2 a
  ],
};

describe("model", () => {
  it("combines coverage with the product rule of eq. (2), never by addition", () => {
    expect(combineCoverage([[0.5, 0], [0.5, 1]])).toEqual([0.75, 1]);
    expect(combineCoverage([[0.2, 0.3], [0, 0], [0.5, 0.5]])[0]).toBeCloseTo(1 - 0.8 * 0.5, 15);
  });

  it("computes utilities as in §2", () => {
    const g: SsgInstance = {
      attacker: { reward: [4, 2], penalty: [-2, 0] },
      defenders: [{ resources: 1, reward: [3, 1], penalty: [-5, -1] }],
    };
    expect(attackerUtility(g, [0.5, 0], 0)).toBeCloseTo(1, 12); // 0.5·4 + 0.5·(−2)
    expect(defenderUtility(g, 0, [0.25, 0], 0)).toBeCloseTo(0.25 * 3 + 0.75 * -5, 12);
    expect(welfare(g, [0, 1], 1)).toBe(1);
  });

  it("builds non-overlapping payoffs from a preference order (Definition 3.1)", () => {
    const ty = nonOverlappingType([2, 0, 1]); // 2 < 0 < 1
    expect(ty.reward).toEqual([1.5, 2.5, 0.5]);
    expect(ty.penalty).toEqual([1, 2, 0]);
    // non-overlapping: for t <_i t', r(t) < p(t')
    expect(ty.reward[2]!).toBeLessThan(ty.penalty[0]!);
    expect(ty.reward[0]!).toBeLessThan(ty.penalty[1]!);
  });

  it("names the offending field when validating", () => {
    const bad: SsgInstance = {
      attacker: { reward: [1, 1], penalty: [0, 0] },
      defenders: [
        { resources: 1, reward: [1, 1], penalty: [0, 0] },
        { resources: 1.5, reward: [1, 0], penalty: [0, 0] },
      ],
    };
    const errs = validateInstance(bad);
    expect(errs).toContain("defenders[1].reward[1] must be greater than penalty[1]");
    expect(errs).toContain("defenders[1].resources must be a non-negative integer");
    expect(validateInstance(twoTargets)).toEqual([]);
  });
});

describe("attacker best response", () => {
  it("returns every tied target and breaks play ties by welfare, then index", () => {
    // both targets fully covered: U^a = −1 on both
    expect(bestResponseSet(twoTargets, [1, 1])).toEqual([0, 1]);
    // welfare at a: r_1(a)+r_2(a) = 0.5+1.5 = 2; at b: 1.5+0.5 = 2 → tie → lowest index
    expect(playTarget(twoTargets, [1, 1])).toBe(0);
    const g: SsgInstance = {
      attacker: { reward: [1, 1, 1], penalty: [0, 0, 0] },
      defenders: [{ resources: 1, reward: [1, 5, 1], penalty: [0, 0, 0] }],
    };
    expect(playTarget(g, [0.2, 0.2, 0.2])).toBe(1);
    expect(playTarget(g, [0.2, 0.3, 0.2])).toBe(0); // target 1 no longer a best response
  });

  it("uses the pessimistic rule of Definition 2.1 for a deviating defender", () => {
    // defender 1 prefers b attacked (a <_1 b): pessimistic target among {a,b} is a
    expect(pessimisticTarget(twoTargets, [1, 1], 0)).toBe(0);
    expect(pessimisticTarget(twoTargets, [1, 1], 1)).toBe(1);
    expect(pessimisticValue(twoTargets, [1, 1], 1)).toBe(0.5);
  });

  it("treats near-ties within tolerance as ties", () => {
    expect(bestResponseSet(twoTargets, [0.5, 0.5 + 1e-13])).toEqual([0, 1]);
    expect(bestResponseSet(twoTargets, [0.5, 0.5 + 1e-6])).toEqual([0]);
  });
});

describe("comb sampling", () => {
  const cases: [number[], number][] = [
    [[0.3, 0.7, 0.5, 0.5], 2],
    [[1, 0, 0.25, 0.75, 1], 3],
    [[0.1, 0.2, 0.3], 1],
    [[0, 0, 0], 2],
    [[0.9, 0.9, 0.9, 0.3], 3],
  ];

  it("reproduces the marginals exactly and never exceeds k targets", () => {
    for (const [c, k] of cases) {
      const d = decomposeCoverage(c, k);
      expect(d.reduce((s, w) => s + w.prob, 0)).toBeCloseTo(1, 14);
      expect(d.length).toBeLessThanOrEqual(c.length + 1);
      const marg = allocationMarginals(d, c.length);
      marg.forEach((v, t) => expect(Math.abs(v - c[t]!)).toBeLessThan(1e-14));
      for (const w of d) {
        expect(w.targets.length).toBeLessThanOrEqual(k);
        expect(new Set(w.targets).size).toBe(w.targets.length);
        expect(w.prob).toBeGreaterThan(0);
      }
    }
  });

  it("reproduces marginals on random seeded coverages", () => {
    const rng = makeRng(seedFrom("comb-random"));
    for (let rep = 0; rep < 200; rep++) {
      const m = 1 + rng.int(12);
      const k = rng.int(m + 1);
      const raw = Array.from({ length: m }, () => rng.next());
      const s = raw.reduce((a, b) => a + b, 0);
      const scale = s > 0 ? Math.min(1, (k * rng.next()) / s) : 0;
      const c = raw.map((v) => Math.min(1, v * scale * (rng.next() < 0.2 ? 3 : 1)));
      const tot = c.reduce((a, b) => a + b, 0);
      const cc = tot > k ? c.map((v) => (v * k) / tot) : c;
      const d = decomposeCoverage(cc, k);
      const marg = allocationMarginals(d, m);
      marg.forEach((v, t) => expect(Math.abs(v - cc[t]!)).toBeLessThan(1e-12));
      d.forEach((w) => expect(w.targets.length).toBeLessThanOrEqual(k));
    }
  });

  it("draws with empirical frequencies matching the marginals (seeded)", () => {
    const c = [0.3, 0.7, 0.5, 0.5, 0.0, 1.0];
    const rng = makeRng(seedFrom("comb-draws"));
    const N = 40000;
    const count = new Array<number>(c.length).fill(0);
    for (let i = 0; i < N; i++) {
      const s = sampleAllocation(c, 3, rng);
      expect(s.length).toBeLessThanOrEqual(3);
      for (const t of s) count[t]!++;
    }
    count.forEach((n, t) => {
      const sd = Math.sqrt((c[t]! * (1 - c[t]!)) / N);
      expect(Math.abs(n / N - c[t]!)).toBeLessThanOrEqual(4 * sd + 1e-12);
    });
  });

  it("rejects infeasible coverage", () => {
    expect(() => decomposeCoverage([0.6, 0.6], 1)).toThrow(/more than the 1 resources/);
    expect(() => decomposeCoverage([1.2, 0], 2)).toThrow(/outside \[0, 1\]/);
  });
});
