import { describe, expect, it } from "vitest";
import { makeRng, seedFrom, shuffle } from "@/lib/core/rng";
import { bestResponseSet } from "./attacker";
import { cswMax, cswMaxFull, cswMaxNse, dictatorship } from "./csw-max";
import { paretoDominator, solveLpT, solveLpTSimplex } from "./lp-t";
import { defenderUtilities, defenderUtility, nonOverlappingType, numTargets, totalResources, type SsgInstance } from "./model";
import { solveNse, trySolveNse } from "./nse";
import { example52, randomInstances, theorem32 } from "./testing";

/** Random feasible outcomes (c ∈ C_K, t ∈ BR(c)), independent of the LP machinery. */
function randomOutcomes(g: SsgInstance, seed: string, count: number) {
  const rng = makeRng(seedFrom(seed));
  const m = numTargets(g);
  const K = totalResources(g);
  const out: { c: number[]; t: number }[] = [];
  for (let i = 0; i < count; i++) {
    const raw = Array.from({ length: m }, () => (rng.next() < 0.3 ? 0 : rng.next()));
    const s = raw.reduce((a, b) => a + b, 0) || 1;
    const scale = Math.min(K, m) * rng.next();
    const c = raw.map((x) => Math.min(1, (x / s) * scale));
    for (const t of bestResponseSet(g, c)) out.push({ c, t });
  }
  return out;
}

const dominates = (a: number[], b: number[], tol = 1e-9) => a.every((x, i) => x >= b[i]! - tol) && a.some((x, i) => x > b[i]! + tol);

describe("LP-t (eq. 4)", () => {
  it("the exact solution agrees with the simplex solution of the same LP", () => {
    let feasibleCount = 0;
    for (const g of randomInstances("lpt-cross", 25, [2, 5], [3, 8], "generic", 2)) {
      const r = trySolveNse(g);
      if (!r.ok) continue;
      for (let t = 0; t < numTargets(g); t++) {
        // the simplex rounds to 8 decimals and LP-τ is feasible only with equality: relax (4a) by 1e-6
        const a = solveLpT(g, t, r.nse.defenderUtilities, 1e-6);
        const b = solveLpTSimplex(g, t, r.nse.defenderUtilities, 1e-6);
        expect(a.feasible).toBe(b.feasible);
        if (a.feasible) {
          feasibleCount++;
          expect(Math.abs(a.welfare - b.welfare)).toBeLessThan(1e-5 * Math.max(1, Math.abs(a.welfare)));
        }
      }
    }
    expect(feasibleCount).toBeGreaterThan(20);
  });

  it("Lemma 4.1: LP-τ is feasible at the NSE's own target", () => {
    for (const g of randomInstances("lemma41", 20, [2, 4], [3, 6], "generic", 2)) {
      const r = trySolveNse(g);
      if (!r.ok) continue;
      expect(solveLpT(g, r.nse.target, r.nse.defenderUtilities).feasible).toBe(true);
    }
  });
});

describe("CSW-Max (§4.1), Theorem 4.2", () => {
  it("is weakly UP, PE, attacks a best response, and no random feasible outcome dominates it", () => {
    for (const g of randomInstances("thm42", 20, [2, 4], [3, 7], "generic", 2)) {
      const r = trySolveNse(g);
      if (!r.ok) continue;
      const out = cswMax(g, r.nse);
      expect(out.checks).toEqual({ feasible: true, attackerBestResponse: true, weakUtilityPreservation: true, bestAmongLps: true, paretoEfficient: true });
      out.defenderUtilities.forEach((u, i) => expect(u).toBeGreaterThanOrEqual(r.nse.defenderUtilities[i]! - 1e-8));
      expect(bestResponseSet(g, out.coverage)).toContain(out.target);
      for (const o of randomOutcomes(g, "thm42-outcomes", 60)) expect(dominates(defenderUtilities(g, o.c, o.t), out.defenderUtilities)).toBe(false);
    }
  });

  it("Theorem 3.2's game: CSW-Max keeps the NSE outcome (C, a)", () => {
    const { nse, outcome } = cswMaxFull(theorem32);
    expect(nse.target).toBe(0);
    expect(outcome.target).toBe(0);
    expect(outcome.coverage).toEqual([1, 1]);
    expect(outcome.lpWelfare[1]).toBeNull(); // LP-b violates defender 2's NSE utility
  });

  it("Example 5.2 / Lemma 5.4: the PE outcome attacks b with coverage (27,27,27,21,21)/41, not the paper's (24,24,24,21,21)/31", () => {
    const { outcome } = cswMaxFull(example52);
    expect(outcome.target).toBe(1);
    const expected = [27, 27, 27, 21, 21].map((x) => x / 41);
    outcome.coverage.forEach((c, t) => expect(c).toBeCloseTo(expected[t]!, 10));
    expect(outcome.coverage.reduce((s, x) => s + x, 0)).toBeCloseTo(3, 12); // Σ c = K
    // all targets tie for the attacker at 14/41 (the paper's 7/31 needs Σ c = 114/31 > K = 3)
    expect(bestResponseSet(example52, outcome.coverage)).toEqual([0, 1, 2, 3, 4]);
    const paper = [24, 24, 24, 21, 21].map((x) => x / 31);
    expect(paper.reduce((s, x) => s + x, 0)).toBeGreaterThan(totalResources(example52));
    // Lemma 5.4's conclusion holds for the corrected vector: it is PE, and lowering any coverage is dominated
    expect(paretoDominator(example52, outcome)).toBeNull();
    // Theorem 5.5's counting step still works: c_d + c_e = 42/41 > 1
    expect(outcome.coverage[3]! + outcome.coverage[4]!).toBeGreaterThan(1);
  });
});

