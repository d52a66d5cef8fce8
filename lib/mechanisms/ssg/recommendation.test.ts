import { describe, expect, it } from "vitest";
import { makeRng, seedFrom } from "@/lib/core/rng";
import { cswMaxFull } from "./csw-max";
import { numTargets } from "./model";
import { solveNse, trySolveNse } from "./nse";
import { checkIndividualRationality, decomposeJoint, jointFromProfile, jointMarginals, sampleRecommendation } from "./recommendation";
import { example52, randomInstances } from "./testing";

describe("recommendation strategies (§5.1)", () => {
  it("decompose the mechanism's coverage exactly and respect every defender's resources", () => {
    for (const g of randomInstances("rec-decomp", 15, [2, 5], [3, 9], "generic", 2)) {
      const r = trySolveNse(g);
      if (!r.ok) continue;
      const { outcome } = cswMaxFull(g);
      const dist = decomposeJoint(g, outcome.coverage, outcome.target);
      expect(dist.reduce((s, e) => s + e.prob, 0)).toBeCloseTo(1, 12);
      jointMarginals(dist, numTargets(g)).forEach((x, t) => expect(Math.abs(x - outcome.coverage[t]!)).toBeLessThan(1e-12));
      for (const e of dist) {
        e.assignment.forEach((s, i) => expect(s.length).toBeLessThanOrEqual(g.defenders[i]!.resources));
        const all = e.assignment.flat();
        expect(new Set(all).size).toBe(all.length); // a joint decomposition never double-covers
      }
    }
  });

  it("sampling with a seeded Rng reproduces the distribution and is replayable", () => {
    const { outcome } = cswMaxFull(example52);
    const dist = decomposeJoint(example52, outcome.coverage, outcome.target);
    const rng = makeRng(seedFrom("rec-sample"));
    const N = 20000;
    const hits = new Array<number>(5).fill(0);
    for (let k = 0; k < N; k++) {
      const { recommendations } = sampleRecommendation(dist, rng);
      expect(recommendations.length).toBe(3);
      recommendations.forEach((s) => expect(s.length).toBeLessThanOrEqual(1));
      for (const t of recommendations.flat()) hits[t]!++;
    }
    hits.forEach((h, t) => expect(Math.abs(h / N - outcome.coverage[t]!)).toBeLessThan(4 * Math.sqrt(0.25 / N)));
    const a = sampleRecommendation(dist, makeRng(seedFrom("replay")));
    const b = sampleRecommendation(dist, makeRng(seedFrom("replay")));
    expect(a).toEqual(b);
  });
});

describe("individual rationality (Property 4)", () => {
  it("every NSE played independently is IR (Example 5.2 and random small games)", () => {
    const games = [example52, ...randomInstances("rec-nse-ir", 6, [2, 3], [3, 4], "generic", 1)];
    for (const g of games) {
      const nse = solveNse(g);
      const dist = jointFromProfile(g, nse);
      jointMarginals(dist, numTargets(g)).forEach((x, t) => expect(x).toBeCloseTo(nse.coverage[t]!, 12));
      expect(checkIndividualRationality(g, dist, nse.target).ir).toBe(true);
    }
  });

  it("Theorem 5.5: CSW-Max's PE, weakly UP outcome of Example 5.2 is not IR", () => {
    const { outcome } = cswMaxFull(example52);
    const dist = decomposeJoint(example52, outcome.coverage, outcome.target);
    const rep = checkIndividualRationality(example52, dist, outcome.target);
    expect(rep.ir).toBe(false);
    // the deviator is someone told to protect d or e, which she prefers to b (defenders 1 and 2)
    const gainers = rep.perDefender.filter((p) => p.delta > 1e-6).map((p) => p.defender);
    expect(gainers.some((i) => i === 0 || i === 1)).toBe(true);
  });
});
