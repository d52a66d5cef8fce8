import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "../../core/rng";
import { pivotalFullInfo, pivotalTaxes } from "./pivotal";
import { randomIdsInstance } from "./random";
import { bruteMinOwn, g, kktViolation, objective, totalEffort } from "./test-helpers";
import type { IdsInstance } from "./model";

const others = (n: number, i: number) => Array.from({ length: n }, (_, j) => j).filter((j) => j !== i);

describe("Pivotal mechanism, incomplete information (eq. 6, x̂_i^i = 0)", () => {
  it("Example 2: closed-form taxes, VP bounds and the deficit bound (5)", () => {
    // c2/(N−1) < c1 < c2 < N−1, c1 < N/e
    for (const c of [[0.5, 1.2, 1.5, 2.0], [0.9, 1.5, 2.2, 2.3, 3.5], [0.3, 0.45, 0.5]]) {
      const N = c.length;
      const [c1, c2] = c as [number, number];
      expect(c2 / (N - 1) < c1 && c1 < c2 && c2 < N - 1 && c1 < N / Math.E).toBe(true);
      const r = pivotalTaxes(totalEffort(c));
      const t1 = ((N - 1) * c1) / N - c2 - c2 * Math.log((N - 1) / c2);
      const tj = c1 * (Math.log(N / (N - 1)) - 1 / N);
      expect(r.taxes[0]).toBeCloseTo(t1, 9);
      for (let j = 1; j < N; j++) expect(r.taxes[j]).toBeCloseTo(tj, 9);
      // The paper's VP conditions (the largest taxes any VP mechanism could charge).
      expect(r.taxes[0]).toBeLessThanOrEqual(c2 / (N - 1) - c1 / N - c1 * Math.log(N / c1) + 1e-12);
      for (let j = 1; j < N; j++) expect(r.taxes[j]).toBeLessThanOrEqual(c1 / (N * (N - 1)) + 1e-12);
      expect(r.budget).toBeLessThanOrEqual(c1 * (1 - Math.log(N / c1)) + 1e-12);
      expect(r.budget).toBeLessThan(0);
      expect(r.participation.every(Boolean)).toBe(true);
      // Announced profiles: exp(−x̂_2^1) = c2/(N−1); exp(−x̂_1^j) = c1/(N−1); loners invest 0.
      expect(Math.exp(-(r.users[0]!.reference[1] as number))).toBeCloseTo(c2 / (N - 1), 9);
      expect(Math.exp(-(r.users[1]!.reference[0] as number))).toBeCloseTo(c1 / (N - 1), 9);
      for (const u of r.users) expect(u.lonerInvestment).toBe(0);
    }
  });

  it("Example 3 (k, α, c1, c2) = (0.25, 10, 9, 2): x ≥ 0 turns the paper's surplus into a deficit", () => {
    const [k, a, c1, c2] = [0.25, 10, 9, 2];
    const inst: IdsInstance = { alpha: [a, 1], W: [[1, k], [1, k]], c: [c1, c2] };
    const r = pivotalTaxes(inst);
    const x2 = Math.log((k * (a + 1)) / c2) / k;
    // When user 1 is out, user 2 alone wants exp(−k x) = c2/k = 8 > 1: corner x̂_2^1 = 0 (paper: negative).
    expect(r.users[0]!.reference).toEqual([0, 0]);
    const x1hat = Math.log(a / c1);
    expect(r.users[1]!.reference[0]).toBeCloseTo(x1hat, 10);
    const constrained = c2 / k + c2 * x2 - c1 * (1 + x1hat) - 1;
    const paper = (c2 / k) * Math.log(1 + a) - c1 * (1 + Math.log(a / c1));
    expect(r.budget).toBeCloseTo(constrained, 9);
    expect(constrained).toBeCloseTo(-0.400614792, 8);
    expect(paper).toBeGreaterThan(9);
    // And for k = 1 the paper's (8) is −5.152 but the constrained budget is −5.539.
    const r1 = pivotalTaxes({ alpha: [a, 1], W: [[1, 1], [1, 1]], c: [c1, c2] });
    expect(r1.budget).toBeCloseTo(c2 + c2 * Math.log((a + 1) / c2) - c1 * (1 + x1hat) - 1, 9);
  });

  it("taxes follow eq. 6 with certified reference optima; VP (Prop. 2) and deficit hold on random instances", () => {
    const rng = makeRng(seedFrom("pivotal-props"));
    for (let t = 0; t < 24; t++) {
      const n = 2 + rng.int(7);
      const inst = randomIdsInstance(rng, n, { quadratic: t % 3 === 0, spillover: [0.2, 1, 4][t % 3]!, density: t % 4 === 0 ? 0.4 : 1 });
      const r = pivotalTaxes(inst);
      expect(kktViolation(inst, r.x)).toBeLessThan(1e-9);
      for (let i = 0; i < n; i++) {
        const u = r.users[i]!;
        const rest = others(n, i);
        expect(u.reference[i]).toBe(0);
        expect(kktViolation(inst, u.reference, rest, rest)).toBeLessThan(1e-9);
        expect(u.tax).toBeCloseTo(objective(inst, r.x, rest) - objective(inst, u.reference, rest), 9);
        // Independent VP check: the loner's best reply to the announced profile, found by grid search.
        const br = bruteMinOwn(inst, i, u.reference, 40);
        const out = g(inst, i, u.reference.map((v, j) => (j === i ? br : v)));
        const inCost = g(inst, i, r.x) + u.tax;
        expect(out - inCost).toBeGreaterThanOrEqual(-1e-8);
        expect(u.costOut).toBeCloseTo(out, 8);
        expect(u.participates).toBe(true);
      }
      // Deficit: Σ t_i <= 0 always with x >= 0 (Jensen argument in docs/papers/ids.md).
      expect(r.budget).toBeLessThanOrEqual(1e-9);
    }
  });

  it("truthful reporting is dominant (Prop. 1): misreports never lower the true cost", () => {
    const rng = makeRng(seedFrom("pivotal-truthful"));
    for (let t = 0; t < 8; t++) {
      const n = 3 + rng.int(3);
      const inst = randomIdsInstance(rng, n, { quadratic: t % 2 === 0 });
      const truthful = pivotalTaxes(inst);
      for (let i = 0; i < n; i++) {
        const lie: IdsInstance = JSON.parse(JSON.stringify(inst));
        lie.alpha[i] = (lie.alpha[i] as number) * (0.3 + 1.5 * rng.next());
        lie.c[i] = (lie.c[i] as number) * (0.3 + 1.5 * rng.next());
        lie.W[i] = (lie.W[i] as number[]).map((w) => w * (0.5 + rng.next()));
        const r = pivotalTaxes(inst, lie);
        // True cost of i under the misreport: g_i(allocation) + tax.
        const lieCost = g(inst, i, r.x) + (r.taxes[i] as number);
        expect(lieCost).toBeGreaterThanOrEqual(truthful.users[i]!.costIn - 1e-9);
        expect(r.users[i]!.costIn).toBeCloseTo(lieCost, 9);
      }
    }
  });
});