describe("CSW-Max-NSE (§4.2), Theorem 4.3", () => {
  // non-overlapping payoffs with identical targets for the attacker: interior NSEs are common
  const games = randomInstances("thm43", 40, [2, 3], [3, 5], "identical-attacker", 1);
  const interior = games
    .map((g) => ({ g, r: trySolveNse(g) }))
    .filter((x): x is { g: SsgInstance; r: { ok: true; nse: ReturnType<typeof solveNse> } } => x.r.ok && x.r.nse.coverage.every((c) => c > 0 && c < 1));

  it("finds interior status quo NSEs to test on", () => {
    expect(interior.length).toBeGreaterThanOrEqual(5);
  });

  it("is PE and weakly UP, and misreports by any defender do not change the outcome (SP)", () => {
    const rng = makeRng(seedFrom("thm43-misreport"));
    for (const { g, r } of interior) {
      const out = cswMaxNse(g, r.nse);
      expect(out.theorem43Applies).toBe(true);
      expect(out.checks.paretoEfficient).toBe(true);
      expect(out.checks.weakUtilityPreservation).toBe(true);
      expect(out.target).toBe(r.nse.target);
      for (let i = 0; i < g.defenders.length; i++) {
        for (let rep = 0; rep < 4; rep++) {
          const lie = nonOverlappingType(shuffle(Array.from({ length: numTargets(g) }, (_, t) => t), rng));
          const g2: SsgInstance = { ...g, defenders: g.defenders.map((d, j) => (j === i ? { ...d, ...lie } : d)) };
          const out2 = cswMaxNse(g2, r.nse, { verifyStatusQuo: false });
          expect(out2.target).toBe(out.target);
          out2.coverage.forEach((c, t) => expect(c).toBeCloseTo(out.coverage[t]!, 9));
          expect(defenderUtility(g, i, out2.coverage, out2.target)).toBeCloseTo(out.defenderUtilities[i]!, 9);
        }
      }
    }
  });

  it("refuses a status quo that is not a certified NSE", () => {
    expect(() => cswMaxNse(example52, { defenderCoverage: [[1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0]], target: 4 })).toThrow(/not a certified NSE/);
  });
});

describe("Theorem 3.3: SP and weak UP clash", () => {
  const perms = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  const alpha = { reward: [0, 0, 0], penalty: [-1, -1, -1] };
  const game = (o1: number[], o2: number[]): SsgInstance => ({
    attacker: alpha,
    defenders: [
      { resources: 1, ...nonOverlappingType(o1) },
      { resources: 1, ...nonOverlappingType(o2) },
    ],
  });

  it("CSW-Max (weakly UP) can be manipulated by a misreport on the paper's m = 3 construction", () => {
    let manipulable = 0;
    for (const o1 of perms)
      for (const o2 of perms) {
        const truth = game(o1, o2);
        const base = trySolveNse(truth);
        if (!base.ok) continue;
        const u0 = cswMax(truth, base.nse).defenderUtilities[0]!;
        for (const lie of perms) {
          const rep = game(lie, o2);
          const r = trySolveNse(rep);
          if (!r.ok) continue;
          const out = cswMax(rep, r.nse);
          if (defenderUtility(truth, 0, out.coverage, out.target) > u0 + 1e-9) manipulable++;
        }
      }
    expect(manipulable).toBeGreaterThan(0);
  });

  it("dictatorship (SP) is not weakly UP: the proof's reversed orders leave the other defender below her NSE utility", () => {
    // dictator = defender 0 (ties in resources → lowest index); she prefers t2, defender 1 ranks t2 last
    const g = game([0, 1, 2], [2, 1, 0]);
    const d = dictatorship(g);
    expect(d.dictator).toBe(0);
    expect(d.target).toBe(2);
    expect(d.defenderUtilities[1]!).toBeLessThanOrEqual(0.5);
    const nse = solveNse(g);
    expect(nse.defenderUtilities[1]!).toBeGreaterThanOrEqual(1);
  });
});

describe("dictatorship (§4)", () => {
  it("is PE, and no defender gains by misreporting (random generic instances and lies)", () => {
    const rng = makeRng(seedFrom("dict-sp"));
    for (const g of randomInstances("dict", 25, [2, 4], [3, 6], "generic", 2)) {
      const out = dictatorship(g);
      expect(out.checks.paretoEfficient).toBe(true);
      expect(out.checks.attackerBestResponse).toBe(true);
      for (let i = 0; i < g.defenders.length; i++)
        for (let rep = 0; rep < 5; rep++) {
          const m = numTargets(g);
          const reward = Array.from({ length: m }, () => rng.next() * 10);
          const lie = { reward, penalty: reward.map((r) => r - 0.1 - rng.next() * 10) };
          const g2: SsgInstance = { ...g, defenders: g.defenders.map((d, j) => (j === i ? { ...d, ...lie } : d)) };
          const out2 = dictatorship(g2);
          expect(defenderUtility(g, i, out2.coverage, out2.target)).toBeLessThanOrEqual(out.defenderUtilities[i]! + 1e-9);
        }
    }
  });
});