describe("Pivotal mechanism, full information (§III-D, eq. 9)", () => {
  it("Example 1: closed-form taxes, VP, and the bound (4) Σ t <= c1 (1 − log N)", () => {
    for (const c of [[0.1, 0.5, 0.8, 0.9], [0.05, 0.2, 0.3], [0.15, 1, 1.1, 1.2, 1.3, 2]]) {
      const N = c.length;
      const c1 = c[0] as number;
      expect(c1 < (c[1] as number) / (N - 1) && (c[1] as number) / (N - 1) < 1).toBe(true);
      const r = pivotalFullInfo(totalEffort(c));
      expect(r.taxes[0]).toBeCloseTo((-((N - 1) ** 2) * c1) / N, 9);
      for (let j = 1; j < N; j++) expect(r.taxes[j]).toBeCloseTo(c1 * (Math.log(N / (N - 1)) - 1 / N), 9);
      expect(Math.exp(-(r.users[0]!.reference[0] as number))).toBeCloseTo(c1, 9); // exp(−x̃_1^1) = c1
      expect(Math.exp(-(r.users[1]!.reference[0] as number))).toBeCloseTo(c1 / (N - 1), 9);
      expect(r.budget).toBeLessThanOrEqual(c1 * (1 - Math.log(N)) + 1e-12);
      expect(r.participation.every(Boolean)).toBe(true);
    }
  });

  it("loner equilibria are certified, taxes dominate the incomplete-information ones, VP holds", () => {
    const rng = makeRng(seedFrom("pivotal-full"));
    for (let t = 0; t < 20; t++) {
      const n = 2 + rng.int(6);
      const inst = randomIdsInstance(rng, n, { quadratic: t % 2 === 1, spillover: [0.3, 2, 6][t % 3]! });
      inst.alpha = inst.alpha.map((a) => a * Math.exp(2 * (rng.next() - 0.5)));
      const full = pivotalFullInfo(inst);
      const inc = pivotalTaxes(inst);
      for (let i = 0; i < n; i++) {
        const u = full.users[i]!;
        const rest = others(n, i);
        // Coalition optimal given the loner's investment, loner best-responding (grid check).
        expect(kktViolation(inst, u.reference, rest, rest)).toBeLessThan(1e-9);
        expect(Math.abs((u.reference[i] as number) - bruteMinOwn(inst, i, u.reference, 40))).toBeLessThan(1e-5);
        expect(u.tax).toBeGreaterThanOrEqual((inc.taxes[i] as number) - 1e-9);
        expect(g(inst, i, u.reference) - (g(inst, i, full.x) + u.tax)).toBeGreaterThanOrEqual(-1e-8);
      }
    }
  });

  it("can run a surplus, unlike the incomplete-information variant", () => {
    // Found by a seeded search (q > 0 for users 1, 2). Incomplete information: −0.360; full: +0.099.
    const inst: IdsInstance = {
      alpha: [1.684287318569258, 14.624235674669057, 0.3372402532386576],
      W: [
        [1.9818559862440954, 0, 1.3350009739387543],
        [0.12660190434822655, 0.5856531848644759, 0],
        [0.12269157973629702, 0.3903708482543433, 0.7871828075907548],
      ],
      c: [0.3507269798017728, 1.2671439710405585, 0.1918998785836875],
      q: [0.8832498476840556, 0.9875567231792957, 0],
    };
    const full = pivotalFullInfo(inst);
    const inc = pivotalTaxes(inst);
    expect(inc.budget).toBeLessThan(-0.3);
    expect(full.budget).toBeGreaterThan(0.09);
    let independent = 0;
    for (let i = 0; i < 3; i++) {
      const u = full.users[i]!;
      const rest = others(3, i);
      expect(kktViolation(inst, u.reference, rest, rest)).toBeLessThan(1e-9);
      expect(Math.abs((u.reference[i] as number) - bruteMinOwn(inst, i, u.reference, 40))).toBeLessThan(1e-5);
      independent += objective(inst, full.x, rest) - objective(inst, u.reference, rest);
    }
    expect(full.budget).toBeCloseTo(independent, 9);
    expect(full.participation.every(Boolean)).toBe(true);
  });
});
